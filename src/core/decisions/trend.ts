/**
 * Trends the decision workflows read: the least-squares slope of a series
 * (incident time to recovery, book 11.2.11: "five data points… yield a
 * trendline with an upward trend") and the average growth rate between
 * consecutive time-scale units (ticket trend, book 11.2.9, fig. 11.13).
 */

export type TrendDirection = 'up' | 'down' | 'flat' | 'unknown';

/**
 * Least-squares slope of y over x (x defaults to 0, 1, 2, ...). Null with fewer than two points.
 *
 * @example slope([30, 90, 60, 60, 120]) → 15 (the book's TTR example, minutes per incident)
 */
export function slope(ys: readonly number[], xs?: readonly number[]): number | null {
  const pts = ys.map((y, i) => [xs ? xs[i] : i, y] as const).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (pts.length < 2) {
    return null;
  }
  const n = pts.length;
  const mx = pts.reduce((s, [x]) => s + x, 0) / n;
  const my = pts.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = pts.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  if (sxx === 0) {
    return null;
  }
  return pts.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
}

/** Direction of a slope, "flat" within `tolerance` of zero. */
export function direction(s: number | null, tolerance = 1e-9): TrendDirection {
  if (s === null) {
    return 'unknown';
  }
  return s > tolerance ? 'up' : s < -tolerance ? 'down' : 'flat';
}

/**
 * Mean of the growth rates between consecutive values (P1→P2, P2→P3, …, book
 * 11.2.9 "average customer ticket growth rate"); steps from 0 are skipped.
 *
 * @example averageGrowthRate([10, 12, 15]) → (0.2 + 0.25) / 2 = 0.225
 */
export function averageGrowthRate(values: readonly number[]): number | null {
  const rates: number[] = [];
  for (let i = 1; i < values.length; i++) {
    if (values[i - 1] > 0 && Number.isFinite(values[i])) {
      rates.push(values[i] / values[i - 1] - 1);
    }
  }
  return rates.length === 0 ? null : rates.reduce((a, b) => a + b, 0) / rates.length;
}
