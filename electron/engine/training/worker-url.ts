/**
 * Where the training worker's entry file is, and how to start it. From source (tsx)
 * this module is a .ts file and the worker is its .ts sibling; in a bundle the build
 * must emit `worker/train-worker.js` next to the bundle that contains this module.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function trainWorkerUrl(base: string = import.meta.url): URL {
  const ext = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./worker/train-worker${ext}`, base);
}

/**
 * A helper worker that sits beside the module starting it: from source, its .ts sibling
 * `source`; from a bundle, `bundled` next to the bundle or one folder up (the training
 * worker's own bundle lives in worker/). Null when a bundle was built without it, so
 * the caller can fall back to one thread.
 */
export function siblingWorkerUrl(base: string, source: string, bundled: string): URL | null {
  if (base.endsWith('.ts')) return new URL(source, base);
  for (const rel of [`./${bundled}`, `../${bundled}`]) {
    const url = new URL(rel, base);
    if (url.protocol !== 'file:' || existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/**
 * Starts a worker on `url`. Node 20 does not hand tsx's loader hooks to worker threads
 * (Node 22 does), so a .ts entry starts through a one-line bootstrap that registers
 * tsx in the worker first; a .js entry (the bundle) starts directly.
 */
export function startWorker(
  url: URL,
  options: Pick<WorkerOptions, 'workerData' | 'transferList'> = {},
): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
