/**
 * Requests to one registry: the Authorization header for the registry's own origin
 * only, one answer to a 401 challenge, redirects followed by hand (credentials dropped
 * when the origin changes, HTTPS never downgraded), and retries with backoff on 5xx, 429
 * and dropped connections when the body can be made again.
 */
import http from 'node:http';
import https from 'node:https';
import { parseChallenge } from './auth-challenge';
import { DEFAULT_RETRY, type RetryPolicy, backoffDelay, sleep } from './backoff';
import { type RawResponse, type RequestBody, drain, readText, send } from './http-send';
import { type Credentials, RegistryAuth } from './registry-auth';
import { RegistryError, isTransient, registryErrorText } from './registry-error';

export interface RegistryHttpOptions {
  origin: string;
  credentials?: Credentials;
  /** PEM text of the certificates to trust for this registry's TLS. */
  ca?: string;
  retry?: RetryPolicy;
}

export interface RegistryRequest {
  method: string;
  /** A path under the origin (`/v2/…`) or an absolute URL (a Location header). */
  url: string | URL;
  /** `repository:<name>:pull` or `…:pull,push`: which token to send. */
  scope: string;
  headers?: Record<string, string>;
  /** Makes the body afresh for every try; a retry reads the file again. */
  body?: () => RequestBody;
  /** False for requests that must not be repeated as they are (an upload's chunk). */
  retry?: boolean;
  signal?: AbortSignal;
}

const MAX_REDIRECTS = 5;

export class RegistryHttp {
  readonly origin: string;
  private readonly auth: RegistryAuth;
  private readonly agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };
  private readonly ca: string | undefined;
  readonly retry: RetryPolicy;

  constructor(options: RegistryHttpOptions) {
    this.origin = options.origin;
    this.auth = new RegistryAuth(options.origin, options.credentials);
    this.ca = options.ca;
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  /** The response of the last try; 5xx only when every retry was spent. */
  async request(request: RegistryRequest): Promise<RawResponse> {
    const retries = request.retry === false ? 0 : this.retry.retries;
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.once(request);
        if ((response.status >= 500 || response.status === 429) && attempt < retries) {
          drain(response);
        } else {
          return response;
        }
      } catch (error) {
        if (!isTransient(error) || attempt >= retries) throw error;
      }
      await sleep(backoffDelay(this.retry, attempt), request.signal);
    }
  }

  /** A request whose status must be one of `expected`, else a sentence about `what`. */
  async expect(request: RegistryRequest, expected: number[], what: string): Promise<RawResponse> {
    const response = await this.request(request);
    if (expected.includes(response.status)) return response;
    throw await this.failure(response, what);
  }

  async failure(response: RawResponse, what: string): Promise<RegistryError> {
    const detail = registryErrorText(await readText(response).catch(() => ''));
    const host = new URL(this.origin).host;
    const suffix = detail ? ` (${detail})` : '';
    if (response.status === 401) {
      return new RegistryError(
        'BAD_REQUEST',
        `The registry ${host} refused the credentials while ${what} (401${suffix}): check the user name and password.`,
      );
    }
    if (response.status === 403) {
      return new RegistryError(
        'BAD_REQUEST',
        `The registry ${host} denied access while ${what} (403${suffix}).`,
      );
    }
    if (response.status === 404) {
      return new RegistryError(
        'NOT_FOUND',
        `The registry ${host} has no such thing while ${what} (404${suffix}).`,
      );
    }
    const transient = response.status >= 500 || response.status === 429;
    return new RegistryError(
      'INTERNAL',
      `The registry ${host} answered ${response.status} while ${what}${suffix}.`,
      transient,
    );
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async once(request: RegistryRequest): Promise<RawResponse> {
    let url = typeof request.url === 'string' ? new URL(request.url, this.origin) : request.url;
    let answered = false;
    for (let hop = 0; hop <= MAX_REDIRECTS;) {
      const headers: Record<string, string> = { ...request.headers };
      const authorization = this.auth.headerFor(url, request.scope);
      if (authorization) headers.authorization = authorization;
      const context = {
        agents: this.agents,
        ...(this.ca !== undefined && { ca: this.ca }),
        ...(request.signal && { signal: request.signal }),
      };
      const body = request.body?.();
      const response = await send({
        method: request.method,
        url,
        headers,
        ...(body && { body }),
        ...context,
      });
      if (response.status === 401 && !answered && url.origin === this.origin) {
        answered = true;
        const challenge = parseChallenge(response.headers['www-authenticate']);
        if (await this.auth.answer(challenge, request.scope, context)) {
          drain(response);
          continue;
        }
        return response;
      }
      const location = response.headers.location;
      if (
        response.status >= 300 &&
        response.status < 400 &&
        location &&
        [301, 302, 303, 307, 308].includes(response.status)
      ) {
        drain(response);
        const next = new URL(location, url);
        if (url.protocol === 'https:' && next.protocol !== 'https:') {
          throw new RegistryError(
            'BAD_REQUEST',
            `The registry redirected from HTTPS to ${next.origin}; Assay does not follow that.`,
          );
        }
        url = next;
        hop++;
        continue;
      }
      return response;
    }
    throw new RegistryError('INTERNAL', `The registry redirected more than ${MAX_REDIRECTS} times.`);
  }
}
