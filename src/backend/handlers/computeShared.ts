/**
 * One SLO's computation for a range, the way every request path makes it:
 * its fetch and derived series are shared with identical computations in
 * flight (./sharedComputations), so a query, the policy judgement of a
 * resource and another dashboard asking at the same moment read the buckets
 * once (DESIGN.md: one fetch of bucketed counts per SLO per refresh).
 * A failure is this SLO's outcome, never the caller's.
 */
import { correctionsFor } from '../../core/budget/corrections';
import { Slo } from '../../core/model/model';
import { ComputeOptions, deriveSeries, fetchCounts, fetchPlan, finishSlo, periodLengthMs } from './engine';
import type { Outcome } from './frames/context';
import type { Instance } from './instance';
import { derivationKey, finishOnce, sloKey } from './sharedComputations';

export async function computeShared(instance: Instance, slo: Slo, fromMs: number, toMs: number, nowMs: number, options: ComputeOptions, signal: AbortSignal): Promise<Outcome> {
  const source = instance.sourceFor(slo);
  if (typeof source === 'string') {
    return { error: source };
  }
  try {
    const plan = fetchPlan(slo, fromMs, toMs, options);
    const periodMs = periodLengthMs(slo, toMs);
    // the corrections that apply to this SLO are what its series depend on, not the whole list
    const key = derivationKey(sloKey(slo), plan.start, plan.end, plan.step, periodMs, JSON.stringify(correctionsFor(slo, options.corrections ?? [])));
    const derived = await instance.computations.share(key, async (shared) => deriveSeries(slo, await fetchCounts(slo, source, plan, shared), plan, periodMs, options.corrections), signal, source.name);
    const rangeKey = [fromMs, toMs, nowMs, plan.history, plan.lookback].join(' ');
    return { ok: finishOnce(derived, rangeKey, () => finishSlo(slo, derived, plan, fromMs, toMs, nowMs)) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
