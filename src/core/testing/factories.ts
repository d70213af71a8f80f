/** Fixture factories for core tests (style habit 6): fresh objects, overrides per case. */
import { Buckets, PeriodInterval } from '../model';
import { SloMathSpec } from '../depletion';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function makeSpec(overrides: Partial<SloMathSpec> = {}): SloMathSpec {
  return { objective: 0.999, budgeting: 'occurrences', minEvents: 0, period: { kind: 'rolling', lengthMs: 28 * DAY }, ...overrides };
}

/** Hourly buckets from `startMs`: `total` events each, bad events from `badAt(hour)`. */
export function makeBuckets(startMs: number, hours: number, total: number, badAt: (hour: number) => number = () => 0, stepMs = HOUR): Buckets {
  const good = new Float64Array(hours);
  const tot = new Float64Array(hours);
  for (let h = 0; h < hours; h++) {
    tot[h] = total;
    good[h] = total - badAt(h);
  }
  return Object.freeze({ startMs, stepMs, good, total: tot });
}

export const interval = (startMs: number, endMs: number, label = 'p'): PeriodInterval => ({ startMs, endMs, label });
