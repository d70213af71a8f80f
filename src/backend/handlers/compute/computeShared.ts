/**
 * One SLO's computation for a range, the way every request path makes it:
 * its fetch and derived series are shared with identical computations in
 * flight (./sharedComputations), so a query, the policy judgement of a
 * resource and another dashboard asking at the same moment read the buckets
 * once (DESIGN.md: one fetch of bucketed counts per SLO per refresh).
 * Two halves, the query pipeline's fetch and compute steps: `fetchShared`
 * (buckets and range-independent series) and `finishShared` (the range at
 * "now"); `computeShared` runs both. A failure is this SLO's outcome, never
 * the caller's.
 */
import { correctionsFor } from '../../../core/budget/corrections';
import { Slo } from '../../../core/model/model';
import { CountSource } from '../../sources/types';
import { ComputeOptions, DerivedSeries, deriveSeries, fetchCounts, FetchPlan, fetchPlan, finishSlo, periodLengthMs, SloComputation } from './engine';
import { derivationKey, finishOnce, SharedComputations, sloKey } from './sharedComputations';

/** One SLO's computation, or why there is none (its source failed, the range is too long…). */
export type Outcome = { ok: SloComputation } | { error: string };

/** What a computation needs of the datasource instance: its sources and its computations in flight. */
export interface ComputeDeps {
  sourceFor(slo: Slo): CountSource | string;
  readonly computations: SharedComputations;
}

/** An SLO's buckets and range-independent series, with the fetch plan they were made for; or why there are none. */
export type Fetched = { ok: { derived: DerivedSeries; plan: FetchPlan } } | { error: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Fetches the SLO's planned buckets and derives its series, once for every
 * identical derivation in flight (./sharedComputations).
 */
export async function fetchShared(instance: ComputeDeps, slo: Slo, fromMs: number, toMs: number, options: ComputeOptions, signal: AbortSignal): Promise<Fetched> {
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
    return { ok: { derived, plan } };
  } catch (error) {
    return { error: message(error) };
  }
}

/** The range's part of the computation (visible buckets, period figures at "now"), made once per range on shared series. */
export function finishShared(slo: Slo, fetched: Fetched, fromMs: number, toMs: number, nowMs: number): Outcome {
  if ('error' in fetched) {
    return fetched;
  }
  const { derived, plan } = fetched.ok;
  try {
    const rangeKey = [fromMs, toMs, nowMs, plan.history, plan.lookback].join(' ');
    return { ok: finishOnce(derived, rangeKey, () => finishSlo(slo, derived, plan, fromMs, toMs, nowMs)) };
  } catch (error) {
    return { error: message(error) };
  }
}

/** Both steps for one SLO (what the policy judgement computes for SLOs a query did not). */
export async function computeShared(instance: ComputeDeps, slo: Slo, fromMs: number, toMs: number, nowMs: number, options: ComputeOptions, signal: AbortSignal): Promise<Outcome> {
  return finishShared(slo, await fetchShared(instance, slo, fromMs, toMs, options, signal), fromMs, toMs, nowMs);
}
