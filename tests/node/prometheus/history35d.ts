/**
 * 35 days (at least: stretched to hold the last closed month) of synthetic
 * 1-minute counters with incidents at known times, for
 * tests/node/realPrometheus35d.test.ts. The incidents are placed relative to
 * the calendar weeks before "end", so every run sees the same shape whatever
 * the date: a fast incident that exhausts last week's budget prematurely
 * (book 11.2.5), a slow burn the week before (burn 1.5 for three days), a
 * quiet day with no errors, and a small current burn over the last two hours.
 * Two more services carry the 4w shapes of ./history4w; the history reaches
 * back to the start of the last closed 4w period too.
 */
import { periodAt } from '../../../src/core/periods/calendar';
import { PeriodInterval, PeriodSpec } from '../../../src/core/model/model';
import { MINUTE, RunningPrometheus, startPrometheus } from './fixture';
import { FOUR_WEEK_SERVICES, FourWeekPlan, fourWeekPlan, FourWeekService } from './history4w';

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
  /** The 4w shapes (services burning4w and calm4w). */
  fourWeeks: FourWeekPlan;
}

const previous = (spec: PeriodSpec, p: PeriodInterval) => periodAt(spec, p.startMs - 1);

export function historyPlan(endMs: number): HistoryPlan {
  // WHY 6 h back: early on a Monday (UTC) the New York week holding last week's incident has not ended yet
  const current = periodAt(WEEK_UTC, endMs - 6 * HOUR);
  const last = previous(WEEK_UTC, current);
  const beforeLast = previous(WEEK_UTC, last);
  const month = previous(MONTH_UTC, periodAt(MONTH_UTC, endMs));
  const fourWeeks = fourWeekPlan(endMs);
  // the history must reach back before the last closed month and 4w period (plus a day, so their first buckets are complete)
  const days = Math.max(35, Math.ceil((endMs - Math.min(month.startMs, fourWeeks.closed.startMs)) / DAY) + 1);
  const fastStart = last.startMs + 2 * DAY + 6 * HOUR;
  const slowStart = beforeLast.startMs + DAY;
  return {
    endMs,
    days,
    weeks: [beforeLast, last],
    month,
    fourWeeks,
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

/** The counters of one service (code 200 and 500), one sample a minute; OpenMetrics wants each series' samples together. */
function serviceSamples(plan: HistoryPlan, service: string, badAt: (minuteMs: number) => number): string[] {
  const start = plan.endMs - plan.days * DAY;
  const ok: string[] = [];
  const bad: string[] = [];
  let okCount = 0;
  let badCount = 0;
  for (let t = start; t <= plan.endMs; t += MINUTE) {
    const b = badAt(t);
    okCount += REQUESTS_PER_MINUTE - b;
    badCount += b;
    ok.push(`ledger_requests_total{service="${service}",code="200"} ${okCount} ${t / 1000}`);
    bad.push(`ledger_requests_total{service="${service}",code="500"} ${badCount} ${t / 1000}`);
  }
  return [...ok, ...bad];
}

/** Bad requests of a 4w-shape service in the minute ending at `minuteMs`. */
export function fourWeekBadInMinute(plan: HistoryPlan, service: FourWeekService, minuteMs: number): number {
  const hit = plan.fourWeeks.incidents[service].find((i) => minuteMs >= i.startMs && minuteMs < i.endMs);
  return hit ? hit.badPerMinute : BACKGROUND_BAD;
}

/** OpenMetrics text for promtool: `ledger_requests_total` of ledger35 and the 4w services, code 200 and 500, one sample a minute. */
export function historyOpenMetrics(plan: HistoryPlan): string {
  return [
    '# TYPE ledger_requests counter',
    ...serviceSamples(plan, 'ledger35', (t) => badInMinute(plan, t)),
    ...FOUR_WEEK_SERVICES.flatMap((s) => serviceSamples(plan, s, (t) => fourWeekBadInMinute(plan, s, t))),
    '# EOF',
    '',
  ].join('\n');
}

/**
 * Backfills the history ending now into a real Prometheus (./fixture): the engine, the plan, and the OpenMetrics text promtool read.
 * `extraDays` more days of background before the plan's start (same shapes, earlier data).
 */
export async function startHistoryPrometheus(extraDays = 0): Promise<{ prom: RunningPrometheus; plan: HistoryPlan; openMetrics: string }> {
  // the plan depends on "end"; the fixture picks it, so size the history from a guess one minute early
  const guess = historyPlan(Math.floor(Date.now() / MINUTE) * MINUTE - 2 * MINUTE);
  let plan: HistoryPlan | undefined;
  let text = '';
  const prom = await startPrometheus(guess.days + 1 + extraDays, (endMs, days) => {
    plan = { ...historyPlan(endMs), days };
    text = historyOpenMetrics(plan);
    return text;
  }, { maxBlockDuration: `${(guess.days + 1 + extraDays) * 24}h` });
  return { prom, plan: plan!, openMetrics: text };
}

const sloYaml = (name: string, period: string, service = 'ledger35') => `      - name: ${name}
        sli: availability
        objective: 99
        period: ${period}
        bad: sum(increase(${badOf(service)}[$__window]))
        total: sum(increase(${totalOf(service)}[$__window]))`;
export function badOf(service: string) {
  return `ledger_requests_total{service="${service}",code="500"}`;
}
export function totalOf(service: string) {
  return `ledger_requests_total{service="${service}"}`;
}
export const FOUR_WEEK_SLO = 'four-weeks';

/** The catalog the suites read this history with: ledger35 under four periods, and a 4w SLO per 4w service; all at 99%. */
export const HISTORY_CATALOG = [
  'apiVersion: sloledger/v1',
  'teams:',
  '  - name: ledger',
  'services:',
  '  - name: ledger35',
  '    team: ledger',
  '    slos:',
  sloYaml('week-utc', '{ calendar: week }'),
  sloYaml('week-new-york', '{ calendar: week, timeZone: America/New_York }'),
  sloYaml('month-utc', '{ calendar: month }'),
  sloYaml('rolling-28d', '28d'),
  ...FOUR_WEEK_SERVICES.flatMap((service) => [`  - name: ${service}`, '    team: ledger', '    slos:', sloYaml(FOUR_WEEK_SLO, '{ calendar: 4w }', service)]),
  '',
].join('\n');
