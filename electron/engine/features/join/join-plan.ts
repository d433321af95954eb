/**
 * Checks a point-in-time join request against the labels and the feature sets before
 * anything runs, and turns it into the statement's inputs (point-in-time-sql.ts): the
 * labels' entity and time columns exist and fit each set's keys, every set version and
 * its materialised rows exist, ttls parse, and no output column name is taken twice —
 * each problem one sentence naming what to change (docs/architecture.md, "Inside the
 * features capability").
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo, DatasetVersion } from '../../../../shared/datasets';
import { ApiError } from '../../../../shared/errors';
import type { FeatureJoinRequest, FeatureSetVersion } from '../../../../shared/features/feature-sets';
import { getVersion, resolveVersion, versionTable, versionViewName } from '../../datasets/dataset-store';
import { isNumericType, typeFamily } from '../../db/duckdb-types';
import { getSetVersion } from '../sets/feature-set-store';
import { isEventTimeType } from '../sets/set-columns';
import { parseTtl } from '../sets/ttl';
import { type JoinLabels, type JoinSide, LABEL_ROW } from './point-in-time-sql';

export interface JoinPlan {
  labels: DatasetVersion;
  labelsSide: JoinLabels;
  sets: FeatureSetVersion[];
  sides: JoinSide[];
}

function labelColumn(labels: DatasetVersion, name: string, role: string): ColumnInfo {
  const found = labels.columns.find((c) => c.name === name);
  if (!found) {
    const where = versionViewName(labels.dataset, labels.number);
    throw new ApiError(
      'INVALID_INPUT',
      `The label ${role} column "${name}" is not in ${where}; its columns are ${labels.columns.map((c) => c.name).join(', ')}.`,
      { field: role === 'time' ? 'timeColumn' : 'entity' },
    );
  }
  return found;
}

function comparable(a: string, b: string): boolean {
  return typeFamily(a) === typeFamily(b) || (isNumericType(a) && isNumericType(b));
}

function checkKeys(
  labels: DatasetVersion,
  entity: ColumnInfo[],
  set: FeatureSetVersion,
  columns: ColumnInfo[],
): void {
  const label = `${set.name}@${set.version}`;
  if (set.entity.length !== entity.length) {
    throw new ApiError(
      'INVALID_INPUT',
      `Feature set ${label} is keyed by ${set.entity.length} column(s) (${set.entity.join(', ')}) but ${entity.length} label entity column(s) were given; name one label column per key, in that order.`,
      { field: 'entity' },
    );
  }
  set.entity.forEach((key, k) => {
    const type = columns.find((c) => c.name === key)?.type ?? 'VARCHAR';
    const mine = entity[k]!;
    if (!comparable(type, mine.type)) {
      throw new ApiError(
        'INVALID_INPUT',
        `The label column "${mine.name}" is ${mine.type} but feature set ${label}'s key "${key}" is ${type}; cast one of them so the keys compare (in ${labels.dataset}, or with a recipe step).`,
        { field: 'entity' },
      );
    }
  });
}

/** Output names: label columns, then each set's features (prefixed `<set>__` on request). */
function outputNames(labels: DatasetVersion, sets: FeatureSetVersion[], prefix: boolean): string[][] {
  const taken = new Map<string, string>(
    labels.columns.map((c) => [c.name.toLowerCase(), 'a column of the labels']),
  );
  if (labels.columns.some((c) => c.name.startsWith('__assay_'))) {
    throw new ApiError(
      'INVALID_INPUT',
      `The labels have a column starting with "__assay_" (${LABEL_ROW} is reserved); rename it first.`,
    );
  }
  return sets.map((set) =>
    set.features.map((f) => {
      const output = prefix ? `${set.name}__${f.name}` : f.name;
      const clash = taken.get(output.toLowerCase());
      if (clash) {
        throw new ApiError(
          'INVALID_INPUT',
          `Feature "${f.name}" of set ${set.name}@${set.version} would be named "${output}", like ${clash}; join with prefixed names (--prefix) or leave one of them out.`,
          { field: 'prefix' },
        );
      }
      taken.set(output.toLowerCase(), `feature "${f.name}" of set ${set.name}@${set.version}`);
      return output;
    }),
  );
}

async function setTable(connection: DuckDBConnection, set: FeatureSetVersion): Promise<DatasetVersion> {
  try {
    return await getVersion(connection, set.materialised.version);
  } catch {
    throw new ApiError(
      'NOT_FOUND',
      `The rows of feature set ${set.name}@${set.version} (${set.materialised.label}) were deleted; create the set again.`,
    );
  }
}

export async function planJoin(connection: DuckDBConnection, request: FeatureJoinRequest): Promise<JoinPlan> {
  const labels = await resolveVersion(connection, request.labels);
  const entity = request.entity.map((name) => labelColumn(labels, name, 'entity'));
  const time = labelColumn(labels, request.timeColumn, 'time');
  if (!isEventTimeType(time.type)) {
    throw new ApiError(
      'INVALID_INPUT',
      `The label time column "${time.name}" is ${time.type}, not a date or a timestamp; convert it first (a cast or parse_date recipe step).`,
      { field: 'timeColumn' },
    );
  }
  const sets: FeatureSetVersion[] = [];
  const tables: DatasetVersion[] = [];
  for (const wanted of request.sets) {
    const set = await getSetVersion(connection, wanted.name, wanted.version);
    if (sets.some((s) => s.name === set.name)) {
      throw new ApiError('INVALID_INPUT', `Feature set ${set.name} is named twice; join each set once.`, {
        field: 'sets',
      });
    }
    const table = await setTable(connection, set);
    checkKeys(labels, entity, set, table.columns);
    sets.push(set);
    tables.push(table);
  }
  const names = outputNames(labels, sets, request.prefix ?? false);
  const sides = sets.map((set, i): JoinSide => {
    const wanted = request.sets[i]!;
    const ttl =
      wanted.ttl === undefined ? set.ttlSeconds : parseTtl(wanted.ttl, `The ttl of set ${set.name}`).seconds;
    return {
      table: versionTable(tables[i]!.id),
      entity: set.entity,
      time: set.timeColumn,
      features: set.features.map((f, k) => ({ source: f.name, output: names[i]![k]! })),
      ttlSeconds: ttl,
    };
  });
  return {
    labels,
    labelsSide: { table: versionTable(labels.id), entity: request.entity, time: time.name },
    sets,
    sides,
  };
}
