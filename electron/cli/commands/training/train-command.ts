/**
 * `assay train DATASET[@VERSION] --target COL`: train one algorithm (or every one suited
 * to the task, ranked) on a dataset version, the same job the Train view starts, and
 * print the run's metrics. Names follow the issue: rf, extratrees, linear (logistic or
 * linear regression by task); params use the XGBoost/LightGBM scikit-learn names.
 * `--search grid|random --space KEY=V1,V2` tunes the one algorithm's params instead: the
 * run stored is the best trial, with every trial in its `search`.
 */
import type { Command } from 'commander';
import type {
  AlgorithmId,
  FoldResult,
  Metrics,
  MetricKey,
  ParamValue,
  RunDetail,
  RunSearch,
  SearchTrial,
  Task,
  TrainRequest,
  ValidationSpec,
} from '../../../../shared/training';
import type { Engine } from '../../../engine/engine';
import { checkParams } from '../../../engine/training/check-request';
import { CATALOGUE, algorithmSpec } from '../../../engine/training/catalogue';
import { higherIsBetter, primaryMetric } from '../../../engine/training/metrics/evaluate';
import { UsageError, emit, type GlobalOptions } from '../../cli-io';
import { withEngine } from '../../open-engine';
import { tableLines } from '../../text-table';

interface TrainFlags {
  target: string;
  task?: string;
  algo: string;
  param: string[];
  split?: string;
  seed?: string;
  features?: string;
  experiment?: string;
  search?: string;
  space?: string[];
  trials?: string;
  seconds?: string;
}

const TASKS: Task[] = ['binary', 'multiclass', 'regression'];
const ALGO_NAMES = 'gbdt, rf, extratrees, linear, mlp, baseline or all';

/** What `--json` prints for one run (snake-case keys, as scripts expect). */
export interface RunJson {
  run: string;
  algo: AlgorithmId;
  task: Task;
  status?: string;
  metrics: Metrics;
  fit_seconds: number | null;
  backend: string | null;
  folds?: Array<{
    fold: number;
    metrics: Metrics;
    fit_seconds: number;
    train_rows: number;
    valid_rows: number;
  }>;
  error?: string;
  /** With --search: how the params were chosen (the run is the best trial). */
  search?: RunSearch;
}

