/**
 * Feature sets contract: a named, versioned set of feature definitions over an entity (one
 * or more key columns) and an event-time column, materialised as a dataset version, and the
 * point-in-time join that builds a training table from labels and feature sets (for each
 * label row the latest feature values at or before its time, within a time-to-live). See
 * docs/architecture.md, "Inside the features capability".
 */
import { z } from 'zod';
import { defineRequests, type Method } from '../contract';
import { recipeSchema, type Recipe } from '../clean/recipe';
import type { JobMethod } from '../jobs';

/** One feature of a set: a column of its materialised dataset version. */
export interface FeatureDefinition {
  name: string;
  /** DuckDB type name. */
  type: string;
}

/** A set and version as runs and bundles record them. */
export interface FeatureSetRef {
  name: string;
  version: number;
}

/** One version of a feature set: its full definition, immutable once recorded. */
export interface FeatureSetVersion {
  name: string;
  /** 1, 2, 3 … within the set; people write `name@N`. */
  version: number;
  description: string;
  owner: string;
  tags: string[];
  /** The key columns identifying an entity (a customer, a device …). */
  entity: string[];
  /** The column saying when each row's feature values became known. */
  timeColumn: string;
  /** The time-to-live as written ("30d", "12h", "90m"), or null for none. */
  ttl: string | null;
  /** The same in seconds; null for none. */
  ttlSeconds: number | null;
  features: FeatureDefinition[];
  /** The feature steps applied to the source before selecting the features; null for none. */
  recipe: Recipe | null;
  /** The dataset version the set was computed from: id and "dataset@N". */
  source: { version: string; label: string };
  /** The dataset version holding the set's rows (entity, time, features): id and "dataset@N". */
  materialised: { version: string; label: string };
  rows: number;
  /**
   * Source rows left out because a later row has the same entity and time: the set keeps
   * the last recorded of tied rows (the highest position after the recipe), which is what
   * a point-in-time join would take, as pandas' merge_asof does.
   */
  tiedRows: number;
  createdAt: string;
}

/** One set in the list: its name and versions, with the latest version's definition. */
export interface FeatureSetSummary {
  name: string;
  versions: number[];
  latest: FeatureSetVersion;
}

export interface CreateFeatureSetRequest {
  /** The set's name: letters, digits and _; a new version when it exists already. */
  name: string;
  /** The source dataset version: its id, `dataset@N`, or a dataset name (its latest version). */
  dataset: string;
  entity: string[];
  timeColumn: string;
  /** The feature columns (after the recipe); default every column except entity and time. */
  features?: string[];
  /** Feature steps (the recipe format) applied to the source first. */
  recipe?: Recipe;
  /** Time-to-live: a number and a unit, s, m, h, d or w ("30d", "12h", "90m"). */
  ttl?: string;
  description?: string;
  owner?: string;
  tags?: string[];
}

/** One feature set taken into a point-in-time join. */
export interface JoinSetRequest {
  name: string;
  /** Default: the latest version. */
  version?: number;
  /** Overrides the set version's ttl; "none" for no limit. */
  ttl?: string;
}

export interface FeatureJoinRequest {
  /** The label table: its version id, `dataset@N`, or a dataset name (its latest version). */
  labels: string;
  /** The label table's key columns, in the order of each set's entity columns. */
  entity: string[];
  /** The label table's time column: features are taken as they were at this instant. */
  timeColumn: string;
  sets: JoinSetRequest[];
  /** The dataset the training table is saved to (a new version when it exists). */
  name: string;
  /** Name feature columns `<set>__<feature>` instead of `<feature>` (to avoid clashes). */
  prefix?: boolean;
}

export interface FeatureJoinSetResult {
  name: string;
  version: number;
  ttlSeconds: number | null;
  /** Label rows that received a feature row of this set (within its ttl). */
  matchedRows: number;
  /** matchedRows / rows, 0 when there are no label rows. */
  matchedShare: number;
  /** The output columns this set contributed. */
  columns: string[];
}

export interface FeatureJoinResult {
  /** The new dataset version: id and "dataset@N". */
  version: string;
  label: string;
  rows: number;
  columns: number;
  sets: FeatureJoinSetResult[];
  durationMs: number;
}

/** Runs and bundles that used a feature set (version). */
export interface FeatureSetUsage {
  runs: Array<{
    runId: string;
    experiment: string;
    algorithm: string;
    status: string;
    /** "dataset@N" the run trained on. */
    versionLabel: string;
    featureSet: FeatureSetRef;
    createdAt: string;
  }>;
  bundles: Array<{ model: string; version: string; runId: string; featureSet: FeatureSetRef }>;
}

export interface FeatureSetsApi {
  /** Validate, apply the recipe, materialise as a dataset version and record the set's version. */
  'featureSets.create': JobMethod<CreateFeatureSetRequest, FeatureSetVersion>;
  'featureSets.list': Method<Record<string, never>, FeatureSetSummary[]>;
  /** One version of a set; the latest when `version` is omitted. */
  'featureSets.get': Method<{ name: string; version?: number }, FeatureSetVersion>;
  /** Every version of a set, oldest first. */
  'featureSets.versions': Method<{ name: string }, FeatureSetVersion[]>;
  /** Runs (and their bundles) that trained on a set; only one version's when `version` is given. */
  'featureSets.usage': Method<{ name: string; version?: number }, FeatureSetUsage>;
  /** The point-in-time join: a job whose result is the training table's new version. */
  'featureSets.join': JobMethod<FeatureJoinRequest, FeatureJoinResult>;
}

/** A set's name: also a prefix of column names, so identifier characters only. */
export const FEATURE_SET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const setName = z
  .string()
  .trim()
  .min(1, 'Give the feature set a name.')
  .max(100)
  .regex(FEATURE_SET_NAME, 'Use letters, digits and _ for a feature set name, starting with a letter or _.');
const column = z.string().min(1, 'Name a column.').max(300);
const ttl = z.string().trim().min(1).max(40);
const versionNumber = z.number().int().min(1).max(1_000_000_000);
const datasetName = z
  .string()
  .trim()
  .min(1, 'Give the training table a name.')
  .max(120)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_\- .]*$/,
    'Use letters, digits, spaces, _ . or - and start with a letter or _.',
  );

export const featureSetsRequests = defineRequests<FeatureSetsApi>()({
  'featureSets.create': z.strictObject({
    name: setName,
    dataset: z.string().min(1).max(200),
    entity: z.array(column).min(1, 'Name at least one entity column.').max(10),
    timeColumn: column,
    features: z.array(column).min(1, 'Name at least one feature.').max(5000).optional(),
    recipe: recipeSchema.optional(),
    ttl: ttl.optional(),
    description: z.string().max(10_000).optional(),
    owner: z.string().max(200).optional(),
    tags: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
  }),
  'featureSets.list': z.strictObject({}),
  'featureSets.get': z.strictObject({ name: setName, version: versionNumber.optional() }),
  'featureSets.versions': z.strictObject({ name: setName }),
  'featureSets.usage': z.strictObject({ name: setName, version: versionNumber.optional() }),
  'featureSets.join': z.strictObject({
    labels: z.string().min(1).max(200),
    entity: z.array(column).min(1, 'Name at least one entity column.').max(10),
    timeColumn: column,
    sets: z
      .array(z.strictObject({ name: setName, version: versionNumber.optional(), ttl: ttl.optional() }))
      .min(1, 'Name at least one feature set.')
      .max(20),
    name: datasetName,
    prefix: z.boolean().optional(),
  }),
});
