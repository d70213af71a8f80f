/**
 * Default incident priority of an SLO without a declared one (book 9.2.5,
 * table 9.5; DESIGN.md "Incident priority"): with the current depletion trend
 * exhausting the budget before the period ends, 20/40/60/80% left map to
 * priorities 1/2/3/4. Without such a projection nothing is urgent: priority 5.
 * Declared priorities (book 9.2.4) always win; this is only the default.
 */
import { PriorityDecl } from '../model/model';

export interface PriorityAnswer {
  level: number;
  reason: string;
  source: 'declared' | 'derived';
}

const TABLE_9_5: ReadonlyArray<{ left: number; level: number }> = [
  { left: 0.2, level: 1 },
  { left: 0.4, level: 2 },
  { left: 0.6, level: 3 },
  { left: 0.8, level: 4 },
];

/**
 * @param remaining remaining budget of the current period (ratio), null = no data
 * @param exhaustionProjected true when the current burn exhausts the budget before the period ends
 * @example defaultPriority(0.35, true) → { level: 2, reason: '35% of the error budget left and premature exhaustion projected (book table 9.5)' }
 */
export function defaultPriority(remaining: number | null, exhaustionProjected: boolean): PriorityAnswer | null {
  if (remaining === null) {
    return null;
  }
  const left = `${Math.round(remaining * 100)}% of the error budget left`;
  if (!exhaustionProjected) {
    return { level: 5, reason: `${left}, no premature exhaustion projected`, source: 'derived' };
  }
  const row = TABLE_9_5.find((r) => remaining <= r.left + 1e-12);
  return row
    ? { level: row.level, reason: `${left} and premature exhaustion projected (book table 9.5)`, source: 'derived' }
    : { level: 5, reason: `${left}; premature exhaustion projected but more than 80% left`, source: 'derived' };
}

/** The SLO's priority: declared (book 9.2.4: one per SLO, with its reason) or the default. */
export function sloPriority(declared: PriorityDecl | undefined, remaining: number | null, exhaustionProjected: boolean): PriorityAnswer | null {
  if (declared) {
    return { level: declared.level, reason: declared.reason ?? 'declared in the catalog', source: 'declared' };
  }
  return defaultPriority(remaining, exhaustionProjected);
}