export function registerTrain(program: Command, globals: () => GlobalOptions): void {
  program
    .command('train')
    .description('Train a model (or every algorithm, ranked) on a dataset version and print its metrics.')
    .argument('<dataset>', 'DATASET (its latest version) or DATASET@VERSION')
    .requiredOption('--target <column>', 'the column to predict')
    .option('--task <task>', `binary, multiclass or regression (default: inferred from the target)`)
    .option('--algo <name>', `${ALGO_NAMES}`, 'gbdt')
    .option('--param <key=value>', 'an algorithm parameter, e.g. n_estimators=200 (repeatable)', collect, [])
    .option(
      '--split <scheme>',
      'validation: holdout[:0.2], cv[:5], time:COLUMN[:0.2], group:COLUMN[:0.2] or none',
      'holdout:0.2',
    )
    .option('--seed <n>', 'seed for every random choice (default 42)')
    .option('--features <a,b,c>', 'input columns (default: every other column)')
    .option('--experiment <name>', 'the group of runs (default: "DATASET → TARGET")')
    .option('--search <strategy>', "tune the algorithm's params: grid (every combination) or random")
    .option(
      '--space <key=v1,v2>',
      'with --search, values to try for a param, e.g. max_depth=3,6 or hidden_layers=64x32,32 (repeatable)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--trials <n>', 'with --search, the most trials to run (random default 20)')
    .option('--seconds <s>', 'with --search, stop starting trials after this many seconds')
    .action(async (dataset: string, flags: TrainFlags) => {
      const task = flags.task === undefined ? undefined : parseTask(flags.task);
      const validation = parseSplit(flags.split ?? 'holdout:0.2');
      const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed);
      const params = parseParams(flags.param);
      const features = flags.features
        ?.split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      if (features && features.length === 0)
        throw new UsageError('--features needs at least one column name.');
      const algo = flags.algo.trim().toLowerCase();
      if (!isAlgoName(algo)) throw new UsageError(`--algo must be ${ALGO_NAMES}, not "${flags.algo}".`);
      const search = parseSearch(flags, algo, params);

      const runs = await withEngine(globals(), async (engine) => {
        const version = await engine.call('datasets.version', { version: dataset });
        const resolvedTask =
          task ?? (await engine.call('train.inspect', { version: version.id, target: flags.target })).task;
        const algorithms = chooseAlgorithms(algo, resolvedTask);
        if (search) checkSpace(algorithms[0]!, search.space);
        const request: TrainRequest = {
          version: version.id,
          target: flags.target,
          ...(task ? { task } : {}),
          ...(features ? { features } : {}),
          algorithms: algorithms.map((a) => ({ algorithm: a, params: paramsFor(a, params, algo === 'all') })),
          validation,
          ...(seed === undefined ? {} : { seed }),
          ...(flags.experiment ? { experiment: flags.experiment } : {}),
          ...(search ? { search } : {}),
        };
        return trainAndWait(engine, request, globals().json !== true);
      });
      if (algo === 'all') {
        const ranked = rank(runs);
        emit(
          globals(),
          ranked.map((r, i) => ({ rank: i + 1, ...runJson(r) })),
          () => leaderboard(ranked),
        );
      } else {
        const run = runs[0]!;
        emit(globals(), runJson(run), () => summary(run, search ? Object.keys(search.space) : []));
      }
    });
}

type AlgoName = 'gbdt' | 'rf' | 'extratrees' | 'linear' | 'mlp' | 'baseline' | 'all' | AlgorithmId;

function isAlgoName(name: string): name is AlgoName {
  return (
    ['gbdt', 'rf', 'extratrees', 'linear', 'mlp', 'baseline', 'all'].includes(name) ||
    CATALOGUE.some((a) => a.id === name)
  );
}

function chooseAlgorithms(name: AlgoName, task: Task): AlgorithmId[] {
  switch (name) {
    case 'all':
      return CATALOGUE.filter((a) => a.tasks.includes(task)).map((a) => a.id);
    case 'rf':
      return ['random_forest'];
    case 'extratrees':
      return ['extra_trees'];
    case 'linear':
      return [task === 'regression' ? 'linear_regression' : 'logistic_regression'];
    default:
      return [name];
  }
}

