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
import { CumulativeCounts, prefixSumsInto } from './counts';
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
 * ("too few events"). `counts`: cumulate(buckets), when the caller keeps it
 * anyway, saves computing the same prefix sums again.
 */
export function rollingSeries(
  buckets: Buckets,
  objective: number,
  periodMs: number,
  burnWindowsMs: Record<string, number> = {},
  minEvents = 0,
  counts?: CumulativeCounts
): RollingSeries {
  const inverseBudget = 1 / budgetFraction(objective);
  const { good: goodIn, total: totalIn, stepMs, startMs } = buckets;
  const n = totalIn.length;
  const labels = Object.keys(burnWindowsMs);
  if (counts && counts.buckets !== buckets) {
    throw new RangeError('rollingSeries: counts are not those of these buckets');
  }
  const { pGood, pTotal } = counts ?? scratchPrefixSums(goodIn, totalIn, n);
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

/** cumulate's prefix sums, in `scratch`. */
function scratchPrefixSums(goodIn: Float64Array, totalIn: Float64Array, n: number): { pGood: Float64Array; pTotal: Float64Array } {
  if (scratch.length < 2 * (n + 1)) {
    scratch = new Float64Array(2 * (n + 1));
  }
  const pGood = scratch.subarray(0, n + 1);
  const pTotal = scratch.subarray(n + 1, 2 * (n + 1));
  prefixSumsInto(goodIn, totalIn, pGood, pTotal);
  return { pGood, pTotal };
}

// Window passes, written for the optimising compiler (measured with
// bench/core, same results to the bit): the ratio is computed for every
// bucket and then selected against NaN held in a local, with one comparison
// against `floor` (t >= floor ⇔ t > 0 and t >= minEvents). A conditional
// expression that reads the global NaN inside the loop made each pass about
// three times slower. NaN counts cannot slip through: NaN >= floor is false.
// Each pass runs in two loops: while the window reaches back before the first
// bucket it starts there (P[0] = 0, so P[i + 1] alone is the same sum to the
// bit), then at a fixed lag; choosing the window start per bucket cost about
// a tenth of the whole derivation.

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
  const head = w < n ? w : n;
  for (let i = 0; i < head; i++) {
    const total = pTotal[i + 1];
    const s = pGood[i + 1] / total;
    const enough = total >= floor;
    sli[i] = enough ? s : noData;
    remaining[i] = enough ? 1 - (1 - s) * inverseBudget : noData;
  }
  for (let i = head; i < n; i++) {
    const total = pTotal[i + 1] - pTotal[i + 1 - w];
    const s = (pGood[i + 1] - pGood[i + 1 - w]) / total;
    const enough = total >= floor;
    sli[i] = enough ? s : noData;
    remaining[i] = enough ? 1 - (1 - s) * inverseBudget : noData;
  }
}

/** Burn rate (B_w / T_w) / b over a trailing window of `w` buckets. */
function burnRates(pGood: Float64Array, pTotal: Float64Array, n: number, w: number, minEvents: number, inverseBudget: number, out: Float64Array): void {
  const noData = Number.NaN;
  const floor = totalFloor(minEvents);
  const head = w < n ? w : n;
  for (let i = 0; i < head; i++) {
    const total = pTotal[i + 1];
    const burn = (1 - pGood[i + 1] / total) * inverseBudget;
    out[i] = total >= floor ? burn : noData;
  }
  for (let i = head; i < n; i++) {
    const total = pTotal[i + 1] - pTotal[i + 1 - w];
    const burn = (1 - (pGood[i + 1] - pGood[i + 1 - w]) / total) * inverseBudget;
    out[i] = total >= floor ? burn : noData;
  }
}
