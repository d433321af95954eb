/**
 * Credentials for one registry host: anonymous, basic, or the bearer-token flow (a 401's
 * challenge names a token service, which is asked for a token for the challenge's
 * service and scope; tokens are cached per scope until they expire). The secret never
 * appears in an error sentence, and `headerFor` gives nothing for any other origin, so a
 * redirect to a blob store or another host never carries it (docs/architecture.md,
 * "Model registry").
 */
import type http from 'node:http';
import type https from 'node:https';
import type { Challenge } from './auth-challenge';
import { isLoopbackHost } from './oci-reference';
import { RegistryError } from './registry-error';
import { drain, readText, send } from './http-send';

export interface Credentials {
  username: string;
  password: string;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

export interface AuthContext {
  ca?: string;
  agents: { http: http.Agent; https: https.Agent };
  signal?: AbortSignal;
}

export class RegistryAuth {
  private scheme: 'none' | 'basic' | 'bearer' = 'none';
  private readonly tokens = new Map<string, CachedToken>();

  constructor(
    /** `http(s)://host[:port]` of the registry: the only origin credentials go to. */
    private readonly origin: string,
    private readonly credentials?: Credentials,
  ) {}

  /** The Authorization header for a request to `url` in `scope`, if any. */
  headerFor(url: URL, scope: string): string | undefined {
    if (url.origin !== this.origin) return undefined;
    if (this.scheme === 'basic' && this.credentials) return `Basic ${basic(this.credentials)}`;
    if (this.scheme === 'bearer') {
      const cached = this.tokens.get(scope);
      if (cached && cached.expiresAt > Date.now()) return `Bearer ${cached.token}`;
    }
    return undefined;
  }

  /**
   * Answers a 401's challenge; returns false when nothing new can be tried (then the
   * caller reports the refusal).
   */
  async answer(challenge: Challenge | undefined, scope: string, context: AuthContext): Promise<boolean> {
    if (challenge?.scheme === 'basic') {
      if (!this.credentials || this.scheme === 'basic') return false;
      this.scheme = 'basic';
      return true;
    }
    if (challenge?.scheme === 'bearer') {
      const cached = this.tokens.get(scope);
      if (this.scheme === 'bearer' && cached && cached.expiresAt > Date.now() && !challenge.params.error) {
        return false;
      }
      const token = await this.fetchToken(challenge, scope, context);
      this.scheme = 'bearer';
      this.tokens.set(scope, token);
      return true;
    }
    return false;
  }

  private async fetchToken(challenge: Challenge, scope: string, context: AuthContext): Promise<CachedToken> {
    const realm = challenge.params.realm;
    let url: URL;
    try {
      url = new URL(realm ?? '');
    } catch {
      throw new RegistryError('BAD_REQUEST', `The registry's token challenge names no usable token service.`);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.host))) {
      throw new RegistryError(
        'BAD_REQUEST',
        `The registry's token service ${url.origin} does not use HTTPS; Assay will not send credentials there.`,
      );
    }
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    for (const wanted of mergeScopes(challenge.params.scope ?? '', scope))
      url.searchParams.append('scope', wanted);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.credentials) headers.authorization = `Basic ${basic(this.credentials)}`;
    const response = await send({ method: 'GET', url, headers, ...context });
    if (response.status === 401 || response.status === 403) {
      drain(response);
      throw new RegistryError(
        'BAD_REQUEST',
        `The token service ${url.origin} refused ${this.credentials ? 'the credentials' : 'anonymous access'} (${response.status}): check the user name and password.`,
      );
    }
    const text = await readText(response);
    if (response.status !== 200) {
      throw new RegistryError(
        'INTERNAL',
        `The token service ${url.origin} answered ${response.status}.`,
        response.status >= 500,
      );
    }
    const body = JSON.parse(text) as { token?: string; access_token?: string; expires_in?: number };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError('INTERNAL', `The token service ${url.origin} gave no token.`);
    // A token lives 60 s unless the service says otherwise (distribution spec); refresh early.
    const lifetime = Math.max(10, (body.expires_in ?? 60) - 5);
    return { token, expiresAt: Date.now() + lifetime * 1000 };
  }
}

function basic(credentials: Credentials): string {
  return Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
}

/**
 * The challenge's scopes with the actions the caller will need added: a push's first
 * request is a HEAD, whose challenge asks only for `pull`, and one token for
 * `pull,push` saves a second round trip to the token service.
 */
export function mergeScopes(challenged: string, wanted: string): string[] {
  const actions = new Map<string, Set<string>>();
  for (const scope of [...challenged.split(' '), wanted].filter(Boolean)) {
    const cut = scope.lastIndexOf(':');
    const resource = cut > 0 ? scope.slice(0, cut) : scope;
    const set = actions.get(resource) ?? new Set<string>();
    if (cut > 0)
      scope
        .slice(cut + 1)
        .split(',')
        .filter(Boolean)
        .forEach((action) => set.add(action));
    actions.set(resource, set);
  }
  return [...actions].map(([resource, set]) =>
    set.size ? `${resource}:${[...set].sort().join(',')}` : resource,
  );
}