/** `--param` values for one algorithm; with --algo all each takes the params it knows. */
function paramsFor(
  algorithm: AlgorithmId,
  params: Record<string, ParamValue>,
  all: boolean,
): Record<string, ParamValue> | undefined {
  const specs = algorithmSpec(algorithm).params;
  const known = new Set(specs.map((p) => p.name as string));
  const out: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(params)) {
    // hidden_layers=16 is a list of one layer.
    const list = specs.find((p) => p.name === k)?.type === 'int_list' && typeof v === 'number';
    if (known.has(k)) out[k] = list ? [v] : v;
    else if (!all) {
      const names = [...known].filter((n) => n !== 'seed');
      throw new UsageError(
        `${algorithmSpec(algorithm).label} has no parameter "${k}"; ${names.length ? `its parameters are ${names.join(', ')}` : 'it takes no parameters'}.`,
      );
    }
  }
  if (all) {
    for (const k of Object.keys(params)) {
      if (!CATALOGUE.some((a) => a.params.some((p) => p.name === k)))
        throw new UsageError(
          `No algorithm has a parameter "${k}"; see each algorithm's parameters in the Train view.`,
        );
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** Starts the job, shows progress on a terminal, cancels on Ctrl-C, and returns the runs. */
async function trainAndWait(engine: Engine, request: TrainRequest, human: boolean): Promise<RunDetail[]> {
  const started = await engine.training.start(request);
  const stopProgress = process.stderr.isTTY && human ? showProgress(engine, started.jobId) : () => undefined;
  const stop = (): void => void engine.jobs.cancel(started.jobId);
  process.once('SIGINT', stop);
  try {
    return await started.outcome;
  } finally {
    process.off('SIGINT', stop);
    stopProgress();
  }
}

function showProgress(engine: Engine, jobId: string): () => void {
  const off = engine.events.on('job.progress', (p) => {
    if (p.jobId !== jobId || p.state !== 'running') return;
    const percent = p.fraction === null ? '' : ` ${Math.round(p.fraction * 100)}%`;
    process.stderr.write(`\r\x1b[K${p.stage.slice(0, (process.stderr.columns || 100) - 6)}${percent}`);
  });
  return () => {
    off();
    process.stderr.write('\r\x1b[K');
  };
}

export function runJson(run: RunDetail): RunJson {
  return {
    run: run.id,
    algo: run.algorithm,
    task: run.task,
    ...(run.status === 'succeeded' ? {} : { status: run.status }),
    metrics: run.metrics,
    fit_seconds: run.fitSeconds ?? null,
    backend: run.backend ?? null,
    ...(run.folds ? { folds: run.folds.map(foldJson) } : {}),
    ...(run.error ? { error: run.error } : {}),
    ...(run.search ? { search: run.search } : {}),
  };
}

function foldJson(f: FoldResult) {
  return {
    fold: f.fold,
    metrics: f.metrics,
    fit_seconds: f.fitSeconds,
    train_rows: f.trainRows,
    valid_rows: f.validRows,
  };
}

/** Best first by the task's primary metric; failed runs last. */
function rank(runs: RunDetail[]): RunDetail[] {
  const metric = primaryMetric(runs[0]!.task);
  const sign = higherIsBetter(metric) ? -1 : 1;
  const key = (r: RunDetail): number => {
    const v = r.metrics[metric];
    return r.status === 'succeeded' && typeof v === 'number' && Number.isFinite(v) ? sign * v : Infinity;
  };
  return [...runs].sort((a, b) => key(a) - key(b));
}

/** The metrics worth a glance for a task, primary first. */
export function mainMetrics(task: Task): MetricKey[] {
  return task === 'regression'
    ? ['rmse', 'mae', 'r2']
    : task === 'binary'
      ? ['auc', 'logloss', 'accuracy', 'f1']
      : ['logloss', 'accuracy', 'balanced_accuracy', 'f1', 'auc'];
}

export function formatMetric(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return Math.abs(value) >= 100 ? value.toFixed(1) : Number(value.toPrecision(4)).toString();
}

function describeValidation(run: RunDetail): string {
  const v: ValidationSpec = run.validation;
  if (v.kind === 'kfold')
    return `${run.folds?.length ?? v.folds ?? 5}-fold cross-validation on ${(run.trainRows ?? 0).toLocaleString('en-US')} rows`;
  if (v.kind === 'none')
    return `no validation: scored on the ${(run.trainRows ?? 0).toLocaleString('en-US')} training rows`;
  const how =
    'strategy' in v && (v.strategy === 'time' || v.strategy === 'group')
      ? ` by ${v.strategy} (${v.column})`
      : '';
  return `holdout of ${(run.validRows ?? 0).toLocaleString('en-US')} rows${how}, trained on ${(run.trainRows ?? 0).toLocaleString('en-US')}`;
}

function summary(run: RunDetail, searched: string[] = []): string {
  const label = algorithmSpec(run.algorithm).label;
  const lines = [
    `Trained ${label.toLowerCase()} on ${run.versionLabel} → ${run.target} (${run.task}${run.classes ? `, ${run.classes.length} classes` : ''}) in ${formatSeconds(run.fitSeconds)}${run.backend ? ` on tfjs ${run.backend}` : ''}.`,
    `  Run ${run.id}; ${describeValidation(run)}.`,
  ];
  const metrics = mainMetrics(run.task).filter((m) => run.metrics[m] !== undefined);
  lines.push(
    `  ${metrics
      .map(
        (m) =>
          `${m} ${formatMetric(run.metrics[m])}${run.metricsStd?.[m] !== undefined ? ` ± ${formatMetric(run.metricsStd[m])}` : ''}`,
      )
      .join('   ')}`,
  );
  for (const w of run.warnings ?? []) lines.push(`  Note: ${w}`);
  if (run.search) lines.push(...searchTable(run, run.search, searched));
  lines.push(`Predict with: assay predict ${run.id} FILE --out predictions.csv`);
  return lines.join('\n');
}

function leaderboard(runs: RunDetail[]): string {
  const task = runs[0]!.task;
  const metrics = mainMetrics(task);
  const header = ['RANK', 'ALGORITHM', ...metrics.map((m) => m.toUpperCase()), 'FIT', 'RUN'];
  const rows = runs.map((r, i) => [
    String(i + 1),
    algorithmSpec(r.algorithm).label,
    ...metrics.map((m) => (r.status === 'succeeded' ? formatMetric(r.metrics[m]) : '—')),
    r.status === 'succeeded' ? formatSeconds(r.fitSeconds) : r.status,
    r.id,
  ]);
  const align = (i: number, count: number) => (i === 1 || i === count - 1 ? 'left' : 'right');
  const failed = runs
    .filter((r) => r.error)
    .map((r) => `  ${algorithmSpec(r.algorithm).label} failed: ${r.error}`);
  const first = runs[0]!;
  return [
    `${runs.length} algorithms on ${first.versionLabel} → ${first.target} (${task}), ranked by ${primaryMetric(task)}; ${describeValidation(first)}.`,
    ...tableLines(header, rows, { align }),
    ...failed,
    ...(first.warnings ?? []).map((w) => `Note: ${w}`),
  ].join('\n');
}

function formatSeconds(s: number | undefined): string {
  if (s === undefined) return '—';
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseTask(value: string): Task {
  if (!TASKS.includes(value as Task))
    throw new UsageError(`--task must be ${TASKS.join(', ')}, not "${value}".`);
  return value as Task;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n > 2 ** 31 - 1)
    throw new UsageError(`--seed must be a whole number from 0 to ${2 ** 31 - 1}, not "${value}".`);
  return n;
}

/** `key=value`: numbers, true/false, or comma-separated whole numbers (hidden_layers=64,32). */
export function parseParams(pairs: string[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new UsageError(`--param takes KEY=VALUE, not "${pair}".`);
    const key = pair.slice(0, at).trim();
    const raw = pair.slice(at + 1).trim();
    let value: ParamValue;
    if (raw === 'true' || raw === 'false') value = raw === 'true';
    else if (raw.includes(',')) {
      const list = raw.split(',').map((x) => Number(x.trim()));
      if (list.some((x) => !Number.isFinite(x)))
        throw new UsageError(`--param ${key} takes a list of numbers such as 64,32, not "${raw}".`);
      value = list;
    } else {
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n))
        throw new UsageError(`--param ${key} takes a number or true/false, not "${raw}".`);
      value = n;
    }
    out[key] = value;
  }
  return out;
}

