/**
 * `GET /v2/<name>/tags/list`, following the `Link: <…>; rel="next"` pages a registry
 * may split a long list into.
 */
import { readText } from './http-send';
import type { OciReference } from './oci-reference';
import { RegistryError } from './registry-error';
import type { RegistryHttp } from './registry-http';

const MAX_PAGES = 1000;

export async function listTags(
  client: RegistryHttp,
  ref: OciReference,
  signal?: AbortSignal,
): Promise<string[]> {
  const tags: string[] = [];
  let url: string | undefined = `/v2/${ref.repository}/tags/list`;
  for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
    const response = await client.expect(
      { method: 'GET', url, scope: `repository:${ref.repository}:pull`, ...(signal && { signal }) },
      [200],
      `listing the tags of ${ref.registry}/${ref.repository}`,
    );
    const body = JSON.parse(await readText(response)) as { tags?: unknown };
    if (body.tags !== null && body.tags !== undefined && !Array.isArray(body.tags)) {
      throw new RegistryError('INVALID_INPUT', `The registry's tag list is not a list.`);
    }
    for (const tag of body.tags ?? []) if (typeof tag === 'string') tags.push(tag);
    const link = response.headers.link;
    url = typeof link === 'string' ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1] : undefined;
  }
  return tags;
}
