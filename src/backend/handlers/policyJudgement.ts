/**
 * Error budget policies judged at "now" (src/core/policy) over the live SLO
 * figures: every SLO in the scope of a policy, and the SLOs of the in-scope
 * services' dependencies, computed once (or reused from the query that is
 * already computing them), plus the recorded manual condition states.
 */
import { Catalog, Slo } from '../../core/model';
import { evaluatePolicies, PolicyEvaluation } from '../../core/policy/evaluatePolicy';
import { failedFigures, policyFigures, SloPolicyFigures } from '../../core/policy/figures';
import { serviceInScope } from '../../core/policy/scope';
import { computeSlo, SloComputation } from './engine';
import type { Outcome } from './frames/context';
import { Instance } from './instance';

const DAY_MS = 86_400_000;

/** The SLOs a set of policies reads: in scope, or of a dependency of an in-scope service. */
export function policySlos(catalog: Catalog): Slo[] {
  const inScope = new Set(catalog.services.filter((s) => catalog.policies.some((p) => serviceInScope(p, s))).map((s) => s.name));
  const wanted = new Set([...inScope, ...catalog.services.filter((s) => inScope.has(s.name)).flatMap((s) => s.dependencies)]);
  return catalog.slos.filter((s) => wanted.has(s.service) || catalog.policies.some((p) => p.scope.teams.includes(s.team)));
}

/** The longest `burn-within` window of any policy: how far back the figures must resolve. */
function longestWindowMs(catalog: Catalog): number {
  return Math.max(DAY_MS, ...catalog.policies.flatMap((p) => p.conditions.map((c) => c.withinMs ?? 0)));
}

export interface PolicyJudgement {
  evaluations: PolicyEvaluation[];
  figures: SloPolicyFigures[];
  /** Problems to show beside the answer (e.g. the manual state store could not be read). */
  notices: string[];
}

/**
 * Judges every policy of `catalog` at `nowMs`. `known` holds computations a
 * query already made (same "now"), so those SLOs are not fetched twice.
 */
export async function judgePolicies(instance: Instance, catalog: Catalog, nowMs: number, signal: AbortSignal, known: ReadonlyMap<string, Outcome> = new Map()): Promise<PolicyJudgement> {
  if (catalog.policies.length === 0) {
    return { evaluations: [], figures: [], notices: [] };
  }
  const fromMs = nowMs - longestWindowMs(catalog);
  const figures = await Promise.all(
    policySlos(catalog).map(async (slo): Promise<SloPolicyFigures> => {
      const identity = { id: slo.id, service: slo.service, team: slo.team, deployment: slo.deployment };
      const reused = known.get(slo.id);
      if (reused && 'ok' in reused && reused.ok.nowMs === nowMs) {
        return policyFigures(identity, reused.ok.periods);
      }
      if (reused && 'error' in reused) {
        return failedFigures(identity, reused.error);
      }
      const source = instance.sourceFor(slo);
      if (typeof source === 'string') {
        return failedFigures(identity, source);
      }
      try {
        const c: SloComputation = await computeSlo(slo, source, fromMs, nowMs, nowMs, signal, { corrections: catalog.corrections, timeZone: instance.settings.timeZone });
        return policyFigures(identity, c.periods);
      } catch (error) {
        return failedFigures(identity, error instanceof Error ? error.message : String(error));
      }
    })
  );
  const notices: string[] = [];
  const manual = await instance.manualStates.list().catch((error: Error) => {
    notices.push(`recorded manual condition states cannot be read (${error.message}): manual conditions read as not recorded`);
    return [];
  });
  return { evaluations: evaluatePolicies(catalog.policies, { services: catalog.services, figures, manual, nowMs }), figures, notices };
}
