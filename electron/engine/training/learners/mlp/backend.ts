/**
 * Picks the TensorFlow.js backend at run time, the one seam for accelerators.
 * Order: native TensorFlow (`@tensorflow/tfjs-node`, optional: its install downloads
 * libtensorflow and fails offline), then WebAssembly (ships its binary in npm), then
 * plain JavaScript. A GPU backend (webgpu through Dawn, tfjs-node-gpu) slots in here
 * as one more candidate; nothing else in the engine names a backend.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TF from '@tensorflow/tfjs';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface LoadedTf {
  tf: typeof TF;
  backend: BackendName;
}

let loading: Promise<LoadedTf> | null = null;

/**
 * Loads tfjs once per thread with the best backend that works here.
 * `ASSAY_TF_BACKEND` (tensorflow | wasm | cpu) forces a choice, e.g. to compare them.
 */
export function loadTf(): Promise<LoadedTf> {
  loading ??= pick(process.env.ASSAY_TF_BACKEND as BackendName | undefined);
  return loading;
}

async function pick(forced: BackendName | undefined): Promise<LoadedTf> {
  const order: BackendName[] = forced ? [forced] : ['tensorflow', 'wasm', 'cpu'];
  // tfjs prints a "looks like you are running in Node.js" hint when no native backend is loaded; it is expected here.
  const tf = await import('@tensorflow/tfjs');
  for (const name of order) {
    try {
      if (name === 'tensorflow') {
        // A variable specifier keeps bundlers from trying to resolve the optional package.
        const nativePackage = '@tensorflow/tfjs-node';
        await import(nativePackage);
      } else if (name === 'wasm') {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        wasm.setWasmPaths(wasmDistDir());
      }
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { tf, backend: name };
      }
    } catch {
      // Try the next backend; the result reports which one ran.
    }
  }
  await tf.setBackend('cpu');
  return { tf, backend: 'cpu' };
}

/** Folder holding the .wasm binaries, with a trailing slash as setWasmPaths expects. */
function wasmDistDir(): string {
  const override = process.env.ASSAY_TFJS_WASM_DIR;
  if (override) return override.endsWith('/') ? override : `${override}/`;
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return path.join(path.dirname(pkg), 'dist') + path.sep;
}
