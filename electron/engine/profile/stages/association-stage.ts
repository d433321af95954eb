/**
 * The association stage: which columns enter the matrices, the sample they are computed
 * on (one statement that also brings the missing-value indicators for the nullity heatmap
 * and, on big tables, every number column whose exact MAD is not known yet), and the
 * matrices themselves in JavaScript. `EarlyAssociations` (in early-associations.ts)
 * decides when it runs.
 */
import type { Associations, ColumnProfile, SemanticType } from '../../../../shared/profile';
import { medianAbsoluteDeviation } from '../association-math';
import { computeAssociations } from '../associations';
import { type ProfiledColumn, chunk, isNumberKind } from '../columns';
import type { ProfileRun } from '../run-context';
import { fetchSample } from '../sample';
import { toNumber } from '../values';
import { heatmapColumnsOf } from './missing-stage';

/** What the association stage needs to know of a column. */
export interface AssociationColumn {
  semanticType: SemanticType;
  distinct: number;
  count: number;
  missing: number;
  /** Its exact MAD is already known (a sorted column): none from the sample. */
  madKnown?: boolean;
}

export interface AssociationResult {
  associations: Associations;
  madFromSample: Map<number, number | null>;
  /** DuckDB's exact mad() for number columns beyond the sampled ones. */
  madExact: Map<number, number | null>;
  missingSets: Uint16Array[];
}

/** At most this many number columns travel into JavaScript (MAD on big tables, matrices). */
const MAX_SAMPLED_NUMBER_COLUMNS = 150;
const MAX_CATEGORICAL_COLUMNS = 50;

/** The association inputs of finished column profiles. */
export function associationInfo(profiles: ColumnProfile[]): AssociationColumn[] {
  return profiles.map((p) => ({
    semanticType: p.semanticType,
    distinct: p.distinct,
    count: p.count,
    missing: p.missing,
    madKnown: p.numeric?.mad !== null && p.numeric?.mad !== undefined,
  }));
}

/** Whether two sets of inputs give the same associations. */
export function sameAssociationInfo(used: AssociationColumn[], final: AssociationColumn[]): boolean {
  return final.every((f, i) => {
    const u = used[i];
    const levels = f.semanticType === 'categorical' || f.semanticType === 'boolean';
    return (
      u !== undefined &&
      u.semanticType === f.semanticType &&
      u.count === f.count &&
      u.missing === f.missing &&
      (!levels || u.distinct === f.distinct)
    );
  });
}

export async function computeAssociationStage(
  run: ProfileRun,
  info: AssociationColumn[],
): Promise<AssociationResult> {
  const { numeric, categorical, skipped } = chooseColumns(run, info);
  // On big tables MAD comes from the sample too, so every number column rides along.
  const sampledNumbers = new Set(numeric.map((c) => c.index));
  const needMad = run.rows > run.settings.sampleSize;
  const wantsMad = (c: ProfiledColumn): boolean =>
    needMad && isNumberKind(c.kind) && info[c.index].count > 0 && info[c.index].madKnown !== true;
  for (const c of run.columns) {
    if (sampledNumbers.size >= MAX_SAMPLED_NUMBER_COLUMNS) break;
    if (wantsMad(c)) sampledNumbers.add(c.index);
  }
  const sampledNumberColumns = run.columns.filter((c) => sampledNumbers.has(c.index));
  const missingColumns = heatmapColumnsOf(run, info).map((m) => m.column);
  const sample = await run.pool.use(
    (conn) =>
      fetchSample(
        conn,
        run.table,
        run.rows,
        sampledNumberColumns,
        categorical,
        run.settings.sampleSize,
        run.signal,
        missingColumns,
      ),
    // Queued value counts wait: the matrices, on this thread, can only start after it.
    true,
  );
  const madFromSample = new Map<number, number | null>();
  const madExact = new Map<number, number | null>();
  if (needMad) {
    for (const c of sampledNumberColumns) {
      const data = sample.numeric.get(c.index);
      if (data && wantsMad(c)) madFromSample.set(c.index, medianAbsoluteDeviation(data));
    }
    const missed = run.columns.filter((c) => wantsMad(c) && !sampledNumbers.has(c.index));
    await exactMad(run, missed, madExact);
  }
  const associations = await computeAssociations(
    { sample, tableRows: run.rows, numeric, categorical, skipped },
    run.signal,
  );
  return { associations, madFromSample, madExact, missingSets: sample.missingSets };
}

/** Beyond the sampled columns, DuckDB's exact mad(), 200 columns a statement. */
async function exactMad(
  run: ProfileRun,
  columns: ProfiledColumn[],
  into: Map<number, number | null>,
): Promise<void> {
  for (const batch of chunk(columns, 200)) {
    const [row] = await run.pool.rows(
      `SELECT ${batch.map((c) => `mad(${c.finiteSql})`).join(', ')} FROM ${run.table}`,
      run.signal,
    );
    batch.forEach((c, i) => into.set(c.index, toNumber(row[i])));
  }
}

/**
 * The numeric and categorical columns of the matrices (the target first when there are
 * too many), and the reason for each one left out.
 */
function chooseColumns(
  run: ProfileRun,
  info: AssociationColumn[],
): {
  numeric: ProfiledColumn[];
  categorical: ProfiledColumn[];
  skipped: { column: string; reason: string }[];
} {
  const { maxAssociationColumns, target } = run.settings;
  const maxLevels = run.settings.thresholds.maxCategoricalLevels;
  const skipped: { column: string; reason: string }[] = [];
  const isTarget = (c: ProfiledColumn): boolean => c.name === target;
  const targetFirst = (a: ProfiledColumn, b: ProfiledColumn): number =>
    Number(isTarget(b)) - Number(isTarget(a)) || a.index - b.index;

  const numericAll = run.columns.filter((c) => info[c.index].semanticType === 'numeric').sort(targetFirst);
  const numeric = numericAll.slice(0, maxAssociationColumns).sort((a, b) => a.index - b.index);
  for (const c of numericAll.slice(maxAssociationColumns)) {
    skipped.push({ column: c.name, reason: `more than ${maxAssociationColumns} numeric columns` });
  }
  const categoricalAll = run.columns
    .filter((c) => {
      const p = info[c.index];
      if (p.semanticType !== 'categorical' && p.semanticType !== 'boolean') return false;
      if (p.distinct > maxLevels) {
        skipped.push({ column: c.name, reason: `more than ${maxLevels} distinct values` });
        return false;
      }
      return true;
    })
    .sort(targetFirst);
  const categorical = categoricalAll.slice(0, MAX_CATEGORICAL_COLUMNS).sort((a, b) => a.index - b.index);
  for (const c of categoricalAll.slice(MAX_CATEGORICAL_COLUMNS)) {
    skipped.push({ column: c.name, reason: `more than ${MAX_CATEGORICAL_COLUMNS} categorical columns` });
  }
  return { numeric, categorical, skipped };
}
