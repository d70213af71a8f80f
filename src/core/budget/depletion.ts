/**
 * Budget depletion inside one error budget period, bucket by bucket: the
 * book's burn-down (fig. 3.9, 11.4). Everything per period (remaining
 * budget over time, episodes, exhaustion) is derived from this one array.
 *
 * Occurrences (DESIGN.md): consumed(t) = B(start..t) / (b · T_period), where
 * T_period is the finished period's actual total, or for the current period
 * the events so far extrapolated to its full length — the previous period's
 * total while less than a day or fewer than `minEvents` events have been seen.
 *
 * Timeslices (DESIGN.md, book fig. 3.9): a slice is good when its SLI reaches
 * the slice target (a slice without events is good: nothing failed); the
 * budget is b · N slices, fixed up front, so the curve falls only in bad
 * slices. Each bad slice spends 1 / (b · N) at its last bucket.
 */
import { budgetFraction } from './rollingBudget';
import { bucketIndex, countsBetween, CumulativeCounts } from './counts';
import { EpochMs, PeriodInterval, Slo } from '../model/model';

const DAY_MS = 86_400_000;

/** The SLO facts the period math needs. */
export type SloMathSpec = Pick<Slo, 'objective' | 'budgeting' | 'timeslice' | 'minEvents' | 'period'>;

export interface PeriodDepletion {
  period: PeriodInterval;
  /** True when the period ended at or before "now". */
  finished: boolean;
  /** Index (into the buckets) of the period's first bucket. */
  first: number;
  /** Fraction of the period budget spent in each bucket from `first` up to the period end or now. */
  spent: Float64Array;
  /** Buckets whose own burn rate exceeds 1 (spending faster than the budget allows). */
  burning: Uint8Array;
  /** End instants of those buckets. */
  times: Float64Array;
  /** Remaining budget after each of those buckets: 1 − cumulative spent (below 0 = budget debt, book 3.3); NaN when there is no budget. */
  remaining: Float64Array;
  /** Budget in events (occurrences) or slices (timeslices); NaN when unknown (no events). */
  budget: number;
  /** True when the current period's budget was projected (extrapolated or borrowed from the previous period). */
  projected: boolean;
  /** Good and total events in the period so far. */
  good: number;
  total: number;
  /** Timeslices: good and counted slices so far. */
  slices?: { good: number; counted: number };
}

/** Occurrences: T_period for the budget b · T_period. */
function periodTotal(c: CumulativeCounts, spec: SloMathSpec, period: PeriodInterval, nowMs: EpochMs, previousTotal: number | undefined) {
  const seenTotal = countsBetween(c, period.startMs, Math.min(period.endMs, nowMs)).total;
  if (period.endMs <= nowMs) {
    return { total: seenTotal, projected: false };
  }
  const elapsed = Math.max(0, nowMs - period.startMs);
  const length = period.endMs - period.startMs;
  const tooEarly = elapsed < DAY_MS || seenTotal < Math.max(1, spec.minEvents);
  if (tooEarly && previousTotal !== undefined && previousTotal > 0) {
    return { total: previousTotal, projected: true };
  }
  return { total: elapsed > 0 ? (seenTotal * length) / elapsed : 0, projected: true };
}

/**
 * Per-bucket depletion of one period, up to min(period end, now).
 * `previousTotal`: the previous period's total events, used to project the
 * current period's budget early in the period.
 */
