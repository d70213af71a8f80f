/**
 * Step 7 of the query pipeline, judge: the error budget policies the frames
 * show (catalog rows, policy query, policy annotations; book ch. 10), judged
 * at the query's "now" over the figures just computed — merged with the
 * ledger — so an SLO of the query is not fetched twice (policy/judgement.ts).
 */
import { Outcome } from '../compute/computeShared';
import { JudgeDeps, judgePolicies, PolicyJudgement } from '../policy/judgement';
import { QueryPlan } from './plan';

export async function judge(instance: JudgeDeps, plan: QueryPlan, outcomes: readonly Outcome[], signal: AbortSignal): Promise<PolicyJudgement | undefined> {
  if (!plan.policies) {
    return undefined;
  }
  return judgePolicies(instance, plan.catalog, plan.nowMs, signal, new Map(plan.slos.map((s, i) => [s.id, outcomes[i]])), plan.policies);
}
