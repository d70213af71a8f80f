/**
 * Choosing chaos engineering hypotheses (book 11.5.7, table 11.14,
 * B:8154-8178): services that consistently defend their SLOs are the
 * candidates; among them, "small but regular error budget depletion blips"
 * (episodes in most periods while the period still ends with much budget)
 * are worth an exploratory hypothesis.
 */
import type { Ratio } from '../model/model';
import { fulfilledShare, judged, PeriodRecord } from './periodRecord';

export interface ServiceHistory {
  service: string;
  /** Every SLO's periods of this service, flattened (oldest first per SLO). */
  periods: ReadonlyArray<PeriodRecord & { episodes: number }>;
}

export interface ChaosCandidate {
  service: string;
  fulfilledShare: Ratio;
  judgedPeriods: number;
  /** Mean remaining budget at period ends. */
  meanEndRemaining: Ratio | null;
  /** Periods with depletion episodes though they ended with ≥ 50% left: the book's blips. */
  blipPeriods: number;
  hypothesis: string;
}

/**
 * @param minShare least share of fulfilled periods (default: all, "consistently")
 * @returns steadiest first: highest fulfilled share, then most judged periods, then highest mean end budget
 */
export function steadiestServices(services: readonly ServiceHistory[], minShare = 1): ChaosCandidate[] {
  const out: ChaosCandidate[] = [];
  for (const s of services) {
    const share = fulfilledShare(s.periods);
    const j = judged(s.periods);
    if (share === null || share + 1e-12 < minShare) {
      continue;
    }
    const ends = j.map((p) => p.endRemaining).filter((r): r is number => r !== null && Number.isFinite(r));
    const meanEnd = ends.length ? ends.reduce((a, b) => a + b, 0) / ends.length : null;
    const blips = j.filter((p) => p.episodes > 0 && (p.endRemaining ?? 0) >= 0.5).length;
    out.push({
      service: s.service,
      fulfilledShare: share,
      judgedPeriods: j.length,
      meanEndRemaining: meanEnd,
      blipPeriods: blips,
      hypothesis:
        blips > 0
          ? `The error budgets of ${s.service} are not exhausted prematurely under the suspected cause of its depletion blips (seen in ${blips} of ${j.length} periods).`
          : `The error budgets of ${s.service} are not exhausted prematurely under a 25% latency increase of a dependency for 24 hours.`,
    });
  }
  return out.sort((a, b) => b.fulfilledShare - a.fulfilledShare || b.judgedPeriods - a.judgedPeriods || (b.meanEndRemaining ?? -Infinity) - (a.meanEndRemaining ?? -Infinity) || a.service.localeCompare(b.service));
}
