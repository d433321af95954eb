/**
 * Bundles to and from an OCI registry, as jobs: a push checks the folder against its
 * manifest and sends every file as a ModelPack layer (bundle-layers.ts) through the registry
 * client; a pull lands in a staging folder, is verified by digest (the client) and by the
 * bundle's own manifest, then moves into artifacts/bundles/ and becomes a model version.
 * Credentials stay in memory for the call; they are never stored or logged.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BundleInfo, PushInfo, PushRequest } from '../../../shared/bundles';
import { ApiError } from '../../../shared/errors';
import { primaryMetric } from '../../../shared/metrics';
import type { MetricKey, Metrics, Task } from '../../../shared/training';
import type { JobContext } from '../jobs/job-manager';
import { listModelTags, parseOciReference, pullModel, pushModel, type Credentials } from '../registry';
import { requireAbsolute, realPathOf } from '../workspace/caller-paths';
import { artifactFiles, manifestAnnotations, modelPackConfig, type OnnxVersions } from './bundle-layers';
import { readManifest, type BundleManifest } from './bundle-manifest';
import { insertVersionRow, recordReference, requireVersionRow } from './bundle-store';
import { type BundlesService, copyOut } from './bundles-service';
import { bundlePaths } from './export-bundle';
import { ONNX_VERSIONS } from './onnx/export-onnx';
import { writeTarGz } from './tar-gz';

function credentialsOf(username?: string, password?: string): Credentials | undefined {
  if (username === undefined && password === undefined) return undefined;
  if (!username || !password)
    throw new ApiError('INVALID_INPUT', 'Give both a user name and a password for the registry, or neither.');
  return { username, password };
}

function progressOf(ctx: JobContext, verb: string) {
  return (p: { bytesDone: number; bytesTotal: number; file: string }): void =>
    ctx.progress({
      stage: `${verb} ${p.file}`,
      fraction: p.bytesTotal ? p.bytesDone / p.bytesTotal : null,
      done: p.bytesDone,
      total: p.bytesTotal,
    });
}

async function bundleFolder(
  service: BundlesService,
  request: PushRequest,
): Promise<{ folder: string; inWorkspace: boolean }> {
  if (request.folder)
    return {
      folder: await realPathOf(requireAbsolute(request.folder, 'The bundle folder')),
      inWorkspace: false,
    };
  const row = await service.withStore((c) =>
    requireVersionRow(c, service.root, request.model ?? '', request.version ?? ''),
  );
  return { folder: row.folder, inWorkspace: true };
}

/**
 * The ONNX versions the bundle's lineage.json records (checked against its manifest already);
 * a bundle without them was written by this version's writer, whose versions are ONNX_VERSIONS.
 */
async function onnxVersions(folder: string): Promise<OnnxVersions> {
  const lineage = (await readFile(path.join(folder, 'lineage.json'), 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => ({}))) as { onnx?: Partial<OnnxVersions> } | null;
  const whole = (n: unknown): n is number => Number.isSafeInteger(n);
  const o = lineage?.onnx ?? {};
  return {
    irVersion: whole(o.irVersion) ? o.irVersion : ONNX_VERSIONS.irVersion,
    opset: whole(o.opset) ? o.opset : ONNX_VERSIONS.opset,
    mlOpset: whole(o.mlOpset) ? o.mlOpset : ONNX_VERSIONS.mlOpset,
  };
}

export function startPush(
  service: BundlesService,
  request: PushRequest,
): { jobId: string; outcome: Promise<PushInfo> } {
  parseOciReference(request.reference, true);
  const credentials = credentialsOf(request.username, request.password);
  return service.deps.jobs.start(
    { kind: 'push', label: `Pushing to ${request.reference}`, unit: 'bytes' },
    async (ctx) => {
      const { folder, inWorkspace } = await bundleFolder(service, request);
      const manifest = await readManifest(folder);
      const pushed = await pushModel(
        request.reference,
        {
          folder,
          files: artifactFiles(manifest.files),
          config: modelPackConfig(manifest),
          annotations: manifestAnnotations(manifest, await onnxVersions(folder)),
          fileModified: manifest.createdAt,
          onProgress: progressOf(ctx, 'Pushing'),
          signal: ctx.signal,
        },
        { ...(credentials && { credentials }), ...(request.plainHttp && { plainHttp: true }) },
      );
      if (inWorkspace || (await service.find(manifest.model, manifest.version))) {
        await service.withStore((c) =>
          recordReference(c, manifest.model, manifest.version, request.reference, pushed.digest),
        );
        service.deps.events.emit('bundles.changed', { model: manifest.model, version: manifest.version });
      }
      ctx.finalStage(`Pushed ${manifest.model} ${manifest.version} as ${pushed.digest}`);
      return {
        reference: request.reference,
        digest: pushed.digest,
        bytes: pushed.bytesTotal,
        skipped: pushed.skipped.length,
      };
    },
  );
}

