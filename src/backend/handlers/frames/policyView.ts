/**
 * What the catalog row says about policy: incident priority (book
 * 9.2.4-9.2.5: declared, or the default of table 9.5 from the remaining
 * budget and a projected premature exhaustion) and, from the judged error
 * budget policies, the release gate of the SLO's service and deployment and
 * the consequences in force (book 10.5).
 */
import { periodAt } from '../../../core/periods/calendar';
import { Slo } from '../../../core/model/model';
import { releaseGate } from '../../../core/policy/releaseGate';
import { policiesFor } from '../../../core/policy/scope';
import { sloPriority } from '../../../core/policy/priority';
import type { SloNow } from './sloNow';
import { QueryContext } from './context';

export interface PolicyView {
  priority: number | null;
  priorityReason: string;
  releaseGate: string;
  gateReason: string;
  consequences: string[];
}

/** Premature exhaustion projected: at the current burn the budget runs out before the period ends. */
function exhaustionProjected(slo: Slo, now: SloNow, nowMs: number): boolean {
  if (now.exhaustionForecastMs === null) {
    return false;
  }
  const untilEnd = slo.period.kind === 'calendar' ? periodAt(slo.period, nowMs).endMs - nowMs : slo.period.lengthMs;
  return now.exhaustionForecastMs < untilEnd;
}

export function policyViewFor(ctx: QueryContext, slo: Slo, now: SloNow | undefined): PolicyView {
  const priority = sloPriority(slo.priority, now?.remaining ?? null, now ? exhaustionProjected(slo, now, ctx.nowMs) : false);
  const view: PolicyView = { priority: priority?.level ?? null, priorityReason: priority?.reason ?? '', releaseGate: '', gateReason: '', consequences: [] };
  const service = ctx.catalog.services.find((s) => s.name === slo.service);
  const evaluations = ctx.policies?.evaluations ?? [];
  if (!service || !ctx.policies) {
    return view;
  }
  const judged = evaluations.map((e) => ({ name: e.policy.name, scope: e.policy.scope, consequences: e.consequences }));
  const gate = releaseGate(service, slo.deployment ?? null, judged);
  const covering = policiesFor(judged, service);
  return {
    ...view,
    releaseGate: gate.decision,
    gateReason: gate.reasons.join('; '),
    consequences: covering.flatMap((p) => p.consequences.filter((c) => c.inForce).map((c) => `${c.id}: ${c.description}`)),
  };
}
