/**
 * Time-to-live of a feature set: how old a feature value may be, relative to a label's
 * time, and still be used by a point-in-time join (docs/architecture.md, "Inside the
 * features capability"). Written as a number and a unit: "30d", "12h", "90m", "45s", "2w";
 * "none" for no limit.
 */
import { ApiError } from '../../../../shared/errors';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

export interface Ttl {
  /** As written, normalised ("30d"); null for no limit. */
  text: string | null;
  seconds: number | null;
}

/** `where` names the field for the sentence, e.g. "--ttl" or "the ttl of set users". */
export function parseTtl(text: string | undefined, where = 'The ttl'): Ttl {
  if (text === undefined) return { text: null, seconds: null };
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'none') return { text: null, seconds: null };
  const match = /^(\d+)\s*([smhdw])$/.exec(trimmed);
  const amount = match ? Number(match[1]) : 0;
  if (!match || amount <= 0 || amount > 1_000_000) {
    throw new ApiError(
      'INVALID_INPUT',
      `${where} "${text}" is not a duration; write a whole number and a unit (s, m, h, d or w), like 30d, 12h or 90m, or "none".`,
      { field: 'ttl' },
    );
  }
  return { text: `${amount}${match[2]}`, seconds: amount * UNIT_SECONDS[match[2]!]! };
}