type SearchSpec = NonNullable<TrainRequest['search']>;

/** Params whose value is a list of layer sizes, written 64x32 in --space. */
const LIST_PARAMS = new Set<string>(
  CATALOGUE.flatMap((a) => a.params.filter((p) => p.type === 'int_list').map((p) => p.name)),
);

/** `--search`, `--space`, `--trials` and `--seconds`, checked together; undefined without --search. */
function parseSearch(
  flags: TrainFlags,
  algo: AlgoName,
  params: Record<string, ParamValue>,
): SearchSpec | undefined {
  if (flags.search === undefined) {
    const stray = [
      flags.space ? '--space' : '',
      flags.trials !== undefined ? '--trials' : '',
      flags.seconds !== undefined ? '--seconds' : '',
    ].filter(Boolean);
    if (stray.length)
      throw new UsageError(
        `${stray.join(', ').replace(/, ([^,]*)$/, ' and $1')} ${stray.length === 1 ? 'only applies' : 'only apply'} to a parameter search; add --search grid or random.`,
      );
    return undefined;
  }
  const strategy = flags.search.trim().toLowerCase();
  if (strategy !== 'grid' && strategy !== 'random')
    throw new UsageError(`--search must be grid or random, not "${flags.search}".`);
  if (algo === 'all')
    throw new UsageError('--search tunes one algorithm at a time; name it with --algo instead of all.');
  if (!flags.space)
    throw new UsageError('--search needs at least one --space KEY=V1,V2,… to say which values to try.');
  const space = parseSpace(flags.space);
  const both = Object.keys(space).find((k) => k in params);
  if (both !== undefined)
    throw new UsageError(`${both} is given by both --param and --space; keep it in one of them.`);
  let maxTrials: number | undefined;
  if (flags.trials !== undefined) {
    maxTrials = Number(flags.trials);
    if (!/^\d+$/.test(flags.trials.trim()) || maxTrials < 1 || maxTrials > 10_000)
      throw new UsageError(`--trials must be a whole number from 1 to 10000, not "${flags.trials}".`);
  }
  let maxSeconds: number | undefined;
  if (flags.seconds !== undefined) {
    maxSeconds = Number(flags.seconds);
    if (flags.seconds.trim() === '' || !(maxSeconds >= 1 && maxSeconds <= 86_400))
      throw new UsageError(`--seconds must be a number from 1 to 86400, not "${flags.seconds}".`);
  }
  return {
    strategy,
    space,
    ...(maxTrials === undefined ? {} : { maxTrials }),
    ...(maxSeconds === undefined ? {} : { maxSeconds }),
  };
}

