/**
 * The `assay train …` command that trains a run again from the terminal: its data
 * version, target, task, algorithm, params, split, seed, features and experiment, with
 * each word quoted for a POSIX shell when it needs to be.
 */
import type { RunDetail, ParamValue, ValidationSpec } from '../../shared/training';

export function trainCommand(run: RunDetail): string {
  const words = [
    'assay',
    'train',
    run.versionLabel,
    '--target',
    run.target,
    '--task',
    run.task,
    '--algo',
    run.algorithm,
    ...Object.entries(run.params).flatMap(([name, value]) => ['--param', `${name}=${paramText(value)}`]),
    '--split',
    splitText(run.validation),
    '--seed',
    String(run.seed),
    ...(run.features.length ? ['--features', run.features.join(',')] : []),
    '--experiment',
    run.experiment,
  ];
  return words.map(shellQuote).join(' ');
}

function paramText(value: ParamValue): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** The `--split` scheme: holdout[:F], cv[:K], time:COLUMN[:F], group:COLUMN[:F], none. */
function splitText(spec: ValidationSpec): string {
  if (spec.kind === 'none') return 'none';
  if (spec.kind === 'kfold') return `cv:${spec.folds ?? 5}`;
  const fraction = spec.fraction ?? 0.2;
  if (spec.strategy === 'time' || spec.strategy === 'group')
    return `${spec.strategy}:${spec.column}:${fraction}`;
  return `holdout:${fraction}`;
}

/** A word as a shell reads it: bare when safe, otherwise in single quotes. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
