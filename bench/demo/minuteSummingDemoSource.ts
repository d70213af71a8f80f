/**
 * The demo source's rangeCounts as it was before sources/demoIntegral.ts:
 * every minute of every bucket computed and summed. The "before" of
 * bench/demo/run.ts; src/backend/sources/demo.test.ts holds its own copy as
 * the reference the new sums must equal.
 */
import { DemoSource, errorRatio, parseDemoExpression, trafficPerMinute } from '../../src/backend/sources/demo';

const MINUTE = 60_000;

export class MinuteSummingDemoSource extends DemoSource {
  override async rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Float64Array> {
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
        const bad = Math.round(total * errorRatio(minute, seed));
        sum += kind === 'total' ? total : kind === 'bad' ? bad : total - bad;
      }
      out[k] = sum;
    }
    return out;
  }
}
