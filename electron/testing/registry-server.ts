/**
 * Test support: a real CNCF Distribution registry (Debian's `docker-registry`) on a free
 * 127.0.0.1 port, with its storage in a temporary folder and a generated config;
 * optionally with htpasswd basic auth or bearer-token auth. `stop()` ends the process
 * and removes the folder. Tests skip when the binary is missing (CI installs it).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';

export function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const registryInstalled = (): boolean =>
  fs.existsSync(REGISTRY_BINARY) || hasCommand('docker-registry');

export interface TokenAuthConfig {
  realm: string;
  service: string;
  issuer: string;
  /** PEM certificate whose key signs the tokens. */
  rootCertBundle: string;
}

export interface RegistryServerOptions {
  basicAuth?: { username: string; password: string };
  tokenAuth?: TokenAuthConfig;
  /** Serve HTTPS with this certificate and key (PEM files). */
  tls?: { certFile: string; keyFile: string };
}

export interface RegistryServer {
  port: number;
  host: string;
  storageDir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function authSection(dir: string, options: RegistryServerOptions): string {
  if (options.basicAuth) {
    const { username, password } = options.basicAuth;
    const line = execFileSync('htpasswd', ['-Bbn', username, password], { encoding: 'utf8' }).trim();
    const file = path.join(dir, 'htpasswd');
    fs.writeFileSync(file, `${line}\n`);
    return `auth:\n  htpasswd:\n    realm: assay-test\n    path: ${file}\n`;
  }
  if (options.tokenAuth) {
    const t = options.tokenAuth;
    const file = path.join(dir, 'token-root.pem');
    fs.writeFileSync(file, t.rootCertBundle);
    return `auth:\n  token:\n    realm: ${t.realm}\n    service: ${t.service}\n    issuer: ${t.issuer}\n    rootcertbundle: ${file}\n`;
  }
  return '';
}

export async function startRegistry(options: RegistryServerOptions = {}): Promise<RegistryServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-registry-'));
  const storageDir = path.join(dir, 'storage');
  const port = await freePort();
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${storageDir}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${randomBytes(16).toString('hex')}`,
    ...(options.tls
      ? ['  tls:', `    certificate: ${options.tls.certFile}`, `    key: ${options.tls.keyFile}`]
      : []),
    '',
  ].join('\n');
  const configFile = path.join(dir, 'config.yml');
  fs.writeFileSync(configFile, config + authSection(dir, options));
  const child = spawn('docker-registry', ['serve', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitUntilUp(port, child, () => stderr);
  return { port, host: `127.0.0.1:${port}`, storageDir, stop: () => stop(child, dir) };
}

async function waitUntilUp(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr()}`);
    const up = await new Promise<boolean>((resolve) => {
      const request = http.get({ host: '127.0.0.1', port, path: '/v2/' }, (response) => {
        response.resume();
        resolve(true);
      });
      request.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`docker-registry did not answer on port ${port}: ${stderr()}`);
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null) {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The path of a blob's bytes in the registry's filesystem storage. */
export function blobDataPath(server: RegistryServer, digest: string): string {
  const hex = digest.replace(/^sha256:/, '');
  return path.join(server.storageDir, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
}
