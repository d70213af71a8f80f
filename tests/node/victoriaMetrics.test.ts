/**
 * VictoriaMetrics as a second real Prometheus-compatible engine. One suite starts both
 * engines on the same samples — the 35-day history of ./prometheus/history35d, backfilled
 * into Prometheus by promtool, and the same OpenMetrics text imported into VictoriaMetrics
 * (./victoria/harness) — and runs the real backend handlers against each.
 * Skipped with a printed reason when victoria-metrics or prometheus/promtool is missing.
 */
import { HttpCountSource } from '../../src/backend/sources/prometheus';
import { parseDatasourceSettings } from '../../src/core/contracts/settings';
import { withWindow } from '../../src/backend/handlers/compute/engine';
import { handlersOn, HandlersOnPrometheus, Row, rows } from './prometheus/handlers';
import { MINUTE, prometheusAvailable, RunningPrometheus } from './prometheus/fixture';
import { badInMinute, badOf, FOUR_WEEK_SLO, HISTORY_CATALOG, HistoryPlan, REQUESTS_PER_MINUTE, startHistoryPrometheus, totalOf } from './prometheus/history35d';
import { FOUR_WEEK_SERVICES } from './prometheus/history4w';
import { RunningVictoria, startVictoria, victoriaAvailable } from './victoria/harness';

jest.setTimeout(120_000);
const HOUR = 3_600_000;
const DAY = 86_400_000;

const missing = [...(victoriaAvailable() ? [] : ['victoria-metrics']), ...(prometheusAvailable() ? [] : ['prometheus/promtool'])];
if (missing.length > 0) {
  console.warn(`victoriaMetrics: ${missing.join(' and ')} not installed, skipped (CI installs the Debian packages)`);
}

/**
 * Days of background before the 35-day plan. A window holding a series' first sample is counted differently by the
 * two engines (checked on its own below); the trailing window of a five-week 4w period behind a 35-day range reaches
 * 70 days back, so with 72 days no bucket of the budget, SLI, burn-rate, adherence, depletion, exhaustion and episode
 * queries holds it. The catalog's three earlier periods (recent adherence) reach further; only their Fulfilled/Broken
 * words depend on that bucket, and with background errors at a tenth of the budget no single event can flip them.
 */
const EXTRA_DAYS = 36;

const SLOS = ['ledger35/week-utc', 'ledger35/week-new-york', 'ledger35/month-utc', 'ledger35/rolling-28d', ...FOUR_WEEK_SERVICES.map((s) => `${s}/${FOUR_WEEK_SLO}`)];

type Plain = null | boolean | number | string | Plain[] | { [k: string]: Plain };
/** Frames as plain data (typed arrays as lists), so two answers compare field by field. */
function plain(value: unknown): Plain {
  if (ArrayBuffer.isView(value)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]));
  }
  return value as Plain;
}

