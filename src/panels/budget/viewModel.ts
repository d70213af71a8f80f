/**
 * Error budget depletion (book fig. 3.9, 11.4, 11.6) from `budget` frames
 * (frameContract BudgetFrameCustom): the remaining budget per SLO over time,
 * its periods, episodes and exhaustions, plus deployment markers from the
 * panel's annotations. Pure; the chart only draws this.
 */
import type { DataFrame } from '@grafana/data';
import type { BudgetFrameCustom, EpisodeMark, ExhaustionMark, PeriodMark } from '../../core/contracts/frameContract';
import { asNumber, fieldByName } from '../../components/frameReading';

export interface BudgetSeriesView {
  key: string;
  name: string;
  service: string;
  times: number[];
  values: Array<number | null>;
  periods: PeriodMark[];
  episodes: EpisodeMark[];
  exhaustions: ExhaustionMark[];
  periodEndRemaining: Array<number | null>;
  /** Lowest remaining value drawn (≤ 0 when there is budget debt). */
  min: number;
}

export function readBudgetSeries(frames: readonly DataFrame[]): BudgetSeriesView[] {
  const out: BudgetSeriesView[] = [];
  for (const frame of frames) {
    const value = fieldByName(frame, 'remaining');
    const time = fieldByName(frame, 'time') ?? frame.fields.find((f) => f.type === 'time');
    if (!value || !time) {
      continue;
    }
    const custom = (frame.meta?.custom ?? {}) as Partial<BudgetFrameCustom>;
    const labels = custom.labels ?? (value.labels as Partial<BudgetFrameCustom['labels']> | undefined) ?? {};
    const times = Array.from(time.values as ArrayLike<number>);
    const values = Array.from(value.values as ArrayLike<unknown>).map(asNumber);
    const finite = values.filter((v): v is number => v !== null);
    // book 11.2.7: an SLA's series for one customer is its own line
    const customer = custom.customer ? ` (${custom.customer})` : '';
    out.push({
      key: `${labels.slo ?? frame.name ?? String(out.length)}${customer}`,
      name: `${labels.name ?? labels.slo ?? frame.name ?? 'SLO'}${customer}`,
      service: labels.service ?? '',
      times,
      values,
      periods: custom.periods ?? [],
      episodes: custom.episodes ?? [],
      exhaustions: custom.exhaustions ?? [],
      periodEndRemaining: custom.periodEndRemaining ?? [],
      min: finite.length ? Math.min(0, ...finite) : 0,
    });
  }
  return out;
}

/** Deployment instants from annotation frames (a `time` field), inside [from, to]. */
export function readDeployments(annotations: readonly DataFrame[] | undefined, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (const frame of annotations ?? []) {
    const time = fieldByName(frame, 'time') ?? frame.fields.find((f) => f.type === 'time');
    const tags = fieldByName(frame, 'tags');
    Array.from((time?.values ?? []) as ArrayLike<number>).forEach((t, i) => {
      const tag = tags ? String((tags.values as ArrayLike<unknown>)[i] ?? '') : 'deployment';
      if (t >= fromMs && t <= toMs && tag.includes('deployment')) {
        out.push(t);
      }
    });
  }
  return out.sort((a, b) => a - b);
}

/** Periods to hatch when only periods with premature exhaustion matter (book fig. 11.6). */
export function periodsWithoutExhaustion(s: BudgetSeriesView): PeriodMark[] {
  return s.periods.filter((p) => !s.exhaustions.some((x) => x.periodStartMs === p.startMs));
}

/** Tooltip text of an episode (book 11.2.4). */
export function describeEpisode(e: EpisodeMark): string {
  const hours = (e.endMs - e.startMs) / 3_600_000;
  return `Depletion episode: ${e.depletedPct.toFixed(1)}% of the budget in ${hours.toFixed(1)} h, ${e.speedPctPerHour.toFixed(2)} % per hour`;
}

export function describeExhaustion(x: ExhaustionMark): string {
  return `Budget exhausted ${(x.timeToExhaustionMs / 86_400_000).toFixed(1)} days into the period`;
}
