/**
 * Pushing a folder as a CNCF ModelPack artifact: every file's digest is computed by
 * streaming it, each blob goes up (or is skipped when the registry has it), the config
 * last, and only then the manifest is PUT under the version's tag — so a failed push
 * never publishes a half version (docs/architecture.md, "Model registry"). Further tags
 * point at the same manifest; the digest returned is the immutable name of the version.
 */
import { stat } from 'node:fs/promises';
import { pushBlob, pushScope, type BlobToPush } from './blob-upload';
import { checkBundlePath, resolveInside } from './bundle-path';
import { digestBytes, digestFile } from './file-digest';
import { drain } from './http-send';
import {
  DIGEST_PATTERN,
  type Descriptor,
  FILE_METADATA_ANNOTATION,
  FILEPATH_ANNOTATION,
  MODEL_ARTIFACT_TYPE,
  MODEL_CONFIG,
  OCI_MANIFEST,
  type OciManifest,
} from './media-types';
import { type OciReference, versionOf } from './oci-reference';
import { RegistryError } from './registry-error';
import type { RegistryHttp } from './registry-http';

export interface ArtifactFile {
  /** Path inside the folder, with `/`: also the layer's `org.cncf.model.filepath`. */
  filepath: string;
  /** A ModelPack layer media type (`modelLayerMediaType`). */
  mediaType: string;
  /**
   * "sha256:…" when the caller has just verified it (a bundle's checked manifest): the file is
   * then not hashed again. The registry checks it against the bytes it receives either way.
   */
  digest?: string;
}

export interface TransferProgress {
  bytesDone: number;
  bytesTotal: number;
  /** The file being sent or received. */
  file: string;
}

export interface PushRequest {
  folder: string;
  files: ArtifactFile[];
  /**
   * The ModelPack config document (descriptor, config, modelfs), or a function building it
   * from the layers' DiffIDs — for raw layers, their digests in layer order.
   */
  config: unknown;
  /**
   * When given (RFC 3339), each layer carries ModelPack's file-metadata annotation with this
   * as its mtime and constant owner and mode, so the same folder always gives the same manifest.
   */
  fileModified?: string;
  annotations?: Record<string, string>;
  /** More tags for the same manifest (e.g. `latest`). */
  extraTags?: string[];
  chunkSize?: number;
  onProgress?: (progress: TransferProgress) => void;
  signal?: AbortSignal;
}

export interface PushResult {
  digest: string;
  tags: string[];
  uploaded: string[];
  skipped: string[];
  bytesTotal: number;
}

const DEFAULT_CHUNK = 32 * 1024 * 1024;

export async function pushArtifact(
  client: RegistryHttp,
  ref: OciReference,
  request: PushRequest,
): Promise<PushResult> {
  const { signal } = request;
  const layers: (BlobToPush & { mediaType: string })[] = [];
  const seen = new Set<string>();
  for (const file of request.files) {
    checkBundlePath(file.filepath);
    if (seen.has(file.filepath))
      throw new RegistryError('INVALID_INPUT', `${file.filepath} is listed twice.`);
    seen.add(file.filepath);
    const filePath = resolveInside(request.folder, file.filepath);
    const { digest, size } =
      file.digest && DIGEST_PATTERN.test(file.digest)
        ? { digest: file.digest, size: (await stat(filePath)).size }
        : await digestFile(filePath, signal);
    layers.push({
      source: { path: filePath },
      digest,
      size,
      label: file.filepath,
      mediaType: file.mediaType,
    });
  }
  const document: unknown =
    typeof request.config === 'function'
      ? (request.config as (diffIds: string[]) => unknown)(layers.map((l) => l.digest))
      : request.config;
  const configBytes = Buffer.from(JSON.stringify(document));
  const config: BlobToPush = {
    source: { bytes: configBytes },
    digest: digestBytes(configBytes),
    size: configBytes.length,
    label: 'the model config',
  };
  const blobs = [...layers, config];
  const bytesTotal = blobs.reduce((sum, blob) => sum + blob.size, 0);
  let finished = 0;
  const uploaded: string[] = [];
  const skipped: string[] = [];
  for (const blob of blobs) {
    const report = (sent: number): void =>
      request.onProgress?.({ bytesDone: finished + sent, bytesTotal, file: blob.label });
    const outcome = await pushBlob(client, ref.repository, blob, {
      chunkSize: request.chunkSize ?? DEFAULT_CHUNK,
      onBytes: report,
      ...(signal && { signal }),
    });
    (outcome === 'uploaded' ? uploaded : skipped).push(blob.label);
    finished += blob.size;
  }
  const manifest: OciManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: MODEL_ARTIFACT_TYPE,
    config: { mediaType: MODEL_CONFIG, digest: config.digest, size: config.size },
    layers: layers.map((layer): Descriptor => ({
      mediaType: layer.mediaType,
      digest: layer.digest,
      size: layer.size,
      annotations: {
        [FILEPATH_ANNOTATION]: layer.label,
        ...(request.fileModified && {
          [FILE_METADATA_ANNOTATION]: fileMetadata(layer.label, layer.size, request.fileModified),
        }),
      },
    })),
    ...(request.annotations && { annotations: request.annotations }),
  };
  const bytes = Buffer.from(JSON.stringify(manifest));
  const digest = digestBytes(bytes);
  const tags = [versionOf(ref), ...(request.extraTags ?? [])];
  for (const tag of tags) await putManifest(client, ref.repository, tag, bytes, digest, signal);
  return { digest, tags: tags.filter((tag) => !tag.startsWith('sha256:')), uploaded, skipped, bytesTotal };
}

/** ModelPack's FileMetadata for a raw layer: a regular file (typeflag '0') owned by root, 0644. */
function fileMetadata(name: string, size: number, mtime: string): string {
  return JSON.stringify({ name, mode: 0o644, uid: 0, gid: 0, size, mtime, typeflag: 48 });
}

async function putManifest(
  client: RegistryHttp,
  repository: string,
  reference: string,
  bytes: Buffer,
  digest: string,
  signal?: AbortSignal,
): Promise<void> {
  const response = await client.expect(
    {
      method: 'PUT',
      url: `/v2/${repository}/manifests/${reference}`,
      scope: pushScope(repository),
      headers: { 'content-type': OCI_MANIFEST },
      body: () => bytes,
      ...(signal && { signal }),
    },
    [201],
    `publishing the manifest as ${reference}`,
  );
  drain(response);
  const echoed = response.headers['docker-content-digest'];
  if (typeof echoed === 'string' && echoed !== digest) {
    throw new RegistryError(
      'INTERNAL',
      `The registry stored the manifest as ${echoed}, not ${digest}: it changed the manifest.`,
    );
  }
}
