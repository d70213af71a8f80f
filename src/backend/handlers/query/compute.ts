/**
 * Step 5 of the query pipeline, compute: each SLO's figures over the query's
 * range at its "now" — visible buckets, the error budget periods overlapping
 * it — on the shared series (made once per distinct range). SLAs are summed
 * from these computations by the frames that show them (frames/sla.ts
 * `slasWithComponents`, sla/slaComputation).
 */
import { Fetched, finishShared, Outcome } from '../compute/computeShared';
import { QueryPlan } from './plan';

export function computeAll(plan: QueryPlan, fetched: readonly Fetched[]): Outcome[] {
  const { fromMs, toMs } = plan.query.timeRange;
  return plan.slos.map((slo, i) => finishShared(slo, fetched[i], fromMs, toMs, plan.nowMs));
}
