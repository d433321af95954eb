#!/usr/bin/env node
// The `assay` command. It runs the bundle that `npm install` (prepare) or `npm run build`
// made; a checkout that was never built says so instead of failing obscurely.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/node/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('assay: Assay is not built yet; run `npm run build` in its folder first.\n');
  process.exit(1);
}
await import(bundle.href);
