/**
 * Buckets of several subjects summed into one (an SLA over its components,
 * book 11.2.7): per bucket Σgood and Σtotal over the interval all of them
 * hold — sum counts, never average ratios. A bucket without data from one
 * subject still counts the others (counts.ts reads no data as 0 too); a
 * bucket no subject has data for stays no data.
 *
 * @example totals [10, 10] and [30, 30], good [10, 9] and [30, 27] → total [40, 40], good [40, 36]
 */
import { Buckets } from '../model/model';

/** The summed buckets, or why they cannot be summed (different widths). `parts` must not be empty. */
export function sumBuckets(parts: readonly Buckets[]): Buckets | { error: string } {
  const step = parts[0].stepMs;
  if (parts.some((b) => b.stepMs !== step)) {
    return { error: `read at different bucket widths (${[...new Set(parts.map((b) => b.stepMs / 1000))].join(' s, ')} s)` };
  }
  const start = Math.max(...parts.map((b) => b.startMs));
  const end = Math.min(...parts.map((b) => b.startMs + b.total.length * step));
  const n = Math.max(0, Math.round((end - start) / step));
  const good = new Float64Array(n);
  const total = new Float64Array(n).fill(NaN);
  for (const b of parts) {
    const offset = Math.round((start - b.startMs) / step);
    for (let i = 0; i < n; i++) {
      const t = b.total[offset + i];
      if (Number.isNaN(t)) {
        continue;
      }
      const tt = t > 0 ? t : 0;
      const g = b.good[offset + i];
      good[i] += g > 0 ? Math.min(g, tt) : 0;
      total[i] = (Number.isNaN(total[i]) ? 0 : total[i]) + tt;
    }
  }
  return { startMs: start, stepMs: step, good, total };
}
