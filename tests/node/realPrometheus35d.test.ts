/**
 * 35 days of history in a real Prometheus (Debian's package, backfilled with
 * promtool), run through the real backend handlers (runQuery on an Instance
 * whose connection points at it) for `budget`, `burnrate`, `adherence`,
 * `depletion`, `exhaustion` and `catalog`, each figure checked against
 * independent PromQL:
 * - SLI of a closed period: 1 − increase(bad[P]) / increase(total[P]) at the period end
 *   (Prometheus 2.x ranges are closed, so with samples on the boundaries this is the exact count);
 * - adherence: Fulfilled when that SLI ≥ the objective (DESIGN.md "Adherence");
 * - remaining at the period end: 1 − increase(bad[P]) / (b · increase(total[P]));
 * - burn rate over 1h/6h/24h at "now": (increase(bad[w]) / increase(total[w])) / b;
 * - premature exhaustion: a 1-minute range query of the cumulative counters over the
 *   period; the first step where bad(t) − bad(start) ≥ b · (total(end) − total(start));
 * - forecast time to exhaustion (rolling 28d): remaining · 28d / burn(1h) from the PromQL figures;
 * - 4w calendar periods (./prometheus/isoFourWeeks: ISO-week arithmetic of its own): the boundaries
 *   the backend reports, remaining at the end of the last closed one;
 * - the open 4w period's projections (DESIGN.md "Depletion", "Forecast"): its budget b · T_seen · L / elapsed
 *   from increase() over the elapsed part (the previous period's total in its first day), the remaining
 *   against it, and the time to exhaustion remaining · L / burn(1h), inside the period for one shape and not for the other.
 * Skipped with a printed reason when Prometheus is not installed.
 */
import fc from 'fast-check';
import { periodAt } from '../../src/core/periods/calendar';
import { BudgetFrameCustom } from '../../src/core/contracts/frameContract';
import { PeriodInterval, PeriodSpec } from '../../src/core/model/model';
import { chooseStep } from '../../src/backend/handlers/compute/engine';
import { handlersOn, HandlersOnPrometheus, rows } from './prometheus/handlers';
import { MINUTE, prometheusAvailable, RunningPrometheus } from './prometheus/fixture';
import { badOf, FOUR_WEEK_SLO, HISTORY_CATALOG as CATALOG, historyPlan, HistoryPlan, MONTH_UTC, startHistoryPrometheus, totalOf, WEEK_UTC } from './prometheus/history35d';
import { FOUR_WEEK_SERVICES, OPEN_ELAPSED_MS } from './prometheus/history4w';
import { fourWeekPeriodHolding, isoWeekOfMonday } from './prometheus/isoFourWeeks';

jest.setTimeout(120_000);
const HOUR = 3_600_000;
const DAY = 86_400_000;
const OBJECTIVE = 0.99;
const B = 1 - OBJECTIVE;
const WEEK_NEW_YORK: PeriodSpec = { kind: 'calendar', unit: 'week', timeZone: 'America/New_York' };
const BAD = badOf('ledger35');
const TOTAL = totalOf('ledger35');

// Tolerances. Bucket sums and PromQL read the same samples, so most figures agree to rounding;
// the margins are what the book's displays need, not slack for a known disagreement.
/** SLI of a period, as a ratio. */
const SLI_TOLERANCE = 1e-4;
/** Remaining budget, as a ratio: 0.5 budget points. */
const REMAINING_TOLERANCE = 0.005;
/** Burn rate, absolute. */
const BURN_TOLERANCE = 0.01;

const available = prometheusAvailable();
if (!available) {
  console.warn('realPrometheus35d: prometheus/promtool not installed, skipped (CI installs the Debian package)');
}

const previous = (spec: PeriodSpec, p: PeriodInterval) => periodAt(spec, p.startMs - 1);