/**
 * `KEY=V1,V2,…` per flag: numbers or true/false; for list params (hidden_layers) each
 * value is a list of whole numbers written 64x32 (a lone 16 is one layer).
 */
export function parseSpace(pairs: string[]): Record<string, ParamValue[]> {
  const out: Record<string, ParamValue[]> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1)
      throw new UsageError(`--space takes KEY=V1,V2,… such as max_depth=3,6, not "${pair}".`);
    const key = pair.slice(0, at).trim();
    if (key in out)
      throw new UsageError(`--space ${key} is given twice; list all its values in one --space.`);
    const list = LIST_PARAMS.has(key);
    out[key] = pair
      .slice(at + 1)
      .split(',')
      .map((raw) => raw.trim())
      .map((raw): ParamValue => {
        if (list) {
          const sizes = raw.split('x').map((x) => Number(x.trim()));
          if (raw === '' || sizes.some((n) => !Number.isInteger(n) || n <= 0))
            throw new UsageError(
              `--space ${key} takes layer sizes such as 64x32,32, whole numbers joined by x, not "${raw}".`,
            );
          return sizes;
        }
        if (raw === 'true' || raw === 'false') return raw === 'true';
        const n = Number(raw);
        if (raw === '' || !Number.isFinite(n))
          throw new UsageError(
            `--space ${key} takes numbers or true/false separated by commas, not "${raw}".`,
          );
        return n;
      });
  }
  return out;
}

/**
 * Names the algorithm lacks are wrong usage, as with --param; every value is then
 * checked up front (the engine checks only the first) so no trial fails half-way.
 */
