/**
 * Error budget policies judged at "now" (src/core/policy) over the live SLO
 * figures: every SLO in the scope of a policy, and the SLOs of the in-scope
 * services' dependencies, computed once (or reused from the query that is
 * already computing them), plus the recorded manual condition states.
 */
import { Catalog, ErrorBudgetPolicy, Slo } from '../../../core/model/model';
import { evaluatePolicies, PolicyEvaluation } from '../../../core/policy/evaluatePolicy';
import { failedFigures, policyFigures, SloPolicyFigures } from '../../../core/policy/figures';
import { serviceInScope } from '../../../core/policy/scope';
import { ComputeDeps, computeShared, Outcome } from '../compute/computeShared';
import { periodsUpToNow } from '../compute/engine';
import { ManualStateStore } from './manualStates';

const DAY_MS = 86_400_000;

/** The SLOs a set of policies reads: in scope, or of a dependency of an in-scope service. */
export function policySlos(catalog: Catalog, policies: readonly ErrorBudgetPolicy[] = catalog.policies): Slo[] {
  const inScope = new Set(catalog.services.filter((s) => policies.some((p) => serviceInScope(p, s))).map((s) => s.name));
  const wanted = new Set([...inScope, ...catalog.services.filter((s) => inScope.has(s.name)).flatMap((s) => s.dependencies)]);
  return catalog.slos.filter((s) => wanted.has(s.service) || policies.some((p) => p.scope.teams.includes(s.team)));
}

const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []).filter((x) => x !== '$__all');

/** Policies covering the selected teams/services (all when none is selected): what a `policy` query or `policies?team=` shows. */
export function policiesForSelection(catalog: Catalog, selection: { teams?: unknown; services?: unknown }): ErrorBudgetPolicy[] {
  const teams = listOf(selection.teams);
  const services = listOf(selection.services);
  if (teams.length + services.length === 0) {
    return catalog.policies;
  }
  const chosen = catalog.services.filter((s) => teams.includes(s.team) || services.includes(s.name));
  return catalog.policies.filter((p) => p.scope.teams.some((t) => teams.includes(t)) || chosen.some((s) => serviceInScope(p, s)));
}

/** Policies covering the services of some SLOs: what their catalog rows and annotations need. */
export function policiesForSlos(catalog: Catalog, slos: readonly Slo[]): ErrorBudgetPolicy[] {
  const services = catalog.services.filter((s) => slos.some((slo) => slo.service === s.name));
  return catalog.policies.filter((p) => services.some((s) => serviceInScope(p, s)));
}

/** The longest `burn-within` window of any policy: how far back the figures must resolve. */
function longestWindowMs(policies: readonly ErrorBudgetPolicy[]): number {
  return Math.max(DAY_MS, ...policies.flatMap((p) => p.conditions.map((c) => c.withinMs ?? 0)));
}

/** What judging needs of the datasource instance: its computations, its time zone and the recorded manual states. */
export interface JudgeDeps extends ComputeDeps {
  readonly settings: { timeZone: string };
  readonly manualStates: ManualStateStore;
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
 * `policies`: the ones to judge (a filtered view needs only the policies covering it).
 */
export async function judgePolicies(
  instance: JudgeDeps,
  catalog: Catalog,
  nowMs: number,
  signal: AbortSignal,
  known: ReadonlyMap<string, Outcome> = new Map(),
  policies: readonly ErrorBudgetPolicy[] = catalog.policies
): Promise<PolicyJudgement> {
  if (policies.length === 0) {
    return { evaluations: [], figures: [], notices: [] };
  }
  const fromMs = nowMs - longestWindowMs(policies);
  const figures = await Promise.all(
    policySlos(catalog, policies).map(async (slo): Promise<SloPolicyFigures> => {
      const identity = { id: slo.id, service: slo.service, team: slo.team, deployment: slo.deployment };
      const reused = known.get(slo.id);
      if (reused && 'ok' in reused && reused.ok.nowMs === nowMs) {
        return policyFigures(identity, periodsUpToNow(reused.ok));
      }
      if (reused && 'error' in reused) {
        return failedFigures(identity, reused.error);
      }
      // shared with identical computations in flight (../compute/computeShared): a gate asked during a refresh reads the buckets once
      const outcome = await computeShared(instance, slo, fromMs, nowMs, nowMs, { corrections: catalog.corrections, timeZone: instance.settings.timeZone }, signal);
      return 'ok' in outcome ? policyFigures(identity, periodsUpToNow(outcome.ok)) : failedFigures(identity, outcome.error);
    })
  );
  const notices: string[] = [];
  const manual = await instance.manualStates.list().catch((error: Error) => {
    notices.push(`recorded manual condition states cannot be read (${error.message}): manual conditions read as not recorded`);
    return [];
  });
  return { evaluations: evaluatePolicies(policies, { services: catalog.services, figures, manual, nowMs }), figures, notices };
}
