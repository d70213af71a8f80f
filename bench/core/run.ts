/**
 * bench/core: deriving every rolling series of one SLO (SLI, remaining budget,
 * five burn-rate windows) over 28 days of 5-minute buckets (8,064 buckets),
 * measured side by side with a bare loop that only sums the two arrays.
 * Target (issue 2): core/bare ≤ 3×.   Run: npm run bench:core
 */
import { performance } from 'node:perf_hooks';
import { rollingSeries } from '../../src/core/rollingBudget';

const STEP = 300_000;
const N = (28 * 86_400_000) / STEP;
const WINDOWS = { '5m': 300_000, '30m': 1_800_000, '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000 };

const total = new Float64Array(N);
const good = new Float64Array(N);
for (let i = 0; i < N; i++) {
  total[i] = 60_000 + 20_000 * Math.sin(i / 288);
  good[i] = total[i] * (i % 500 < 10 ? 0.95 : 0.9995);
}
const buckets = { startMs: 0, stepMs: STEP, good, total };

function bare(): number {
  let g = 0;
  let t = 0;
  for (let i = 0; i < N; i++) {
    g += good[i];
    t += total[i];
  }
  return g / t;
}

function median(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < 50; i++) fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] * 1e6; // ns
}

// The bare loop is a fair floor: one pass reading both arrays. Our pass also
// writes 7 series, so the ratio prices the derivation, not the reading.
let sink = 0;
const bareNs = median(() => (sink += bare()), 400);
const coreNs = median(() => (sink += rollingSeries(buckets, 0.999, 28 * 86_400_000, WINDOWS).remaining[N - 1]), 400);
console.log(`buckets per SLO: ${N}`);
console.log(`bare loop (sum good, total):        ${(bareNs / 1000).toFixed(1)} µs per SLO`);
console.log(`core (SLI, remaining, 5 burn rates): ${(coreNs / 1000).toFixed(1)} µs per SLO`);
console.log(`core/bare ratio: ${(coreNs / bareNs).toFixed(2)} (target ≤ 3 is for the full derivation; this pass writes 7 series)`);
if (!Number.isFinite(sink)) console.log('');
