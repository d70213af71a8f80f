/**
 * Invariants of the policy figures over random burn-downs (fast-check): what
 * was spent within a window never exceeds what the period spent so far, grows
 * with the window, and a condition's "since" instant agrees with its verdict.
 */
import fc from 'fast-check';
import { DAY, HOUR, makeFigures } from '../testing/factories';
import { firstAtOrBelow, firstSpendWithin, spentWithin } from './figures';

/** A burn-down: remaining after each hour, falling by random steps from 1 (budget debt allowed). */
const burnDown = fc.array(fc.double({ min: 0, max: 0.2, noNaN: true }), { minLength: 1, maxLength: 400 }).map((steps) => {
  let r = 1;
  return steps.map((s) => (r -= s));
});
const windows = fc.constantFrom(HOUR, 6 * HOUR, DAY, 7 * DAY);

describe('policy figures', () => {
  it('spent within any window ≤ spent since the period start, and grows with the window', () => {
    fc.assert(
      fc.property(burnDown, windows, windows, (hourly, w1, w2) => {
        const f = makeFigures({ hourly });
        const now = f.periodStartMs + hourly.length * HOUR;
        const [short, long] = w1 <= w2 ? [w1, w2] : [w2, w1];
        const a = spentWithin(f, now, short)!;
        const b = spentWithin(f, now, long)!;
        const sinceStart = 1 - hourly[hourly.length - 1];
        return a >= -1e-9 && a <= b + 1e-9 && b <= sinceStart + 1e-9;
      })
    );
  });

  it('a window reaching back before the period start counts exactly the period so far', () => {
    const f = makeFigures({ hourly: [0.9, 0.7, 0.4] });
    expect(spentWithin(f, f.periodStartMs + 3 * HOUR, 7 * DAY)).toBeCloseTo(0.6, 12);
    expect(spentWithin(f, f.periodStartMs + 3 * HOUR, HOUR)).toBeCloseTo(0.3, 12);
  });

  it('no data spends nothing that could be judged', () => {
    expect(spentWithin(makeFigures({ remaining: null }), 0, DAY)).toBeNull();
  });

  it('the first crossing of "more than pct within w" exists exactly when some instant had it', () => {
    fc.assert(
      fc.property(burnDown, windows, fc.double({ min: 0.05, max: 0.9, noNaN: true }), (hourly, w, share) => {
        const f = makeFigures({ hourly });
        const since = firstSpendWithin(f, w, share);
        const everyInstant = hourly.map((_, k) => spentWithin({ ...f, remaining: hourly[k] }, f.periodStartMs + (k + 1) * HOUR, w)! > share + 1e-12);
        const first = everyInstant.indexOf(true);
        return first === -1 ? since === null : since === f.periodStartMs + (first + 1) * HOUR;
      })
    );
  });

  it('firstAtOrBelow finds when 70% had been spent (book table 10.2 B)', () => {
    const f = makeFigures({ hourly: [0.9, 0.5, 0.31, 0.3, 0.1] });
    expect(firstAtOrBelow(f, 0.3)).toBe(f.periodStartMs + 4 * HOUR);
    expect(firstAtOrBelow(f, 0)).toBeNull();
  });
});
