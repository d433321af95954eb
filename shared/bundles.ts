/**
 * Bundles contract: exporting a training run as a model bundle (a folder and a .tar.gz with
 * model.onnx, the native model, signature, metrics, params, lineage, profile, model card and
 * a sha256 manifest; see docs/architecture.md), the workspace's models and their semantic
 * versions, diffs between two versions, and pushing, pulling and listing bundles in any OCI
 * registry as CNCF ModelPack artifacts. The Registry view and `assay export|push|pull|tags|models`
 * call these methods.
 */
import { z } from 'zod';
import { defineRequests, type Method } from './contract';
import type { JobMethod } from './jobs';
import type { Metrics, MetricKey, ParamValue, PredictResult, Task, ValidationSpec } from './training';

/** One file of a bundle, as its manifest.json records it. */
export interface BundleFile {
  /** Relative to the bundle folder, forward slashes ("model.onnx", "native/model.json"). */
  path: string;
  sha256: string;
  bytes: number;
  /** The ModelPack layer media type it is pushed as. */
  mediaType: string;
}

/** A bundle in the workspace: one version of one model. */
export interface BundleInfo {
  model: string;
  /** Semantic version, "1.0.3". */
  version: string;
  /** Absolute path of the bundle folder (under the workspace's artifacts/bundles/). */
  folder: string;
  /** Absolute path of the .tar.gz beside the folder. */
  tarball: string;
  /** The manifest digest ("sha256:…") once pushed or pulled; absent for a local-only version. */
  digest?: string;
  files: BundleFile[];
  createdAt: string;
  /** The run it was exported from. */
  run: string;
  /** "dataset@N" of the version the run trained on. */
  dataset: string;
}

/** One input column of a bundle's signature (also each ONNX input, shape [N, 1]). */
export interface SignatureInput {
  name: string;
  /** The dataset column's type ("DOUBLE", "VARCHAR", …). */
  type: string;
  /** The ONNX input's element type. */
  onnxType: 'float' | 'double' | 'int64' | 'string';
  nullable: boolean;
  /** Categories seen in training, for text columns (capped). */
  categories?: string[];
}

export interface SignatureOutput {
  name: string;
  onnxType: 'float' | 'double' | 'int64' | 'string';
  /** ["N", 1] or ["N", classes]. */
  shape: Array<string | number>;
}

/** What a bundle takes and gives (signature.json). */
export interface BundleSignature {
  task: Task;
  target: string;
  inputs: SignatureInput[];
  outputs: SignatureOutput[];
  /** Class labels in the order of the probabilities' columns. */
  classes?: string[];
}

/** One version in the models list. */
export interface ModelVersionSummary {
  version: string;
  createdAt: string;
  run: string;
  dataset: string;
  algorithm: string;
  metrics: Metrics;
  primaryMetric: MetricKey;
  digest?: string;
  /** Every "oci://host/repo:tag" this version was pushed to or pulled from. */
  pushedRefs: string[];
  /** True when it came from a registry (`registry.pull`) rather than a local run. */
  pulled: boolean;
}

export interface ModelSummary {
  name: string;
  task: Task;
  /** Newest first (by semantic version). */
  versions: ModelVersionSummary[];
  /** The next patch of the latest version: what export suggests. */
  nextVersion: string;
}

/** One version with what its card and the diff need. */
export interface ModelVersionDetail extends BundleInfo {
  summary: ModelVersionSummary;
  signature: BundleSignature;
  params: Record<string, ParamValue>;
  validation?: ValidationSpec;
  /** The model card (README.md), Markdown. */
  card: string;
  pushedRefs: string[];
}

/** Two versions of a model side by side. */
export interface BundleDiff {
  model: string;
  from: string;
  to: string;
  metrics: Array<{ metric: MetricKey; from?: number; to?: number; delta?: number }>;
  signature: {
    added: SignatureInput[];
    removed: SignatureInput[];
    /** Same name, different type, nullability or categories. */
    changed: Array<{ name: string; from: SignatureInput; to: SignatureInput }>;
    outputsChanged: boolean;
  };
  params: Array<{ name: string; from?: ParamValue; to?: ParamValue }>;
}

export interface PushInfo {
  reference: string;
  /** The manifest digest, "sha256:…" — the immutable address of what was pushed. */
  digest: string;
  bytes: number;
  /** Blobs the registry already had (skipped). */
  skipped: number;
}

