/**
 * Times the pandas code Assay generates for a recipe on the benchmark's data: python3
 * reads a CSV of the same rows (typed like the dataset version, not timed), then runs the
 * generated function once, timed. Absent python3 or pandas, it says so and is skipped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ColumnInfo } from '../../shared/datasets';

export interface PandasTiming {
  readSeconds: number;
  runSeconds: number;
  rows: number;
  pandas: string;
}

const RUNNER = `
import json, sys, time
import pandas as pd
code_file, csv_file, func, text_cols = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
started = time.perf_counter()
df = pd.read_csv(csv_file, dtype={c: object for c in text_cols}, keep_default_na=False, na_values=[''])
read_s = time.perf_counter() - started
scope = {}
exec(open(code_file).read(), scope)
started = time.perf_counter()
out = scope[func](df)
run_s = time.perf_counter() - started
print(json.dumps({"readSeconds": read_s, "runSeconds": run_s, "rows": len(out), "pandas": pd.__version__}))
`;

/** A python3 that imports pandas ($ASSAY_PYTHON, python3 on the PATH, then Debian's), with its version. */
export function pythonWithPandas(): { python: string; pandas: string } | undefined {
  const candidates = [process.env.ASSAY_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string =>
    Boolean(c),
  );
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { python, pandas: probe.stdout.trim() };
  }
  return undefined;
}

/** The name of the first top-level function the generated code defines. */
export function functionName(code: string): string | undefined {
  return /^def\s+([A-Za-z_]\w*)\s*\(/m.exec(code)?.[1];
}

export function timePandas(
  python: string,
  code: string,
  csvFile: string,
  columns: ColumnInfo[],
  workDir: string,
): PandasTiming | string {
  const func = functionName(code);
  if (!func) return 'the generated pandas code defines no function';
  const codeFile = path.join(workDir, 'recipe.py');
  const runnerFile = path.join(workDir, 'runner.py');
  fs.writeFileSync(codeFile, code);
  fs.writeFileSync(runnerFile, RUNNER);
  const textColumns = columns.filter((c) => /CHAR|TEXT|STRING/i.test(c.type)).map((c) => c.name);
  const run = spawnSync(python, [runnerFile, codeFile, csvFile, func, JSON.stringify(textColumns)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) {
    const lines = run.stderr.trim().split('\n');
    return `the pandas code failed: ${lines.at(-1) ?? `exit ${run.status}`}`;
  }
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as PandasTiming;
}
