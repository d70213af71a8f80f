/**
 * The query types the 35-day suite does not cover — `sli`, `episodes`,
 * `endpoints` (least available and slowest), `adhoc` and `policy` — through
 * the real handlers (runQuery on an Instance whose connection points at a
 * real Prometheus, Debian's package, backfilled with promtool), each figure
 * checked against independent PromQL over the same instants.
 *
 * The data: 16 days of 1-minute counters for two checkout endpoints, 2,000
 * requests a minute each. POST /orders fails 1 a minute (burn 0.5 at 99.9%)
 * and 50 a minute during a 2-hour incident on Wednesday 10:00–12:00 UTC of
 * last calendar week (burn 25); 5% of its requests are slower than 300 ms.
 * GET /cart never fails. Everything is placed relative to the last closed
 * week, so the suite means the same whatever the wall clock is when CI runs.
 * Skipped with a printed reason when Prometheus is not installed.
 */
import { periodAt } from '../../src/core/periods/calendar';
import { PeriodInterval } from '../../src/core/model/model';
import { Frame } from '../../src/backend/protocol/frame';
import { handlersOn, HandlersOnPrometheus, rows } from './prometheus/handlers';
import { MINUTE, prometheusAvailable, RunningPrometheus, startPrometheus } from './prometheus/fixture';

jest.setTimeout(120_000);
const HOUR = 3_600_000;
const DAY = 86_400_000;
const DAYS = 16;
const PER_MINUTE = 2000;
const B = 0.001; // objective 99.9%
const WEEK = { kind: 'calendar' as const, unit: 'week' as const, timeZone: 'UTC' };

const ORDERS_BAD = 'http_requests_total{service="checkout",route="/orders",code="500"}';
const ORDERS_TOTAL = 'http_requests_total{service="checkout",route="/orders"}';
const ORDERS_FAST = 'http_fast_requests_total{service="checkout",route="/orders"}';

const available = prometheusAvailable();
if (!available) {
  console.warn('realPrometheusQueryTypes: prometheus/promtool not installed, skipped (CI installs the Debian package)');
}

/** The last calendar week (UTC) that has ended by `endMs`, and its Wednesday incident. */
function layout(endMs: number) {
  const current = periodAt(WEEK, endMs);
  const week = periodAt(WEEK, current.startMs - 1);
  const incident = { startMs: week.startMs + 2 * DAY + 10 * HOUR, endMs: week.startMs + 2 * DAY + 12 * HOUR };
  return { week, incident };
}

function openMetrics(endMs: number, days: number): string {
  const { incident } = layout(endMs);
  const series: Record<string, string[]> = { ok: [], bad: [], cart: [], fast: [] };
  let ok = 0;
  let bad = 0;
  let cart = 0;
  let fast = 0;
  for (let t = endMs - days * DAY; t <= endMs; t += MINUTE) {
    const b = t >= incident.startMs && t < incident.endMs ? 50 : 1;
    ok += PER_MINUTE - b;
    bad += b;
    cart += PER_MINUTE;
    fast += PER_MINUTE * 0.95;
    const s = t / 1000;
    series.ok.push(`http_requests_total{service="checkout",route="/orders",code="200"} ${ok} ${s}`);
    series.bad.push(`http_requests_total{service="checkout",route="/orders",code="500"} ${bad} ${s}`);
    series.cart.push(`http_requests_total{service="checkout",route="/cart",code="200"} ${cart} ${s}`);
    series.fast.push(`http_fast_requests_total{service="checkout",route="/orders"} ${fast} ${s}`);
  }
  return ['# TYPE http_requests counter', ...series.ok, ...series.bad, ...series.cart, '# TYPE http_fast_requests counter', ...series.fast, '# EOF', ''].join('\n');
}

const CATALOG = `apiVersion: sloledger/v1
teams:
  - name: payments
services:
  - name: checkout
    team: payments
    slos:
      - name: orders
        sli: availability
        endpoint: POST /orders
        objective: 99.9
        period: { calendar: week }
        bad: sum(increase(${ORDERS_BAD}[$__window]))
        total: sum(increase(${ORDERS_TOTAL}[$__window]))
      - name: cart
        sli: availability
        endpoint: GET /cart
        objective: 99.9
        period: { calendar: week }
        bad: sum(increase(http_requests_total{service="checkout",route="/cart",code=~"5.."}[$__window]))
        total: sum(increase(http_requests_total{service="checkout",route="/cart"}[$__window]))
      - name: orders-latency
        sli: latency
        endpoint: POST /orders
        objective: 90
        thresholdMs: 300
        period: { calendar: week }
        good: sum(increase(${ORDERS_FAST}[$__window]))
        total: sum(increase(${ORDERS_TOTAL}[$__window]))
policies:
  - name: payments-policy
    scope: { teams: [payments] }
    purpose: Reliability work before features when checkout spends its budget.
    conditions:
      - { id: B, kind: budget-spent, pct: 70, description: 70% of the period's budget spent }
      - { id: E, kind: burn-within, pct: 30, within: 24h, description: 30% of the period's budget spent within 24 hours }
    consequences:
      - { id: D, when: [B], description: Action item at the top of the backlog }
      - { id: I, when: [E], blocksReleases: true, environments: [prod], description: Stop feature releases to production }
    escalation: The payments engineering manager decides.
    agreedBy: [payments developers, payments product owner]
    nextReview: 2099-01-01
`;

