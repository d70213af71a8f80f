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
 * - forecast time to exhaustion (rolling 28d): remaining · 28d / burn(1h) from the PromQL figures.
 * Skipped with a printed reason when Prometheus is not installed.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { periodAt } from '../../src/core/calendar';
import { BudgetFrameCustom } from '../../src/core/frameContract';
import { PeriodInterval, PeriodSpec } from '../../src/core/model';
import { Instance } from '../../src/backend/handlers/instance';
import { runQuery } from '../../src/backend/handlers/queries';
import { chooseStep } from '../../src/backend/handlers/engine';
import { Frame } from '../../src/backend/protocol/frame';
import { MINUTE, prometheusAvailable, RunningPrometheus, startPrometheus } from './prometheus/fixture';
import { historyOpenMetrics, historyPlan, HistoryPlan, MONTH_UTC, WEEK_UTC } from './prometheus/history35d';

jest.setTimeout(120_000);
const HOUR = 3_600_000;
const DAY = 86_400_000;
const OBJECTIVE = 0.99;
const B = 1 - OBJECTIVE;
const WEEK_NEW_YORK: PeriodSpec = { kind: 'calendar', unit: 'week', timeZone: 'America/New_York' };
const BAD = 'ledger_requests_total{service="ledger35",code="500"}';
const TOTAL = 'ledger_requests_total{service="ledger35"}';

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

const sloYaml = (name: string, period: string) => `      - name: ${name}
        sli: availability
        objective: 99
        period: ${period}
        bad: sum(increase(${BAD}[$__window]))
        total: sum(increase(${TOTAL}[$__window]))`;

const CATALOG = [
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
  '',
].join('\n');

type Row = Record<string, unknown>;

function rows(frame: Frame): Row[] {
  const n = frame.fields[0]?.values.length ?? 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(frame.fields.map((f) => [f.name, (f.values as ArrayLike<unknown>)[i]])));
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

(available ? describe : describe.skip)('35 days in a real Prometheus, through the handlers', () => {
  let prom: RunningPrometheus;
  let plan: HistoryPlan;
  let instance: Instance;
  let ledgerDir: string;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    const started = Date.now();
    // the plan depends on "end"; the fixture picks it, so size the history from a guess one minute early
    const guess = historyPlan(Math.floor(Date.now() / MINUTE) * MINUTE - 2 * MINUTE);
    prom = await startPrometheus(guess.days + 1, (endMs, days) => {
      plan = { ...historyPlan(endMs), days };
      return historyOpenMetrics(plan);
    }, { maxBlockDuration: `${(guess.days + 1) * 24}h` });
    const { backfillMs, readyMs } = prom.timings;
    console.log(`realPrometheus35d: ${plan.days} days of 1-minute samples: promtool ${backfillMs} ms, Prometheus ready ${readyMs} ms later, ${Date.now() - started} ms in all`);
    ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-35d-'));
    instance = new Instance(
      { jsonData: { demo: false, catalogYaml: CATALOG, ledgerPath: path.join(ledgerDir, 'ledger.db'), connections: [{ name: 'prom', type: 'prometheus', url: prom.url }] }, decryptedSecureJsonData: {} },
      { closePeriodsAfterRefresh: false, backfillDelayMs: null }
    );
    expect(instance.settingsIssues).toEqual([]);
    expect(instance.catalog().errors).toEqual([]);
  });
  afterAll(async () => {
    await instance?.dispose();
    await prom?.stop();
    if (ledgerDir) {fs.rmSync(ledgerDir, { recursive: true, force: true });}
  });

  async function promql(path_: string, params: Record<string, string>): Promise<Array<{ value?: [number, string]; values?: Array<[number, string]> }>> {
    const res = await fetch(`${prom.url}/api/v1/${path_}?${new URLSearchParams(params)}`);
    const body = (await res.json()) as { status: string; error?: string; data: { result: Array<{ value?: [number, string]; values?: Array<[number, string]> }> } };
    if (body.status !== 'success') {
      throw new Error(`PromQL failed: ${body.error}`);
    }
    return body.data.result;
  }
  const instant = async (expr: string, atMs: number) => Number((await promql('query', { query: expr, time: String(atMs / 1000) }))[0].value![1]);
  const increase = (expr: string, windowMs: number, atMs: number) => instant(`sum(increase(${expr}[${windowMs / 1000}s]))`, atMs);

  /** The independent figures of one closed period, from PromQL at its end. */
  async function promPeriod(p: PeriodInterval) {
    const length = p.endMs - p.startMs;
    const bad = await increase(BAD, length, p.endMs);
    const total = await increase(TOTAL, length, p.endMs);
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

  async function query(queryType: string, fromMs: number, toMs: number, json: Record<string, unknown> = {}): Promise<Frame[]> {
    const res = await runQuery(instance, { refId: 'A', queryType, maxDataPoints: 1000, intervalMs: MINUTE, timeRange: { fromMs, toMs }, json: { queryType, ...json } }, signal, prom.endMs);
    expect(res.error).toBeUndefined();
    for (const f of res.frames) {
      expect((f.meta?.notices ?? []).filter((n) => n.severity === 'error')).toEqual([]);
    }
    return res.frames;
  }

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