export interface PullJobRequest {
  reference: string;
  plainHttp?: boolean;
  credentials?: Credentials;
  out?: string;
}

export function startPull(
  service: BundlesService,
  request: PullJobRequest,
): { jobId: string; outcome: Promise<BundleInfo> } {
  parseOciReference(request.reference, true);
  return service.deps.jobs.start(
    { kind: 'pull', label: `Pulling ${request.reference}`, unit: 'bytes' },
    async (ctx) => {
      const workspace = service.deps.workspace();
      const staging = path.join(workspace.artifactsDir, 'bundles', `.pull-${randomUUID()}`);
      await mkdir(staging, { recursive: true });
      try {
        const pulled = await pullModel(
          request.reference,
          { folder: staging, onProgress: progressOf(ctx, 'Pulling'), signal: ctx.signal },
          {
            ...(request.credentials && { credentials: request.credentials }),
            ...(request.plainHttp && { plainHttp: true }),
          },
        );
        const manifest = await readManifest(staging);
        const info = await register(service, staging, manifest, request.reference, pulled.digest);
        if (request.out) await copyOut(info, request.out);
        ctx.finalStage(`Pulled ${info.model} ${info.version} (${pulled.digest})`);
        return info;
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    },
  );
}

/** Moves a verified pull into place and records it (or only the reference, when the same version is here). */
async function register(
  service: BundlesService,
  staging: string,
  manifest: BundleManifest,
  reference: string,
  digest: string,
): Promise<BundleInfo> {
  const { model, version } = manifest;
  const workspace = service.deps.workspace();
  const { folder, tarball } = bundlePaths(workspace.artifactsDir, model, version);
  const existing = await service.find(model, version);
  if (existing) {
    const same =
      JSON.stringify(existing.files.map((f) => f.sha256)) ===
      JSON.stringify(manifest.files.map((f) => f.sha256));
    if (!same)
      throw new ApiError(
        'CONFLICT',
        `This workspace already has a different ${model} ${version}; pull it into another workspace.`,
      );
  } else {
    if (
      await stat(folder).then(
        () => true,
        () => false,
      )
    )
      throw new ApiError(
        'CONFLICT',
        `${folder} already exists but is not a registered bundle; remove it and pull again.`,
      );
    await mkdir(path.dirname(folder), { recursive: true });
    await rename(staging, folder);
    // The manifest lists every file the bundle carries (features/feature-sets.json too).
    const files = [...manifest.files.map((f) => f.path), 'manifest.json'];
    await writeTarGz(folder, files, tarball, `${model}-${version}/`);
    const task = manifest.task as Task;
    const metrics = await readMetrics(folder, task);
    const info: BundleInfo = {
      model,
      version,
      folder,
      tarball,
      digest,
      files: manifest.files,
      createdAt: manifest.createdAt,
      run: manifest.run,
      dataset: manifest.dataset,
    };
    await service.withStore((c) =>
      insertVersionRow(c, workspace.root, {
        info,
        task,
        algorithm: manifest.algorithm,
        metrics: metrics.metrics,
        primaryMetric: metrics.primaryMetric,
        pulled: true,
        pushedRefs: [],
      }),
    );
  }
  await service.withStore((c) => recordReference(c, model, version, reference, digest));
  service.deps.events.emit('bundles.changed', { model, version });
  const row = await service.find(model, version);
  return {
    model,
    version,
    folder,
    tarball,
    digest,
    files: manifest.files,
    createdAt: row?.createdAt ?? manifest.createdAt,
    run: manifest.run,
    dataset: manifest.dataset,
  };
}

async function readMetrics(
  folder: string,
  task: Task,
): Promise<{ metrics: Metrics; primaryMetric: MetricKey }> {
  const parsed = JSON.parse(await readFile(path.join(folder, 'metrics.json'), 'utf8')) as {
    metrics?: Metrics;
    primaryMetric?: MetricKey;
  };
  return { metrics: parsed.metrics ?? {}, primaryMetric: parsed.primaryMetric ?? primaryMetric(task) };
}

export async function repositoryTags(
  reference: string,
  plainHttp?: boolean,
  credentials?: Credentials,
): Promise<{ repository: string; tags: string[] }> {
  const ref = parseOciReference(reference, false);
  const tags = await listModelTags(reference, {
    ...(credentials && { credentials }),
    ...(plainHttp && { plainHttp: true }),
  });
  return { repository: `${ref.registry}/${ref.repository}`, tags };
}
