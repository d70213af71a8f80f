/**
 * Rolling-window error budget series for one SLO, in one O(n) pass over its
 * buckets with prefix sums (DESIGN.md "Normative math": rolling windows use
 * the plain ratio over the trailing window).
 *
 * For bucket i (ending at startMs + (i+1)·step), with the trailing window W
 * of the period length and b = 1 − objective:
 *   SLI(W)       = G_W / T_W                  (T_W = 0 → NaN: no data, never 100%)
 *   remaining(W) = 1 − B_W / (b · T_W)        (below 0 = budget debt, book 3.3)
 *   burn(w)      = (B_w / T_w) / b            (1 = on pace to spend exactly the budget)
 * Worked example (book 3.3.1): objective 98% → b = 2%; 10,000 requests with
 * 100 bad → consumed 100 / 200 = 50%, remaining 50%, burn 0.5.
 */
import { Buckets } from './model';

export interface RollingSeries {
  /** End of each bucket, epoch ms. */
  times: Float64Array;
  sli: Float64Array;
  remaining: Float64Array;
  /** Burn rate per requested window label (e.g. "1h"). */
  burn: Record<string, Float64Array>;
}

/** Budget fraction b = 1 − objective (book 3.3: "error budget = maximum service level – SLO threshold"). */
export function budgetFraction(objective: number): number {
  if (!(objective > 0 && objective < 1)) {
    throw new RangeError(`objective ${objective} leaves no error budget: use a ratio strictly between 0 and 1 (book 3.3.3)`);
  }
  return 1 - objective;
}

/**
 * Derives SLI, remaining budget (over `periodMs`) and burn rates (over each of
 * `burnWindowsMs`) for every bucket. Windows shorter than the data available
 * at the start use what there is. `minEvents`: below it a window reads NaN
 * ("too few events").
 */
export function rollingSeries(
  buckets: Buckets,
  objective: number,
  periodMs: number,
  burnWindowsMs: Record<string, number> = {},
  minEvents = 0
): RollingSeries {
  const b = budgetFraction(objective);
  const n = buckets.good.length;
  // prefix sums: P[i] = sum of buckets [0, i)
  const pGood = new Float64Array(n + 1);
  const pTotal = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const t = Number.isFinite(buckets.total[i]) ? buckets.total[i] : 0;
    const g = Number.isFinite(buckets.good[i]) ? Math.min(buckets.good[i], t) : 0;
    pGood[i + 1] = pGood[i] + g;
    pTotal[i + 1] = pTotal[i] + t;
  }
  const span = (ms: number) => Math.max(1, Math.round(ms / buckets.stepMs));
  const times = new Float64Array(n);
  const sli = new Float64Array(n);
  const remaining = new Float64Array(n);
  const periodBuckets = span(periodMs);
  for (let i = 0; i < n; i++) {
    times[i] = buckets.startMs + (i + 1) * buckets.stepMs;
    const from = Math.max(0, i + 1 - periodBuckets);
    const total = pTotal[i + 1] - pTotal[from];
    const good = pGood[i + 1] - pGood[from];
    if (total <= 0 || total < minEvents) {
      sli[i] = NaN;
      remaining[i] = NaN;
    } else {
      sli[i] = good / total;
      remaining[i] = 1 - (total - good) / (b * total);
    }
  }
  const burn: Record<string, Float64Array> = {};
  for (const [label, ms] of Object.entries(burnWindowsMs)) {
    const w = span(ms);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const from = Math.max(0, i + 1 - w);
      const total = pTotal[i + 1] - pTotal[from];
      out[i] = total <= 0 || total < minEvents ? NaN : (total - (pGood[i + 1] - pGood[from])) / total / b;
    }
    burn[label] = out;
  }
  return { times, sli, remaining, burn };
}
