/**
 * Computes one SLO over a time range: one fetch of bucketed good/total counts
 * (DESIGN.md "one fetch per SLO per refresh"), then the pure core derives
 * every series from those buckets.
 */
import { Buckets, Slo } from '../../core/model';
import { rollingSeries, RollingSeries } from '../../core/rollingBudget';
import { CountSource } from '../sources/types';

export const BURN_WINDOWS: Record<string, number> = { '5m': 300_000, '30m': 1_800_000, '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000 };
const NICE_STEPS_MS = [60_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000];

/** Bucket width for a range: the smallest "nice" step giving at most `maxBuckets` buckets. */
export function chooseStep(rangeMs: number, maxBuckets = 2000): number {
  return NICE_STEPS_MS.find((s) => rangeMs / s <= maxBuckets) ?? NICE_STEPS_MS[NICE_STEPS_MS.length - 1];
}

/** The period length of an SLO as a trailing window (calendar periods use their nominal length here). */
export function periodLengthMs(slo: Slo): number {
  if (slo.period.kind === 'rolling') {return slo.period.lengthMs;}
  return { week: 7, '4w': 28, month: 30, quarter: 91 }[slo.period.unit] * 86_400_000;
}

/** `$__window` → the bucket width, e.g. `300s`. */
export function withWindow(expr: string, stepMs: number): string {
  return expr.split('$__window').join(`${Math.round(stepMs / 1000)}s`);
}

export interface SloComputation {
  buckets: Buckets;
  series: RollingSeries;
  /** First index inside the requested range (earlier buckets are history for the trailing window). */
  firstVisible: number;
}

/** Fetches the SLO's buckets for [fromMs − period, toMs] and derives its series. */
export async function computeSlo(slo: Slo, source: CountSource, fromMs: number, toMs: number, signal: AbortSignal): Promise<SloComputation> {
  const period = periodLengthMs(slo);
  // the visible range sets the resolution; the trailing period before it is history at the same step
  const step = chooseStep(toMs - fromMs, 1000);
  const start = Math.floor((fromMs - period) / step) * step;
  const end = Math.ceil(toMs / step) * step;
  const q = slo.query;
  const [main, total] = await Promise.all([
    source.rangeCounts(withWindow(q.good ?? q.bad!, step), start, end, step, signal),
    source.rangeCounts(withWindow(q.total, step), start, end, step, signal),
  ]);
  const good = q.good ? main : total.map((t, i) => (Number.isNaN(t) ? NaN : t - (Number.isNaN(main[i]) ? 0 : main[i])));
  const buckets: Buckets = { startMs: start, stepMs: step, good, total };
  const series = rollingSeries(buckets, slo.objective, period, BURN_WINDOWS, slo.minEvents);
  const firstVisible = Math.max(0, Math.ceil((fromMs - start) / step) - 1);
  return { buckets, series, firstVisible };
}
