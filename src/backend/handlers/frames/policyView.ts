/**
 * What the catalog row says about policy: incident priority (book 9.2.4-9.2.5)
 * and, once the policy engine judges it, the release gate and consequences.
 * Declared priorities win; otherwise the default follows from the remaining
 * budget (≤ 20/40/60/80% → 1/2/3/4, else 5), one level higher when premature
 * exhaustion is projected (DESIGN.md "Incident priority").
 */
import { Slo } from '../../../core/model';
import type { SloNow } from './catalog';
import { QueryContext } from './context';

export interface PolicyView {
  priority: number | null;
  priorityReason: string;
  releaseGate: string;
  gateReason: string;
  consequences: string[];
}

export function defaultPriority(remaining: number | null, prematureExhaustionAhead: boolean): { level: number; reason: string } | null {
  if (remaining === null) {
    return null;
  }
  const pct = Math.round(remaining * 100);
  let level = remaining <= 0.2 ? 1 : remaining <= 0.4 ? 2 : remaining <= 0.6 ? 3 : remaining <= 0.8 ? 4 : 5;
  let reason = `${pct}% of the error budget left`;
  if (prematureExhaustionAhead && level > 1) {
    level -= 1;
    reason += ', premature exhaustion projected';
  }
  return { level, reason };
}

export function policyViewFor(_ctx: QueryContext, slo: Slo, now: SloNow | undefined): PolicyView {
  const declared = slo.priority;
  const derived = now ? defaultPriority(now.remaining, now.burnState === 'Critical') : null;
  return {
    priority: declared?.level ?? derived?.level ?? null,
    priorityReason: declared ? (declared.reason ?? 'declared in the catalog') : (derived?.reason ?? ''),
    releaseGate: '',
    gateReason: '',
    consequences: [],
  };
}
