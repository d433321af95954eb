/**
 * `oci://HOST[:PORT]/REPO[:TAG][@sha256:…]` references: parsed once, checked against the
 * distribution spec's grammar, and turned into the base URL of the registry's API. Plain
 * HTTP is chosen only for a loopback host or when the caller asks for it, so credentials
 * never cross a network in clear text by accident (docs/architecture.md, "Model registry").
 */
import { ApiError } from '../../../shared/errors';
import { DIGEST_PATTERN } from './media-types';

export interface OciReference {
  /** `host` or `host:port`, as typed. */
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

const REPO_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const HOST = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\d{1,5})?$/;

function bad(text: string, why: string): ApiError {
  return new ApiError(
    'INVALID_INPUT',
    `"${text}" is not a registry reference: ${why} (expected oci://HOST[:PORT]/REPO:TAG or oci://HOST[:PORT]/REPO@sha256:…).`,
  );
}

/** Parses a reference; `requireVersion` demands a tag or a digest (push and pull do). */
export function parseOciReference(text: string, requireVersion = true): OciReference {
  const rest = text.startsWith('oci://') ? text.slice('oci://'.length) : undefined;
  if (rest === undefined) throw bad(text, 'it must start with oci://');
  const slash = rest.indexOf('/');
  if (slash <= 0) throw bad(text, 'it has no repository after the host');
  const registry = rest.slice(0, slash);
  if (!HOST.test(registry)) throw bad(text, `"${registry}" is not a host name with an optional port`);
  let path = rest.slice(slash + 1);
  let digest: string | undefined;
  const at = path.indexOf('@');
  if (at >= 0) {
    digest = path.slice(at + 1);
    path = path.slice(0, at);
    if (!DIGEST_PATTERN.test(digest)) throw bad(text, `"${digest}" is not a sha256 digest`);
  }
  let tag: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon >= 0) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!TAG.test(tag)) throw bad(text, `"${tag}" is not a valid tag`);
  }
  if (!path.split('/').every((part) => REPO_COMPONENT.test(part))) {
    throw bad(text, `"${path}" is not a repository name (lowercase letters, digits, . _ - and /)`);
  }
  if (requireVersion && tag === undefined && digest === undefined) {
    throw bad(text, 'it names no tag and no digest');
  }
  return {
    registry,
    repository: path,
    ...(tag !== undefined && { tag }),
    ...(digest !== undefined && { digest }),
  };
}

/** The reference's tag or digest, as the API's `<reference>` path segment. */
export function versionOf(ref: OciReference): string {
  const version = ref.digest ?? ref.tag;
  if (version === undefined) throw bad(formatOciReference(ref), 'it names no tag and no digest');
  return version;
}

export function formatOciReference(ref: OciReference): string {
  return `oci://${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${
    ref.digest !== undefined ? `@${ref.digest}` : ''
  }`;
}

export function isLoopbackHost(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** `http(s)://HOST[:PORT]`; plain HTTP only for loopback or an explicit `plainHttp: true`. */
export function registryOrigin(registry: string, plainHttp?: boolean): string {
  const plain = plainHttp ?? isLoopbackHost(registry);
  return `${plain ? 'http' : 'https'}://${registry}`;
}
