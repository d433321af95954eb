/** Lineage lines name parents as dataset@N, never by internal id. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DatasetVersion } from '../../shared/datasets';
import { describeLineage, lineageParents } from './lineage';

const base = {
  id: 'v2',
  dataset: 'sales',
  number: 2,
  rows: 10,
  columns: [],
  sizeBytes: 100,
  createdAt: '2026-01-01T00:00:00Z',
  rejectedRows: 0,
} satisfies Omit<DatasetVersion, 'lineage'>;
const labels: Record<string, string> = { v433bde2e9a0d4639: 'sales@1', vother: 'cities@3' };
const labelOf = (id: string) => labels[id] ?? null;

describe('lineage line', () => {
  it('names a retype parent as dataset@N', () => {
    const version: DatasetVersion = {
      ...base,
      lineage: { kind: 'retype', parent: 'v433bde2e9a0d4639', changes: { id: 'VARCHAR' }, durationMs: 5 },
    };
    const line = describeLineage(version, labelOf);
    assert.match(line, /from sales@1: id → VARCHAR\.$/);
    assert.doesNotMatch(line, /v433bde2e9a0d4639/);
    assert.deepEqual(lineageParents(version.lineage), ['v433bde2e9a0d4639']);
  });

  it('names SQL parents, and never shows an unresolved id', () => {
    const version: DatasetVersion = {
      ...base,
      lineage: {
        kind: 'sql',
        sql: 'SELECT *\n FROM sales',
        parents: ['v433bde2e9a0d4639', 'vgone'],
        durationMs: 5,
      },
    };
    const line = describeLineage(version, labelOf);
    assert.match(line, /from SQL over sales@1, an earlier version: SELECT \* FROM sales$/);
    assert.doesNotMatch(line, /vgone/);
  });
});