describe('the 35-day history plan', () => {
  // the suite runs at whatever wall-clock time CI has: the incidents must land where the checks expect on any date
  it('puts the fast incident in last week and the slow burn in the week before, in UTC and New York, closed before "end", on any date', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1) / MINUTE, max: Date.UTC(2028, 0, 1) / MINUTE }), (minute) => {
        const endMs = minute * MINUTE;
        const plan = historyPlan(endMs);
        const fast = plan.incidents.find((i) => i.name === 'fast incident')!;
        const slow = plan.incidents.find((i) => i.name === 'slow burn')!;
        const inside = (i: { startMs: number; endMs: number }, p: PeriodInterval) => i.startMs >= p.startMs && i.endMs <= p.endMs;
        for (const spec of [WEEK_UTC, WEEK_NEW_YORK]) {
          const [beforeLast, last] = plan.weeks.map((w) => periodAt(spec, w.startMs + 12 * HOUR));
          expect(inside(fast, last) && inside(slow, beforeLast) && last.endMs <= endMs).toBe(true);
          // the current burn and the quiet day never reach into the incidents
          expect(plan.incidents.slice(0, 2).every((q) => q.startMs >= fast.endMs && q.startMs >= slow.endMs)).toBe(true);
        }
        expect(plan.month.endMs <= endMs && plan.month.startMs >= endMs - plan.days * DAY).toBe(true);
      }),
      { numRuns: 500 }
    );
  });
});

describe('the 4w referee and the 4w shapes of the plan', () => {
  const FOUR_WEEKS: PeriodSpec = { kind: 'calendar', unit: '4w', timeZone: 'UTC' };
  it.each([
    // ISO 2026 starts on Monday 2025-12-29 (1 January 2026 is a Thursday) and has 53 weeks, so its last period has five
    ['New Year 2026 lies in the first period, which began in December', Date.UTC(2026, 0, 1, 12), Date.UTC(2025, 11, 29), Date.UTC(2026, 0, 26), '2026-W01..W04'],
    ['30 December 2026 lies in the five-week period W49..W53', Date.UTC(2026, 11, 30), Date.UTC(2026, 10, 30), Date.UTC(2027, 0, 4), '2026-W49..W53'],
    ['a 52-week year ends with four weeks: 2027-W49..W52', Date.UTC(2027, 11, 31, 23, 59), Date.UTC(2027, 11, 6), Date.UTC(2028, 0, 3), '2027-W49..W52'],
    ['the instant a period starts belongs to it', Date.UTC(2026, 1, 23), Date.UTC(2026, 1, 23), Date.UTC(2026, 2, 23), '2026-W09..W12'],
  ])('the referee: %s', (_, t, startMs, endMs, label) => {
    expect(fourWeekPeriodHolding(t)).toEqual({ startMs, endMs, label });
  });

  it('src/core\'s 4w periods are the referee\'s on any instant of this century', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / MINUTE, max: Date.UTC(2100, 0, 1) / MINUTE }), (minute) => {
        expect(periodAt(FOUR_WEEKS, minute * MINUTE)).toEqual(fourWeekPeriodHolding(minute * MINUTE));
      }),
      { numRuns: 2000 }
    );
  });

  it('places the 4w shapes inside their periods, before "end" and inside the backfill, on any date', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1) / MINUTE, max: Date.UTC(2033, 0, 1) / MINUTE }), (minute) => {
        const endMs = minute * MINUTE;
        const plan = historyPlan(endMs);
        const { closed, open, nowMs, incidents } = plan.fourWeeks;
        const current = fourWeekPeriodHolding(endMs);
        expect(closed.endMs).toBe(current.startMs);
        expect([current.startMs, closed.startMs]).toContain(open.startMs);
        expect(nowMs - open.startMs).toBe(OPEN_ELAPSED_MS);
        expect(nowMs).toBeLessThanOrEqual(endMs);
        // a full day of history before the closed period, so its first bucket is complete
        expect(endMs - plan.days * DAY).toBeLessThanOrEqual(closed.startMs - DAY);
        for (const service of FOUR_WEEK_SERVICES) {
          const [opening, ...rest] = incidents[service].filter((i) => i.name !== 'closed-period incident');
          const inClosed = incidents[service].find((i) => i.name === 'closed-period incident')!;
          expect(inClosed.startMs >= closed.startMs && inClosed.endMs <= closed.endMs).toBe(true);
          // the shapes the open period's "now" sees lie between its start and "now" (a sample at t counts the minute before t)
          for (const i of [opening, ...rest]) {
            expect(i.startMs >= open.startMs && i.endMs <= nowMs + MINUTE).toBe(true);
            expect(i.endMs <= inClosed.startMs || i.startMs >= inClosed.endMs).toBe(true);
          }
        }
        // the ISO week numbers are the referee's own: the open period begins on a week 1, 5, 9, ... 49
        expect((isoWeekOfMonday(open.startMs).week - 1) % 4).toBe(0);
      }),
      { numRuns: 500 }
    );
  });
});

