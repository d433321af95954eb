/**
 * `--search`, `--space`, `--trials` and `--seconds` of `assay train`, checked together.
 * The space is read in two steps: its shape (KEY=V1,V2, each key once) with the other
 * flags, and its values once the catalogue says which params are lists of layer sizes
 * (written 64x32; a lone 16 is one layer).
 */
import type { ParamValue, TrainRequest } from '../../../../shared/training';
import { UsageError } from '../../cli-io';
import type { AlgoName, TrainFlags } from './train-flags';

/** A search as flags give it: the space's values still as typed. */
export interface SearchFlags {
  strategy: 'grid' | 'random';
  space: Record<string, string[]>;
  maxTrials?: number;
  maxSeconds?: number;
}

export type SearchSpec = NonNullable<TrainRequest['search']>;

/** Undefined without --search; wrong usage when a search flag comes without it. */
export function parseSearch(
  flags: TrainFlags,
  algo: AlgoName,
  params: Record<string, ParamValue>,
): SearchFlags | undefined {
  if (flags.search === undefined) {
    refuseStraySearchFlags(flags);
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

function refuseStraySearchFlags(flags: TrainFlags): void {
  const stray = [
    flags.space ? '--space' : '',
    flags.trials !== undefined ? '--trials' : '',
    flags.seconds !== undefined ? '--seconds' : '',
  ].filter(Boolean);
  if (stray.length)
    throw new UsageError(
      `${stray.join(', ').replace(/, ([^,]*)$/, ' and $1')} ${stray.length === 1 ? 'only applies' : 'only apply'} to a parameter search; add --search grid or random.`,
    );
}

/** `KEY=V1,V2,…` per flag, split but not yet read: each key once, its values as typed. */
export function parseSpace(pairs: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1)
      throw new UsageError(`--space takes KEY=V1,V2,… such as max_depth=3,6, not "${pair}".`);
    const key = pair.slice(0, at).trim();
    if (key in out)
      throw new UsageError(`--space ${key} is given twice; list all its values in one --space.`);
    out[key] = pair
      .slice(at + 1)
      .split(',')
      .map((raw) => raw.trim());
  }
  return out;
}

/** The space's values read: numbers or true/false, layer sizes for the params in `listParams`. */
export function spaceValues(
  space: Record<string, string[]>,
  listParams: ReadonlySet<string>,
): Record<string, ParamValue[]> {
  const out: Record<string, ParamValue[]> = {};
  for (const [key, values] of Object.entries(space)) {
    out[key] = values.map((raw) => (listParams.has(key) ? layerSizes(key, raw) : scalar(key, raw)));
  }
  return out;
}

function layerSizes(key: string, raw: string): number[] {
  const sizes = raw.split('x').map((x) => Number(x.trim()));
  if (raw === '' || sizes.some((n) => !Number.isInteger(n) || n <= 0))
    throw new UsageError(
      `--space ${key} takes layer sizes such as 64x32,32, whole numbers joined by x, not "${raw}".`,
    );
  return sizes;
}

function scalar(key: string, raw: string): ParamValue {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  const n = Number(raw);
  if (raw === '' || !Number.isFinite(n))
    throw new UsageError(`--space ${key} takes numbers or true/false separated by commas, not "${raw}".`);
  return n;
}
