/**
 * Pulling a ModelPack artifact by tag or digest into a folder. The manifest's own digest
 * is checked (against the reference when pulled by digest, against the registry's
 * Docker-Content-Digest when pulled by tag), then every blob's; the files land in a
 * staging folder and move into place only when all of them verified, so a refused pull
 * writes nothing (docs/architecture.md, "Model registry").
 */
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { downloadBlob } from './blob-download';
import { resolveInside } from './bundle-path';
import { digestBytes } from './file-digest';
import { readText } from './http-send';
import { FILEPATH_ANNOTATION, MODEL_ARTIFACT_TYPE, MODEL_CONFIG, OCI_MANIFEST } from './media-types';
import { parseManifest } from './manifest-check';
import type { OciManifest } from './media-types';
import { type OciReference, formatOciReference, versionOf } from './oci-reference';
import type { TransferProgress } from './push-artifact';
import { RegistryError } from './registry-error';
import type { RegistryHttp } from './registry-http';

export interface PullRequest {
  folder: string;
  onProgress?: (progress: TransferProgress) => void;
  signal?: AbortSignal;
}

export interface PullResult {
  digest: string;
  manifest: OciManifest;
  config: unknown;
  /** Bundle paths written, in the manifest's order. */
  files: string[];
}

export async function fetchManifest(
  client: RegistryHttp,
  ref: OciReference,
  signal?: AbortSignal,
): Promise<{ digest: string; manifest: OciManifest }> {
  const response = await client.expect(
    {
      method: 'GET',
      url: `/v2/${ref.repository}/manifests/${versionOf(ref)}`,
      scope: `repository:${ref.repository}:pull`,
      headers: { accept: OCI_MANIFEST },
      ...(signal && { signal }),
    },
    [200],
    `reading the manifest of ${formatOciReference(ref)}`,
  );
  const bytes = Buffer.from(await readText(response), 'utf8');
  const digest = digestBytes(bytes);
  const echoed = response.headers['docker-content-digest'];
  const expected = ref.digest ?? (typeof echoed === 'string' ? echoed : undefined);
  if (expected !== undefined && expected !== digest) {
    throw new RegistryError(
      'INVALID_INPUT',
      `The manifest of ${formatOciReference(ref)} hashes to ${digest}, not ${expected}: it was altered, so the pull was refused.`,
    );
  }
  return { digest, manifest: parseManifest(bytes) };
}

export async function pullArtifact(
  client: RegistryHttp,
  ref: OciReference,
  request: PullRequest,
): Promise<PullResult> {
  const { signal } = request;
  const { digest, manifest } = await fetchManifest(client, ref, signal);
  if (manifest.artifactType !== MODEL_ARTIFACT_TYPE && manifest.config.mediaType !== MODEL_CONFIG) {
    throw new RegistryError(
      'UNSUPPORTED',
      `${formatOciReference(ref)} is not a CNCF ModelPack artifact (its artifactType is ${manifest.artifactType ?? 'missing'}).`,
    );
  }
  const files = manifest.layers.map((layer) => layer.annotations?.[FILEPATH_ANNOTATION] ?? '');
  files.forEach((file) => resolveInside(request.folder, file));
  if (new Set(files).size !== files.length) {
    throw new RegistryError(
      'INVALID_INPUT',
      `The manifest of ${formatOciReference(ref)} names one file path twice.`,
    );
  }
  await mkdir(request.folder, { recursive: true });
  const staging = await mkdtemp(path.join(request.folder, '.assay-pull-'));
  try {
    const bytesTotal = manifest.layers.reduce((sum, layer) => sum + layer.size, manifest.config.size);
    let finished = 0;
    const descriptors = [manifest.config, ...manifest.layers];
    const labels = ['the model config', ...files];
    for (const [index, descriptor] of descriptors.entries()) {
      const label = labels[index] ?? '';
      await downloadBlob(client, ref.repository, {
        descriptor,
        label,
        target: path.join(staging, String(index)),
        onBytes: (received) =>
          request.onProgress?.({ bytesDone: finished + received, bytesTotal, file: label }),
        ...(signal && { signal }),
      });
      finished += descriptor.size;
    }
    const config: unknown = JSON.parse(await readFile(path.join(staging, '0'), 'utf8'));
    for (const [index, file] of files.entries()) {
      const target = resolveInside(request.folder, file);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(path.join(staging, String(index + 1)), target);
    }
    return { digest, manifest, config, files };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
