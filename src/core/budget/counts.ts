/**
 * Prefix sums over an SLO's buckets, so any interval's good/bad/total is
 * O(1) (DESIGN.md: every derived series comes from the buckets in one pass).
 * Style habit 4: sum counts, never average ratios.
 *
 * A bucket belongs to the interval holding its start instant; intervals
 * whose edges fall inside a bucket are therefore accurate to one bucket width.
 */
import { Buckets, EpochMs } from '../model/model';

export interface IntervalCounts {
  good: number;
  total: number;
  bad: number;
}

export interface CumulativeCounts {
  readonly buckets: Buckets;
  /** pGood[i] = Σ good of buckets [0, i); same for pTotal. Length n + 1. */
  readonly pGood: Float64Array;
  readonly pTotal: Float64Array;
}

/** Builds prefix sums; NaN/missing counts are 0 and good is clamped to total. */
export function cumulate(buckets: Buckets): CumulativeCounts {
  const n = buckets.total.length;
  // one allocation for both (see rollingSeries)
  const slab = new Float64Array(2 * (n + 1));
  const pGood = slab.subarray(0, n + 1);
  const pTotal = slab.subarray(n + 1);
  prefixSumsInto(buckets.good, buckets.total, pGood, pTotal);
  return { buckets, pGood, pTotal };
}

/** cumulate's prefix sums written into the caller's arrays (length n + 1 at least), for a caller that does not keep them. */
export function prefixSumsInto(good: Float64Array, total: Float64Array, pGood: Float64Array, pTotal: Float64Array): void {
  const n = total.length;
  let sumGood = 0;
  let sumTotal = 0;
  pGood[0] = 0;
  pTotal[0] = 0;
  for (let i = 0; i < n; i++) {
    const t = total[i] > 0 ? total[i] : 0;
    const g = good[i] > 0 ? (good[i] < t ? good[i] : t) : 0;
    sumGood += g;
    sumTotal += t;
    pGood[i + 1] = sumGood;
    pTotal[i + 1] = sumTotal;
  }
}

/** Index of the first bucket starting at or after instant t (0..n). */
export function bucketIndex(c: CumulativeCounts, t: EpochMs): number {
  const n = c.buckets.total.length;
  const i = Math.ceil((t - c.buckets.startMs) / c.buckets.stepMs);
  return i < 0 ? 0 : i > n ? n : i;
}

/** Counts of the buckets with index in [from, to). */
export function countsByIndex(c: CumulativeCounts, from: number, to: number): IntervalCounts {
  const good = c.pGood[to] - c.pGood[from];
  const total = c.pTotal[to] - c.pTotal[from];
  return { good, total, bad: total - good };
}

/** Counts of the buckets starting in [fromMs, toMs). */
export function countsBetween(c: CumulativeCounts, fromMs: EpochMs, toMs: EpochMs): IntervalCounts {
  return countsByIndex(c, bucketIndex(c, fromMs), bucketIndex(c, toMs));
}

/** True when the buckets reach back to `t` (the source still held data from then). */
export function covers(c: CumulativeCounts, t: EpochMs): boolean {
  return t >= c.buckets.startMs;
}
