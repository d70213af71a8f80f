/**
 * An SLA computed like an SLO from the summed buckets of its components
 * (book 11.2.7, fig. 11.9: the SLA error budget depletion graph): per bucket
 * Σgood and Σtotal over the components (sum counts, never average ratios —
 * style habit 4), then the same core math as any SLO, so the SLA gets a
 * burn-down, episodes with speeds and premature exhaustion. Over a period its
 * SLI is the Σgood / Σtotal of frames/sla.ts `slaPeriodFigures`.
 */
import { Sla, Slo } from '../../core/model';
import { deriveSeries, finishSlo, periodLengthMs, SloComputation } from './engine';

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
 * (same bucket width; the buckets all of them hold). An error says why not.
 *
 * @example components with totals [10, 10] and [30, 30], good [10, 9] and [30, 27] → SLA buckets total [40, 40], good [40, 36]
 */
export function slaComputation(sla: Sla, comps: readonly SloComputation[], fromMs: number, toMs: number, nowMs: number): SlaComputation {
  if (comps.length === 0) {
    return { error: `${sla.id}: no component was computed` };
  }
  const step = comps[0].buckets.stepMs;
  if (comps.some((c) => c.buckets.stepMs !== step)) {
    return { error: `${sla.id}: its components were read at different bucket widths (${[...new Set(comps.map((c) => c.buckets.stepMs / 1000))].join(' s, ')} s); choose a shorter time range` };
  }
  const start = Math.max(...comps.map((c) => c.buckets.startMs));
  const end = Math.min(...comps.map((c) => c.buckets.startMs + c.buckets.total.length * step));
  const n = Math.max(0, Math.round((end - start) / step));
  const good = new Float64Array(n);
  const total = new Float64Array(n).fill(NaN);
  for (const c of comps) {
    const offset = Math.round((start - c.buckets.startMs) / step);
    for (let i = 0; i < n; i++) {
      const t = c.buckets.total[offset + i];
      if (Number.isNaN(t)) {
        continue; // no data from this component in this bucket: the others still count (core/counts.ts reads it as 0 too)
      }
      const tt = t > 0 ? t : 0;
      const g = c.buckets.good[offset + i];
      good[i] += g > 0 ? Math.min(g, tt) : 0;
      total[i] = (Number.isNaN(total[i]) ? 0 : total[i]) + tt;
    }
  }
  const subject = slaSubject(sla, comps[0].slo);
  const derived = deriveSeries(subject, { main: good, total }, { start, step }, periodLengthMs(subject, toMs));
  const computation = finishSlo(subject, derived, { start, end, step, history: start, lookback: 0 }, fromMs, toMs, nowMs);
  computation.warnings = [...new Set(comps.flatMap((c) => c.warnings))];
  return { ok: computation };
}
