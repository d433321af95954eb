/**
 * Model bundles as the workspace keeps them: exporting a run as a model version (a job that
 * writes the bundle, export-bundle.ts, and records it, bundle-store.ts), the models list, one
 * version with its card, diffs, and — through registry-transfer.ts — push, pull and tags.
 * See docs/architecture.md, "Inside the bundles capability".
 */
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  type BundleDiff,
  type BundleInfo,
  type BundleSignature,
  type ModelSummary,
  type ModelVersionDetail,
  compareSemver,
  nextPatch,
} from '../../../shared/bundles';
import { ApiError } from '../../../shared/errors';
import type { Profile } from '../../../shared/profile';
import type { ParamValue, ValidationSpec } from '../../../shared/training';
import { appVersion } from '../app/package-root';
import type { EventBus } from '../core/event-bus';
import type { DatasetsService } from '../datasets/datasets-service';
import { SerialConnection } from '../db/serial-connection';
import type { JobContext, JobManager } from '../jobs/job-manager';
import type { ProfileService } from '../profile/profile-service';
import type { TrainingService } from '../training/training-service';
import { resolveWriteTarget } from '../workspace/caller-paths';
import type { Workspace } from '../workspace/workspace';
import { diffVersions, type DiffSide } from './bundle-diff';
import { versionFacts } from './bundle-fingerprint';
import {
  findVersionRow,
  insertVersionRow,
  listVersionRows,
  requireVersionRow,
  versionsOf,
  type VersionRow,
} from './bundle-store';
import { featureSetsFile } from '../features/sets/bundle-definitions';
import { exportBundle } from './export-bundle';

export interface BundleDeps {
  workspace: () => Workspace;
  jobs: JobManager;
  events: EventBus;
  datasets: DatasetsService;
  profiles: ProfileService;
  training: TrainingService;
}

/** A model name from a run: "<dataset>-<target>", lower-case, safe for paths and tags. */
export function defaultModelName(dataset: string, target: string): string {
  const slug = `${dataset}-${target}`
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return (slug || 'model').slice(0, 120);
}

/** Copies a bundle folder and its tarball into `out` (a folder outside the workspace). */
export async function copyOut(info: BundleInfo, out: string): Promise<void> {
  const target = await resolveWriteTarget(out, 'The output folder');
  await cp(info.folder, target, { recursive: true, force: true });
  await cp(info.tarball, path.join(target, path.basename(info.tarball)), { force: true });
}

export class BundlesService {
  private readonly stores = new WeakMap<Workspace, Promise<SerialConnection>>();

  constructor(readonly deps: BundleDeps) {}

  /** The models table's connection for the open workspace. */
  withStore<T>(work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const workspace = this.deps.workspace();
    let store = this.stores.get(workspace);
    if (!store) {
      store = workspace.connect().then((c) => new SerialConnection(c));
      store.catch(() => this.stores.delete(workspace));
      this.stores.set(workspace, store);
    }
    return store.then((s) => s.use(work));
  }

  get root(): string {
    return this.deps.workspace().root;
  }

  startExport(request: { runId: string; name?: string; version?: string; out?: string }): {
    jobId: string;
    outcome: Promise<BundleInfo>;
  } {
    return this.deps.jobs.start({ kind: 'export', label: `Exporting run ${request.runId}` }, (ctx) =>
      this.exportRun(ctx, request),
    );
  }

