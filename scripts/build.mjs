// Builds everything the app runs: the Node side (CLI, Electron main, workers) bundled by
// esbuild with dependencies left in node_modules, the sandboxed preload as CommonJS (a
// sandboxed preload cannot be an ES module), and the renderer by Vite.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';

const started = Date.now();
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({
    ...common,
    entryPoints: {
      cli: 'electron/cli/entry.ts',
      main: 'electron/desktop/main.ts',
      // Training runs in worker threads started from cli.js and main.js; worker-url.ts
      // expects the worker's entry at worker/train-worker.js beside them.
      'worker/train-worker': 'electron/engine/training/worker/train-worker.ts',
      // The second histogram thread of gradient boosting; looked up beside the bundle.
      'gbdt-hist-worker': 'electron/engine/training/learners/gbdt/hist-worker.ts',
      // The second prediction thread for large batches; found the same way.
      'gbdt-predict-worker': 'electron/engine/training/learners/gbdt/predict-worker.ts',
      // The profile's sort thread (sort-thread.ts); found the same way.
      'profile-sort-worker': 'electron/engine/profile/sort-worker.ts',
    },
    outdir: 'dist/node',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: { preload: 'electron/desktop/preload.ts' },
    outdir: 'dist/node',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: ['electron'],
  }),
]);
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