export function periodDepletion(
  c: CumulativeCounts,
  spec: SloMathSpec,
  period: PeriodInterval,
  nowMs: EpochMs,
  previousTotal?: number
): PeriodDepletion {
  const b = budgetFraction(spec.objective);
  const { stepMs, startMs } = c.buckets;
  const first = bucketIndex(c, period.startMs);
  const last = bucketIndex(c, Math.min(period.endMs, nowMs));
  const n = Math.max(0, last - first);
  // one allocation for the four per-bucket series (see rollingSeries)
  const slab = new ArrayBuffer(25 * n);
  const spent = new Float64Array(slab, 0, n);
  const times = new Float64Array(slab, 8 * n, n);
  const remaining = new Float64Array(slab, 16 * n, n);
  const burning = new Uint8Array(slab, 24 * n, n);
  for (let k = 0; k < n; k++) {
    times[k] = startMs + (first + k + 1) * stepMs;
  }
  const seen = countsBetween(c, period.startMs, Math.min(period.endMs, nowMs));
  const base = { period, finished: period.endMs <= nowMs, first, burning, times, remaining, good: seen.good, total: seen.total };

  if (spec.budgeting === 'timeslices' && spec.timeslice) {
    const slices = timesliceDepletion(c, spec, period, first, spent, burning, b);
    cumulativeRemaining(spent, remaining);
    return { ...base, spent, ...slices };
  }
  const { total, projected } = periodTotal(c, spec, period, nowMs, previousTotal);
  const budget = b * total;
  spendPerBucket(c.pGood, c.pTotal, first, n, b, budget, spent, burning, remaining);
  if (!(total > 0)) {
    remaining.fill(Number.NaN);
  }
  return { ...base, spent, budget: total > 0 ? budget : NaN, projected };
}

/**
 * spent[k] = bad / budget, burning[k] = (bad / t > b) and remaining[k] =
 * 1 − Σ spent for bucket first + k, in one pass without a division per
 * bucket: bad · (1 / budget), and bad > b · t for the burn rate (t > 0).
 * Constants are locals: a global read (Infinity) in the loop body made this
 * pass several times slower, and `b` read only behind `t > 0` cost a check
 * per bucket (bench/core).
 */
function spendPerBucket(
  pGood: Float64Array,
  pTotal: Float64Array,
  first: number,
  n: number,
  b: number,
  budget: number,
  spent: Float64Array,
  burning: Uint8Array,
  remaining: Float64Array
): void {
  const perEvent = budget > 0 ? 1 / budget : 0;
  let used = 0;
  for (let k = 0; k < n; k++) {
    const i = first + k;
    const t = pTotal[i + 1] - pTotal[i];
    const bad = t - (pGood[i + 1] - pGood[i]);
    burning[k] = bad > b * t && t > 0 ? 1 : 0;
    const s = bad * perEvent;
    spent[k] = s;
    used += s;
    remaining[k] = 1 - used;
  }
  if (!(budget > 0)) {
    // no budget (no events): any bad event spends all of it
    const noBudget = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      const i = first + k;
      spent[k] = pTotal[i + 1] - pTotal[i] > pGood[i + 1] - pGood[i] ? noBudget : 0;
    }
  }
}

/** remaining[k] = 1 − Σ spent[0..k]. */
function cumulativeRemaining(spent: Float64Array, remaining: Float64Array): void {
  let used = 0;
  for (let k = 0; k < spent.length; k++) {
    used += spent[k];
    remaining[k] = 1 - used;
  }
}

function timesliceDepletion(c: CumulativeCounts, spec: SloMathSpec, period: PeriodInterval, first: number, spent: Float64Array, burning: Uint8Array, b: number) {
  const n = spent.length;
  const slice = spec.timeslice!;
  const perSlice = Math.max(1, Math.round(slice.lengthMs / c.buckets.stepMs));
  const slicesInPeriod = Math.max(1, Math.round((period.endMs - period.startMs) / (perSlice * c.buckets.stepMs)));
  const budget = b * slicesInPeriod;
  let goodSlices = 0;
  let counted = 0;
  for (let k = 0; k < n; k += perSlice) {
    const end = Math.min(n, k + perSlice);
    const from = first + k;
    const to = first + end;
    const total = c.pTotal[to] - c.pTotal[from];
    const good = c.pGood[to] - c.pGood[from];
    const isGood = total === 0 || good / total >= slice.target;
    counted++;
    if (isGood) {
      goodSlices++;
      continue;
    }
    spent[end - 1] = 1 / budget;
    burning.fill(1, k, end);
  }
  return { budget, projected: false, slices: { good: goodSlices, counted } };
}

/** Remaining budget after each bucket: 1 − cumulative spent (below 0 = budget debt, book 3.3); the depletion's own array, computed with it. */
export function remainingSeries(d: PeriodDepletion): Float64Array {
  return d.remaining;
}
