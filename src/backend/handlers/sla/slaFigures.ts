/**
 * An SLA's figures for one period (book 11.2.6-11.2.8): Σgood / Σtotal over
 * its components' counts (sum counts, never average ratios — style habit 4),
 * what the adherence rows show and what the ledger records for the SLA.
 */
import { adherenceState } from '../../../core/budget/adherence';
import { countsBetween, covers } from '../../../core/budget/counts';
import { PeriodInterval, Sla } from '../../../core/model/model';
import { PeriodFigures } from '../../../core/budget/periodFigures';
import { SloComputation } from '../compute/engine';

/** An SLA's figures for one interval from its components' counts (also what the ledger records for it). */
export function slaPeriodFigures(sla: Pick<Sla, 'objective'>, comps: ReadonlyArray<Pick<SloComputation, 'counts'>>, u: PeriodInterval, nowMs: number): PeriodFigures {
  let good = 0;
  let total = 0;
  for (const c of comps) {
    const n = countsBetween(c.counts, u.startMs, Math.min(u.endMs, nowMs));
    good += n.good;
    total += n.total;
  }
  const sli = total > 0 ? good / total : NaN;
  const finished = u.endMs <= nowMs;
  const complete = comps.every((c) => covers(c.counts, u.startMs));
  const adherence = complete ? adherenceState({ sli, total, objective: sla.objective, minEvents: 0, finished }) : 'No data';
  return {
    label: u.label,
    startMs: u.startMs,
    endMs: u.endMs,
    finished,
    complete,
    projected: false,
    sli: Number.isFinite(sli) ? sli : null,
    good,
    total,
    endRemaining: total > 0 ? 1 - (total - good) / ((1 - sla.objective) * total) : null,
    exhaustion: null,
    episodes: [],
    avgSpeed: null,
    highestSpeed: null,
    adherence,
    times: new Float64Array(0),
    remaining: new Float64Array(0),
  };
}