function checkSpace(algorithm: AlgorithmId, space: Record<string, ParamValue[]>): void {
  paramsFor(algorithm, Object.fromEntries(Object.keys(space).map((k) => [k, 0])), false);
  for (const [key, values] of Object.entries(space)) {
    for (const value of values) checkParams(algorithm, { [key]: value });
  }
}

function formatParam(value: ParamValue | undefined): string {
  if (value === undefined) return '—';
  return Array.isArray(value) ? value.join('x') : String(value);
}

/** The trials best first, the searched params as columns, then the params chosen. */
function searchTable(run: RunDetail, search: RunSearch, keys: string[]): string[] {
  const sign = higherIsBetter(search.metric) ? -1 : 1;
  const key = (t: SearchTrial): number => (Number.isFinite(t.score) ? sign * t.score : Infinity);
  const order = search.trials.map((t, i) => ({ t, i })).sort((a, b) => key(a.t) - key(b.t));
  const header = ['RANK', 'TRIAL', ...keys.map((k) => k.toUpperCase()), search.metric.toUpperCase(), 'FIT'];
  const rows = order.map(({ t, i }, r) => [
    String(r + 1),
    String(i + 1),
    ...keys.map((k) => formatParam(t.params[k])),
    formatMetric(t.score),
    formatSeconds(t.fitSeconds),
  ]);

  const stopped =
    search.stoppedBy === 'trials'
      ? 'stopped at the --trials limit'
      : search.stoppedBy === 'time'
        ? 'stopped at the --seconds limit'
        : search.strategy === 'grid'
          ? 'every combination tried'
          : 'every trial run';
  const n = search.trials.length;
  return [
    `${search.strategy === 'grid' ? 'Grid' : 'Random'} search: ${n} trial${n === 1 ? '' : 's'}, ranked by ${search.metric} (${sign < 0 ? 'higher' : 'lower'} is better); ${stopped}.`,
    ...tableLines(header, rows, { align: () => 'right', indent: '  ' }),
    `Chosen params: ${keys.map((k) => `${k}=${formatParam(run.params[k])}`).join(' ')}`,
  ];
}

/** holdout[:F], cv[:K] (or kfold[:K]), time:COLUMN[:F], group:COLUMN[:F], none. */
export function parseSplit(text: string): ValidationSpec {
  const value = text.trim();
  const fraction = (raw: string | undefined): number => {
    if (raw === undefined) return 0.2;
    const f = Number(raw);
    if (!(f > 0 && f < 1))
      throw new UsageError(
        `The holdout fraction in --split must be between 0 and 1, such as 0.2, not "${raw}".`,
      );
    return f;
  };
  if (value === 'none') return { kind: 'none' };
  const [kind, ...rest] = value.split(':');
  if (kind === 'holdout' && rest.length <= 1) return { kind: 'holdout', fraction: fraction(rest[0]) };
  if ((kind === 'cv' || kind === 'kfold') && rest.length <= 1) {
    const k = rest[0] === undefined ? 5 : Number(rest[0]);
    if (!Number.isInteger(k) || k < 2 || k > 50)
      throw new UsageError(
        `The fold count in --split must be a whole number from 2 to 50, not "${rest[0]}".`,
      );
    return { kind: 'kfold', folds: k };
  }
  if ((kind === 'time' || kind === 'group') && rest.length >= 1 && rest[0]) {
    // Column names may hold ':'; a trailing number is the fraction.
    const last = rest.at(-1)!;
    const hasFraction = rest.length > 1 && /^\d*\.?\d+$/.test(last);
    const column = (hasFraction ? rest.slice(0, -1) : rest).join(':');
    return { kind: 'holdout', strategy: kind, column, fraction: fraction(hasFraction ? last : undefined) };
  }
  throw new UsageError(
    `--split must be holdout[:FRACTION], cv[:FOLDS], time:COLUMN[:FRACTION], group:COLUMN[:FRACTION] or none, not "${text}".`,
  );
}
