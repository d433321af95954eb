/**
 * Completion of table and column names in the SQL editor: suggestions for the word
 * before the caret, moved through with the arrows, accepted with Tab or Enter (quoted
 * when the name needs it), dismissed with Esc.
 */
import { useEffect, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import type { TableCompletion } from '../../shared/datasets';
import { api } from '../api/client';

export function useSqlCompletion(
  sql: string,
  setSql: (sql: string) => void,
  editor: RefObject<HTMLTextAreaElement | null>,
) {
  const [tables, setTables] = useState<TableCompletion[]>([]);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [active, setActive] = useState(0);

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

  const currentWord = (): { word: string; start: number } => {
    const area = editor.current;
    if (!area) return { word: '', start: 0 };
    const match = /[A-Za-z_][\w@.-]*$/.exec(area.value.slice(0, area.selectionStart));
    return match ? { word: match[0], start: match.index } : { word: '', start: area.selectionStart };
  };

  const update = () => {
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
    const text = /^[A-Za-z_][A-Za-z0-9_]*$/.test(choice) ? choice : `"${choice}"`;
    setSql(sql.slice(0, start) + text + sql.slice(area.selectionStart));
    setSuggestions([]);
    requestAnimationFrame(() => {
      area.focus();
      area.selectionStart = area.selectionEnd = start + text.length;
    });
  };

  /** Handles the key when a suggestion list is open; returns whether it did. */
  const onKey = (e: KeyboardEvent): boolean => {
    if (e.key === 'Escape') setSuggestions([]);
    if (suggestions.length === 0) return false;
    const moves: Record<string, () => void> = {
      Tab: () => accept(suggestions[active]!),
      Enter: () => accept(suggestions[active]!),
      ArrowDown: () => setActive((a) => (a + 1) % suggestions.length),
      ArrowUp: () => setActive((a) => (a - 1 + suggestions.length) % suggestions.length),
    };
    const move = moves[e.key];
    if (!move) return false;
    e.preventDefault();
    move();
    return true;
  };

  return { suggestions, active, accept, update: () => requestAnimationFrame(update), onKey };
}
