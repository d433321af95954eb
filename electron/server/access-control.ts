/**
 * Who may talk to the browser-mode server. Three independent checks, all required:
 * a secret token (from the URL once, then an HttpOnly cookie), a Host header naming this
 * server (defeats DNS rebinding: a rebound name is not on the list), and for WebSocket
 * upgrades and state-changing requests an Origin equal to the server's own (defeats
 * cross-site pages). Pure functions, so the tricky inputs are tested without sockets.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import { isWildcard } from './public-address';

export interface AccessPolicy {
  token: string;
  port: number;
  /** Host names (without port) this server answers to. */
  allowedHostnames: ReadonlySet<string>;
}

export type AccessDecision =
  { ok: true; viaQuery: boolean } | { ok: false; status: 401 | 403; reason: string };

export interface RequestFacts {
  url: string;
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
  /** WebSocket upgrades (which CORS does not protect) and state-changing requests. */
  mustHaveOrigin: boolean;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function cookieName(port: number): string {
  // Cookies ignore ports: one name per port keeps two servers on one machine apart.
  return `assay_token_${port}`;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];

export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.includes(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The names a browser may use to reach a server bound to `bindHost`. */
export function allowedHostnamesFor(bindHost: string): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (isLoopback(bindHost)) return names;
  if (!isWildcard(bindHost)) names.add(bindHost.toLowerCase());
  else {
    names.add(os.hostname().toLowerCase());
    for (const list of Object.values(os.networkInterfaces())) {
      for (const address of list ?? []) names.add(address.address.toLowerCase());
    }
  }
  return names;
}

export function decideAccess(policy: AccessPolicy, facts: RequestFacts): AccessDecision {
  const host = parseHostHeader(facts.host);
  if (!host || host.port !== policy.port || !policy.allowedHostnames.has(host.hostname)) {
    return { ok: false, status: 403, reason: 'This server only answers to its own address.' };
  }
  if (facts.origin !== undefined || facts.mustHaveOrigin) {
    const origin = parseOrigin(facts.origin);
    if (
      !origin ||
      origin.port !== policy.port ||
      origin.hostname !== host.hostname ||
      origin.protocol !== 'http:'
    ) {
      return { ok: false, status: 403, reason: 'Requests from other sites are refused.' };
    }
  }
  const fromQuery = tokenFromUrl(facts.url);
  if (fromQuery !== null) {
    return sameSecret(fromQuery, policy.token)
      ? { ok: true, viaQuery: true }
      : {
          ok: false,
          status: 401,
          reason: 'The token in this address is wrong; use the address Assay printed.',
        };
  }
  const fromCookie = readCookie(facts.cookie, cookieName(policy.port));
  if (fromCookie !== null && sameSecret(fromCookie, policy.token)) return { ok: true, viaQuery: false };
  return {
    ok: false,
    status: 401,
    reason: 'Open Assay with the address it printed, which carries its token.',
  };
}

function parseHostHeader(value: string | undefined): { hostname: string; port: number } | null {
  if (!value) return null;
  try {
    const url = new URL(`http://${value}`);
    if (url.username || url.password || url.pathname !== '/' || url.search) return null;
    return { hostname: stripBrackets(url.hostname.toLowerCase()), port: Number(url.port || 80) };
  } catch {
    return null;
  }
}

function parseOrigin(value: string | undefined): { protocol: string; hostname: string; port: number } | null {
  if (!value || value === 'null') return null;
  try {
    const url = new URL(value);
    if (url.origin !== value.replace(/\/$/, '')) return null;
    return {
      protocol: url.protocol,
      hostname: stripBrackets(url.hostname.toLowerCase()),
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    };
  } catch {
    return null;
  }
}

function stripBrackets(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function tokenFromUrl(url: string): string | null {
  try {
    return new URL(url, 'http://placeholder').searchParams.get('token');
  } catch {
    return null;
  }
}

/** A cookie's value; one that does not percent-decode counts as absent (so: 401, never a throw). */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      continue;
    }
  }
  return null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
