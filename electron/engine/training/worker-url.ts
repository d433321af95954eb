/**
 * Where the training worker's entry file is. From source (tsx) this module is a .ts file
 * and the worker is its .ts sibling; in a bundle the build must emit
 * `worker/train-worker.js` next to the bundle that contains this module.
 */

export function trainWorkerUrl(base: string = import.meta.url): URL {
  const ext = base.endsWith('.ts') ? '.ts' : '.js';
  // Inside the worker's own bundle (a fold helper starting from it) this module is the worker.
  if (base.endsWith(`/worker/train-worker${ext}`)) return new URL(base);
  return new URL(`./worker/train-worker${ext}`, base);
}
