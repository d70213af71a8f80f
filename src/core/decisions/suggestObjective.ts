/**
 * Setting an SLO from history (book 11.5.4, and 3.3: "set the SLO from what
 * the service achieved"): which objective would the last N periods have met?
 * The highest candidate that at least `share` of the periods with data reach.
 *
 * Example: SLIs 99.95%, 99.92%, 99.71%, 99.97% with share 0.75 → 99.9% (three of
 * four periods reach it; 99.95% is met by only two). With share 1 → 99.5%.
 */
import type { Ratio } from '../model/model';

/** The usual "nines" ladder, as ratios. */
export const OBJECTIVE_LADDER: readonly Ratio[] = [0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9995, 0.9999];

export interface ObjectiveCandidate {
  objective: Ratio;
  /** Periods whose SLI reaches the objective. */
  met: number;
  /** Periods with data. */
  of: number;
}

export interface ObjectiveSuggestion {
  /** Highest candidate met by the required share; null when no period has data or none qualifies. */
  objective: Ratio | null;
  candidates: ObjectiveCandidate[];
  /** Periods with data that the suggestion rests on. */
  periods: number;
  because: string;
}

const EPS = 1e-12;

/**
 * @param slis SLI of each past period (null: no data, ignored)
 * @param share fraction of periods that must meet the objective (1 = all, 0.8 = "most")
 * @param ladder candidate objectives, any order
 * @returns the suggestion with each candidate's record
 * @example suggestObjective([0.9995, 0.9992, 0.9971, 0.9997], 0.75).objective → 0.999
 */
export function suggestObjective(slis: ReadonlyArray<Ratio | null>, share = 1, ladder: readonly Ratio[] = OBJECTIVE_LADDER): ObjectiveSuggestion {
  if (!(share > 0 && share <= 1)) {
    throw new RangeError(`suggestObjective: share must be in (0, 1], got ${share}`);
  }
  const data = slis.filter((s): s is number => s !== null && Number.isFinite(s));
  const sorted = [...ladder].sort((a, b) => a - b);
  const candidates = sorted.map((objective) => ({ objective, met: data.filter((s) => s + EPS >= objective).length, of: data.length }));
  if (data.length === 0) {
    return { objective: null, candidates, periods: 0, because: 'no past period has data: define the SLO from the users’ needs first and revisit after a period' };
  }
  const needed = Math.ceil(share * data.length - EPS);
  const best = [...candidates].reverse().find((c) => c.met >= needed);
  if (!best) {
    return { objective: null, candidates, periods: data.length, because: `no candidate objective was met in ${needed} of ${data.length} periods` };
  }
  return {
    objective: best.objective,
    candidates,
    periods: data.length,
    because: `${best.met} of ${data.length} past periods reached ${pct(best.objective)} (needed ${needed})`,
  };
}

const pct = (r: Ratio) => `${Number((r * 100).toFixed(4))}%`;
