/**
 * The point-in-time join as one DuckDB statement (docs/architecture.md, "Inside the
 * features capability"): the label rows, each numbered by its position, LEFT ASOF JOINed
 * to every feature set in turn — entity keys as equalities and `label time >= feature
 * time`, so each label row gets the latest feature row at or before its instant and keeps
 * its row when there is none. A feature row older than label time − ttl counts as no
 * match: its values become NULL. A set holds one row per entity and time (its creation
 * keeps the last recorded of tied rows), so the match is never a choice among ties. A flag
 * per set says whether the row matched, for the matched shares; the caller drops the flags.
 */
import { quoteIdentifier as q } from '../../db/sql-text';

export const LABEL_ROW = '__assay_label_row';

export function matchedFlag(index: number): string {
  return `__assay_matched_${index}`;
}

export interface JoinLabels {
  table: string;
  entity: string[];
  time: string;
}

export interface JoinSide {
  table: string;
  /** The set's own key columns, in the order of the labels' entity columns. */
  entity: string[];
  time: string;
  /** Each feature's column in the set and its name in the output. */
  features: Array<{ source: string; output: string }>;
  ttlSeconds: number | null;
}

function sideRelation(side: JoinSide): string {
  const columns = [...side.entity, side.time, ...side.features.map((f) => f.source)];
  return `(SELECT ${[...new Set(columns)].map(q).join(', ')} FROM ${side.table})`;
}

/** The condition under which set `i`'s values are kept for a label row. */
function matched(labels: JoinLabels, side: JoinSide, alias: string): string {
  const seen = `${alias}.${q(side.time)} IS NOT NULL`;
  if (side.ttlSeconds === null) return seen;
  return `(${seen} AND ${alias}.${q(side.time)} >= l.${q(labels.time)} - to_seconds(${side.ttlSeconds}))`;
}

export function pointInTimeSql(labels: JoinLabels, sides: JoinSide[]): string {
  const selects: string[] = [`l.* EXCLUDE (${q(LABEL_ROW)})`];
  const joins: string[] = [];
  sides.forEach((side, i) => {
    const alias = `f${i}`;
    const condition = matched(labels, side, alias);
    for (const f of side.features) {
      selects.push(`CASE WHEN ${condition} THEN ${alias}.${q(f.source)} END AS ${q(f.output)}`);
    }
    selects.push(`coalesce(${condition}, false) AS ${q(matchedFlag(i))}`);
    const on = labels.entity.map((e, k) => `l.${q(e)} = ${alias}.${q(side.entity[k]!)}`);
    on.push(`l.${q(labels.time)} >= ${alias}.${q(side.time)}`);
    joins.push(`ASOF LEFT JOIN ${sideRelation(side)} AS ${alias} ON ${on.join(' AND ')}`);
  });
  return [
    `SELECT ${selects.join(',\n  ')}`,
    `FROM (SELECT *, rowid AS ${q(LABEL_ROW)} FROM ${labels.table}) AS l`,
    ...joins,
    `ORDER BY l.${q(LABEL_ROW)}`,
  ].join('\n');
}
