/**
 * Everything the book reports per error budget period (book 3.3, 11.2.3-11.2.5):
 * SLI, good/total, remaining budget over time and at the end, premature
 * exhaustion with time to exhaustion, depletion episodes with their speeds,
 * and adherence. Computed once per period from the SLO's buckets; the ledger
 * records exactly these figures for closed periods.
 */
import { adherenceState, AdherenceState } from './adherence';
import { covers, CumulativeCounts } from './counts';
import { periodDepletion, remainingSeries, SloMathSpec } from './depletion';
import { EpisodeMark, EpisodeOptions, episodeSpeeds, findEpisodes } from './episodes';
import { ExhaustionMark, findExhaustion } from './exhaustion';
import { EpochMs, PeriodInterval } from '../model/model';

export interface PeriodFigures {
  label: string;
  startMs: EpochMs;
  endMs: EpochMs;
  finished: boolean;
  /** The buckets reach back to the period start (else the figures cover only part of it). */
  complete: boolean;
  /** The budget was projected (current period, DESIGN.md). */
  projected: boolean;
  sli: number | null;
  good: number;
  total: number;
  endRemaining: number | null;
  exhaustion: ExhaustionMark | null;
  episodes: EpisodeMark[];
  avgSpeed: number | null;
  highestSpeed: number | null;
  adherence: AdherenceState;
  /** Remaining budget after each bucket of the period (up to its end or now). */
  times: Float64Array;
  remaining: Float64Array;
}

/**
 * Figures for consecutive periods, oldest first. Each period's total feeds
 * the next one's projection while that one is young (DESIGN.md).
 */
export function periodFigures(
  c: CumulativeCounts,
  spec: SloMathSpec,
  periods: readonly PeriodInterval[],
  nowMs: EpochMs,
  episodeOptions: Partial<EpisodeOptions> = {}
): PeriodFigures[] {
  const out: PeriodFigures[] = [];
  let previousTotal: number | undefined;
  for (const period of periods) {
    // a period starting exactly at "now" is the current one, with nothing spent yet (book 3.3: replenished at its start)
    if (period.startMs > nowMs) {
      break;
    }
    const d = periodDepletion(c, spec, period, nowMs, previousTotal);
    const complete = covers(c, period.startMs);
    const episodes = findEpisodes(d, episodeOptions);
    const { exhaustion, endRemaining } = findExhaustion(d);
    const sliValue = d.slices ? d.slices.good / d.slices.counted : d.total > 0 ? d.good / d.total : NaN;
    const adherence = complete
      ? adherenceState({ sli: sliValue, total: d.total, objective: spec.objective, minEvents: spec.minEvents, finished: d.finished })
      : 'No data';
    out.push({
      label: period.label,
      startMs: period.startMs,
      endMs: period.endMs,
      finished: d.finished,
      complete,
      projected: d.projected,
      sli: Number.isFinite(sliValue) ? sliValue : null,
      good: d.good,
      total: d.total,
      endRemaining,
      exhaustion,
      episodes,
      ...episodeSpeeds(episodes),
      adherence,
      times: d.times,
      remaining: remainingSeries(d),
    });
    previousTotal = d.finished && complete ? d.total : undefined;
  }
  return out;
}