(available ? describe : describe.skip)('35 days in a real Prometheus, through the handlers', () => {
  let prom: RunningPrometheus;
  let plan: HistoryPlan;
  let handlers: HandlersOnPrometheus;

  beforeAll(async () => {
    const started = Date.now();
    ({ prom, plan } = await startHistoryPrometheus());
    const { backfillMs, readyMs } = prom.timings;
    console.log(`realPrometheus35d: ${plan.days} days of 1-minute samples: promtool ${backfillMs} ms, Prometheus ready ${readyMs} ms later, ${Date.now() - started} ms in all`);
    handlers = handlersOn(prom, CATALOG);
  });
  afterAll(async () => {
    await handlers?.dispose();
    await prom?.stop();
  });

  const promql = (apiPath: string, params: Record<string, string>) => handlers.promql(apiPath, params);
  const instant = (expr: string, atMs: number) => handlers.instant(expr, atMs);
  const increase = (expr: string, windowMs: number, atMs: number) => instant(`sum(increase(${expr}[${windowMs / 1000}s]))`, atMs);

  /** The independent figures of one closed period, from PromQL at its end. */
  async function promPeriod(p: PeriodInterval, service = 'ledger35') {
    const length = p.endMs - p.startMs;
    const bad = await increase(badOf(service), length, p.endMs);
    const total = await increase(totalOf(service), length, p.endMs);
    const sli = 1 - bad / total;
    return { sli, remaining: 1 - bad / (B * total), state: sli >= OBJECTIVE ? 'Fulfilled' : 'Broken', total };
  }

  /** Premature exhaustion from PromQL: a 1-minute range query of the cumulative counters over the period. */
  async function promExhaustion(p: PeriodInterval): Promise<number | null> {
    const range = { start: String(p.startMs / 1000), end: String(p.endMs / 1000), step: '60' };
    const [bad] = await promql('query_range', { query: `sum(${BAD})`, ...range });
    const [total] = await promql('query_range', { query: `sum(${TOTAL})`, ...range });
    const v = (series: typeof bad, i: number) => Number(series.values![i][1]);
    const last = total.values!.length - 1;
    expect(total.values![0][0] * 1000).toBe(p.startMs);
    expect(total.values![last][0] * 1000).toBe(p.endMs);
    const budget = B * (v(total, last) - v(total, 0));
    const hit = bad.values!.findIndex((_, i) => v(bad, i) - v(bad, 0) >= budget);
    return hit < 0 || hit === last ? null : bad.values![hit][0] * 1000;
  }

  const query = (queryType: string, fromMs: number, toMs: number, json: Record<string, unknown> = {}) => handlers.query(queryType, fromMs, toMs, json);

  const weeksUtc = () => plan.weeks;
  /** The New York weeks holding the same incidents: those holding noon UTC of each UTC week's Monday. */
  const weeksNewYork = () => plan.weeks.map((w) => periodAt(WEEK_NEW_YORK, w.startMs + 12 * HOUR)) as [PeriodInterval, PeriodInterval];
  /** The two latest closed periods of a spec at "now". */
  const lastClosed = (spec: PeriodSpec): [PeriodInterval, PeriodInterval] => {
    const last = previous(spec, periodAt(spec, prom.endMs));
    return [previous(spec, last), last];
  };
  /** Tables over the two weeks up to a few hours past their end, so New York's last week has ended too. */
  const tableRange = () => ({ fromMs: plan.weeks[0].startMs, toMs: Math.min(prom.endMs, plan.weeks[1].endMs + 6 * HOUR) });

  it('places the incidents where the test expects them (the generator is the ground truth)', () => {
    const [beforeLast, last] = plan.weeks;
    expect(plan.days).toBeGreaterThanOrEqual(35);
    expect(plan.month.startMs).toBeGreaterThan(prom.endMs - plan.days * DAY);
    const fast = plan.incidents.find((i) => i.name === 'fast incident')!;
    expect(fast.startMs).toBeGreaterThanOrEqual(last.startMs);
    expect(fast.endMs).toBeLessThan(last.endMs);
    const slow = plan.incidents.find((i) => i.name === 'slow burn')!;
    expect(slow.startMs).toBeGreaterThanOrEqual(beforeLast.startMs);
    expect(slow.endMs).toBeLessThan(beforeLast.endMs);
    expect(periodAt(MONTH_UTC, plan.month.startMs)).toEqual(plan.month);
  });

  it.each([
    ['week-utc', () => weeksUtc()],
    ['week-new-york', () => weeksNewYork()],
  ])('adherence of %s agrees with PromQL: the slow-burn week is Fulfilled, the fast-incident week Broken (SLI within 1e-4)', async (name, weeks) => {
    const { fromMs, toMs } = tableRange();
    const table = rows((await query('adherence', fromMs, toMs, { slos: [`ledger35/${name}`], timeScale: 'period' }))[0]);
    const states: string[] = [];
    for (const p of weeks()) {
      const row = table.find((r) => r.periodStart === p.startMs && r.kind === 'slo');
      expect(row).toBeDefined();
      expect(row!.periodEnd).toBe(p.endMs);
      const expected = await promPeriod(p);
      expect(Math.abs(Number(row!.sliValue) - expected.sli)).toBeLessThan(SLI_TOLERANCE);
      expect(row!.state).toBe(expected.state);
      expect(Math.abs(Number(row!.total) - expected.total)).toBeLessThanOrEqual(1);
      states.push(String(row!.state));
    }
    expect(states).toEqual(['Fulfilled', 'Broken']);
  });

  it('adherence of the last closed UTC month agrees with PromQL at the month end (SLI within 1e-4)', async () => {
    const m = plan.month;
    const table = rows((await query('adherence', m.startMs, Math.min(prom.endMs, m.endMs + 6 * HOUR), { slos: ['ledger35/month-utc'], timeScale: 'period' }))[0]);
    const row = table.find((r) => r.periodStart === m.startMs)!;
    expect(row).toBeDefined();
    const expected = await promPeriod(m);
    expect(Math.abs(Number(row.sliValue) - expected.sli)).toBeLessThan(SLI_TOLERANCE);
    expect(row.state).toBe(expected.state);
  });

  it.each([
    ['week-utc', () => weeksUtc()],
    ['week-new-york', () => weeksNewYork()],
  ])('depletion and exhaustion of %s: last week exhausted prematurely at the PromQL instant (within one bucket), remaining at the period end within 0.5 points', async (name, weeks) => {
    const { fromMs, toMs } = tableRange();
    const step = chooseStep(toMs - fromMs, 1000);
    const depletion = rows((await query('depletion', fromMs, toMs, { slos: [`ledger35/${name}`], timeScale: 'period' }))[0]);
    const exhaustion = rows((await query('exhaustion', fromMs, toMs, { slos: [`ledger35/${name}`], onlyPremature: false }))[0]);
    const [beforeLast, last] = weeks();
    for (const p of [beforeLast, last]) {
      const d = depletion.find((r) => r.periodStart === p.startMs)!;
      const e = exhaustion.find((r) => r.periodStart === p.startMs)!;
      expect(d).toBeDefined();
      expect(e).toBeDefined();
      const expected = await promPeriod(p);
      expect(Math.abs(Number(d.endRemaining) - expected.remaining)).toBeLessThan(REMAINING_TOLERANCE);
      expect(Math.abs(Number(e.endRemaining) - expected.remaining)).toBeLessThan(REMAINING_TOLERANCE);
      const at = await promExhaustion(p);
      expect(d.exhausted).toBe(at !== null);
      if (at === null) {
        expect(e.exhaustedAt).toBeNull();
        expect(d.timeToExhaustionMs).toBeNull();
        continue;
      }
      // the backend sees the instant at the end of the bucket that crossed zero: never before, at most one bucket later
      const backendAt = Number(e.exhaustedAt);
      expect(backendAt).toBeGreaterThanOrEqual(at);
      expect(backendAt - at).toBeLessThanOrEqual(step);
      expect(Number(e.timeToExhaustionMs)).toBe(backendAt - p.startMs);
      expect(Math.abs(Number(d.timeToExhaustionMs) - (at - p.startMs))).toBeLessThanOrEqual(step);
      const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);
      console.log(
        `realPrometheus35d ${name}: week of ${iso(p.startMs)} exhausted at ${iso(at)} by PromQL, ${iso(backendAt)} by the backend (${step / MINUTE}-minute buckets); ` +
          `remaining at the end ${expected.remaining.toFixed(4)} by PromQL, ${Number(d.endRemaining).toFixed(4)} by the backend`
      );
    }
    // the fast incident exhausted last week, the slow burn did not exhaust the week before
    expect(depletion.find((r) => r.periodStart === beforeLast.startMs)!.exhausted).toBe(false);
    expect(depletion.find((r) => r.periodStart === last.startMs)!.exhausted).toBe(true);
  });

  it('budget frames carry the same period-end remaining and exhaustion marks, at the finer bucket of a one-week range', async () => {
    const [, last] = plan.weeks;
    const toMs = Math.min(prom.endMs, last.endMs + 6 * HOUR);
    const step = chooseStep(toMs - last.startMs, 1000);
    const frames = await query('budget', last.startMs, toMs, { slos: ['ledger35/week-utc'] });
    expect(frames).toHaveLength(1);
    const custom = frames[0].meta!.custom as BudgetFrameCustom;
    const k = custom.periods.findIndex((p) => p.startMs === last.startMs);
    expect(k).toBeGreaterThanOrEqual(0);
    const expected = await promPeriod(last);
    expect(Math.abs(Number(custom.periodEndRemaining[k]) - expected.remaining)).toBeLessThan(REMAINING_TOLERANCE);
    const at = (await promExhaustion(last))!;
    const mark = custom.exhaustions.find((x) => x.periodStartMs === last.startMs)!;
    expect(mark).toBeDefined();
    expect(mark.atMs).toBeGreaterThanOrEqual(at);
    expect(mark.atMs - at).toBeLessThanOrEqual(step);
    // the remaining series crosses zero at that mark and ends at the period-end figure
    const times = Array.from(frames[0].fields.find((f) => f.name === 'time')!.values as ArrayLike<number>);
    const remaining = Array.from(frames[0].fields.find((f) => f.name === 'remaining')!.values as ArrayLike<number>);
    const atEnd = times.indexOf(last.endMs);
    expect(atEnd).toBeGreaterThan(0);
    expect(Math.abs(remaining[atEnd] - expected.remaining)).toBeLessThan(REMAINING_TOLERANCE);
    const crossing = times.findIndex((t, i) => t >= last.startMs && remaining[i] <= 0);
    expect(times[crossing]).toBe(mark.atMs);
  });

  it.each(['1h', '6h', '24h'])('burnrate %s at now agrees with PromQL (within 0.01)', async (window) => {
    const frames = await query('burnrate', prom.endMs - 6 * HOUR, prom.endMs, { slos: ['ledger35/rolling-28d'], window });
    const values = Array.from(frames[0].fields.find((f) => f.name !== 'time')!.values as ArrayLike<number>);
    const windowMs = { '1h': HOUR, '6h': 6 * HOUR, '24h': DAY }[window]!;
    const expected = (await increase(BAD, windowMs, prom.endMs)) / (await increase(TOTAL, windowMs, prom.endMs)) / B;
    expect(Math.abs(values[values.length - 1] - expected)).toBeLessThan(BURN_TOLERANCE);
  });

  it('catalog row of the rolling 28d SLO: SLI, remaining, burn rates and forecast time to exhaustion agree with PromQL', async () => {
    const table = rows((await query('catalog', prom.endMs - DAY, prom.endMs, { slos: ['ledger35/rolling-28d'] }))[0]);
    expect(table).toHaveLength(1);
    const row = table[0];
    expect(row.error).toBe('');
    const bad = await increase(BAD, 28 * DAY, prom.endMs);
    const total = await increase(TOTAL, 28 * DAY, prom.endMs);
    expect(Math.abs(Number(row.sliValue) - (1 - bad / total))).toBeLessThan(SLI_TOLERANCE);
    const remaining = 1 - bad / (B * total);
    expect(Math.abs(Number(row.remaining) - remaining)).toBeLessThan(REMAINING_TOLERANCE);
    const burn: Record<string, number> = {};
    for (const [w, ms] of [['1h', HOUR], ['6h', 6 * HOUR], ['24h', DAY]] as const) {
      burn[w] = (await increase(BAD, ms, prom.endMs)) / (await increase(TOTAL, ms, prom.endMs)) / B;
      expect(Math.abs(Number(row[`burn${w}`]) - burn[w])).toBeLessThan(BURN_TOLERANCE);
    }
    // quiet day then 5 errors a minute for 2 h: burn 0.5 over 1 h, 600/360,000/1% over 6 h, 600/1,440,000/1% over 24 h
    expect(burn['1h']).toBeCloseTo(0.5, 3);
    expect(burn['6h']).toBeCloseTo(1 / 6, 3);
    expect(burn['24h']).toBeCloseTo(1 / 24, 3);
    // DESIGN.md "Forecast": remaining · period / burn(1h); relative agreement within 2%
    const forecast = (remaining * 28 * DAY) / burn['1h'];
    expect(Math.abs(Number(row.exhaustionForecastMs) / forecast - 1)).toBeLessThan(0.02);
  });

  const sloOf = (service: string) => `${service}/${FOUR_WEEK_SLO}`;
  const catalogRow = async (service: string, nowMs: number) => {
    // "now" for the projections is the range end (DESIGN.md; src/backend/handlers/query/plan.ts), here inside the backfill
    const table = rows((await query('catalog', nowMs - DAY, nowMs, { slos: [sloOf(service)] }))[0]);
    expect(table).toHaveLength(1);
    expect(table[0].error).toBe('');
    return table[0];
  };

  /**
   * The current 4w period's projections at `nowMs`, from PromQL alone (DESIGN.md "Depletion inside a calendar
   * period", "Forecast"): the period's events so far extrapolated to its length L (the previous period's total while
   * it is less than a day old) give the budget b · T; remaining = 1 − bad so far / (b · T); at burn(1h) the rest lasts
   * remaining · L / burn(1h), and remaining − burn(1h) · (time left) / L is what would be left at the period end.
   */
  async function promProjection(service: string, nowMs: number) {
    const period = fourWeekPeriodHolding(nowMs);
    const length = period.endMs - period.startMs;
    const elapsed = nowMs - period.startMs;
    const bad = elapsed > 0 ? await increase(badOf(service), elapsed, nowMs) : 0;
    const seen = elapsed > 0 ? await increase(totalOf(service), elapsed, nowMs) : 0;
    const total = elapsed < DAY ? (await promPeriod(fourWeekPeriodHolding(period.startMs - 1), service)).total : (seen * length) / elapsed;
    const remaining = 1 - bad / (B * total);
    const burn1h = (await increase(badOf(service), HOUR, nowMs)) / (await increase(totalOf(service), HOUR, nowMs)) / B;
    const untilEndMs = period.endMs - nowMs;
    const forecastMs = remaining <= 0 ? 0 : burn1h > 0 ? (remaining * length) / burn1h : null;
    return { period, length, budget: B * total, remaining, burn1h, forecastMs, untilEndMs, atPeriodEnd: remaining - (burn1h * untilEndMs) / length };
  }

  /** Book table 9.5 as the test reads it: with exhaustion projected, ≤ 20/40/60/80 % left → priority 1/2/3/4. */
  const table95 = (remaining: number) => [0.2, 0.4, 0.6, 0.8].findIndex((left) => remaining <= left) + 1 || 5;

  it('the 4w periods the backend reports are the ISO-week arithmetic: the last closed one and the current one, labels, length and days left', async () => {
    const { closed } = plan.fourWeeks;
    const current = fourWeekPeriodHolding(prom.endMs);
    const table = rows((await query('adherence', closed.startMs, prom.endMs, { slos: [sloOf('calm4w')], timeScale: 'period' }))[0]);
    const reported = table.filter((r) => r.kind === 'slo').map((r) => ({ startMs: r.periodStart, endMs: r.periodEnd, label: r.period, state: r.state }));
    const closedRow = { ...closed, state: (await promPeriod(closed, 'calm4w')).state };
    // the range [closed start, now) holds the current period unless "now" is its very first instant
    expect(reported).toEqual(current.startMs < prom.endMs ? [closedRow, { ...current, state: 'In progress' }] : [closedRow]);
    const row = await catalogRow('calm4w', prom.endMs);
    expect(row.periodLabel).toBe('4w calendar');
    expect(row.periodDays).toBe((current.endMs - current.startMs) / DAY);
    expect(row.daysLeft).toBe(Math.ceil((current.endMs - prom.endMs) / DAY));
  });

  it.each([...FOUR_WEEK_SERVICES])('remaining of %s at the end of the last closed 4w period is PromQL\'s over exactly that period (within 0.5 points): depletion, budget and adherence', async (service) => {
    const { closed } = plan.fourWeeks;
    const toMs = Math.min(prom.endMs, closed.endMs + 6 * HOUR);
    const expected = await promPeriod(closed, service);
    const depletion = rows((await query('depletion', closed.startMs, toMs, { slos: [sloOf(service)], timeScale: 'period' }))[0]);
    const d = depletion.find((r) => r.periodStart === closed.startMs)!;
    expect(d).toBeDefined();
    expect(d.periodEnd).toBe(closed.endMs);
    expect(Math.abs(Number(d.endRemaining) - expected.remaining)).toBeLessThan(REMAINING_TOLERANCE);
    const custom = (await query('budget', closed.startMs, toMs, { slos: [sloOf(service)] }))[0].meta!.custom as BudgetFrameCustom;
    const k = custom.periods.findIndex((p) => p.startMs === closed.startMs && p.endMs === closed.endMs);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(Math.abs(Number(custom.periodEndRemaining[k]) - expected.remaining)).toBeLessThan(REMAINING_TOLERANCE);
    const adherence = rows((await query('adherence', closed.startMs, toMs, { slos: [sloOf(service)], timeScale: 'period' }))[0]).find((r) => r.periodStart === closed.startMs)!;
    expect(Math.abs(Number(adherence.sliValue) - expected.sli)).toBeLessThan(SLI_TOLERANCE);
    expect(adherence.state).toBe(expected.state);
    console.log(`realPrometheus35d ${service}: 4w period ${closed.label} remaining at its end ${expected.remaining.toFixed(4)} by PromQL, ${Number(d.endRemaining).toFixed(4)} by the backend`);
  });

  it.each([
    ['burning4w', true],
    ['calm4w', false],
  ] as const)('open 4w period of %s seen 10 days in: projected budget, remaining and time to exhaustion at burn(1h) agree with PromQL; exhaustion before the period ends: %s', async (service, inside) => {
    const { open, nowMs } = plan.fourWeeks;
    const expected = await promProjection(service, nowMs);
    expect(expected.period).toEqual(open);
    // the shape does what it was built for: the forecast lands inside the period, or after it
    expect(expected.forecastMs! < expected.untilEndMs).toBe(inside);
    expect(expected.atPeriodEnd < 0).toBe(inside);
    const row = await catalogRow(service, nowMs);
    expect(row.periodDays).toBe(expected.length / DAY);
    expect(row.daysLeft).toBe(Math.ceil(expected.untilEndMs / DAY));
    expect(Math.abs(Number(row.remaining) - expected.remaining)).toBeLessThan(REMAINING_TOLERANCE);
    expect(Math.abs(Number(row.burn1h) - expected.burn1h)).toBeLessThan(BURN_TOLERANCE);
    expect(Math.abs(Number(row.exhaustionForecastMs) / expected.forecastMs! - 1)).toBeLessThan(0.02);
    // book 9.2.5 table 9.5 and the burn state follow from that projection
    expect(row.burnState).toBe(inside ? 'Critical' : 'Acceptable');
    const left = `${Math.round(expected.remaining * 100)}% of the error budget left`;
    expect(row.priorityReason).toBe(inside ? `${left} and premature exhaustion projected (book table 9.5)` : `${left}, no premature exhaustion projected`);
    expect(row.priority).toBe(inside ? table95(expected.remaining) : 5);
    // the open period's row of the depletion table: remaining now against the same projected budget, not exhausted yet
    const d = rows((await query('depletion', open.startMs, nowMs, { slos: [sloOf(service)], timeScale: 'period' }))[0]).find((r) => r.periodStart === open.startMs)!;
    expect(Math.abs(Number(d.endRemaining) - expected.remaining)).toBeLessThan(REMAINING_TOLERANCE);
    expect(d.exhausted).toBe(false);
    const days = (ms: number) => (ms / DAY).toFixed(2);
    console.log(
      `realPrometheus35d ${service}: ${open.label} at day 10: budget ${Math.round(expected.budget)} events (projected to the period end), remaining ${expected.remaining.toFixed(4)} by PromQL, ` +
        `${Number(row.remaining).toFixed(4)} by the backend; burn(1h) ${expected.burn1h.toFixed(2)}; exhaustion in ${days(expected.forecastMs!)} d by PromQL, ${days(Number(row.exhaustionForecastMs))} d by the backend, ` +
        `${days(expected.untilEndMs)} d left in the period; at this burn ${expected.atPeriodEnd.toFixed(3)} left at its end`
    );
  });

  it.each([...FOUR_WEEK_SERVICES])('at the suite\'s own "now", whatever the date, the current 4w period of %s projects as PromQL does (the previous period\'s total while it is young)', async (service) => {
    const expected = await promProjection(service, prom.endMs);
    const row = await catalogRow(service, prom.endMs);
    expect(Math.abs(Number(row.remaining) - expected.remaining)).toBeLessThan(REMAINING_TOLERANCE);
    expect(Math.abs(Number(row.burn1h) - expected.burn1h)).toBeLessThan(BURN_TOLERANCE);
    expect(Math.abs(Number(row.exhaustionForecastMs) / expected.forecastMs! - 1)).toBeLessThan(0.02);
  });

  it('catalog rows of the calendar SLOs show the recent adherence PromQL gives for their closed periods', async () => {
    const table = rows((await query('catalog', prom.endMs - DAY, prom.endMs, { slos: ['ledger35/week-utc', 'ledger35/week-new-york'] }))[0]);
    expect(table.map((r) => r.slo).sort()).toEqual(['ledger35/week-new-york', 'ledger35/week-utc']);
    for (const row of table) {
      const weeks = lastClosed(row.slo === 'ledger35/week-utc' ? WEEK_UTC : WEEK_NEW_YORK);
      const states = await Promise.all(weeks.map(async (p) => (await promPeriod(p)).state));
      const recent = String(row.recentAdherence).split(',');
      // the last entry is the open week; the two before it are the closed weeks checked here
      expect(recent.slice(-3, -1)).toEqual(states);
      expect(recent[recent.length - 1]).toBe('In progress');
    }
  });
});
