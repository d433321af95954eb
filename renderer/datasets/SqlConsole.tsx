/**
 * The SQL console docked under the grid: DuckDB's dialect over the workspace's datasets
 * (each dataset is a table by its name), completion of table and column names, results
 * in the same grid, DuckDB's own error text with its position, and "Save as dataset" to
 * keep a result as a new version. Queries that write are refused by the engine.
 */
import { useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import { useDatasets } from '../app-stores';
import { reportError } from '../shell/toast-store';
import { decodePage } from './arrow-page';
import { CompletionList } from './CompletionList';
import { DataGrid } from './DataGrid';
import { SqlSaveForm } from './SqlSaveForm';
import { SqlStatus } from './SqlStatus';
import { staticGridData } from './static-grid-data';
import { useSqlCompletion } from './use-sql-completion';
import { useSqlRun } from './use-sql-run';

const RESULT_LIMIT = 10_000;

export function SqlConsole({ defaultTable }: { defaultTable?: string }) {
  const [sql, setSql] = useState(
    defaultTable ? `SELECT *\nFROM "${defaultTable}"\nLIMIT 100` : 'SELECT 42 AS answer',
  );
  const { result, error, running, run: runSql } = useSqlRun(RESULT_LIMIT);
  const [saving, setSaving] = useState(false);
  const editor = useRef<HTMLTextAreaElement>(null);
  const completion = useSqlCompletion(sql, setSql, editor);
  const data = useMemo(() => (result ? staticGridData(decodePage(result.page).rows) : null), [result]);

  const run = () => runSql(sql);
  const save = (name: string) =>
    api.call('sql.save', { sql, name }).then(({ jobId }) => {
      useDatasets.getState().openWhenDone(jobId);
      setSaving(false);
    }, reportError);

  return (
    <section className="sql-console" aria-label="SQL console">
      <div className="sql-editor">
        <textarea
          ref={editor}
          aria-label="SQL query"
          spellCheck={false}
          value={sql}
          onChange={(e) => {
            setSql(e.target.value);
            completion.update();
          }}
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
              e.preventDefault();
              void run();
            } else completion.onKey(e);
          }}
        />
        {completion.suggestions.length > 0 && (
          <CompletionList
            suggestions={completion.suggestions}
            active={completion.active}
            onPick={completion.accept}
          />
        )}
        <div className="sql-actions">
          <button
            type="button"
            className="primary"
            onClick={() => void run()}
            disabled={running}
            title="Run (Ctrl+Enter)"
          >
            {running ? 'Running…' : 'Run'}
          </button>
          <button
            type="button"
            onClick={() => setSaving(true)}
            disabled={!result}
            title="Keep the full result of this query as a new dataset version"
          >
            Save as dataset…
          </button>
          {result && <SqlStatus result={result} limit={RESULT_LIMIT} />}
        </div>
        {saving && <SqlSaveForm onSave={(name) => void save(name)} onCancel={() => setSaving(false)} />}
      </div>
      {error && (
        <pre className="sql-error" role="alert">
          {error}
        </pre>
      )}
      {result && data && (
        <div className="sql-result">
          <DataGrid columns={result.columns} data={data} testId="sql-result" />
        </div>
      )}
    </section>
  );
}
