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
  const n = d.burning.length;
  if (n === 0 || Number.isNaN(d.budget)) {
    return [];
  }
  const step = n > 1 ? d.times[1] - d.times[0] : d.times[0] - d.period.startMs;
  const out: EpisodeMark[] = [];
  let k = 0;
  while (k < n) {
    if (!d.burning[k]) {
      k++;
      continue;
    }
    const start = k;
    let end = k; // inclusive index of the last burning bucket
    let spent = 0;
    let j = k;
    while (j < n) {
      if (d.burning[j]) {
        end = j;
        j++;
        continue;
      }
      // a gap: join it when the next burning bucket comes within the merge gap
      let g = j;
      while (g < n && !d.burning[g]) {
        g++;
      }
      if (g < n && (g - j) * step < mergeGapMs) {
        j = g;
        continue;
      }
      break;
    }
    for (let i = start; i <= end; i++) {
      spent += d.spent[i];
    }
    const mark = episode(d.times[start] - step, d.times[end], spent * 100);
    if (mark.depletedPct >= minDepletedPct) {
      out.push(mark);
    }
    k = end + 1;
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
