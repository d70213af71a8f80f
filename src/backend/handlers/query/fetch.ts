/**
 * Step 4 of the query pipeline, fetch: each planned SLO's bucketed good/total
 * counts, one fetch per SLO (DESIGN.md), and the series that depend on the
 * buckets alone. Identical queries in flight (20 dashboards refreshing at
 * once) fetch and derive each SLO once (../compute/sharedComputations). A
 * failure is that SLO's, never the query's.
 */
import { ComputeDeps, Fetched, fetchShared } from '../compute/computeShared';
import { QueryPlan } from './plan';

export function fetchAll(instance: ComputeDeps, plan: QueryPlan, signal: AbortSignal): Promise<Fetched[]> {
  const { fromMs, toMs } = plan.query.timeRange;
  return Promise.all(plan.slos.map((slo) => fetchShared(instance, slo, fromMs, toMs, plan.options, signal)));
}
