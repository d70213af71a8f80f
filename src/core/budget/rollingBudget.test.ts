import fc from 'fast-check';
import { cumulate } from './counts';
import { budgetFraction, rollingSeries } from './rollingBudget';

const HOUR = 3_600_000;
const buckets = (good: number[], total: number[], stepMs = HOUR) =>
  Object.freeze({ startMs: 0, stepMs, good: Float64Array.from(good), total: Float64Array.from(total) });

describe('rollingSeries', () => {
  it('gives a 2% budget for a 98% objective (book 3.3.1)', () => {
    expect(budgetFraction(0.98)).toBeCloseTo(0.02, 12);
  });

  it('refuses a 100% objective: zero budget (book 3.3.3)', () => {
    expect(() => budgetFraction(1)).toThrow('leaves no error budget');
  });

  it('consumes half the budget when bad events are half the allowance', () => {
    // 98% objective, 10,000 requests, 100 bad: allowance 200 → remaining 50%, burn 0.5
    const s = rollingSeries(buckets([9900], [10000]), 0.98, 28 * 24 * HOUR, { '1h': HOUR });
    expect(s.sli[0]).toBeCloseTo(0.99, 12);
    expect(s.remaining[0]).toBeCloseTo(0.5, 12);
    expect(s.burn['1h'][0]).toBeCloseTo(0.5, 12);
  });

  it('shows budget debt below zero (book 3.3, fig. 11.4 ends at −50%)', () => {
    // 99% objective: 1.5% bad is 150% of the budget → remaining −50%
    const s = rollingSeries(buckets([985], [1000]), 0.99, 24 * HOUR);
    expect(s.remaining[0]).toBeCloseTo(-0.5, 12);
  });

  it('reads no data (NaN), never 100%, for a window without events', () => {
    const s = rollingSeries(buckets([0, 0], [0, 0]), 0.999, 24 * HOUR, { '1h': HOUR });
    expect([...s.sli, ...s.remaining, ...s.burn['1h']].every(Number.isNaN)).toBe(true);
  });

  it('reads too few events as NaN below the minimum', () => {
    const s = rollingSeries(buckets([5], [5]), 0.99, 24 * HOUR, {}, 10);
    expect(Number.isNaN(s.sli[0])).toBe(true);
  });

  it('forgets buckets that leave the trailing window', () => {
    // 2-hour window: an outage in hour 1 is gone by hour 3
    const s = rollingSeries(buckets([0, 100, 100], [100, 100, 100]), 0.9, 2 * HOUR);
    expect(s.remaining[1]).toBeCloseTo(1 - 100 / (0.1 * 200), 12);
    expect(s.remaining[2]).toBeCloseTo(1, 12);
  });

  it('spends exactly the whole budget at a constant burn rate of 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.constantFrom(0.9, 0.99, 0.999), (n, objective) => {
        const total = 100_000;
        const good = total * objective;
        const s = rollingSeries(buckets(Array(n).fill(good), Array(n).fill(total)), objective, n * HOUR, { w: HOUR });
        return Math.abs(s.remaining[n - 1]) < 1e-9 && Math.abs(s.burn.w[n - 1] - 1) < 1e-9;
      })
    );
  });

  it('keeps remaining = 1 − consumed and the SLI within [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1000), fc.nat(1000)), { minLength: 1, maxLength: 50 }), (pairs) => {
        const total = pairs.map(([a, b]) => a + b);
        const good = pairs.map(([a]) => a);
        const s = rollingSeries(buckets(good, total), 0.95, 10 * HOUR);
        return [...s.sli].every((v, i) => Number.isNaN(v) || (v >= 0 && v <= 1 && Math.abs(s.remaining[i] - (1 - (1 - v) / 0.05)) < 1e-9));
      })
    );
  });

  it('agrees with direct window sums, NaN exactly where a window has no or too few events', () => {
    // reference: sum each trailing window directly (O(n·w)); counts may be 0, NaN or negative (read as 0), good may exceed total.
    // Whole counts keep the prefix sums exact, so only the derivation is under test.
    const count = fc.oneof(fc.constant(0), fc.constant(Number.NaN), fc.constant(-3), fc.integer({ min: 0, max: 1_000_000 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(count, count), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 8 }), fc.constantFrom(0, 5, 1000), (pairs, w, minEvents) => {
        const clean = (x: number) => (x > 0 ? x : 0);
        const total = pairs.map(([t]) => clean(t));
        const good = pairs.map(([t, g]) => Math.min(clean(g), clean(t)));
        const s = rollingSeries(buckets(pairs.map(([, g]) => g), pairs.map(([t]) => t)), 0.99, w * HOUR, { w: 2 * HOUR }, minEvents);
        const windowRatio = (i: number, span: number) => {
          let g = 0;
          let t = 0;
          for (let j = Math.max(0, i + 1 - span); j <= i; j++) {
            g += good[j];
            t += total[j];
          }
          return t > 0 && t >= minEvents ? g / t : Number.NaN;
        };
        const near = (a: number, b: number) => (Number.isNaN(a) ? Number.isNaN(b) : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));
        return pairs.every((_, i) => near(s.sli[i], windowRatio(i, w)) && near(s.burn.w[i], (1 - windowRatio(i, 2)) / 0.01));
      }),
      { numRuns: 300 }
    );
  });

  it('gives the same series, to the bit, from a cumulate(buckets) passed in, and refuses counts of other buckets', () => {
    const b = buckets([90, 0, 100, 7, 99], [100, 0, 100, Number.NaN, 100]);
    const windows = { '1h': HOUR, '2h': 2 * HOUR, '9h': 9 * HOUR };
    const own = rollingSeries(b, 0.95, 3 * HOUR, windows, 50);
    const shared = rollingSeries(b, 0.95, 3 * HOUR, windows, 50, cumulate(b));
    expect(shared).toEqual(own);
    expect(() => rollingSeries(b, 0.95, 3 * HOUR, windows, 0, cumulate(buckets([1], [1])))).toThrow(RangeError);
  });
});
