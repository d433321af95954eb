/**
 * The SQL console docked under the grid: DuckDB's dialect over the workspace's datasets
 * (each dataset is a table by its name), completion of table and column names, results
 * in the same grid, DuckDB's own error text with its position, and "Save as dataset" to
 * keep a result as a new version. Queries that write are refused by the engine.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SqlResult, TableCompletion } from '../../shared/datasets';
import { api, messageOf } from '../api/client';
import { useDatasets } from '../app-stores';
import { formatCount, formatDuration } from '../shell/format';
import { reportError } from '../shell/toast-store';
import { decodePage } from './arrow-page';
import { DataGrid } from './DataGrid';
import { staticGridData } from './static-grid-data';

const RESULT_LIMIT = 10_000;

export function SqlConsole({ defaultTable }: { defaultTable?: string }) {
  const [sql, setSql] = useState(
    defaultTable ? `SELECT *\nFROM "${defaultTable}"\nLIMIT 100` : 'SELECT 42 AS answer',
  );
  const [result, setResult] = useState<SqlResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [tables, setTables] = useState<TableCompletion[]>([]);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const [saveName, setSaveName] = useState<string | null>(null);
  const editor = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void api.call('sql.completions', {}).then(setTables, () => undefined);
  }, []);

  const words = useMemo(() => {
    const set = new Set<string>();
    for (const t of tables) {
      set.add(t.name);
      for (const c of t.columns) set.add(c.name);
    }
    return [...set].sort();
  }, [tables]);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setResult(await api.call('sql.run', { sql, limit: RESULT_LIMIT }));
    } catch (e) {
      setResult(null);
      setError(messageOf(e));
    } finally {
      setRunning(false);
    }
  };

  const save = async (name: string) => {
    try {
      const { jobId } = await api.call('sql.save', { sql, name });
      useDatasets.getState().openWhenDone(jobId);
      setSaveName(null);
    } catch (e) {
      reportError(e);
    }
  };

  const currentWord = (): { word: string; start: number } => {
    const area = editor.current;
    if (!area) return { word: '', start: 0 };
    const upto = sql.slice(0, area.selectionStart);
    const match = /[A-Za-z_][\w@.-]*$/.exec(upto);
    return match ? { word: match[0], start: match.index } : { word: '', start: area.selectionStart };
  };

  const updateSuggestions = () => {
    const { word } = currentWord();
    const lower = word.toLowerCase();
    setSuggestions(
      word.length >= 1
        ? words.filter((w) => w.toLowerCase().startsWith(lower) && w !== word).slice(0, 8)
        : [],
    );
    setActive(0);
  };

  const accept = (choice: string) => {
    const area = editor.current;
    if (!area) return;
    const { start } = currentWord();
    const needsQuotes = !/^[A-Za-z_][A-Za-z0-9_]*$/.test(choice);
    const text = needsQuotes ? `"${choice}"` : choice;
    const next = sql.slice(0, start) + text + sql.slice(area.selectionStart);
    setSql(next);
    setSuggestions([]);
    requestAnimationFrame(() => {
      area.focus();
      area.selectionStart = area.selectionEnd = start + text.length;
    });
  };

  const decoded = useMemo(() => (result ? decodePage(result.page) : null), [result]);

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
            requestAnimationFrame(updateSuggestions);
          }}
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
              e.preventDefault();
              void run();
            } else if (suggestions.length > 0 && (e.key === 'Tab' || e.key === 'Enter')) {
              e.preventDefault();
              accept(suggestions[active]!);
            } else if (suggestions.length > 0 && e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => (a + 1) % suggestions.length);
            } else if (suggestions.length > 0 && e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => (a - 1 + suggestions.length) % suggestions.length);
            } else if (e.key === 'Escape') {
              setSuggestions([]);
            }
          }}
        />
        {suggestions.length > 0 && (
          <ul className="completions" role="listbox" aria-label="Completions">
            {suggestions.map((s, i) => (
              <li
                key={s}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : ''}
                onMouseDown={(e) => (e.preventDefault(), accept(s))}
              >
                {s}
              </li>
            ))}
          </ul>
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
            onClick={() => setSaveName('')}
            disabled={!result}
            title="Keep the full result of this query as a new dataset version"
          >
            Save as dataset…
          </button>
          {result && (
            <span className="muted" data-testid="sql-status">
              {formatCount(result.rowCount)} row{result.rowCount === 1 ? '' : 's'}
              {result.truncated ? ` (first ${formatCount(RESULT_LIMIT)} shown)` : ''} ·{' '}
              {formatDuration(result.elapsedMs)}
            </span>
          )}
        </div>
        {saveName !== null && (
          <form
            className="row save-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (saveName.trim()) void save(saveName.trim());
            }}
          >
            <input
              autoFocus
              aria-label="New dataset name"
              placeholder="dataset name"
              value={saveName}
              onChange={(e) => setSaveName(e.target.value)}
            />
            <button type="submit" className="primary">
              Save
            </button>
            <button type="button" onClick={() => setSaveName(null)}>
              Cancel
            </button>
          </form>
        )}
      </div>
      {error && (
        <pre className="sql-error" role="alert">
          {error}
        </pre>
      )}
      {result && decoded && (
        <div className="sql-result">
          <DataGrid columns={result.columns} data={staticGridData(decoded.rows)} testId="sql-result" />
        </div>
      )}
    </section>
  );
}
