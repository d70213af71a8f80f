/**
 * The demo source's rangeCounts as it was before sources/demoIntegral.ts:
 * every minute of every bucket computed and summed. The "before" of
 * bench/demo/run.ts.
 */
import { DemoSource, errorRatio } from '../../src/backend/sources/demo';
import { minuteSummedCounts } from '../../src/backend/sources/testing/minuteSums';

export class MinuteSummingDemoSource extends DemoSource {
  override async rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Float64Array> {
    return minuteSummedCounts(expr, startMs, endMs, stepMs, errorRatio);
  }
}
