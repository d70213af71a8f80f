/** Numbers in the words of a policy's `because` texts: percent with one decimal, durations in h or d. */
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const pct = (ratio: number): string => `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;

export function span(ms: number): string {
  if (ms >= DAY_MS && ms % DAY_MS === 0) {
    return ms === DAY_MS ? '24 h' : `${ms / DAY_MS} days`;
  }
  if (ms >= DAY_MS) {
    return `${(ms / DAY_MS).toFixed(1)} days`;
  }
  return `${Math.round((ms / HOUR_MS) * 10) / 10} h`;
}
