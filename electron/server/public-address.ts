/**
 * The address `assay serve` prints. Bound to a wildcard (0.0.0.0 or ::), the server has
 * no single address of its own, and printing the wildcard gives a link that browsers
 * either cannot open or that the Host check refuses; so it prints the first external
 * IPv4 address of this machine, which the Host check accepts (see `allowedHostnamesFor`).
 */
import os from 'node:os';

type Interfaces = ReturnType<typeof os.networkInterfaces>;

export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** The host to print for a server bound to `bindHost`, bracketed when it is IPv6. */
export function displayHost(bindHost: string, interfaces: Interfaces = os.networkInterfaces()): string {
  const host = isWildcard(bindHost) ? (firstExternalIPv4(interfaces) ?? '127.0.0.1') : bindHost;
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function firstExternalIPv4(interfaces: Interfaces): string | null {
  for (const list of Object.values(interfaces)) {
    for (const address of list ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return null;
}
