/**
 * Invariants of the normative math (issue 2), held with fast-check over
 * random traffic: remaining = 1 − consumed; burning at exactly 1 spends
 * exactly the budget by the period's end; no data never reads as 100%.
 */
import fc from 'fast-check';
import { cumulate } from './counts';
import { periodDepletion, remainingSeries } from './depletion';
import { findExhaustion } from './exhaustion';
import { rollingSeries } from './rollingBudget';
import { HOUR, interval, makeSpec } from '../testing/factories';

const traffic = fc.array(fc.tuple(fc.nat(10_000), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 200 });
const objectives = fc.constantFrom(0.9, 0.98, 0.99, 0.995, 0.999, 0.9999);

function bucketsOf(rows: Array<[number, number]>) {
  const total = Float64Array.from(rows.map(([t]) => t));
  const good = Float64Array.from(rows.map(([t, r]) => Math.round(t * r)));
  return { startMs: 0, stepMs: HOUR, good, total };
}

describe('invariants of the budget math', () => {
  it('remaining = 1 − consumed over the period, for any traffic', () => {
    fc.assert(
      fc.property(traffic, objectives, (rows, objective) => {
        const b = bucketsOf(rows);
        const n = rows.length;
        const d = periodDepletion(cumulate(b), makeSpec({ objective }), interval(0, n * HOUR), n * HOUR);
        const total = rows.reduce((s, [t]) => s + t, 0);
        const bad = rows.reduce((s, [t], i) => s + t - b.good[i], 0);
        const end = findExhaustion(d).endRemaining;
        if (total === 0) {
          return end === null;
        }
        return Math.abs(end! - (1 - bad / ((1 - objective) * total))) < 1e-9;
      })
    );
  });

  it('burning at exactly 1 spends exactly the budget by the period end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.constantFrom(0.9, 0.99, 0.999), (hours, objective) => {
        const per = 100_000;
        const bad = per * (1 - objective);
        const b = { startMs: 0, stepMs: HOUR, total: new Float64Array(hours).fill(per), good: new Float64Array(hours).fill(per - bad) };
        const d = periodDepletion(cumulate(b), makeSpec({ objective }), interval(0, hours * HOUR), hours * HOUR);
        const r = remainingSeries(d);
        const burn = rollingSeries(b, objective, hours * HOUR, { w: HOUR }).burn.w;
        return Math.abs(r[r.length - 1]) < 1e-9 && burn.every((x) => Math.abs(x - 1) < 1e-9);
      })
    );
  });

  it('no data never reads as 100% (nor 0%): windows without events are NaN', () => {
    fc.assert(
      fc.property(traffic, fc.nat(199), objectives, (rows, gapAt, objective) => {
        const b = bucketsOf(rows.map((r, i) => (i >= gapAt ? ([0, 1] as [number, number]) : r)));
        const s = rollingSeries(b, objective, HOUR, { '1h': HOUR });
        for (let i = 0; i < rows.length; i++) {
          if (b.total[i] === 0 && !Number.isNaN(s.sli[i])) {
            return false;
          }
        }
        return true;
      })
    );
  });

  it('the remaining budget of a period never rises (the burn-down only falls)', () => {
    fc.assert(
      fc.property(traffic, objectives, (rows, objective) => {
        const n = rows.length;
        const r = remainingSeries(periodDepletion(cumulate(bucketsOf(rows)), makeSpec({ objective }), interval(0, n * HOUR), n * HOUR));
        for (let i = 1; i < r.length; i++) {
          if (r[i] > r[i - 1] + 1e-12) {
            return false;
          }
        }
        return true;
      })
    );
  });
});
