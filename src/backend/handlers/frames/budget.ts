/**
 * `budget` frames (frameContract BudgetFrameCustom): remaining budget over
 * time per SLO. Calendar SLOs show the book's burn-down (fig. 3.9, 11.4):
 * it replenishes to 100% at each period start and may fall below 0 (budget
 * debt). Rolling SLOs show the trailing-window remaining budget. The time
 * scale picks one point per hour/day/week/month/period (the remaining
 * budget at the end of each), unless the range holds fewer than two of them.
 */
import { BudgetFrameCustom } from '../../../core/contracts/frameContract';
import { TimeScale } from '../../../core/contracts/queryModel';
import { Frame, timeSeriesFrame } from '../../protocol/frame';
import { RollingSeries } from '../../../core/budget/rollingBudget';
import { SloComputation } from '../compute/engine';
import { onceOn } from '../compute/sharedComputations';
import { sloLabels } from './labels';
import { scaleIntervals } from './timeScale';

/**
 * A rolling SLO's visible points, copied once per (series, first visible bucket): identical queries in flight finish
 * on the same read-only series (../compute/sharedComputations), so their frames share the copy (frames are never
 * written after they are built). WHY: 20 dashboards × 1,000 SLOs copied ≈ 700 points each, ≈ 200 MB per refresh
 * of arrays that lived until the slowest answer was encoded (bench:backend load case).
 */
const visibleBySeries = new WeakMap<RollingSeries, Map<number, Points>>();

/** Times and values of one series; read-only where they are shared. */
export interface Points {
  readonly times: readonly number[];
  readonly values: readonly number[];
}

/** Remaining budget points inside [fromMs, toMs] (read-only: a rolling SLO's are shared with identical queries). */
export function remainingPoints(c: SloComputation): Points {
  const times: number[] = [];
  const values: number[] = [];
  if (c.slo.period.kind === 'calendar') {
    for (const p of c.periods) {
      for (let k = 0; k < p.times.length; k++) {
        if (p.times[k] > c.fromMs && p.times[k] <= c.toMs) {
          times.push(p.times[k]);
          values.push(p.remaining[k]);
        }
      }
    }
    return { times, values };
  }
  const { series, firstVisible } = c;
  return onceOn(visibleBySeries, series, firstVisible, () => visiblePoints(series, firstVisible));
}

function visiblePoints(series: RollingSeries, firstVisible: number): Points {
  // WHY preallocated: pushing ≈ 700 points per SLO was the biggest cost of building frames (bench:backend)
  const n = Math.max(0, series.times.length - firstVisible);
  const visibleTimes: number[] = new Array<number>(n);
  const visibleValues: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    visibleTimes[i] = series.times[firstVisible + i];
    visibleValues[i] = series.remaining[firstVisible + i];
  }
  return { times: visibleTimes, values: visibleValues };
}

/** One point per interval: the last value at or before its end (book fig. 3.9 is drawn per day). */
export function resample(points: Points, ends: number[]): Points {
  const times: number[] = [];
  const values: number[] = [];
  let k = 0;
  for (const end of ends) {
    while (k < points.times.length && points.times[k] <= end) {
      k++;
    }
    if (k > 0 && (times.length === 0 || times[times.length - 1] !== points.times[k - 1])) {
      times.push(Math.min(end, points.times[k - 1]));
      values.push(points.values[k - 1]);
    }
  }
  return { times, values };
}

export function budgetCustom(c: SloComputation): BudgetFrameCustom {
  const calendar = c.slo.period.kind === 'calendar';
  return {
    kind: 'budget',
    labels: sloLabels(c.slo),
    periods: calendar ? c.periods.map((p) => ({ startMs: p.startMs, endMs: p.endMs, label: p.label })) : [],
    episodes: c.periods.flatMap((p) => p.episodes).filter((e) => e.endMs > c.fromMs && e.startMs < c.toMs),
    exhaustions: c.periods.flatMap((p) => (p.exhaustion ? [p.exhaustion] : [])).filter((x) => x.atMs > c.fromMs && x.atMs <= c.toMs),
    periodEndRemaining: calendar ? c.periods.map((p) => p.endRemaining) : [],
  };
}

export function budgetFrame(c: SloComputation, refId: string, scale: TimeScale | undefined): Frame {
  let points = remainingPoints(c);
  if (scale) {
    const ends = scaleIntervals(c, scale).map((u) => u.endMs);
    if (ends.length >= 2) {
      points = resample(points, ends);
    }
  }
  return timeSeriesFrame({
    name: c.slo.id,
    refId,
    times: points.times,
    values: points.values,
    labels: { ...sloLabels(c.slo) },
    valueName: 'remaining',
    config: { unit: 'percentunit', displayNameFromDS: `${c.slo.name} remaining budget` },
    meta: { custom: budgetCustom(c) },
  });
}
