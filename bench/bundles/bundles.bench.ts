/**
 * Bundles benchmark (not a test), `npm run bench bundles [-- flags]`:
 *  (a) push and pull of a ~200 MB bundle to a local docker-registry by Assay's registry client,
 *      beside `skopeo copy` of the same artifact in the same run (MB/s and ratio; target ≥ 80%);
 *  (b) `assay serve-model`'s server on a 200-tree GBDT bundle: single-row latency p50/p99
 *      (target p99 ≤ 5 ms) and batch rows/s (target ≥ 1M rows/s), each beside a bare ONNX
 *      Runtime session.run on the same rows (overhead target ≤ 1.2×).
 * Defaults fit a 2-core machine in a minute or two (after the first run trains and caches the
 * bundle in bench/.data/). Flags: --mb N, --repeats N, --train N, --singles N, --batch-rows N,
 * --full (5 repeats, 5000 single requests, 100k-row batches), --skip-transfer, --skip-serve.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasCommand, registryInstalled } from '../../electron/testing/registry-server';
import { gbdtBundle, scoringRows } from './gbdt-bundle';
import { benchServe } from './serve-bench';
import { benchTransfer } from './transfer-bench';

const args = process.argv.slice(2);
const full = args.includes('--full');
const numberFlag = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const mb = numberFlag('--mb', 200);
const repeats = numberFlag('--repeats', full ? 5 : 3);
const trainRows = numberFlag('--train', 20_000);
const singles = numberFlag('--singles', full ? 5000 : 1000);
const batchRows = numberFlag('--batch-rows', full ? 100_000 : 20_000);
const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.data');

const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const machine = (): string =>
  `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

console.log(`machine: ${machine()}`);
const folder = await gbdtBundle(dataDir, trainRows);

if (!args.includes('--skip-transfer')) {
  if (!registryInstalled() || !hasCommand('skopeo'))
    console.log('transfer: skipped (needs docker-registry and skopeo)');
  else {
    const t = await benchTransfer(dataDir, folder, mb, repeats);
    console.log(
      `\ntransfer of a ${fmt(t.mb)} MB bundle (median of ${repeats}), load ${os.loadavg()[0]!.toFixed(2)}`,
    );
    console.log(
      `  push  Assay ${fmt(t.ours.pushMBs)} MB/s   skopeo ${fmt(t.skopeo.pushMBs)} MB/s   ratio ${fmt((100 * t.ours.pushMBs) / t.skopeo.pushMBs, 0)}% (target ≥ 80%)`,
    );
    console.log(
      `  pull  Assay ${fmt(t.ours.pullMBs)} MB/s   skopeo ${fmt(t.skopeo.pullMBs)} MB/s   ratio ${fmt((100 * t.ours.pullMBs) / t.skopeo.pullMBs, 0)}% (target ≥ 80%)`,
    );
  }
}

if (!args.includes('--skip-serve')) {
  const s = scoringRows(Math.max(batchRows, 1000));
  const f = await benchServe(folder, s, { singles, batchRows, repeats });
  console.log(`\nserve-model, 200-tree GBDT (30 columns), load ${os.loadavg()[0]!.toFixed(2)}`);
  console.log(
    `  one row   served p50 ${fmt(f.single.p50, 3)} ms  p99 ${fmt(f.single.p99, 3)} ms (target ≤ 5)   bare session.run p50 ${fmt(f.single.bareP50, 3)} ms  p99 ${fmt(f.single.bareP99, 3)} ms   p50 overhead ${fmt(f.single.p50 / f.single.bareP50, 2)}×`,
  );
  console.log(
    `  ${fmt(f.batch.rows, 0)} rows  served ${fmt(f.batch.rowsPerS, 0)} rows/s (target ≥ 1,000,000)   bare session.run ${fmt(f.batch.bareRowsPerS, 0)} rows/s   overhead ${fmt(f.batch.bareRowsPerS / f.batch.rowsPerS, 2)}× (target ≤ 1.2)`,
  );
}
console.log(`\nmachine after: ${machine()}`);
process.exit(0);
