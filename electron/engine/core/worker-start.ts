/**
 * How the engine finds and starts its worker threads, from source (tsx, .ts entries) and
 * from a bundle (.js entries emitted beside it). In core because the training worker,
 * its fold helper, the tree learners' helper threads and the profile's sort worker all
 * start theirs this way.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

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
