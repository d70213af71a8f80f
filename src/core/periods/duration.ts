/**
 * Durations as people write them in the catalog: "5m", "1h30m", "28d", "4w",
 * "500ms". Error budget periods (book 3.3: "28d" rolling windows) and alert
 * windows (book 9.2.11: 60 minutes, every 5 minutes) are written this way.
 * Units: ms, s, m, h, d, w (a week is 7 days; no months or years, whose length varies).
 */
import { DurationMs } from '../model/model';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};
/** Largest unit first, so formatting yields "1w2d" rather than "9d". */
const FORMAT_ORDER = ['w', 'd', 'h', 'm', 's', 'ms'];
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/y;

/** Parses "1h30m" etc. into milliseconds; throws an Error naming the bad input and what would be valid. */
export function parseDuration(text: string): DurationMs {
  const s = typeof text === 'string' ? text.trim() : '';
  const bad = (why: string) =>
    new Error(`invalid duration ${JSON.stringify(text)}: ${why}; write a number and unit such as "5m", "1h30m", "28d", "4w" or "500ms" (units ms, s, m, h, d, w)`);
  if (s === '') {
    throw bad('it is empty');
  }
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const at = PART.lastIndex;
    const m = PART.exec(s);
    if (!m) {
      throw bad(`unexpected ${JSON.stringify(s.slice(at))}`);
    }
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  if (!Number.isFinite(total) || total <= 0) {
    throw bad('it must be greater than zero');
  }
  return Math.round(total);
}

/** Formats milliseconds as the shortest unit string, e.g. 5_400_000 → "1h30m"; 0 → "0s". */
export function formatDuration(ms: DurationMs): string {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`cannot format duration ${ms}: expected a finite, non-negative number of milliseconds`);
  }
  let rest = Math.round(ms);
  if (rest === 0) {
    return '0s';
  }
  let out = '';
  for (const unit of FORMAT_ORDER) {
    const n = Math.floor(rest / UNIT_MS[unit]);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * UNIT_MS[unit];
    }
  }
  return out;
}
