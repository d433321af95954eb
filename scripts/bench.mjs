// `npm run bench [NAME]`: runs the benchmarks under bench/ (every *.bench.ts of each folder; each prints its own figures
// and ratios against a baseline measured in the same run).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const wanted = process.argv[2];
const names = existsSync('bench') ? readdirSync('bench').filter((n) => !n.startsWith('.')) : [];
const chosen = wanted ? names.filter((n) => n === wanted) : names;
if (chosen.length === 0) {
  console.log(
    wanted ? `No benchmark named ${wanted}; there are: ${names.join(', ') || 'none'}.` : 'No benchmarks yet.',
  );
  process.exit(wanted ? 2 : 0);
}
let failed = 0;
for (const name of chosen) {
  // Every *.bench.ts in the folder, the one named after it first (bench/train: train, then predict).
  const entries = readdirSync(path.join('bench', name))
    .filter((f) => f.endsWith('.bench.ts'))
    .sort(
      (a, b) => Number(b === `${name}.bench.ts`) - Number(a === `${name}.bench.ts`) || a.localeCompare(b),
    );
  for (const entry of entries) {
    console.log(`\n== bench/${name}/${entry} ==`);
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join('bench', name, entry), ...process.argv.slice(3)],
      { stdio: 'inherit' },
    );
    if (result.status !== 0) failed += 1;
  }
}
process.exit(failed ? 1 : 0);
