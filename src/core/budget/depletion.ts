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
  const spent = new Float64Array(n);
  const burning = new Uint8Array(n);
  const times = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    times[k] = startMs + (first + k + 1) * stepMs;
  }
  const seen = countsBetween(c, period.startMs, Math.min(period.endMs, nowMs));
  const base = { period, finished: period.endMs <= nowMs, first, spent, burning, times, good: seen.good, total: seen.total };

  if (spec.budgeting === 'timeslices' && spec.timeslice) {
    return { ...base, ...timesliceDepletion(c, spec, period, first, n, b) };
  }
  const { total, projected } = periodTotal(c, spec, period, nowMs, previousTotal);
  const budget = b * total;
  spendPerBucket(c.pGood, c.pTotal, first, n, b, budget, spent, burning);
  return { ...base, budget: total > 0 ? budget : NaN, projected };
}

/**
 * spent[k] = bad / budget and burning[k] = (bad / t > b) for bucket first + k.
 * Loop-invariant choices are made before the loop and constants are locals:
 * a global read (Infinity) in the loop body made this pass several times
 * slower (bench/core).
 */
function spendPerBucket(pGood: Float64Array, pTotal: Float64Array, first: number, n: number, b: number, budget: number, spent: Float64Array, burning: Uint8Array): void {
  const noBudget = budget > 0 ? 0 : Number.POSITIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const i = first + k;
    const t = pTotal[i + 1] - pTotal[i];
    const bad = t - (pGood[i + 1] - pGood[i]);
    const rate = bad / t;
    burning[k] = t > 0 && rate > b ? 1 : 0;
    if (budget > 0) {
      spent[k] = bad / budget;
    } else {
      spent[k] = bad > 0 ? noBudget : 0;
    }
  }
}

function timesliceDepletion(c: CumulativeCounts, spec: SloMathSpec, period: PeriodInterval, first: number, n: number, b: number) {
  const slice = spec.timeslice!;
  const perSlice = Math.max(1, Math.round(slice.lengthMs / c.buckets.stepMs));
  const slicesInPeriod = Math.max(1, Math.round((period.endMs - period.startMs) / (perSlice * c.buckets.stepMs)));
  const budget = b * slicesInPeriod;
  const spent = new Float64Array(n);
  const burning = new Uint8Array(n);
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
  return { spent, burning, budget, projected: false, slices: { good: goodSlices, counted } };
}

/** Remaining budget after each bucket: 1 − cumulative spent (below 0 = budget debt, book 3.3). */
export function remainingSeries(d: PeriodDepletion): Float64Array {
  const out = new Float64Array(d.spent.length);
  if (Number.isNaN(d.budget)) {
    return out.fill(Number.NaN);
  }
  const spent = d.spent;
  let used = 0;
  for (let k = 0; k < out.length; k++) {
    used += spent[k];
    out[k] = 1 - used;
  }
  return out;
}
