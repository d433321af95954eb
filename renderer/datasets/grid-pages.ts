/**
 * Server-side paging for the grid: keeps the pages around the viewport, fetches missing
 * ones in 200-row pages (Arrow IPC), and starts over when the sort or filters change (a
 * new cache per query, so answers to an old query land in a cache nobody reads).
 */
import { useEffect, useMemo, useState } from 'react';
import type { Filter, SortKey } from '../../shared/datasets';
import { api } from '../api/client';
import { reportError } from '../shell/toast-store';
import { decodePage, type CellValue } from './arrow-page';

export const PAGE_SIZE = 200;
const MAX_CACHED_PAGES = 40;

class PageCache {
  readonly pages = new Map<number, CellValue[][]>();
  private readonly inflight = new Set<number>();
  totalRows: number | null = null;

  constructor(
    private readonly versionId: string,
    private readonly sort: SortKey[],
    private readonly filters: Filter[],
    private readonly onChange: () => void,
  ) {}

  get loading(): boolean {
    return this.inflight.size > 0;
  }

  async fetch(index: number): Promise<void> {
    if (this.pages.has(index) || this.inflight.has(index)) return;
    this.inflight.add(index);
    this.onChange();
    try {
      const result = await api.call('datasets.page', {
        version: this.versionId,
        offset: index * PAGE_SIZE,
        limit: PAGE_SIZE,
        sort: this.sort,
        filters: this.filters,
      });
      this.pages.set(index, decodePage(result.page).rows);
      if (this.pages.size > MAX_CACHED_PAGES) this.pages.delete(this.pages.keys().next().value!);
      this.totalRows = result.totalRows;
    } catch (error) {
      reportError(error);
      if (this.totalRows === null) this.totalRows = 0;
    } finally {
      this.inflight.delete(index);
      this.onChange();
    }
  }
}

export interface GridData {
  totalRows: number | null;
  loading: boolean;
  row(index: number): CellValue[] | undefined;
  /** Ask for the rows in [first, last]; cheap to call on every scroll. */
  ensure(first: number, last: number): void;
}

export function useGridPages(versionId: string, sort: SortKey[], filters: Filter[]): GridData {
  const [, setTick] = useState(0);
  const key = JSON.stringify({ sort, filters });
  const cache = useMemo(
    () =>
      new PageCache(versionId, JSON.parse(key).sort, JSON.parse(key).filters, () => setTick((t) => t + 1)),
    [versionId, key],
  );
  useEffect(() => {
    void cache.fetch(0);
  }, [cache]);
  return {
    totalRows: cache.totalRows,
    loading: cache.loading,
    row: (index) => cache.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    ensure: (first, last) => {
      const to = Math.floor(Math.max(0, last) / PAGE_SIZE);
      for (let p = Math.floor(Math.max(0, first) / PAGE_SIZE); p <= to; p += 1) void cache.fetch(p);
    },
  };
}