  private async exportRun(
    ctx: JobContext,
    request: { runId: string; name?: string; version?: string; out?: string },
  ): Promise<BundleInfo> {
    const run = await this.deps.training.get(request.runId);
    if (run.status !== 'succeeded' || !run.modelPath)
      throw new ApiError(
        'INVALID_INPUT',
        `Run ${run.id} has no model (it ${run.status}); export a run that succeeded.`,
      );
    const model = request.name ?? defaultModelName(run.dataset, run.target);
    const existing = await this.withStore((c) => versionsOf(c, model));
    const version = request.version ?? nextPatch(existing);
    if (existing.includes(version))
      throw new ApiError(
        'CONFLICT',
        `The model "${model}" already has version ${version}; choose another (next: ${nextPatch(existing)}).`,
      );
    ctx.progress({ stage: 'Reading the training data', fraction: 0.05 });
    const dataset = await this.deps.datasets.version(run.version);
    const workspace = this.deps.workspace();
    const inputs = run.features;
    const facts = await workspace.withConnection((connection) => versionFacts(connection, dataset, inputs));
    const featureSets = await workspace.withConnection((c) => featureSetsFile(c, run.featureSets ?? []));
    ctx.throwIfCancelled();
    ctx.progress({ stage: 'Profiling the training data', fraction: 0.2 });
    const profile = await this.trainingProfile(run.version);
    ctx.throwIfCancelled();
    ctx.progress({ stage: 'Writing the bundle', fraction: 0.6 });
    const info = await exportBundle(workspace.artifactsDir, {
      model,
      version,
      run,
      dataset,
      ...facts,
      profile,
      codeVersion: appVersion(),
      featureSets,
    });
    await this.withStore((c) =>
      insertVersionRow(c, workspace.root, {
        info,
        task: run.task,
        algorithm: run.algorithm,
        metrics: run.metrics,
        primaryMetric: run.primaryMetric,
        pulled: false,
        pushedRefs: [],
      }),
    );
    if (request.out) await copyOut(info, request.out);
    this.deps.events.emit('bundles.changed', { model, version });
    ctx.finalStage(`Exported ${model} ${version}`);
    return info;
  }

  /** The training version's cached profile, else one computed now. */
  private async trainingProfile(version: string): Promise<Profile> {
    const cached = await this.deps.profiles.get({ version });
    if (cached) return cached;
    return (await this.deps.profiles.run({ version })).outcome;
  }

  async list(): Promise<ModelSummary[]> {
    const rows = await this.withStore((c) => listVersionRows(c, this.root));
    const byModel = new Map<string, VersionRow[]>();
    for (const row of rows) byModel.set(row.model, [...(byModel.get(row.model) ?? []), row]);
    return [...byModel.entries()].map(([name, versions]) => ({
      name,
      task: versions[0]!.task,
      versions: versions
        .sort((a, b) => compareSemver(b.version, a.version))
        .map(({ model: _m, task: _t, folder: _f, tarball: _b, files: _x, ...summary }) => summary),
      nextVersion: nextPatch(versions.map((v) => v.version)),
    }));
  }

  async get(model: string, version: string): Promise<ModelVersionDetail> {
    const row = await this.withStore((c) => requireVersionRow(c, this.root, model, version));
    const read = async <T>(file: string): Promise<T> => {
      try {
        return JSON.parse(await readFile(path.join(row.folder, file), 'utf8')) as T;
      } catch {
        throw new ApiError(
          'NOT_FOUND',
          `The bundle of ${model} ${version} has no readable ${file}; export it again.`,
        );
      }
    };
    const params = await read<{ params: Record<string, ParamValue> }>('params.json');
    const metrics = await read<{ validation?: ValidationSpec }>('metrics.json');
    const { model: _m, task: _t, folder, tarball, files, ...summary } = row;
    return {
      model,
      version,
      folder,
      tarball,
      ...(row.digest !== undefined && { digest: row.digest }),
      files,
      createdAt: row.createdAt,
      run: row.run,
      dataset: row.dataset,
      summary,
      signature: await read<BundleSignature>('signature.json'),
      params: params.params,
      ...(metrics.validation && { validation: metrics.validation }),
      card: await readFile(path.join(folder, 'README.md'), 'utf8').catch(() => ''),
      pushedRefs: row.pushedRefs,
    };
  }

  async diff(model: string, from: string, to: string): Promise<BundleDiff> {
    const side = async (version: string): Promise<DiffSide> => {
      const d = await this.get(model, version);
      return { version, metrics: d.summary.metrics, signature: d.signature, params: d.params };
    };
    return diffVersions(model, await side(from), await side(to));
  }

  find(model: string, version: string): Promise<VersionRow | undefined> {
    return this.withStore((c) => findVersionRow(c, this.root, model, version));
  }
}
