/**
 * Building blocks for the contract: how one method is described and checked. Each
 * capability declares its methods as an interface of `Method<Req, Res>` plus one zod
 * schema per method, registered through `defineRequests`; `api.ts` intersects them into
 * the single `Api` table. zod is plain JavaScript (no Node or DOM), so the renderer, the
 * main process and the server can all validate against the same schemas.
 *
 * The request types stay hand-written (they carry the doc comments people read), so the
 * compiler has to keep them and the schemas in step: a schema that drops, adds or
 * loosens a field — optional ones included — fails `npm run typecheck` naming the method.
 */
import type { z } from 'zod';

export interface Method<Req, Res> {
  request: Req;
  response: Res;
}

/** The methods of one capability: method name → `Method<Req, Res>`. */
export type MethodTable<T> = { [K in keyof T]: Method<unknown, unknown> };

/** One zod schema per method of a capability, typed by what it accepts. */
export type RequestSchemas<T extends MethodTable<T>> = {
  [M in keyof T]: z.ZodType<T[M]['request']>;
};

/**
 * Flattens intersections and interfaces into plain object types, all the way down, so
 * that `A & { b?: string }` and a schema's `{ ...A; b?: string }` compare as the same.
 */
export type Normalize<T> = T extends Uint8Array
  ? T
  : T extends ReadonlyArray<infer U>
    ? Normalize<U>[]
    : T extends object
      ? { [K in keyof T]: Normalize<T[K]> }
      : T;

/**
 * True only when A and B are the same type, not merely assignable: the compiler compares
 * these two deferred conditional types by identity, which sees a missing `?`, an extra
 * optional field and a wider union that assignability forgives.
 */
export type Identical<A, B> =
  (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

/** Whether a schema accepts and produces exactly the request type, before and after parsing. */
type SchemaMatches<Schema extends z.ZodType, Request> =
  Identical<Normalize<z.output<Schema>>, Normalize<Request>> extends true
    ? Identical<Normalize<z.input<Schema>>, Normalize<Request>>
    : false;

/**
 * What each entry must be: the schema itself when it matches, otherwise a sentence that
 * the compiler prints beside the method's name.
 */
export type CheckedSchemas<T extends MethodTable<T>, S> = {
  [M in keyof T]: M extends keyof S
    ? S[M] extends z.ZodType
      ? SchemaMatches<S[M], T[M]['request']> extends true
        ? S[M]
        : `the schema of '${M & string}' does not describe exactly its request type`
      : never
    : z.ZodType<T[M]['request']>;
} & {
  [M in Exclude<keyof S, keyof T>]: `'${M & string}' is not a method of this capability`;
};

/**
 * Registers a capability's request schemas, checked against its interface: every method
 * needs a schema, no schema may lack a method, and each schema's parsed and accepted
 * types must be identical to the method's request type. Curried so that the capability
 * is named explicitly while the schemas' own types are inferred.
 *
 * @example
 * export const jobsRequests = defineRequests<JobsApi>()({ 'jobs.list': z.strictObject({}), … });
 */
export function defineRequests<T extends MethodTable<T>>() {
  return <const S extends { [M in keyof S]: z.ZodType }>(
    schemas: S & CheckedSchemas<T, S>,
  ): RequestSchemas<T> => schemas as unknown as RequestSchemas<T>;
}
