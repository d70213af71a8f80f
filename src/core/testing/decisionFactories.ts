/** Fixture factories for the decision workflows (style habit 6): fresh objects, overrides per case. */
import type { PeriodRecord } from '../decisions/periodRecord';

export function makePeriodRecord(overrides: Partial<PeriodRecord> = {}): PeriodRecord {
  return { sli: 0.9995, adherence: 'Fulfilled', endRemaining: 0.5, avgSpeed: 1, highestSpeed: 2, exhausted: false, ...overrides };
}

export const fulfilled = (endRemaining = 0.5): PeriodRecord => makePeriodRecord({ adherence: 'Fulfilled', endRemaining });
export const broken = (endRemaining = -0.2): PeriodRecord => makePeriodRecord({ adherence: 'Broken', endRemaining, sli: 0.998, exhausted: true });
