/** Running a console query (read-only, the first rows back) and keeping its result or error. */
import { useState } from 'react';
import type { SqlResult } from '../../shared/datasets';
import { api, messageOf } from '../api/client';

export function useSqlRun(limit: number) {
  const [result, setResult] = useState<SqlResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const run = async (sql: string) => {
    setRunning(true);
    setError(null);
    try {
      setResult(await api.call('sql.run', { sql, limit }));
    } catch (e) {
      setResult(null);
      setError(messageOf(e));
    } finally {
      setRunning(false);
    }
  };
  return { result, error, running, run };
}
