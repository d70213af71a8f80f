/**
 * SLO adherence per period (book 11.2.3, fig. 11.2; DESIGN.md): Fulfilled when
 * SLI(period) ≥ objective, Broken otherwise, No data when the period saw no
 * events (or fewer than the SLO's minimum: "too few events"). A period still
 * running is "In progress" — it can neither be fulfilled nor broken yet.
 */

/** An objective's verdict for one period (book 11.2.3, fig. 11.2). */
export type AdherenceState = 'Fulfilled' | 'Broken' | 'No data' | 'In progress';

export interface AdherenceInput {
  /** SLI of the period (good/total, or good slices/slices for timeslices); NaN when no events. */
  sli: number;
  total: number;
  objective: number;
  minEvents: number;
  finished: boolean;
}

export function adherenceState({ sli, total, objective, minEvents, finished }: AdherenceInput): AdherenceState {
  if (!(total > 0) || total < minEvents || Number.isNaN(sli)) {
    return finished ? 'No data' : 'In progress';
  }
  if (!finished) {
    return 'In progress';
  }
  // compare with a tolerance: 0.999 computed as 999/1000 must count as met (style habit 3)
  return sli >= objective - 1e-12 ? 'Fulfilled' : 'Broken';
}
