/**
 * An SLA computed like an SLO from the summed buckets of its components
 * (book 11.2.7, fig. 11.9: the SLA error budget depletion graph): per bucket
 * Σgood and Σtotal over the components (sum counts, never average ratios —
 * style habit 4), then the same core math as any SLO, so the SLA gets a
 * burn-down, episodes with speeds and premature exhaustion. Over a period its
 * SLI is the Σgood / Σtotal of frames/sla.ts `slaPeriodFigures`.
 */
import { Sla, Slo } from '../../../core/model/model';
import { sumBuckets } from '../../../core/budget/sumBuckets';
import { deriveSeries, finishSlo, periodLengthMs, SloComputation } from '../compute/engine';

export type SlaComputation = { ok: SloComputation } | { error: string };

/** The SLA as an SLO-shaped subject: its own objective and period, occurrences budgeting (Σgood/Σtotal), identity from its first component. */
function slaSubject(sla: Sla, first: Slo): Slo {
  return {
    id: sla.id,
    name: sla.name,
    service: sla.service ?? first.service,
    team: first.team,
    sli: first.sli,
    objective: sla.objective,
    period: sla.period,
    budgeting: 'occurrences',
    source: first.source,
    // not fetched: the buckets come from the components (deriveSeries reads `good` as present)
    query: { good: `Σ good of ${sla.components.join(', ')}`, total: `Σ total of ${sla.components.join(', ')}` },
    minEvents: 0,
    labels: {},
    isDefault: false,
    origin: sla.origin,
  };
}

/**
 * The SLA's computation over [fromMs, toMs] from its components' computations
 * (their buckets summed by core/budget/sumBuckets.ts). An error says why not.
 */
export function slaComputation(sla: Sla, comps: readonly SloComputation[], fromMs: number, toMs: number, nowMs: number): SlaComputation {
  if (comps.length === 0) {
    return { error: `${sla.id}: no component was computed` };
  }
  const summed = sumBuckets(comps.map((c) => c.buckets));
  if ('error' in summed) {
    return { error: `${sla.id}: its components were ${summed.error}; choose a shorter time range` };
  }
  const { startMs: start, stepMs: step, good, total } = summed;
  const end = start + total.length * step;
  const subject = slaSubject(sla, comps[0].slo);
  const derived = deriveSeries(subject, { main: good, total }, { start, step }, periodLengthMs(subject, toMs));
  const computation = finishSlo(subject, derived, { start, end, step, history: start, lookback: 0 }, fromMs, toMs, nowMs);
  computation.warnings = [...new Set(comps.flatMap((c) => c.warnings))];
  return { ok: computation };
}
