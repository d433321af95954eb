/**
 * `WWW-Authenticate` challenges (RFC 7235) as registries send them: `Basic realm="…"` or
 * `Bearer realm="…",service="…",scope="repository:name:pull,push"`. Quoted values may
 * hold commas (the scope's action list), so this is a small tokenizer, not a split.
 */

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const PARAM = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/y;

/** The first challenge in the header, with the scheme in lowercase. */
export function parseChallenge(header: string | string[] | undefined): Challenge | undefined {
  const text = Array.isArray(header) ? header[0] : header;
  if (text === undefined) return undefined;
  const match = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*/.exec(text);
  if (!match?.[1]) return undefined;
  const params: Record<string, string> = {};
  PARAM.lastIndex = match[0].length;
  for (let found = PARAM.exec(text); found; found = PARAM.exec(text)) {
    const key = found[1];
    if (key === undefined) break;
    params[key.toLowerCase()] = found[2] !== undefined ? found[2].replace(/\\(.)/g, '$1') : (found[3] ?? '');
    if (PARAM.lastIndex >= text.length) break;
  }
  return { scheme: match[1].toLowerCase(), params };
}