/** Where two answers differ: paths with both values; numbers within `tolerance` (absolute) count as equal. */
function differences(a: Plain, b: Plain, tolerance: number, at = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= tolerance || (Number.isNaN(a) && Number.isNaN(b)) ? [] : [`${at}: ${a} vs ${b}`];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const out = a.length === b.length ? [] : [`${at}.length: ${a.length} vs ${b.length}`];
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      out.push(...differences(a[i], b[i], tolerance, `${at}[${i}]`));
    }
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences(a[k] ?? null, b[k] ?? null, tolerance, `${at}.${k}`));
  }
  return a === b ? [] : [`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

/** Bad and total events the generator put in the minutes (fromMs, toMs]: the ground truth of a bucket. */
function generated(plan: HistoryPlan, fromMs: number, toMs: number): { bad: number; total: number } {
  let bad = 0;
  let total = 0;
  for (let t = fromMs + MINUTE; t <= toMs; t += MINUTE) {
    bad += badInMinute(plan, t);
    total += REQUESTS_PER_MINUTE;
  }
  return { bad, total };
}

/**
 * PromQL's increase() over a window whose samples stop `gapMs` before its end (Prometheus
 * 2.x extrapolatedRate): the sampled increase is stretched to the window end when the gap
 * is within 1.1 sample intervals, else by half an interval. Samples here are one a minute
 * and the window starts on one, so nothing is added on the left.
 */
function promExtrapolated(sampled: number, sampledMs: number, gapMs: number): number {
  const extension = gapMs <= 1.1 * MINUTE ? gapMs : MINUTE / 2;
  return (sampled * (sampledMs + extension)) / sampledMs;
}

(missing.length === 0 ? describe : describe.skip)('VictoriaMetrics and Prometheus on the same samples, through the handlers', () => {
  let prom: RunningPrometheus;
  let vm: RunningVictoria;
  let plan: HistoryPlan;
  /** "now" on the last whole hour of the data: every bucket of width ≤ 1 h up to it is complete. */
  let hourNow: number;
  const handlers: Record<string, HandlersOnPrometheus> = {};
  const signal = new AbortController().signal;
  let sources: { prom: HttpCountSource; vm: HttpCountSource };

  beforeAll(async () => {
    const started = Date.now();
    const history = await startHistoryPrometheus(EXTRA_DAYS);
    ({ prom, plan } = history);
    const promMs = Date.now() - started;
    vm = await startVictoria(history.openMetrics, prom.endMs);
    console.log(
      `victoriaMetrics: ${plan.days} days of 1-minute samples, 6 series; Prometheus (promtool + ready) ${promMs} ms, ` +
        `VictoriaMetrics import ${vm.timings.importMs} ms, all series visible ${vm.timings.visibleMs} ms later`
    );
    hourNow = Math.floor(prom.endMs / HOUR) * HOUR;
    // one Instance per engine and "now" (handlersOn answers as of its endMs)
    for (const [name, now] of [['hour', hourNow], ['open4w', plan.fourWeeks.nowMs], ['end', prom.endMs]] as const) {
      handlers[`prom-${name}`] = handlersOn({ url: prom.url, endMs: now }, HISTORY_CATALOG);
      handlers[`vm-${name}`] = handlersOn({ url: vm.url, endMs: now }, HISTORY_CATALOG);
    }
    const { settings } = parseDatasourceSettings({ connections: [{ name: 'prom', type: 'prometheus', url: prom.url }, { name: 'vm', type: 'prometheus', url: vm.url }] });
    sources = { prom: new HttpCountSource(settings.connections[0], {}), vm: new HttpCountSource(settings.connections[1], {}) };
  });
  afterAll(async () => {
    await Promise.all(Object.values(handlers).map((h) => h.dispose()));
    await prom?.stop();
    await vm?.stop();
  });

  const counts = (engine: 'prom' | 'vm', expr: string, startMs: number, endMs: number, stepMs: number) =>
    sources[engine].rangeCounts(withWindow(`sum(increase(${expr}[$__window]))`, stepMs), startMs, endMs, stepMs, signal);

  it('holds the same samples: the counters at the data’s end and increase() over every closed period are Prometheus’s, exactly', async () => {
    const periods = [...plan.weeks, plan.month, plan.fourWeeks.closed];
    for (const service of ['ledger35', ...FOUR_WEEK_SERVICES]) {
      for (const expr of [badOf(service), totalOf(service)]) {
        const at = (h: HandlersOnPrometheus) => h.instant(`sum(${expr})`, prom.endMs);
        expect(await at(handlers['vm-end'])).toBe(await at(handlers['prom-end']));
        for (const p of periods) {
          const increase = (h: HandlersOnPrometheus) => h.instant(`sum(increase(${expr}[${(p.endMs - p.startMs) / 1000}s]))`, p.endMs);
          // MetricsQL's increase() takes the last sample before the window as its base and does not extrapolate;
          // PromQL's closed range [start, end] holds a sample on each boundary, so its extrapolation adds nothing
          expect(await increase(handlers['vm-end'])).toBe(await increase(handlers['prom-end']));
        }
      }
    }
    const week = plan.weeks[1];
    expect(await handlers['vm-end'].instant(`sum(increase(${totalOf('ledger35')}[7d]))`, week.endMs)).toBe(generated(plan, week.startMs, week.endMs).total);
  });

  it.each([MINUTE, 5 * MINUTE, HOUR])('fetches the same bucket counts over the whole history at a %d ms step when the last bucket is complete', async (step) => {
    const end = Math.floor(prom.endMs / step) * step;
    const start = Math.floor((prom.endMs - (plan.days - 1) * DAY) / step) * step;
    for (const expr of [badOf('ledger35'), totalOf('ledger35')]) {
      const [p, v] = [await counts('prom', expr, start, end, step), await counts('vm', expr, start, end, step)];
      expect(v.length).toBe((end - start) / step);
      // 50,000 one-minute buckets come in pieces of 10,000 (MAX_POINTS_PER_REQUEST): each piece lines up on both engines
      expect(Array.from(v)).toEqual(Array.from(p));
      expect(v.every((x) => Number.isFinite(x))).toBe(true);
    }
  });

  const ranges = (): Array<[string, number, number, string]> => [
    ['the two closed weeks and 6 h more', plan.weeks[0].startMs, plan.weeks[1].endMs + 6 * HOUR, 'hour'],
    ['last week', plan.weeks[1].startMs, plan.weeks[1].endMs, 'hour'],
    ['35 days to now', hourNow - 35 * DAY, hourNow, 'hour'],
    ['the last day', hourNow - DAY, hourNow, 'hour'],
    ['the last 6 hours', hourNow - 6 * HOUR, hourNow, 'hour'],
    ['the last closed 4w period and 6 h more', plan.fourWeeks.closed.startMs, plan.fourWeeks.closed.endMs + 6 * HOUR, 'hour'],
    ['the open 4w period 10 days in', plan.fourWeeks.open.startMs, plan.fourWeeks.nowMs, 'open4w'],
  ];
  const QUERIES: Array<[string, Record<string, unknown>]> = [
    ['budget', {}],
    ['adherence', { timeScale: 'period' }],
    ['depletion', { timeScale: 'period' }],
    ['exhaustion', { onlyPremature: false }],
    ['episodes', { annotationKinds: ['episodes', 'exhaustion'] }],
    ['catalog', {}],
    ['burnrate', { window: '1h' }],
    ['sli', {}],
  ];

  it('answers every query type over complete ranges exactly as on Prometheus: budgets, adherence, depletion, exhaustion, episodes, burn rates, catalog rows', async () => {
    let compared = 0;
    for (const [rangeName, from, to, now] of ranges()) {
      const toMs = Math.min(to, hourNow);
      for (const [queryType, json] of QUERIES) {
        for (const slo of SLOS) {
          const onProm = plain(await handlers[`prom-${now}`].query(queryType, from, toMs, { slos: [slo], ...json }));
          const onVm = plain(await handlers[`vm-${now}`].query(queryType, from, toMs, { slos: [slo], ...json }));
          expect({ rangeName, queryType, slo, differences: differences(onProm, onVm, 0) }).toEqual({ rangeName, queryType, slo, differences: [] });
          compared++;
        }
      }
    }
    expect(compared).toBe(ranges().length * QUERIES.length * SLOS.length);

    // not a comparison of empty answers: the figures the 35-day suite checks against PromQL are there
    for (const slo of SLOS) {
      const [from, to] = [hourNow - 35 * DAY, hourNow];
      const depletion = (engine: string) => handlers[`${engine}-hour`].query('depletion', from, to, { slos: [slo], timeScale: 'period' }).then((f) => rows(f[0]));
      const adherence = (engine: string) => handlers[`${engine}-hour`].query('adherence', from, to, { slos: [slo], timeScale: 'period' }).then((f) => rows(f[0]));
      const [dp, dv, ap, av] = [await depletion('prom'), await depletion('vm'), await adherence('prom'), await adherence('vm')];
      const fmt = (d: Row[], a: Row[]) =>
        d.map((r) => `${r.period} ${a.find((x) => x.periodStart === r.periodStart)?.state} ${Number(r.endRemaining).toFixed(4)} (${r.episodes} ep.)`).join(', ');
      console.log(`victoriaMetrics ${slo}, 35 days to ${new Date(hourNow).toISOString().slice(0, 13)}h — Prometheus: ${fmt(dp, ap)}\n  VictoriaMetrics: ${fmt(dv, av)}`);
    }
    const lastWeek = rows((await handlers['vm-hour'].query('depletion', plan.weeks[0].startMs, plan.weeks[1].endMs, { slos: ['ledger35/week-utc'], timeScale: 'period' }))[0]);
    const adherence = rows((await handlers['vm-hour'].query('adherence', plan.weeks[0].startMs, plan.weeks[1].endMs, { slos: ['ledger35/week-utc'], timeScale: 'period' }))[0]);
    expect(adherence.filter((r) => r.kind === 'slo').map((r) => r.state)).toEqual(['Fulfilled', 'Broken']);
    expect(lastWeek.map((r) => r.exhausted)).toEqual([false, true]);
    expect(lastWeek.every((r) => Number(r.episodes) >= 1)).toBe(true);
  });

  it('a window holding only a series’ first sample: Prometheus answers nothing, VictoriaMetrics an increase from 0 for a small value and 0 for a large one; from the second sample on both count from 0', async () => {
    // the generator's first samples (at "start") hold one minute's events: 1 bad, 999 good
    const start = prom.endMs - plan.days * DAY;
    const OK = 'ledger_requests_total{service="ledger35",code="200"}';
    const at = async (engine: string, expr: string, window: string, ms: number) => {
      const result = await handlers[`${engine}-end`].promql('query', { query: `sum(increase(${expr}[${window}]))`, time: String(ms / 1000) });
      return result.length === 0 ? null : Number(result[0].value![1]);
    };
    // PromQL needs two samples in the window; MetricsQL 1.79 guesses whether the counter started from 0 (1 yes, 999 no)
    expect([await at('prom', badOf('ledger35'), '5m', start), await at('prom', OK, '5m', start)]).toEqual([null, null]);
    expect([await at('vm', badOf('ledger35'), '5m', start), await at('vm', OK, '5m', start)]).toEqual([1, 0]);
    // later, PromQL's extrapolation stops where the counter would reach zero, so a counter that began at 0 counts from 0 as MetricsQL does
    // (once the window no longer holds the first sample, that sample is the base: an exact count of the window's minutes)
    for (const [window, length, minutes] of [['5m', 5, 1], ['5m', 5, 2], ['5m', 5, 5], ['1h', 60, 30], ['1h', 60, 60]] as const) {
      for (const expr of [badOf('ledger35'), OK]) {
        const [p, v] = [await at('prom', expr, window, start + minutes * MINUTE), await at('vm', expr, window, start + minutes * MINUTE)];
        const counted = Math.min(minutes + 1, length);
        expect(v).toBe(expr === OK ? 999 * counted : counted);
        expect(Math.abs(p! - v!)).toBeLessThan(1e-9 * v!);
      }
    }
  });

  it('at the data’s end, mid-bucket, differs only in the last, incomplete bucket: Prometheus extrapolates it, VictoriaMetrics counts the samples it has', async () => {
    const checked: string[] = [];
    // steps the data's end does not fall on (a run that ends at midnight UTC has none: then every bucket is complete)
    const steps = [5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, DAY].filter((step) => prom.endMs % step !== 0).slice(0, 3);
    for (const step of steps) {
      const end = Math.ceil(prom.endMs / step) * step;
      const start = end - 2 * DAY;
      const gap = end - prom.endMs;
      for (const [expr, which] of [[badOf('ledger35'), 'bad'], [totalOf('ledger35'), 'total']] as const) {
        const [p, v] = [await counts('prom', expr, start, end, step), await counts('vm', expr, start, end, step)];
        const last = v.length - 1;
        expect(Array.from(v.subarray(0, last))).toEqual(Array.from(p.subarray(0, last)));
        const exact = generated(plan, end - step, prom.endMs)[which];
        expect(v[last]).toBe(exact);
        expect(gap).toBeGreaterThan(0);
        expect(p[last]).toBeCloseTo(promExtrapolated(exact, step - gap, gap), 6);
        checked.push(`${step / MINUTE}m ${which}: ${p[last]} vs ${v[last]}`);
      }
    }
    console.log(`victoriaMetrics: the bucket holding the data's end (${new Date(prom.endMs).toISOString().slice(11, 16)}), Prometheus vs VictoriaMetrics: ${checked.join(', ')}`);
  });

  it('at the data’s end the catalog rows differ only by that extrapolation: SLI within 1e-6, remaining within 1e-4, burn rates within 1% (half a minute more of both counts, in windows whose errors span ≥ 2 hours)', async () => {
    // 35 days: 1-hour buckets (chooseStep), so the last one is incomplete unless the data ends on the hour
    const table = async (engine: string) => rows((await handlers[`${engine}-end`].query('catalog', prom.endMs - 35 * DAY, prom.endMs, { slos: SLOS }))[0]);
    const [onProm, onVm] = [await table('prom'), await table('vm')];
    const partial = prom.endMs % HOUR !== 0;
    expect(onVm.map((r) => r.slo)).toEqual(onProm.map((r) => r.slo));
    const lines: string[] = [];
    onProm.forEach((p, i) => {
      const v = onVm[i];
      expect(Math.abs(Number(v.sliValue) - Number(p.sliValue))).toBeLessThan(1e-6);
      expect(Math.abs(Number(v.remaining) - Number(p.remaining))).toBeLessThan(1e-4);
      for (const w of ['burn1h', 'burn6h', 'burn24h']) {
        expect(Math.abs(Number(v[w]) / Number(p[w]) - 1)).toBeLessThan(0.01);
      }
      // the words the figures lead to are the same
      for (const k of ['burnState', 'priority', 'priorityReason', 'releaseGate', 'recentAdherence', 'daysLeft', 'error']) {
        expect(v[k]).toEqual(p[k]);
      }
      lines.push(`${p.slo}: remaining ${Number(p.remaining).toFixed(6)} vs ${Number(v.remaining).toFixed(6)}, burn(1h) ${Number(p.burn1h).toFixed(4)} vs ${Number(v.burn1h).toFixed(4)}`);
    });
    // not vacuous: with the last bucket incomplete, Prometheus's extra half minute shows in the calendar SLOs' remaining budget
    expect(onProm.some((p, i) => p.remaining !== onVm[i].remaining)).toBe(partial);
    console.log(`victoriaMetrics catalog at the data's end (last 1-hour bucket ${partial ? 'incomplete' : 'complete'}), Prometheus vs VictoriaMetrics:\n  ${lines.join('\n  ')}`);
  });
});
