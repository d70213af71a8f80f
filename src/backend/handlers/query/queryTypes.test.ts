/**
 * Every query type through the real handlers over the demo source, with the
 * numbers cross-checked against the demo source's own counts.
 */
import { DataSourceSettings } from '../../protocol/settings';
import { Frame } from '../../protocol/frame';
import { DemoSource } from '../../sources/demo';
import { createHandlers } from '../index';
import { demoCatalogYaml } from '../testing/demoCatalog';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1); // the end of October 2026
const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as never;
const context = { orgId: 1, pluginId: 'sloledger-datasource', pluginVersion: '', userAgent: '', apiVersion: '', namespace: '', grafanaConfig: {} };
const signal = new AbortController().signal;

const CATALOG = demoCatalogYaml({ slaComponents: ['accounts/login-monthly', 'accounts/login-rolling'] });

function settings(): DataSourceSettings {
  return { id: 1, uid: 'qt', name: 'SLO Ledger', url: '', user: '', database: '', basicAuthEnabled: false, basicAuthUser: '', jsonData: { demo: true, catalogYaml: CATALOG }, decryptedSecureJsonData: {}, lastUpdatedMS: 1, apiVersion: '' };
}

const handlers = createHandlers(logger);
async function run(queryType: string, json: Record<string, unknown> = {}, fromMs = Date.UTC(2026, 6, 1), toMs = NOW) {
  const res = await handlers.queryData({ context, settings: settings(), headers: {}, fromAlert: false, queries: [{ refId: 'A', queryType, maxDataPoints: 1000, intervalMs: 60000, timeRange: { fromMs, toMs }, json }] }, signal);
  return res.get('A')!;
}
const col = (f: Frame, name: string) => Array.from(f.fields.find((x) => x.name === name)!.values as ArrayLike<unknown>);

/** Good and total of the demo SLO over [from, to), straight from the source at the same 3 h buckets. */
async function demoCounts(from: number, to: number) {
  const demo = new DemoSource();
  const step = 3 * 3_600_000;
  const sum = async (e: string) => (await demo.rangeCounts(e, from, to, step)).reduce((a, b) => a + b, 0);
  return { good: await sum('demo_good{slo="accounts-login"}'), total: await sum('demo_total{slo="accounts-login"}') };
}

