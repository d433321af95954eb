/**
 * The contract's drift check, exercised: each `@ts-expect-error` below is a schema that
 * disagrees with its request type, and `npm run typecheck` fails if the compiler stops
 * objecting to any of them. The runtime test only shows the accepted cases still parse.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { defineRequests, type Identical, type Method, type Normalize } from './contract';

interface SampleApi {
  'sample.find': Method<{ name: string; limit?: number }, string[]>;
  'sample.empty': Method<Record<string, never>, null>;
}

const find = z.strictObject({ name: z.string(), limit: z.number().optional() });
const empty = z.strictObject({});

// A schema that matches exactly is accepted.
const sampleRequests = defineRequests<SampleApi>()({ 'sample.find': find, 'sample.empty': empty });

defineRequests<SampleApi>()({
  // @ts-expect-error an optional field the type has is missing from the schema
  'sample.find': z.strictObject({ name: z.string() }),
  'sample.empty': empty,
});

defineRequests<SampleApi>()({
  // @ts-expect-error the schema adds an optional field the type lacks
  'sample.find': find.extend({ offset: z.number().optional() }),
  'sample.empty': empty,
});

defineRequests<SampleApi>()({
  // @ts-expect-error the schema makes an optional field required
  'sample.find': z.strictObject({ name: z.string(), limit: z.number() }),
  'sample.empty': empty,
});

defineRequests<SampleApi>()({
  // @ts-expect-error a default makes what the schema accepts differ from what it produces
  'sample.find': z.strictObject({ name: z.string(), limit: z.number().default(10) }),
  'sample.empty': empty,
});

defineRequests<SampleApi>()({
  // @ts-expect-error the schema accepts a wider type than the request
  'sample.find': z.strictObject({ name: z.union([z.string(), z.number()]), limit: z.number().optional() }),
  'sample.empty': empty,
});

// @ts-expect-error a method without a schema
defineRequests<SampleApi>()({ 'sample.find': find });

defineRequests<SampleApi>()({
  'sample.find': find,
  'sample.empty': empty,
  // @ts-expect-error a schema without a method
  'sample.extra': empty,
});

// Intersections and interfaces compare by their flattened shape.
interface Base {
  version: string;
}
const flattened: Identical<
  Normalize<Base & { refresh?: boolean }>,
  Normalize<{ version: string; refresh?: boolean }>
> = true;
// @ts-expect-error a missing `?` is a difference
const optionality: Identical<{ a?: string }, { a: string | undefined }> = true;

describe('defineRequests', () => {
  it('hands back the schemas it was given, ready to parse requests', () => {
    assert.deepEqual(sampleRequests['sample.find'].parse({ name: 'x', limit: 2 }), { name: 'x', limit: 2 });
    assert.throws(() => sampleRequests['sample.empty'].parse({ stray: 1 }));
    assert.equal(flattened, true);
    assert.equal(optionality, true);
  });
});
