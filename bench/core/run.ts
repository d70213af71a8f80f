/**
 * bench/core: the per-SLO derivations over 28 days of 5-minute buckets
 * (8,064 buckets), each timed beside a bare loop that only sums the two
 * arrays (issue 2: target core/bare ≤ 3×).   Run: npm run bench:core
 *
 * - rolling: SLI, remaining budget and five burn-rate windows (7 series);
 * - period: the calendar period's depletion (spent per bucket, burning
 *   flags), its remaining-budget series, premature exhaustion and episodes.
 * A hand-written reference computes the rolling case's 8 series in one plain
 * loop (checked equal to the core's to the bit), so the core's cost can be
 * read against the least code that gives the same output.
 * Floors are printed beside them, so the ratio can be read: writing 7
 * fresh series at all costs their allocation (and writing them into a reused
 * buffer still costs the stores), and 6 ratios per bucket (one per window)
 * cost 6 divisions per bucket whatever the code around them.
 * Timings interleave the candidates round by round and take medians, so a
 * neighbour's load on a shared machine hits all of them alike.
 */
import { performance } from 'node:perf_hooks';
import { cumulate } from '../../src/core/budget/counts';
import { periodDepletion, remainingSeries } from '../../src/core/budget/depletion';
import { findEpisodes } from '../../src/core/budget/episodes';
import { findExhaustion } from '../../src/core/budget/exhaustion';
import { rollingSeries } from '../../src/core/budget/rollingBudget';

