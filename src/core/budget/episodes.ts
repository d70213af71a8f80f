/**
 * Depletion episodes (book 11.2.4, table 11.3; DESIGN.md): a maximal run of
 * buckets with burn rate > 1, joined across gaps shorter than a merge gap.
 * For each: depleted % of the period budget, duration in hours, and speed =
 * depleted % / hours. Episodes that deplete less than a minimum (default 1%
 * of the period budget) are noise and dropped.
 *
 * Worked example (book table 11.3): episodes of 70% in 52 h, 50% in 26 h and
 * 25% in 70 h have speeds 1.3, 1.9 and 0.4 % per hour; the period's average
 * speed is 1.2 and its highest 1.9 % per hour.
 */
import { PeriodDepletion } from './depletion';

/** A depletion episode (frames carry it in meta) (book 11.2.4). */
export interface EpisodeMark {
  startMs: number;
  endMs: number;
  /** % of the period budget depleted by the episode. */
  depletedPct: number;
  /** % of the period budget per hour. */
  speedPctPerHour: number;
}

export interface EpisodeOptions {
  /** Gaps shorter than this (ms) between burning runs join them. Default 1 h. */
  mergeGapMs: number;
  /** Episodes depleting less than this % of the period budget are noise. Default 1. */
  minDepletedPct: number;
}

export const DEFAULT_EPISODE_OPTIONS: EpisodeOptions = { mergeGapMs: 3_600_000, minDepletedPct: 1 };

const HOUR_MS = 3_600_000;

/** Builds one episode mark from its depleted % and bounds. */
export function episode(startMs: number, endMs: number, depletedPct: number): EpisodeMark {
  const hours = (endMs - startMs) / HOUR_MS;
  return { startMs, endMs, depletedPct, speedPctPerHour: hours > 0 ? depletedPct / hours : 0 };
}

/** Episodes of one period, oldest first. */
export function findEpisodes(d: PeriodDepletion, options: Partial<EpisodeOptions> = {}): EpisodeMark[] {
  const { mergeGapMs, minDepletedPct } = { ...DEFAULT_EPISODE_OPTIONS, ...options };
  const { burning, spent: spentIn, times } = d;
  const n = burning.length;
  if (n === 0 || Number.isNaN(d.budget)) {
    return [];
  }
  const step = n > 1 ? times[1] - times[0] : times[0] - d.period.startMs;
  const out: EpisodeMark[] = [];
  // runs are found with indexOf (a native scan of the byte flags), not a test per bucket
  let k = burning.indexOf(1);
  while (k !== -1) {
    const start = k;
    let end = n - 1; // inclusive index of the last burning bucket
    let gap = burning.indexOf(0, k);
    while (gap !== -1) {
      end = gap - 1;
      // a gap: join it when the next burning bucket comes within the merge gap
      const next = burning.indexOf(1, gap);
      if (next === -1 || (next - gap) * step >= mergeGapMs) {
        break;
      }
      end = n - 1;
      gap = burning.indexOf(0, next);
    }
    let spent = 0;
    for (let i = start; i <= end; i++) {
      spent += spentIn[i];
    }
    const mark = episode(times[start] - step, times[end], spent * 100);
    if (mark.depletedPct >= minDepletedPct) {
      out.push(mark);
    }
    k = end + 1 < n ? burning.indexOf(1, end + 1) : -1;
  }
  return out;
}

/** Average and highest speed (% per hour) of a period's episodes; null when none (book 11.2.4). */
export function episodeSpeeds(episodes: readonly EpisodeMark[]): { avgSpeed: number | null; highestSpeed: number | null } {
  if (episodes.length === 0) {
    return { avgSpeed: null, highestSpeed: null };
  }
  let sum = 0;
  let max = -Infinity;
  for (const e of episodes) {
    sum += e.speedPctPerHour;
    max = Math.max(max, e.speedPctPerHour);
  }
  return { avgSpeed: sum / episodes.length, highestSpeed: max };
}