/** What to push where: a workspace's model version, or a bundle folder anywhere. */
export interface PushRequest {
  /** The workspace's version to push; or `folder`, a bundle folder anywhere. */
  model?: string;
  version?: string;
  folder?: string;
  reference: string;
  plainHttp?: boolean;
  username?: string;
  password?: string;
}

export interface BundlesApi {
  /**
   * Export a run as the next (or the given) version of a model. A job. `out`: also copy the
   * bundle folder and its .tar.gz there (a folder outside the workspace).
   */
  'bundles.export': JobMethod<{ runId: string; name?: string; version?: string; out?: string }, BundleInfo>;
  'bundles.list': Method<Record<string, never>, ModelSummary[]>;
  'bundles.get': Method<{ model: string; version: string }, ModelVersionDetail>;
  'bundles.diff': Method<{ model: string; from: string; to: string }, BundleDiff>;
  /**
   * Predict with a bundle folder's ONNX graph (ONNX Runtime), on a CSV/TSV, Parquet, JSON or
   * NDJSON file read in batches (any size); writes the input columns plus the predictions to
   * `out` as CSV. A job.
   */
  'bundles.predict': JobMethod<{ bundle: string; path: string; out: string }, PredictResult>;
  /**
   * Push a version to `oci://HOST[:PORT]/REPO:TAG`. Credentials live only in memory for this
   * call: never written to the workspace, never logged (the desktop shell keeps remembered
   * logins in the OS keychain, outside the engine). A job with bytes in its progress.
   */
  'registry.push': JobMethod<PushRequest, PushInfo>;
  /** Pull `oci://…:TAG` or `…@sha256:…`, verify every digest and register it as a model version. A job. */
  'registry.pull': JobMethod<
    {
      reference: string;
      plainHttp?: boolean;
      credentials?: { username: string; password: string };
      /** Also copy the pulled bundle folder there. */
      out?: string;
    },
    BundleInfo
  >;
  'registry.tags': Method<
    { reference: string; plainHttp?: boolean; credentials?: { username: string; password: string } },
    { repository: string; tags: string[] }
  >;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const modelName = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'A model name uses lower-case letters, digits, ".", "_" and "-".');
const version = z.string().regex(SEMVER, 'A version is semantic: MAJOR.MINOR.PATCH, e.g. 1.0.0.');
const path = z.string().min(1).max(4096);
const reference = z.string().min(8).max(2000).startsWith('oci://', 'A reference starts with oci://.');
/** Credentials travel only in memory (the desktop shell keeps remembered ones in the OS keychain). */
const credentials = z.strictObject({
  username: z.string().min(1).max(500),
  password: z.string().min(1).max(10_000),
});

export const bundlesRequests = defineRequests<BundlesApi>()({
  'bundles.export': z.strictObject({
    runId: z.string().min(1).max(100),
    name: modelName.optional(),
    version: version.optional(),
    out: path.optional(),
  }),
  'bundles.list': z.strictObject({}),
  'bundles.get': z.strictObject({ model: modelName, version }),
  'bundles.diff': z.strictObject({ model: modelName, from: version, to: version }),
  'bundles.predict': z.strictObject({ bundle: path, path, out: path }),
  'registry.push': z
    .strictObject({
      model: modelName.optional(),
      version: version.optional(),
      folder: path.optional(),
      reference,
      plainHttp: z.boolean().optional(),
      username: z.string().min(1).max(500).optional(),
      password: z.string().min(1).max(10_000).optional(),
    })
    .refine((r) => (r.folder === undefined) === (r.model !== undefined && r.version !== undefined), {
      message: 'Push either a model and its version, or a bundle folder.',
      path: ['folder'],
    }),
  'registry.pull': z.strictObject({
    reference,
    plainHttp: z.boolean().optional(),
    credentials: credentials.optional(),
    out: path.optional(),
  }),
  'registry.tags': z.strictObject({
    reference,
    plainHttp: z.boolean().optional(),
    credentials: credentials.optional(),
  }),
});

/** "1.2.3" → [1, 2, 3]; undefined when not semantic. */
export function parseSemver(text: string): [number, number, number] | undefined {
  const m = SEMVER.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Orders semantic versions ascending (for sort). */
export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a) ?? [0, 0, 0];
  const y = parseSemver(b) ?? [0, 0, 0];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** The next patch after the newest of `versions`; "1.0.0" for a new model. */
export function nextPatch(versions: readonly string[]): string {
  const newest = [...versions].sort(compareSemver).at(-1);
  const v = newest ? parseSemver(newest) : undefined;
  return v ? `${v[0]}.${v[1]}.${v[2] + 1}` : '1.0.0';
}