describe('query types over the demo source', () => {
  it('adherence: one row per SLO and month, SLI = Σgood/Σtotal of that month, Fulfilled iff SLI ≥ objective', async () => {
    const res = await run('adherence', { slos: ['accounts/login-monthly'], timeScale: 'monthly' });
    const f = res.frames[0];
    expect(col(f, 'period')).toEqual(['2026-07', '2026-08', '2026-09', '2026-10']);
    const { good, total } = await demoCounts(Date.UTC(2026, 8, 1), Date.UTC(2026, 9, 1));
    const sep = col(f, 'period').indexOf('2026-09');
    expect(col(f, 'sliValue')[sep]).toBeCloseTo(good / total, 9);
    expect(col(f, 'state')[sep]).toBe(good / total >= 0.999 ? 'Fulfilled' : 'Broken');
    expect(new Set(col(f, 'state'))).not.toContain('In progress');
  });

  it('adherence: an SLA sums its components (Σgood/Σtotal) and is marked contractual', async () => {
    const res = await run('adherence', { timeScale: 'monthly' });
    const f = res.frames[0];
    const kinds = col(f, 'kind');
    const i = kinds.findIndex((k, j) => k === 'sla' && col(f, 'period')[j] === '2026-09');
    expect(col(f, 'slo')[i]).toBe('sla/accounts-contract');
    expect(col(f, 'contractual')[i]).toBe(true);
    const { good, total } = await demoCounts(Date.UTC(2026, 8, 1), Date.UTC(2026, 9, 1));
    expect(col(f, 'sliValue')[i]).toBeCloseTo(good / total, 9); // both components read the same series
    expect(col(f, 'total')[i]).toBeCloseTo(2 * total, 3);
  });

  it('depletion: per calendar period the end budget equals 1 − B/(b·T), with episodes and speeds', async () => {
    const res = await run('depletion', { slos: ['accounts/login-monthly'], timeScale: 'period' });
    const f = res.frames[0];
    const aug = col(f, 'period').indexOf('2026-08');
    const { good, total } = await demoCounts(Date.UTC(2026, 7, 1), Date.UTC(2026, 8, 1));
    expect(col(f, 'endRemaining')[aug]).toBeCloseTo(1 - (total - good) / (0.001 * total), 6);
    const episodes = col(f, 'episodes') as number[];
    expect(episodes.some((n) => n > 0)).toBe(true);
    const highest = col(f, 'highestSpeed') as Array<number | null>;
    const avg = col(f, 'avgSpeed') as Array<number | null>;
    highest.forEach((h, i) => h !== null && expect(h).toBeGreaterThanOrEqual(avg[i]!));
  });

  it('exhaustion: only periods whose budget ran out early, with time to exhaustion from the period start', async () => {
    const res = await run('exhaustion', { slos: ['accounts/login-monthly'] });
    const f = res.frames[0];
    expect(col(f, 'period').length).toBeGreaterThan(0); // the demo's 23-day outage exhausts a 99.9% budget
    col(f, 'exhaustedAt').forEach((at, i) => {
      expect((at as number) - (col(f, 'periodStart')[i] as number)).toBe(col(f, 'timeToExhaustionMs')[i]);
      expect(col(f, 'endRemaining')[i] as number).toBeLessThanOrEqual(0);
    });
  });

  it('budget: a calendar burn-down replenishes to 100% at each period start, with periods and episodes in meta', async () => {
    const res = await run('budget', { slos: ['accounts/login-monthly'] }, Date.UTC(2026, 7, 1), NOW);
    const f = res.frames[0];
    const custom = f.meta!.custom as { periods: Array<{ startMs: number; label: string }>; episodes: unknown[]; periodEndRemaining: unknown[] };
    expect(custom.periods.map((p) => p.label)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(custom.periodEndRemaining).toHaveLength(3);
    const times = col(f, 'time') as number[];
    const values = col(f, 'remaining') as number[];
    const firstOfSep = times.findIndex((t) => t > Date.UTC(2026, 8, 1));
    expect(values[firstOfSep]).toBeGreaterThan(0.9); // replenished
    expect(values[firstOfSep - 1]).toBeCloseTo(custom.periodEndRemaining[0] as number, 6);
  });

  it('budget with a daily time scale: one point per day', async () => {
    const res = await run('budget', { slos: ['accounts/login-monthly'], timeScale: 'daily' }, NOW - 10 * DAY, NOW);
    expect(col(res.frames[0], 'time')).toHaveLength(10);
  });

  it('catalog: current state with days left, burn state, forecast, recent adherence and a priority', async () => {
    const res = await run('catalog', {}, NOW - DAY - DAY / 2, NOW - DAY / 2);
    const f = res.frames[0];
    const i = col(f, 'slo').indexOf('accounts/login-monthly');
    expect(col(f, 'daysLeft')[i]).toBe(1);
    expect(col(f, 'periodLabel')[i]).toBe('month calendar');
    expect(['Critical', 'Increasing', 'Recovering', 'Acceptable']).toContain(col(f, 'burnState')[i]);
    expect(String(col(f, 'recentAdherence')[i]).split(',').length).toBeGreaterThanOrEqual(3);
    expect(col(f, 'priority')[i]).toEqual(expect.any(Number));
    expect(col(f, 'daysLeft')[col(f, 'slo').indexOf('accounts/login-rolling')]).toBeNull();
  });

  it('episodes: annotation frames with depleted % and speed', async () => {
    const res = await run('episodes', { annotationKinds: ['episodes', 'exhaustion'] });
    const f = res.frames[0];
    expect(f.fields.map((x) => x.name)).toEqual(['time', 'timeEnd', 'title', 'text', 'tags']);
    expect(col(f, 'title').some((t) => String(t).includes('error budget exhausted'))).toBe(true);
    expect(col(f, 'text').some((t) => /% of the .* budget in .* h \(.* % per hour\)/.test(String(t)))).toBe(true);
  });

  it('endpoints: least available first, top N', async () => {
    const res = await run('endpoints', { topN: 1 });
    expect(col(res.frames[0], 'slo')).toHaveLength(1);
  });

  it('adhoc: SLI, remaining budget and burn rates from typed expressions', async () => {
    const res = await run('adhoc', { adhoc: { source: 'demo', good: 'demo_good{slo="x"}[$__window]', total: 'demo_total{slo="x"}[$__window]', objective: 99.9, period: 'month' } }, NOW - 7 * DAY, NOW);
    expect(res.frames.map((f) => f.fields[1].name)).toEqual(['sli', 'remaining', 'burnrate', 'burnrate', 'burnrate']);
  });

  it('adhoc: says what is wrong with the expressions', async () => {
    const res = await run('adhoc', { adhoc: { source: 'demo', good: 'demo_good', total: 'demo_total', objective: 99.9 } });
    expect(res.error).toMatch(/\$__window placeholder/);
  });
});
