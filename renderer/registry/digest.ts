/** Digests and references as people read them. */

/** "sha256:0123456789ab…" — enough to tell versions apart; the full digest goes in the title. */
export function shortDigest(digest: string): string {
  const [algorithm, hex = ''] = digest.split(':');
  return hex.length > 12 ? `${algorithm}:${hex.slice(0, 12)}…` : digest;
}

/** The address a push suggests: the registry last used, the model as the repository, the version as the tag. */
export function suggestReference(registry: string, model: string, version: string): string {
  return `oci://${registry}/${model}:${version}`;
}

/** "127.0.0.1:5000" from "oci://127.0.0.1:5000/churn:1.0.0"; null when it is not an oci:// reference. */
export function registryOf(reference: string): string | null {
  const m = /^oci:\/\/([^/]+)\//.exec(reference.trim());
  return m ? m[1]! : null;
}

/** Loopback hosts, where plain HTTP is allowed without asking. */
export function isLoopback(reference: string): boolean {
  const host = registryOf(reference)?.replace(/:\d+$/, '') ?? '';
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}
