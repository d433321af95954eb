/**
 * The registry client's entry points: push a folder as a ModelPack artifact, pull one
 * into a folder, list a repository's tags. Each call opens one connection pool to the
 * reference's registry, with its credentials and TLS trust, and closes it afterwards
 * (docs/architecture.md, "Model registry").
 */
import { readFile } from 'node:fs/promises';
import type { RetryPolicy } from './backoff';
import { listTags } from './list-tags';
import { type OciReference, parseOciReference, registryOrigin } from './oci-reference';
import { type PullRequest, type PullResult, pullArtifact } from './pull-artifact';
import { type PushRequest, type PushResult, pushArtifact } from './push-artifact';
import type { Credentials } from './registry-auth';
import { RegistryHttp } from './registry-http';

export interface RegistryOptions {
  credentials?: Credentials;
  /** Plain HTTP: by default only for loopback hosts. */
  plainHttp?: boolean;
  /** A PEM bundle of the certificates to trust for the registry's TLS. */
  caFile?: string;
  retry?: RetryPolicy;
}

async function open(ref: OciReference, options: RegistryOptions): Promise<RegistryHttp> {
  return new RegistryHttp({
    origin: registryOrigin(ref.registry, options.plainHttp),
    ...(options.credentials && { credentials: options.credentials }),
    ...(options.caFile !== undefined && { ca: await readFile(options.caFile, 'utf8') }),
    ...(options.retry && { retry: options.retry }),
  });
}

async function withRegistry<T>(
  reference: string,
  requireVersion: boolean,
  options: RegistryOptions,
  run: (client: RegistryHttp, ref: OciReference) => Promise<T>,
): Promise<T> {
  const ref = parseOciReference(reference, requireVersion);
  const client = await open(ref, options);
  try {
    return await run(client, ref);
  } finally {
    client.close();
  }
}

/** Pushes `request.files` from `request.folder` to `oci://HOST/REPO:TAG`. */
export function pushModel(
  reference: string,
  request: PushRequest,
  options: RegistryOptions = {},
): Promise<PushResult> {
  return withRegistry(reference, true, options, (client, ref) => pushArtifact(client, ref, request));
}

/** Pulls `oci://HOST/REPO:TAG` or `…@sha256:…` into `request.folder`, verified. */
export function pullModel(
  reference: string,
  request: PullRequest,
  options: RegistryOptions = {},
): Promise<PullResult> {
  return withRegistry(reference, true, options, (client, ref) => pullArtifact(client, ref, request));
}

/** The tags of `oci://HOST/REPO` (a tag or digest in the reference is ignored). */
export function listModelTags(
  reference: string,
  options: RegistryOptions & { signal?: AbortSignal } = {},
): Promise<string[]> {
  return withRegistry(reference, false, options, (client, ref) => listTags(client, ref, options.signal));
}
