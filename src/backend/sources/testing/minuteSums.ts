/**
 * The demo source's counts the slow way: every minute of every bucket
 * computed and summed, as the source did before sources/demoIntegral.ts.
 * The reference its per-bucket sums must equal (demo.test.ts, with its own
 * error-ratio formula) and the "before" of bench/demo.
 */
import { parseDemoExpression, trafficPerMinute } from '../demo';

const MINUTE = 60_000;

export function minuteSummedCounts(expr: string, startMs: number, endMs: number, stepMs: number, errorRatioAt: (minuteMs: number, seed: number) => number): Float64Array {
  const { kind, seed } = parseDemoExpression(expr);
  const n = Math.max(0, Math.floor((endMs - startMs) / stepMs));
  const out = new Float64Array(n);
  const perBucket = Math.max(1, Math.round(stepMs / MINUTE));
  for (let k = 0; k < n; k++) {
    const bucketEnd = Math.floor((startMs + (k + 1) * stepMs) / MINUTE) * MINUTE;
    let sum = 0;
    for (let m = 0; m < perBucket; m++) {
      const minute = bucketEnd - (perBucket - m) * MINUTE;
      const total = trafficPerMinute(minute, seed);
      const bad = Math.round(total * errorRatioAt(minute, seed));
      sum += kind === 'total' ? total : kind === 'bad' ? bad : total - bad;
    }
    out[k] = sum;
  }
  return out;
}
