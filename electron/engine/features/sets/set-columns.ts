/**
 * Checks a feature set's columns against what its recipe produces: the entity keys and
 * the event time exist, the time is a date or a timestamp, and the features exist and
 * are neither keys nor time (docs/architecture.md, "Inside the features capability").
 * Each problem is one sentence naming the column and what to do.
 */
import type { ColumnInfo } from '../../../../shared/datasets';
import { ApiError } from '../../../../shared/errors';
import { typeFamily } from '../../db/duckdb-types';

export interface SetColumns {
  entity: ColumnInfo[];
  time: ColumnInfo;
  features: ColumnInfo[];
}

/** Date and timestamp types: what "latest at or before" and a ttl can be measured on. */
export function isEventTimeType(type: string): boolean {
  return (
    typeFamily(type) === 'temporal' && !/^(TIME|TIMETZ|TIME WITH TIME ZONE|INTERVAL)$/i.test(type.trim())
  );
}

function find(columns: ColumnInfo[], name: string, role: string, where: string): ColumnInfo {
  const found = columns.find((c) => c.name === name);
  if (!found) {
    const names = columns.map((c) => c.name).join(', ');
    throw new ApiError(
      'INVALID_INPUT',
      `The ${role} column "${name}" is not in ${where}; its columns are ${names}.`,
      { field: role === 'time' ? 'timeColumn' : role === 'entity' ? 'entity' : 'features' },
    );
  }
  return found;
}

/** `where` names the relation for the sentence ("customers@2 after the recipe"). */
export function checkSetColumns(
  columns: ColumnInfo[],
  request: { entity: string[]; timeColumn: string; features?: string[] },
  where: string,
): SetColumns {
  const entity = request.entity.map((name) => find(columns, name, 'entity', where));
  if (new Set(request.entity).size !== request.entity.length) {
    throw new ApiError('INVALID_INPUT', 'An entity column is named twice; name each key column once.', {
      field: 'entity',
    });
  }
  const time = find(columns, request.timeColumn, 'time', where);
  if (request.entity.includes(time.name)) {
    throw new ApiError(
      'INVALID_INPUT',
      `"${time.name}" is named as both an entity column and the time column; choose one role for it.`,
      {
        field: 'timeColumn',
      },
    );
  }
  if (!isEventTimeType(time.type)) {
    throw new ApiError(
      'INVALID_INPUT',
      `The time column "${time.name}" is ${time.type}, not a date or a timestamp; convert it first (a cast or parse_date step in the recipe).`,
      { field: 'timeColumn' },
    );
  }
  const keys = new Set([...request.entity, time.name]);
  const names = request.features ?? columns.filter((c) => !keys.has(c.name)).map((c) => c.name);
  if (names.length === 0) {
    throw new ApiError(
      'INVALID_INPUT',
      `${where} has no column besides the entity and the time to use as a feature.`,
      {
        field: 'features',
      },
    );
  }
  const features = names.map((name) => {
    if (keys.has(name)) {
      throw new ApiError(
        'INVALID_INPUT',
        `"${name}" is an entity or time column, so it cannot also be a feature; leave it out of the features.`,
        {
          field: 'features',
        },
      );
    }
    return find(columns, name, 'feature', where);
  });
  if (new Set(names).size !== names.length) {
    throw new ApiError('INVALID_INPUT', 'A feature is named twice; name each feature once.', {
      field: 'features',
    });
  }
  return { entity, time, features };
}
