/**
 * The preview of the recipe's result with the diff overlay: added columns in green,
 * removed ones red and struck through (their values before), changed cells highlighted
 * with the value before on hover, and the counts of the whole recipe above. It draws the
 * preview's page (a few hundred rows), so a plain table is enough; the values are decoded
 * and formatted as the datasets grid does.
 */
import { useMemo } from 'react';
import type { CleanPreview } from '../../shared/clean/clean-api';
import { formatCount } from '../../shared/format';
import { previewDiff } from './preview-diff';

const STATE_WORDS = { added: 'added', removed: 'removed', kept: '' } as const;

export function PreviewGrid({ preview }: { preview: CleanPreview }) {
  const diff = useMemo(() => previewDiff(preview), [preview]);
  const added = diff.columns.filter((c) => c.state === 'added').length;
  const removed = diff.columns.filter((c) => c.state === 'removed').length;
  const last = preview.steps.at(-1);
  return (
    <div className="clean-grid-wrap">
      <div className="clean-grid-counts" data-testid="diff-counts">
        {last && <span>{formatCount(last.rowsAfter)} rows</span>}
        <span className="diff-added">+{added} columns</span>
        <span className="diff-removed">−{removed} columns</span>
        <span className="diff-changed">{formatCount(diff.changedCells)} cells changed in these rows</span>
        {preview.sampled && (
          <span className="muted">counts on a sample of {formatCount(preview.sampleRows)} rows</span>
        )}
      </div>
      <div className="clean-grid" data-testid="clean-grid" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th className="num">#</th>
              {diff.columns.map((c) => (
                <th key={`${c.state}:${c.name}`} className={`col-${c.state}`} data-column={c.name}>
                  <div className="clean-col-name">{c.name}</div>
                  <div className="clean-col-type">
                    {c.type}
                    {STATE_WORDS[c.state] && ` · ${STATE_WORDS[c.state]}`}
                    {c.changed > 0 && ` · ${formatCount(c.changed)} changed`}
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {diff.rows.map((row, r) => (
              <tr key={r}>
                <td className="num muted">{row.source === null ? r + 1 : row.source + 1}</td>
                {row.cells.map((cell, c) => {
                  const column = diff.columns[c]!;
                  const classes = [
                    `col-${column.state}`,
                    cell.changed ? 'cell-changed' : '',
                    cell.isNull ? 'null-cell' : '',
                  ]
                    .filter(Boolean)
                    .join(' ');
                  return (
                    <td
                      key={c}
                      className={classes}
                      title={cell.changed ? `was ${cell.before}` : cell.text}
                      data-changed={cell.changed || undefined}
                    >
                      {cell.isNull ? 'NULL' : cell.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {diff.rows.length === 0 && <p className="muted clean-grid-empty">No rows after these steps.</p>}
      </div>
    </div>
  );
}
