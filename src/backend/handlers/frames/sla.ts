/**
 * SLA rows (book 11.2.6-11.2.8, ch. 15): a contractual SLA aggregates the
 * endpoint-level SLOs (or SLAs) it lists. Its SLI per period is Σgood / Σtotal
 * over its components (sum counts, never average ratios — style habit 4), so a
 * busy endpoint weighs more than a quiet one, as in the customer's experience.
 */
import { monthsBetween, periodsBetween } from '../../../core/periods/calendar';
import { SloLabels } from '../../../core/contracts/frameContract';
import { Sla } from '../../../core/model/model';
import { PeriodFigures } from '../../../core/budget/periodFigures';
import { TimeScale } from '../../../core/contracts/queryModel';
import { SloComputation } from '../compute/engine';
import { slaPeriodFigures } from '../sla/slaFigures';
import { computed, QueryContext } from './context';

export interface SlaRow {
  labels: SloLabels;
  contractual: boolean;
  f: PeriodFigures;
}

/** An SLA's identity labels: its own id, name and objective; the SLIs of its components. */
export function slaLabels(sla: Sla, parts: readonly SloComputation[]): SloLabels {
  const first = parts[0].slo;
  return {
    slo: sla.id,
    name: sla.name,
    service: sla.service ?? first.service,
    team: first.team,
    sli: [...new Set(parts.map((p) => p.slo.sli))].join('+'),
    deployment: '',
    endpoint: '',
    objective: String(Number(sla.objective.toFixed(6))),
  };
}

/**
 * The rule for which SLAs a query answers (adherence, budget, depletion,
 * exhaustion): those whose components were all selected and computed by it,
 * each with its components' computations in the order the SLA lists them.
 */
export function slasWithComponents(ctx: QueryContext): Array<{ sla: Sla; comps: SloComputation[] }> {
  const byId = new Map(computed(ctx).map((c) => [c.slo.id, c]));
  return (ctx.catalog.slas ?? []).flatMap((sla) => {
    const parts = sla.components.map((id) => byId.get(id));
    return parts.length === 0 || parts.some((p) => p === undefined) ? [] : [{ sla, comps: parts as SloComputation[] }];
  });
}

/** Whether the query's selection holds an SLA: every component selected, whether or not it computed (so a frame's columns do not follow a source's failures). */
export function selectionHoldsSla(ctx: Pick<QueryContext, 'catalog' | 'slos'>): boolean {
  const selected = new Set(ctx.slos.map((s) => s.id));
  return (ctx.catalog.slas ?? []).some((sla) => sla.components.length > 0 && sla.components.every((id) => selected.has(id)));
}

/** Adherence of every SLA whose components were all computed by this query. */
export function slaAdherenceRows(ctx: QueryContext, scale: TimeScale): SlaRow[] {
  const rows: SlaRow[] = [];
  for (const { sla, comps } of slasWithComponents(ctx)) {
    const zone = sla.period.kind === 'calendar' ? sla.period.timeZone : 'UTC';
    const intervals = scale === 'monthly' ? monthsBetween(zone, ctx.query.timeRange.fromMs, ctx.query.timeRange.toMs) : periodsBetween(sla.period, ctx.query.timeRange.fromMs, ctx.query.timeRange.toMs);
    const live = intervals.filter((u) => u.startMs < ctx.nowMs).map((u) => slaPeriodFigures(sla, comps, u, ctx.nowMs));
    const figures = ctx.mergeSla && (scale === 'monthly' || sla.period.kind === 'calendar') ? ctx.mergeSla(sla, scale === 'monthly' ? 'month' : 'budget', live, comps) : live;
    for (const f of figures) {
      rows.push({ labels: slaLabels(sla, comps), contractual: sla.contractual, f });
    }
  }
  return rows;
}
