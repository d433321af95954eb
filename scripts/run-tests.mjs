// Runs the test suites with Node's test runner (TypeScript through tsx) and ends with the
// plain summary line CI reads: "N passed, N failed" over every suite that ran.
//   node scripts/run-tests.mjs          unit, integration and end-to-end
//   node scripts/run-tests.mjs unit     everything but e2e/
//   node scripts/run-tests.mjs e2e      only e2e/ (needs `npm run build` and Chromium)
//   node scripts/run-tests.mjs FILE…    the given files
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SOURCE_DIRS = ['electron', 'shared', 'renderer', 'scripts'];

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (name.endsWith('.test.ts')) found.push(full);
  }
  return found.sort();
}

const [mode = 'all', ...rest] = process.argv.slice(2);
let files;
if (mode === 'unit') files = SOURCE_DIRS.flatMap(findTests);
else if (mode === 'e2e') files = findTests('e2e');
else if (mode === 'all') files = [...SOURCE_DIRS.flatMap(findTests), ...findTests('e2e')];
else files = [mode, ...rest];

const scratch = mkdtempSync(path.join(tmpdir(), 'assay-tests-'));
const countsFile = path.join(scratch, 'counts.json');
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-timeout=180000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/count-reporter.mjs',
    `--test-reporter-destination=${countsFile}`,
    ...files,
  ],
  // Tests must never touch a person's real workspace or recent list.
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      ASSAY_CONFIG_DIR: path.join(scratch, 'config'),
      ASSAY_WORKSPACE: path.join(scratch, 'workspace'),
    },
  },
);

let counts = { passed: 0, failed: 0, skipped: 0 };
try {
  counts = JSON.parse(readFileSync(countsFile, 'utf8'));
} catch {
  counts.failed += 1; // The runner died before reporting: count that as a failure.
}
rmSync(scratch, { recursive: true, force: true });
const exitCode = result.status === 0 && counts.failed === 0 ? 0 : 1;
console.log(
  `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`,
);
process.exit(exitCode);
