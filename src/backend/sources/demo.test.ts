/**
 * The demo source sums its buckets from day tables and incident intervals
 * (demoIntegral.ts); these tests hold it to the minute-by-minute sums it
 * replaced, summed by testing/minuteSums.ts with the error ratio written out below, for arbitrary (expr, start, end, step).
 */
import fc from 'fast-check';
import { DemoSource } from './demo';
import { minuteSummedCounts } from './testing/minuteSums';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const NOV_2026 = Date.UTC(2026, 10, 1);

/** The error ratio as it was written before demoTraffic.ts (the same float additions in the same order). */
function referenceErrorRatio(minuteMs: number, seed: number): number {
  const t = minuteMs + (seed % 1000) * 7 * MINUTE;
  let ratio = 0.0002;
  if (t % (9 * DAY) < 2 * HOUR) {ratio += 0.04;}
  if (t % (17 * DAY) < 3 * DAY) {ratio += 0.0015;}
  if (t % (23 * DAY) < 6 * HOUR) {ratio += 0.12;}
  return ratio;
}

/** The source as it was before demoIntegral.ts (every minute summed), with the error ratio written out again above. */
const referenceRangeCounts = (expr: string, startMs: number, endMs: number, stepMs: number) => minuteSummedCounts(expr, startMs, endMs, stepMs, referenceErrorRatio);

const demo = new DemoSource();
const expressions = ['demo_good{slo="accounts-login"}', 'demo_bad{slo="accounts-login"}', 'demo_total{slo="payments-api"}', 'demo_bad{slo="catalog/search-latency"}', 'sum(rate(other_metric[5m]))'];

describe('demo source: per-bucket sums equal the minute-by-minute sums', () => {
  it('for arbitrary expressions, starts, step sizes (minute multiples or not) and bucket counts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...expressions),
        fc.string({ maxLength: 12 }),
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.oneof(fc.integer({ min: 1, max: 24 * 60 }).map((m) => m * MINUTE), fc.integer({ min: 1_000, max: DAY })),
        fc.integer({ min: 0, max: 40 }),
        async (base, slo, startOffset, stepMs, buckets) => {
          const expr = slo === '' ? base : `demo_bad{slo="${slo}"}`;
          const startMs = NOV_2026 - startOffset;
          const endMs = startMs + buckets * stepMs + (startOffset % stepMs); // a ragged tail must not add a bucket
          expect(Array.from(await demo.rangeCounts(expr, startMs, endMs, stepMs))).toEqual(Array.from(referenceRangeCounts(expr, startMs, endMs, stepMs)));
        }
      ),
      { numRuns: 150, seed: 20261201 }
    );
  });

  it.each([
    ['a 28-day period at 5-minute buckets', NOV_2026 - 28 * DAY, NOV_2026, 5 * MINUTE],
    ['four months at hourly buckets (the catalog query’s look-back)', NOV_2026 - 120 * DAY, NOV_2026, HOUR],
    ['a year at daily buckets', NOV_2026 - 365 * DAY, NOV_2026, DAY],
    ['a window that starts before 1970 (answered minute by minute)', -2 * HOUR, 3 * HOUR, HOUR],
  ])('for %s, every kind', async (_name, startMs, endMs, stepMs) => {
    for (const kind of ['good', 'bad', 'total']) {
      const expr = `demo_${kind}{slo="accounts-login"}`;
      expect(Array.from(await demo.rangeCounts(expr, startMs, endMs, stepMs))).toEqual(Array.from(referenceRangeCounts(expr, startMs, endMs, stepMs)));
    }
  });

  it('good + bad = total in every bucket, and the outages show up as bad buckets', async () => {
    const args = [NOV_2026 - 30 * DAY, NOV_2026, HOUR] as const;
    const [good, bad, total] = await Promise.all(['good', 'bad', 'total'].map((k) => demo.rangeCounts(`demo_${k}{slo="accounts-login"}`, ...args)));
    total.forEach((t, i) => expect(good[i] + bad[i]).toBe(t));
    const ratios = Array.from(bad, (b, i) => b / total[i]);
    expect(Math.max(...ratios)).toBeGreaterThan(0.1); // the exhausting outage (12% + background)
    expect(Math.min(...ratios)).toBeLessThan(0.001); // quiet hours: background 0.02%
  });

  it('sums 50 years of daily buckets in a fraction of a second (work per bucket, not per minute: 26 million minute sums take about two seconds)', async () => {
    const t0 = performance.now();
    const counts = await demo.rangeCounts('demo_good{slo="accounts-login"}', NOV_2026 - 18_250 * DAY, NOV_2026, DAY);
    // generous for a loaded CI machine, still far below the ≈ 2 s of visiting every minute (bench:demo measures it)
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(counts).toHaveLength(18_250);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });

  it('answers the same numbers on every call (determinism)', async () => {
    const first = await demo.rangeCounts('demo_good{slo="x"}', NOV_2026 - 7 * DAY, NOV_2026, 15 * MINUTE);
    const second = await new DemoSource().rangeCounts('demo_good{slo="x"}', NOV_2026 - 7 * DAY, NOV_2026, 15 * MINUTE);
    expect(Array.from(second)).toEqual(Array.from(first));
  });
});
