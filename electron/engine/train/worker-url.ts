/**
 * Where the training worker's entry file is, and how to start it. From source (tsx)
 * this module is a .ts file and the worker is its .ts sibling; in a bundle the build
 * must emit `worker/train-worker.js` next to the bundle that contains this module.
 */
import { Worker } from 'node:worker_threads';

export function trainWorkerUrl(base: string = import.meta.url): URL {
  const ext = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./worker/train-worker${ext}`, base);
}

/**
 * Starts a worker on `url`. Node 20 does not hand tsx's loader hooks to worker threads
 * (Node 22 does), so a .ts entry starts through a one-line bootstrap that registers
 * tsx in the worker first; a .js entry (the bundle) starts directly.
 */
export function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true });
}
