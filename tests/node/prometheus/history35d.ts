/**
 * 35 days (at least: stretched to hold the last closed month) of synthetic
 * 1-minute counters with incidents at known times, for
 * tests/node/realPrometheus35d.test.ts. The incidents are placed relative to
 * the calendar weeks before "end", so every run sees the same shape whatever
 * the date: a fast incident that exhausts last week's budget prematurely
 * (book 11.2.5), a slow burn the week before (burn 1.5 for three days), a
 * quiet day with no errors, and a small current burn over the last two hours.
 */
import { periodAt } from '../../../src/core/calendar';
import { PeriodInterval, PeriodSpec } from '../../../src/core/model';
import { MINUTE } from './fixture';

const HOUR = 3_600_000;
const DAY = 86_400_000;
export const REQUESTS_PER_MINUTE = 1000;
/** Background errors per minute: burn 0.1 against a 99% objective. */
export const BACKGROUND_BAD = 1;

export const WEEK_UTC: PeriodSpec = { kind: 'calendar', unit: 'week', timeZone: 'UTC' };
export const MONTH_UTC: PeriodSpec = { kind: 'calendar', unit: 'month', timeZone: 'UTC' };

export interface Incident {
  name: string;
  startMs: number;
  endMs: number;
  badPerMinute: number;
}

export interface HistoryPlan {
  endMs: number;
  days: number;
  /** Two closed UTC weeks, [week before last, last week], before the week holding end − 6 h. */
  weeks: [PeriodInterval, PeriodInterval];
  /** The last closed UTC month. */
  month: PeriodInterval;
  incidents: Incident[];
}

const previous = (spec: PeriodSpec, p: PeriodInterval) => periodAt(spec, p.startMs - 1);

export function historyPlan(endMs: number): HistoryPlan {
  // WHY 6 h back: early on a Monday (UTC) the New York week holding last week's incident has not ended yet
  const current = periodAt(WEEK_UTC, endMs - 6 * HOUR);
  const last = previous(WEEK_UTC, current);
  const beforeLast = previous(WEEK_UTC, last);
  const month = previous(MONTH_UTC, periodAt(MONTH_UTC, endMs));
  // the history must reach back before the last closed month (plus a day, so its first bucket is complete)
  const days = Math.max(35, Math.ceil((endMs - month.startMs) / DAY) + 1);
  const fastStart = last.startMs + 2 * DAY + 6 * HOUR;
  const slowStart = beforeLast.startMs + DAY;
  return {
    endMs,
    days,
    weeks: [beforeLast, last],
    month,
    // first match wins; none of them overlap (the quiet day ends within 26 h of end, the fast incident ≥ 4.6 days before last week's end)
    incidents: [
      // the minutes (end − 2 h, end] and the 24 hours before them; a sample at t counts the minute ending at t
      { name: 'current burn', startMs: endMs - 2 * HOUR + MINUTE, endMs: endMs + MINUTE, badPerMinute: 5 },
      { name: 'quiet day', startMs: endMs - 26 * HOUR + MINUTE, endMs: endMs - 2 * HOUR + MINUTE, badPerMinute: 0 },
      { name: 'fast incident', startMs: fastStart, endMs: fastStart + 3 * HOUR, badPerMinute: 600 },
      { name: 'slow burn', startMs: slowStart, endMs: slowStart + 3 * DAY, badPerMinute: 15 },
    ],
  };
}

/** Bad requests in the minute ending at `minuteMs`. */
export function badInMinute(plan: HistoryPlan, minuteMs: number): number {
  const hit = plan.incidents.find((i) => minuteMs >= i.startMs && minuteMs < i.endMs);
  return hit ? hit.badPerMinute : BACKGROUND_BAD;
}

/** OpenMetrics text for promtool: `ledger_requests_total` with code 200 and 500, one sample a minute. */
export function historyOpenMetrics(plan: HistoryPlan): string {
  const start = plan.endMs - plan.days * DAY;
  const ok: string[] = [];
  const bad: string[] = [];
  let okCount = 0;
  let badCount = 0;
  for (let t = start; t <= plan.endMs; t += MINUTE) {
    const b = badInMinute(plan, t);
    okCount += REQUESTS_PER_MINUTE - b;
    badCount += b;
    ok.push(`ledger_requests_total{service="ledger35",code="200"} ${okCount} ${t / 1000}`);
    bad.push(`ledger_requests_total{service="ledger35",code="500"} ${badCount} ${t / 1000}`);
  }
  return ['# TYPE ledger_requests counter', ...ok, ...bad, '# EOF', ''].join('\n');
}
