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
  const inverseBudget = 1 / budgetFraction(objective);
  const { good: goodIn, total: totalIn, stepMs, startMs } = buckets;
  const n = totalIn.length;
  const labels = Object.keys(burnWindowsMs);
  // One allocation for every output: many separate large typed arrays cost
  // far more than the arithmetic (each is an external backing store for the GC).
  const arena = new Float64Array(2 * (n + 1) + (3 + labels.length) * n);
  let at = 0;
  const take = (len: number) => arena.subarray(at, (at += len));
  // prefix sums: P[i] = sum of buckets [0, i); NaN and negative counts read as 0
  const pGood = take(n + 1);
  const pTotal = take(n + 1);
  let sumGood = 0;
  let sumTotal = 0;
  for (let i = 0; i < n; i++) {
    const t = totalIn[i] > 0 ? totalIn[i] : 0;
    const g = goodIn[i] > 0 ? goodIn[i] : 0;
    sumTotal += t;
    sumGood += g < t ? g : t;
    pGood[i + 1] = sumGood;
    pTotal[i + 1] = sumTotal;
  }
  const span = (ms: number) => Math.max(1, Math.round(ms / stepMs));
  const times = take(n);
  const sli = take(n);
  const remaining = take(n);
  const periodBuckets = span(periodMs);
  for (let i = 0; i < n; i++) {
    times[i] = startMs + (i + 1) * stepMs;
    const from = i + 1 > periodBuckets ? i + 1 - periodBuckets : 0;
    const total = pTotal[i + 1] - pTotal[from];
    if (total <= 0 || total < minEvents) {
      sli[i] = NaN;
      remaining[i] = NaN;
    } else {
      const s = (pGood[i + 1] - pGood[from]) / total;
      sli[i] = s;
      remaining[i] = 1 - (1 - s) * inverseBudget;
    }
  }
  const burn: Record<string, Float64Array> = {};
  for (const label of labels) {
    const w = span(burnWindowsMs[label]);
    const out = take(n);
    for (let i = 0; i < n; i++) {
      const from = i + 1 > w ? i + 1 - w : 0;
      const total = pTotal[i + 1] - pTotal[from];
      out[i] = total <= 0 || total < minEvents ? NaN : (1 - (pGood[i + 1] - pGood[from]) / total) * inverseBudget;
    }
    burn[label] = out;
  }
  return { times, sli, remaining, burn };
}
