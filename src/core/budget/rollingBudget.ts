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
import { Buckets } from '../model/model';

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
  if (scratch.length < 2 * (n + 1)) {
    scratch = new Float64Array(2 * (n + 1));
  }
  const pGood = scratch.subarray(0, n + 1);
  const pTotal = scratch.subarray(n + 1, 2 * (n + 1));
  prefixSums(goodIn, totalIn, n, pGood, pTotal);
  // One allocation for every output: many separate large typed arrays cost
  // far more than the arithmetic (each is an external backing store for the GC).
  const arena = new Float64Array((3 + labels.length) * n);
  const times = arena.subarray(0, n);
  const sli = arena.subarray(n, 2 * n);
  const remaining = arena.subarray(2 * n, 3 * n);
  for (let i = 0; i < n; i++) {
    times[i] = startMs + (i + 1) * stepMs;
  }
  sliAndRemaining(pGood, pTotal, n, windowBuckets(periodMs, stepMs), minEvents, inverseBudget, sli, remaining);
  const burn: Record<string, Float64Array> = {};
  labels.forEach((label, k) => {
    const out = arena.subarray((3 + k) * n, (4 + k) * n);
    burnRates(pGood, pTotal, n, windowBuckets(burnWindowsMs[label], stepMs), minEvents, inverseBudget, out);
    burn[label] = out;
  });
  return { times, sli, remaining, burn };
}

/** Buckets in a trailing window (at least one). */
function windowBuckets(ms: number, stepMs: number): number {
  return Math.max(1, Math.round(ms / stepMs));
}

// Prefix sums P[i] = sum of buckets [0, i), kept between calls: they never
// leave this module and every call overwrites the part it reads, so one
// buffer serves all SLOs of a refresh instead of a fresh 130 KB per SLO.
let scratch = new Float64Array(0);

/** NaN and negative counts read as 0; good is clamped to total. */
function prefixSums(goodIn: Float64Array, totalIn: Float64Array, n: number, pGood: Float64Array, pTotal: Float64Array): void {
  let sumGood = 0;
  let sumTotal = 0;
  pGood[0] = 0;
  pTotal[0] = 0;
  for (let i = 0; i < n; i++) {
    const t = totalIn[i] > 0 ? totalIn[i] : 0;
    const g = goodIn[i] > 0 ? goodIn[i] : 0;
    sumTotal += t;
    sumGood += g < t ? g : t;
    pGood[i + 1] = sumGood;
    pTotal[i + 1] = sumTotal;
  }
}

// Window passes, written for the optimising compiler (measured with
// bench/core, same results to the bit): the ratio is computed for every
// bucket and then selected against NaN held in a local, with one comparison
// against `floor` (t >= floor ⇔ t > 0 and t >= minEvents). A conditional
// expression that reads the global NaN inside the loop made each pass about
// three times slower. NaN counts cannot slip through: NaN >= floor is false.

/** Smallest total that yields a ratio: above 0 and at least `minEvents`. */
function totalFloor(minEvents: number): number {
  return minEvents > 0 ? minEvents : Number.MIN_VALUE;
}

/** SLI and remaining budget over a trailing window of `w` buckets. */
function sliAndRemaining(
  pGood: Float64Array,
  pTotal: Float64Array,
  n: number,
  w: number,
  minEvents: number,
  inverseBudget: number,
  sli: Float64Array,
  remaining: Float64Array
): void {
  const noData = Number.NaN;
  const floor = totalFloor(minEvents);
  for (let i = 0; i < n; i++) {
    const from = i + 1 > w ? i + 1 - w : 0;
    const total = pTotal[i + 1] - pTotal[from];
    const s = (pGood[i + 1] - pGood[from]) / total;
    const enough = total >= floor;
    sli[i] = enough ? s : noData;
    remaining[i] = enough ? 1 - (1 - s) * inverseBudget : noData;
  }
}

/** Burn rate (B_w / T_w) / b over a trailing window of `w` buckets. */
function burnRates(pGood: Float64Array, pTotal: Float64Array, n: number, w: number, minEvents: number, inverseBudget: number, out: Float64Array): void {
  const noData = Number.NaN;
  const floor = totalFloor(minEvents);
  for (let i = 0; i < n; i++) {
    const from = i + 1 > w ? i + 1 - w : 0;
    const total = pTotal[i + 1] - pTotal[from];
    const burn = (1 - (pGood[i + 1] - pGood[from]) / total) * inverseBudget;
    out[i] = total >= floor ? burn : noData;
  }
}
