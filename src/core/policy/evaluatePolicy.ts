/**
 * Judges one error budget policy (book ch. 10, its seven parts of table 10.1)
 * at "now": which conditions are met and why, which consequences are in
 * force, the release gate of every in-scope service and environment, and
 * whether the policy is past its next review date (book 10.11).
 */
import type { ManualConditionState } from '../contracts/resourceContract';
import { EpochMs, ErrorBudgetPolicy, Service } from '../model/model';
import { ConditionResult, evaluateCondition } from './conditions';
import { ConsequenceResult, evaluateConsequence } from './consequences';
import { SloPolicyFigures } from './figures';
import { GateDecision, serviceGates } from './releaseGate';
import { serviceInScope } from './scope';

export interface PolicyEvaluation {
  policy: ErrorBudgetPolicy;
  /** In-scope service names. */
  services: string[];
  conditions: ConditionResult[];
  consequences: ConsequenceResult[];
  gates: GateDecision[];
  reviewOverdue: boolean;
}

export interface PolicyInput {
  services: readonly Service[];
  /** Figures of every SLO of the catalog (in scope and dependencies). */
  figures: readonly SloPolicyFigures[];
  manual: readonly ManualConditionState[];
  nowMs: EpochMs;
}

export function evaluatePolicy(policy: ErrorBudgetPolicy, input: PolicyInput): PolicyEvaluation {
  const inScopeServices = input.services.filter((s) => serviceInScope(policy, s));
  const names = new Set(inScopeServices.map((s) => s.name));
  const dependencyNames = new Set(inScopeServices.flatMap((s) => s.dependencies).filter((d) => !names.has(d)));
  const inScope = input.figures.filter((f) => names.has(f.slo.service) || policy.scope.teams.includes(f.slo.team));
  const dependencies = input.figures.filter((f) => dependencyNames.has(f.slo.service));
  const conditions = policy.conditions.map((c) => evaluateCondition(c, { policy: policy.name, inScope, dependencies, manual: input.manual, nowMs: input.nowMs }));
  const consequences = policy.consequences.map((c) => evaluateConsequence(c, conditions));
  const judged = { name: policy.name, scope: policy.scope, consequences };
  return {
    policy,
    services: inScopeServices.map((s) => s.name),
    conditions,
    consequences,
    gates: inScopeServices.flatMap((s) => serviceGates(s, [judged])),
    reviewOverdue: policy.nextReview !== undefined && policy.nextReview < input.nowMs,
  };
}

/** Every policy of the catalog, judged at once. */
export function evaluatePolicies(policies: readonly ErrorBudgetPolicy[], input: PolicyInput): PolicyEvaluation[] {
  return policies.map((p) => evaluatePolicy(p, input));
}