const STEP = 300_000;
const DAY = 86_400_000;
const N = (28 * DAY) / STEP;
const WINDOWS = { '5m': 300_000, '30m': 1_800_000, '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000 };

const total = new Float64Array(N);
const good = new Float64Array(N);
for (let i = 0; i < N; i++) {
  total[i] = 60_000 + 20_000 * Math.sin(i / 288);
  good[i] = total[i] * (i % 500 < 10 ? 0.95 : 0.9995);
}
const buckets = { startMs: 0, stepMs: STEP, good, total };
const spec = { objective: 0.999, budgeting: 'occurrences' as const, minEvents: 0, period: { kind: 'rolling' as const, lengthMs: 28 * DAY } };
const period = { startMs: 0, endMs: 28 * DAY, label: '4w' };

function bare(): number {
  let g = 0;
  let t = 0;
  for (let i = 0; i < N; i++) {
    g += good[i];
    t += total[i];
  }
  return g / t;
}

/** Floor 1: allocate and fill the 7 output series (no arithmetic worth the name). */
function writeSevenSeries(): number {
  const out = new Float64Array(7 * N);
  for (let i = 0; i < out.length; i++) {
    out[i] = i;
  }
  return out[N];
}

/** Floor 1b: the same 7 series written into one buffer reused across calls (what remains without the allocation). */
const reused = new Float64Array(7 * N);
function writeSevenSeriesReused(): number {
  const out = reused;
  for (let i = 0; i < out.length; i++) {
    out[i] = i;
  }
  return out[N];
}

/** Floor 2: one division per window per bucket (6 windows: period + 5 burn rates). */
function sixDivisionsPerBucket(): number {
  let s = 0;
  for (let i = 0; i < N; i++) {
    const t = total[i];
    s += good[i] / t + good[i] / (t + 1) + good[i] / (t + 2) + good[i] / (t + 3) + good[i] / (t + 4) + good[i] / (t + 5);
  }
  return s;
}

/**
 * The hand-written reference: the same 8 series (times, SLI, remaining, 5 burn rates) from the same prefix sums,
 * in one plain pass over the buckets with nothing but typed arrays, written as the issue asks the core to be
 * written. Its outputs are checked against the core's to the bit before timing (see `sameBits`).
 */
const referenceScratch = new Float64Array(2 * (N + 1));
const windowsInBuckets = Object.values(WINDOWS).map((ms) => Math.max(1, Math.round(ms / STEP)));
function handWritten(): Float64Array {
  const n = N;
  const inv = 1 / (1 - 0.999);
  const floor = Number.MIN_VALUE;
  const pG = referenceScratch.subarray(0, n + 1);
  const pT = referenceScratch.subarray(n + 1);
  let sg = 0;
  let st = 0;
  for (let i = 0; i < n; i++) {
    const t = total[i] > 0 ? total[i] : 0;
    sg += good[i] > 0 ? (good[i] < t ? good[i] : t) : 0;
    st += t;
    pG[i + 1] = sg;
    pT[i + 1] = st;
  }
  const out = new Float64Array(8 * n);
  const W = Math.round((28 * DAY) / STEP);
  const windows = windowsInBuckets.length;
  for (let i = 0; i < n; i++) {
    const g = pG[i + 1];
    const t = pT[i + 1];
    out[i] = (i + 1) * STEP;
    const a = i + 1 > W ? i + 1 - W : 0;
    const tw = t - pT[a];
    const s = (g - pG[a]) / tw;
    out[n + i] = tw >= floor ? s : NaN;
    out[2 * n + i] = tw >= floor ? 1 - (1 - s) * inv : NaN;
    for (let k = 0; k < windows; k++) {
      const w = windowsInBuckets[k];
      const b = i + 1 > w ? i + 1 - w : 0;
      const tk = t - pT[b];
      out[(3 + k) * n + i] = tk >= floor ? (1 - (g - pG[b]) / tk) * inv : NaN;
    }
  }
  return out;
}

/** Whether the core's rolling series equal the reference's, element for element (NaN = NaN, 0 ≠ −0). */
function sameBits(): string {
  const r = rollingSeries(buckets, 0.999, 28 * DAY, WINDOWS);
  const ref = handWritten();
  const series = [r.times, r.sli, r.remaining, ...Object.values(r.burn)];
  for (let k = 0; k < series.length; k++) {
    for (let i = 0; i < N; i++) {
      if (!Object.is(series[k][i], ref[k * N + i])) {
        return `DIFFER at series ${k}, bucket ${i}: core ${series[k][i]}, reference ${ref[k * N + i]}`;
      }
    }
  }
  return `the same ${series.length} series to the bit`;
}

function reference(): number {
  return handWritten()[3 * N - 1];
}

function rolling(): number {
  return rollingSeries(buckets, 0.999, 28 * DAY, WINDOWS).remaining[N - 1];
}

function perPeriod(): number {
  const d = periodDepletion(cumulate(buckets), spec, period, 28 * DAY);
  const remaining = remainingSeries(d);
  return remaining[N - 1] + findEpisodes(d).length + (findExhaustion(d).endRemaining ?? 0);
}

const candidates: Record<string, () => number> = { bare, writeSevenSeries, writeSevenSeriesReused, sixDivisionsPerBucket, reference, rolling, perPeriod };
let sink = 0;
for (const fn of Object.values(candidates)) {
  for (let i = 0; i < 100; i++) {
    sink += fn(); // warm up: let the optimising compiler see every candidate
  }
}
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(candidates).map((k) => [k, []]));
for (let round = 0; round < 500; round++) {
  for (const [name, fn] of Object.entries(candidates)) {
    const t0 = performance.now();
    sink += fn();
    samples[name].push(performance.now() - t0);
  }
}
const medianUs = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] * 1000;
const bareUs = medianUs(samples.bare);
const line = (label: string, name: string) => {
  const us = medianUs(samples[name]);
  console.log(`${label.padEnd(52)} ${us.toFixed(1).padStart(7)} µs per SLO  ${(us / bareUs).toFixed(1).padStart(5)}× bare`);
};
console.log(`buckets per SLO: ${N}`);
line('bare loop (sum good, total)', 'bare');
line('floor: allocate and write 7 series', 'writeSevenSeries');
line('floor: write 7 series into a reused buffer', 'writeSevenSeriesReused');
line('floor: 6 divisions per bucket', 'sixDivisionsPerBucket');
line('hand-written reference loop (same 8 series)', 'reference');
line('core rolling: SLI, remaining, 5 burn rates', 'rolling');
line('core period: depletion, remaining, exhaustion, episodes', 'perPeriod');
console.log(`core rolling / hand-written reference: ${(medianUs(samples.rolling) / medianUs(samples.reference)).toFixed(2)}×  (reference check: ${sameBits()})`);
if (!Number.isFinite(sink)) {
  console.log('');
}