const column = (frame: Frame, name: string) => Array.from(frame.fields.find((f) => f.name === name)!.values as ArrayLike<number | null>);

(available ? describe : describe.skip)('every other query type on a real Prometheus, through the handlers', () => {
  let prom: RunningPrometheus;
  let handlers: HandlersOnPrometheus;
  let week: PeriodInterval;
  let incident: { startMs: number; endMs: number };

  beforeAll(async () => {
    prom = await startPrometheus(DAYS, openMetrics, { maxBlockDuration: `${(DAYS + 1) * 24}h` });
    ({ week, incident } = layout(prom.endMs));
    handlers = handlersOn(prom, CATALOG);
  });
  afterAll(async () => {
    await handlers?.dispose();
    await prom?.stop();
  });

  const instant = (expr: string, atMs: number) => handlers.instant(expr, atMs);
  /** increase() over exactly [fromMs, toMs]: with samples on both minute boundaries this is the exact count. */
  const increase = (expr: string, fromMs: number, toMs: number) => instant(`sum(increase(${expr}[${(toMs - fromMs) / 1000}s]))`, toMs);

  const query = (queryType: string, fromMs: number, toMs: number, json: Record<string, unknown> = {}) => handlers.query(queryType, fromMs, toMs, json);

  it('sli: at the week end the trailing-period SLI is the week’s 1 − bad/total, as PromQL counts it', async () => {
    const [frame] = await query('sli', week.startMs, week.endMs, { slos: ['checkout/orders'] });
    const times = column(frame, 'time') as number[];
    const last = times.lastIndexOf(week.endMs);
    expect(last).toBeGreaterThan(0);
    const bad = await increase(ORDERS_BAD, week.startMs, week.endMs);
    const total = await increase(ORDERS_TOTAL, week.startMs, week.endMs);
    expect(total).toBeCloseTo(PER_MINUTE * 7 * 24 * 60, -1);
    expect(column(frame, 'sli')[last]).toBeCloseTo(1 - bad / total, 6);
  });

  it('episodes: the incident is one depletion episode, its depleted % and speed those of PromQL’s counts', async () => {
    const [frame] = await query('episodes', week.startMs, week.endMs, { slos: ['checkout/orders'], annotationKinds: ['episodes'] });
    const episodes = rows(frame).filter((r) => String(r.tags).startsWith('episode'));
    expect(episodes).toHaveLength(1);
    const e = episodes[0] as { time: number; timeEnd: number; text: string };
    // bucket-aligned: the episode covers the incident and at most the bucket before it, whose last
    // sample (at 10:00) already counts the incident's first minute
    const budgetTimes = column((await query('budget', week.startMs, week.endMs, { slos: ['checkout/orders'] }))[0], 'time') as number[];
    const step = budgetTimes[1] - budgetTimes[0];
    expect(e.time).toBeLessThanOrEqual(incident.startMs);
    expect(e.time).toBeGreaterThanOrEqual(incident.startMs - step);
    expect(e.timeEnd).toBeGreaterThanOrEqual(incident.endMs);
    expect(e.timeEnd).toBeLessThanOrEqual(incident.endMs + step);
    const budget = B * (await increase(ORDERS_TOTAL, week.startMs, week.endMs));
    const depletedPct = (100 * (await increase(ORDERS_BAD, e.time, e.timeEnd))) / budget;
    const hours = (e.timeEnd - e.time) / HOUR;
    const [, pct, h, speed] = /^([\d.]+)% of the .+ budget in ([\d.]+) h \(([\d.]+) % per hour\)$/.exec(e.text)!.map(Number);
    expect(pct).toBeCloseTo(depletedPct, 1);
    expect(h).toBeCloseTo(hours, 1);
    expect(speed).toBeCloseTo(depletedPct / hours, 1);
    // the book's reading: ≈ 6,000 bad of a 20,160-request weekly budget is ≈ 30% in 2 hours
    expect(depletedPct).toBeGreaterThan(29);
    expect(depletedPct).toBeLessThan(31);
  });

  it('endpoints: least available first, with the SLI, bad and total PromQL counts over the range', async () => {
    const [frame] = await query('endpoints', week.startMs, week.endMs, { slos: ['checkout/orders', 'checkout/cart'] });
    const table = rows(frame);
    expect(table.map((r) => r.slo)).toEqual(['checkout/orders', 'checkout/cart']);
    const bad = await increase(ORDERS_BAD, week.startMs, week.endMs);
    const total = await increase(ORDERS_TOTAL, week.startMs, week.endMs);
    expect(table[0].bad as number).toBeCloseTo(bad, 0);
    expect(table[0].total as number).toBeCloseTo(total, 0);
    expect(table[0].sliValue as number).toBeCloseTo(1 - bad / total, 6);
    expect(table[1].sliValue).toBe(1);
  });

  it('endpoints, slowest: only latency SLOs, the share within the threshold as PromQL counts it', async () => {
    const [frame] = await query('endpoints', week.startMs, week.endMs, { endpointsMode: 'slowest' });
    const table = rows(frame);
    expect(table.map((r) => r.slo)).toEqual(['checkout/orders-latency']);
    expect(table[0].thresholdMs).toBe(300);
    const fast = await increase(ORDERS_FAST, week.startMs, week.endMs);
    const total = await increase(ORDERS_TOTAL, week.startMs, week.endMs);
    expect(table[0].sliValue as number).toBeCloseTo(fast / total, 6);
    expect(table[0].sliValue as number).toBeCloseTo(0.95, 6);
  });

  it('adhoc: typed expressions give the catalog SLO’s numbers — remaining at the week end and the burn rate inside the incident', async () => {
    const adhoc = { source: 'prometheus', bad: `sum(increase(${ORDERS_BAD}[$__window]))`, total: `sum(increase(${ORDERS_TOTAL}[$__window]))`, objective: 99.9, period: 'week' };
    const frames = await query('adhoc', week.startMs, week.endMs, { adhoc });
    expect(frames.map((f) => f.fields[1].name)).toEqual(['sli', 'remaining', 'burnrate', 'burnrate', 'burnrate']);
    const [catalogBudget] = await query('budget', week.startMs, week.endMs, { slos: ['checkout/orders'] });
    // the same buckets through another code path: equal up to the order of floating-point sums
    const catalogRemaining = column(catalogBudget, 'remaining') as number[];
    expect(column(frames[1], 'time')).toEqual(column(catalogBudget, 'time'));
    expect(Math.max(...(column(frames[1], 'remaining') as number[]).map((r, k) => Math.abs(r - catalogRemaining[k])))).toBeLessThan(1e-9);

    const times = column(frames[1], 'time') as number[];
    const end = times.lastIndexOf(week.endMs);
    const bad = await increase(ORDERS_BAD, week.startMs, week.endMs);
    const total = await increase(ORDERS_TOTAL, week.startMs, week.endMs);
    expect(column(frames[1], 'remaining')[end]).toBeCloseTo(1 - bad / (B * total), 3);

    const oneHour = frames.find((f) => f.fields[1].labels?.window === '1h')!;
    const at = incident.startMs + 90 * MINUTE;
    const i = (column(oneHour, 'time') as number[]).indexOf(at);
    const promBurn = (await increase(ORDERS_BAD, at - HOUR, at)) / (await increase(ORDERS_TOTAL, at - HOUR, at)) / B;
    expect(promBurn).toBeCloseTo(25, 1);
    expect(column(oneHour, 'burnrate')[i]).toBeCloseTo(promBurn, 3);
  });

  it('policy: an hour after the incident the fast-burn condition is met and blocks production releases, the 70% condition is not', async () => {
    const now = incident.endMs + HOUR;
    const table = rows((await query('policy', now - DAY, now))[0]);
    const row = (kind: string, id: string) => table.find((r) => r.row === kind && r.id === id)!;
    // the referee: within 24 h, and so far in the period, over the budget of the period's events extrapolated to its length
    const elapsed = now - week.startMs;
    const budget = B * (await increase(ORDERS_TOTAL, week.startMs, now)) * ((week.endMs - week.startMs) / elapsed);
    const spentWithin24h = (await increase(ORDERS_BAD, now - DAY, now)) / budget;
    const spentSoFar = (await increase(ORDERS_BAD, week.startMs, now)) / budget;
    expect(spentWithin24h).toBeGreaterThan(0.3);
    expect(spentSoFar).toBeLessThan(0.7);

    expect(row('condition', 'E')).toMatchObject({ active: true, state: 'met' });
    expect(String(row('condition', 'E').slos)).toContain('checkout/orders');
    const [, stated] = /checkout\/orders: ([\d.]+)% of the .+ budget spent within the last 24 h/.exec(String(row('condition', 'E').because))!;
    expect(Number(stated)).toBeCloseTo(100 * spentWithin24h, 1);
    expect(row('condition', 'B')).toMatchObject({ active: false, state: 'not met' });
    expect(row('consequence', 'I')).toMatchObject({ active: true, state: 'in force', blocksReleases: true, environment: 'prod' });
    expect(row('consequence', 'D')).toMatchObject({ active: false });
    // checkout declares no deployments, so its one gate covers every environment
    expect(row('gate', 'checkout@*')).toMatchObject({ active: true, state: 'deny' });
    expect(String(row('gate', 'checkout@*').because)).toContain('Stop feature releases to production');
    expect(row('review', 'next-review')).toMatchObject({ active: false, state: 'due' });
  });
});
