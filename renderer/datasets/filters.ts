/** Filters as people read them: "price between 10 and 20", "city contains 'ber'". */
import type { Filter } from '../../shared/datasets';

export function describeFilter(filter: Filter): string {
  switch (filter.op) {
    case 'range':
      if (filter.min !== undefined && filter.max !== undefined)
        return `${filter.column} between ${filter.min} and ${filter.max}`;
      if (filter.min !== undefined) return `${filter.column} ≥ ${filter.min}`;
      return `${filter.column} ≤ ${filter.max}`;
    case 'contains':
      return `${filter.column} contains “${filter.value}”`;
    case 'in':
      return `${filter.column} in {${filter.values.slice(0, 4).join(', ')}${filter.values.length > 4 ? ', …' : ''}}`;
    case 'null':
      return `${filter.column} is null`;
    case 'notNull':
      return `${filter.column} is not null`;
  }
}

/** Reads a number when the text is one, else keeps the text (dates, strings). */
export function parseBound(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
}
