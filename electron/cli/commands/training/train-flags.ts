/**
 * The flags of `assay train` read into typed values, before any workspace is opened: a
 * malformed flag is wrong usage (exit 2) with a sentence naming the flag. What needs the
 * algorithm catalogue (param names, layer-size lists) is checked later, in
 * train-request.ts, against the catalogue the engine serves.
 */
import {
  ALGORITHM_IDS,
  type AlgorithmId,
  type ParamValue,
  type Task,
  type ValidationSpec,
} from '../../../../shared/training';
import { UsageError } from '../../cli-io';
import { parseSearch, type SearchFlags } from './search-flags';

export interface TrainFlags {
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

/** The short names people type, the catalogue's ids, or every algorithm suited to the task. */
export type AlgoName = 'gbdt' | 'rf' | 'extratrees' | 'linear' | 'mlp' | 'baseline' | 'all' | AlgorithmId;

export const ALGO_NAMES = 'gbdt, rf, extratrees, linear, mlp, baseline or all';

export interface ParsedTrainFlags {
  task?: Task;
  validation: ValidationSpec;
  seed?: number;
  params: Record<string, ParamValue>;
  features?: string[];
  algo: AlgoName;
  search?: SearchFlags;
}

const TASKS: Task[] = ['binary', 'multiclass', 'regression'];
const SHORT_NAMES = ['gbdt', 'rf', 'extratrees', 'linear', 'mlp', 'baseline', 'all'];

export function parseTrainFlags(flags: TrainFlags): ParsedTrainFlags {
  const task = flags.task === undefined ? undefined : parseTask(flags.task);
  const validation = parseSplit(flags.split ?? 'holdout:0.2');
  const seed = flags.seed === undefined ? undefined : parseSeed(flags.seed);
  const params = parseParams(flags.param);
  const features = flags.features
    ?.split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (features && features.length === 0) throw new UsageError('--features needs at least one column name.');
  const algo = flags.algo.trim().toLowerCase();
  if (!isAlgoName(algo)) throw new UsageError(`--algo must be ${ALGO_NAMES}, not "${flags.algo}".`);
  const search = parseSearch(flags, algo, params);
  return {
    ...(task ? { task } : {}),
    validation,
    ...(seed === undefined ? {} : { seed }),
    params,
    ...(features ? { features } : {}),
    algo,
    ...(search ? { search } : {}),
  };
}

function isAlgoName(name: string): name is AlgoName {
  return SHORT_NAMES.includes(name) || (ALGORITHM_IDS as readonly string[]).includes(name);
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

/** holdout[:F], cv[:K] (or kfold[:K]), time:COLUMN[:F], group:COLUMN[:F], none. */
export function parseSplit(text: string): ValidationSpec {
  const value = text.trim();
  if (value === 'none') return { kind: 'none' };
  const [kind, ...rest] = value.split(':');
  if (kind === 'holdout' && rest.length <= 1) return { kind: 'holdout', fraction: holdoutFraction(rest[0]) };
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
    return {
      kind: 'holdout',
      strategy: kind,
      column,
      fraction: holdoutFraction(hasFraction ? last : undefined),
    };
  }
  throw new UsageError(
    `--split must be holdout[:FRACTION], cv[:FOLDS], time:COLUMN[:FRACTION], group:COLUMN[:FRACTION] or none, not "${text}".`,
  );
}

function holdoutFraction(raw: string | undefined): number {
  if (raw === undefined) return 0.2;
  const f = Number(raw);
  if (!(f > 0 && f < 1))
    throw new UsageError(
      `The holdout fraction in --split must be between 0 and 1, such as 0.2, not "${raw}".`,
    );
  return f;
}
