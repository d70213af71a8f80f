/**
 * Corrections (DESIGN.md): maintenance windows and declared corrections are
 * excluded from good, bad and total, so planned work does not spend budget
 * and does not inflate the SLI either. A bucket overlapping a correction is
 * dropped whole (its counts cannot be split inside the bucket).
 */
import { Buckets, Correction, Slo } from '../model/model';

export interface Interval {
  startMs: number;
  endMs: number;
}

/** The corrections that apply to an SLO (by id, service, or to all when unscoped). */
export function correctionsFor(slo: Pick<Slo, 'id' | 'service'>, corrections: readonly Correction[]): Interval[] {
  return corrections.filter(
    (c) => (c.slos.length === 0 && c.services.length === 0) || c.slos.includes(slo.id) || c.services.includes(slo.service)
  );
}

/** A copy of `buckets` with every bucket overlapping an interval emptied. Inputs are not mutated. */
export function applyCorrections(buckets: Buckets, intervals: readonly Interval[]): Buckets {
  if (intervals.length === 0) {
    return buckets;
  }
  const good = Float64Array.from(buckets.good);
  const total = Float64Array.from(buckets.total);
  const { startMs, stepMs } = buckets;
  for (const { startMs: from, endMs: to } of intervals) {
    const first = Math.max(0, Math.floor((from - startMs) / stepMs));
    const last = Math.min(total.length, Math.ceil((to - startMs) / stepMs));
    for (let i = first; i < last; i++) {
      good[i] = 0;
      total[i] = 0;
    }
  }
  return { startMs, stepMs, good, total };
}
