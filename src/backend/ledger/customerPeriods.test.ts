/**
 * Per-customer SLA periods in the ledger (book 11.2.7, 3.3), end to end on a
 * real SQLite file and a real PostgreSQL 15: backfill and the refresh path
 * write one row per discovered customer beside the SLA's own row, once;
 * `indicators/sla-adherence?customer=` merges that customer's rows with live
 * figures (what the source forgot comes from the ledger, what nobody holds is
 * No data); disagreements name the customer; `ledger/periods?customer=`.
 *
 * The demo customers split traffic 50/30/20 % and errors 20/30/50 %
 * (sources/demoCustomers.ts), so acme's figures follow from the SLA's own:
 * total_acme = 0.5·T and bad_acme = 0.2·B.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IndicatorResponse } from '../../core/contracts/resourceContract';
import { LedgerPeriodRecord } from '../../core/ledger/ledgerRecord';
import { checkInstanceHealth } from '../handlers/health';
import { Instance } from '../handlers/instance/instance';
import { runQuery } from '../handlers/query/pipeline';
import { handleResource } from '../handlers/resources/router';
import { demoCatalogYaml } from '../handlers/testing/demoCatalog';
import { CallResourceRequest } from '../protocol/handlers';
import { createDatabase, startPostgres, TestPostgres } from './testing/postgresServer';
import { RetentionSource } from './testing/retentionSource';

const NOW = Date.UTC(2026, 5, 15, 12); // mid June 2026
const RETENTION_START = Date.UTC(2026, 1, 10); // the source forgot everything before Feb 10
const SLA = 'sla/accounts-contract';
const CUSTOMERS = ['acme', 'globex', 'initech'];
const signal = new AbortController().signal;
const catalogYaml = demoCatalogYaml({ rolling: false, slaComponents: ['accounts/login-monthly'], slaCustomerLabel: 'customer' });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-customers-'));
let server: TestPostgres | undefined;
let skipReason = '';
beforeAll(async () => {
  if (process.env.SLOLEDGER_SKIP_POSTGRES === '1') {
    return;
  }
  const started = await startPostgres();
  if (typeof started === 'string') {
    skipReason = started;
  } else {
    server = started;
  }
}, 90_000);
const instances: Instance[] = [];
afterAll(async () => {
  await Promise.all(instances.map((i) => i.dispose()));
  server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Ledger = Record<string, unknown>;
let n = 0;
/** A fresh ledger of each kind: a new SQLite file, or a new PostgreSQL database. */
const TARGETS: Array<[string, () => Promise<{ jsonData: Ledger; secrets: Record<string, string> }>]> = [
  ['SQLite', async () => ({ jsonData: { ledgerPath: path.join(dir, `ledger-${++n}.db`) }, secrets: {} })],
  [
    'PostgreSQL',
    async () => {
      if (!server) {
        throw new Error(`PostgreSQL is not running: ${skipReason}`);
      }
      return { jsonData: { ledgerBackend: 'postgres' }, secrets: { 'ledger.postgresUrl': await createDatabase(server.url, `customers_${process.pid}_${++n}`) } };
    },
  ],
];

function instanceOn(ledger: { jsonData: Ledger; secrets: Record<string, string> }) {
  const instance = new Instance({ jsonData: { demo: true, catalogYaml, ...ledger.jsonData }, decryptedSecureJsonData: ledger.secrets, uid: 'customers' }, { backfillDelayMs: null });
  const source = new RetentionSource(RETENTION_START);
  instance.sources.set('demo', source);
  instances.push(instance);
  return { instance, source };
}

const call = async <T,>(instance: Instance, url: string) => {
  const req: CallResourceRequest = {
    context: { orgId: 1, pluginId: 'sloledger-datasource', pluginVersion: '', userAgent: '', apiVersion: '', namespace: '', grafanaConfig: {} },
    user: { login: 'vera', name: 'vera', email: '', role: 'Viewer' },
    path: url.split('?')[0],
    url,
    method: 'GET',
    headers: {},
    body: Buffer.from(''),
  };
  const res = await handleResource(instance, req);
  return { status: res.status, text: String(res.body), json: () => JSON.parse(String(res.body)) as T };
};
const slaRows = async (instance: Instance) => (await instance.ledger.ready()).listPeriods({ subjectKind: 'sla' });
const customerAdherence = async (instance: Instance, customer: string) =>
  (await call<IndicatorResponse>(instance, `indicators/sla-adherence?from=${Date.UTC(2026, 0, 1)}&to=${NOW}&customer=${customer}`)).json().rows.filter((r) => r.sla === SLA);
const bad = (r: LedgerPeriodRecord) => r.total - r.good;

const runOn = process.env.SLOLEDGER_SKIP_POSTGRES === '1' ? TARGETS.slice(0, 1) : TARGETS;

describe.each(runOn)('per-customer SLA periods on %s', (_name, fresh) => {
  it("backfill writes one row per customer and period beside the SLA's own, with that customer's figures", async () => {
    const { instance } = instanceOn(await fresh());
    await instance.closer.backfill(NOW);
    const rows = await slaRows(instance);
    const own = rows.filter((r) => r.customer === undefined);
    expect(own.map((r) => `${r.periodKind} ${r.label}`)).toEqual(['budget 2026-03', 'budget 2026-04', 'budget 2026-05', 'month 2026-03', 'month 2026-04', 'month 2026-05']);
    for (const customer of CUSTOMERS) {
      expect(rows.filter((r) => r.customer === customer).map((r) => `${r.periodKind} ${r.label}`)).toEqual(own.map((r) => `${r.periodKind} ${r.label}`));
    }
    for (const o of own) {
      const of = (c: string) => rows.find((r) => r.customer === c && r.periodKind === o.periodKind && r.startMs === o.startMs)!;
      // the customers' counts add up to the SLA's own (sum counts, never average ratios)
      expect(CUSTOMERS.reduce((sum, c) => sum + of(c).total, 0)).toBeCloseTo(o.total, 3);
      expect(CUSTOMERS.reduce((sum, c) => sum + bad(of(c)), 0)).toBeCloseTo(bad(o), 3);
      const acme = of('acme');
      expect(acme.total).toBeCloseTo(0.5 * o.total, 3);
      expect(acme.sli).toBeCloseTo(1 - (0.2 * bad(o)) / (0.5 * o.total), 9);
      // initech carries half the errors with a fifth of the traffic: its SLI is the worst
      expect(of('initech').sli!).toBeLessThan(o.sli!);
      expect(acme.adherence).toBe(acme.sli! >= 0.99 ? 'Fulfilled' : 'Broken');
      expect(acme.catalogVersion).toBe(instance.catalogVersion());
    }
  }, 60_000);

  it('writes no row twice: a second backfill and a second instance on the same ledger add nothing', async () => {
    const ledger = await fresh();
    const first = instanceOn(ledger);
    await first.instance.closer.backfill(NOW);
    expect(first.instance.closer.written).toBe(6 + 6 + 3 * 6);
    const before = await slaRows(first.instance);
    await first.instance.closer.backfill(NOW);
    const second = instanceOn(ledger);
    await second.instance.closer.backfill(NOW);
    expect(first.instance.closer.written + second.instance.closer.written).toBe(30);
    expect(await slaRows(second.instance)).toEqual(before);
  }, 60_000);

  it('closes the customers of a period on the refresh path too', async () => {
    const { instance } = instanceOn(await fresh());
    await runQuery(instance, { refId: 'A', queryType: 'adherence', maxDataPoints: 1000, intervalMs: 60_000, timeRange: { fromMs: Date.UTC(2026, 4, 20), toMs: NOW }, json: { slos: ['accounts/login-monthly'] } }, signal, NOW);
    await instance.ledger.idle();
    const months = (await slaRows(instance)).filter((r) => r.customer === 'globex' && r.periodKind === 'month').map((r) => r.label);
    expect(months).toEqual(['2026-04', '2026-05']);
  }, 60_000);

  it("reads one customer's closed periods from the ledger once the source forgot them, and No data where nobody holds them", async () => {
    const { instance, source } = instanceOn(await fresh());
    await instance.closer.backfill(NOW);
    source.retentionStartMs = Date.UTC(2026, 4, 10); // March, April and most of May are gone from the source
    const recorded = (await slaRows(instance)).filter((r) => r.customer === 'acme' && r.periodKind === 'budget');
    const rows = await customerAdherence(instance, 'acme');
    expect(rows.map((r) => r.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(rows.map((r) => r.customer)).toEqual(Array(6).fill('acme'));
    expect(rows.map((r) => r.state)).toEqual(['No data', 'No data', ...recorded.map((r) => r.adherence), 'In progress']);
    expect(rows.slice(2, 5).map((r) => r.sliValue)).toEqual(recorded.map((r) => r.sli));
    // the SLA's own rows are not what a customer reads
    const own = (await slaRows(instance)).filter((r) => r.customer === undefined && r.periodKind === 'budget');
    expect(rows[2].sliValue).not.toBe(own[0].sli);
    // and the SLA read over all customers still reads the SLA's own rows, not a customer's
    const overAll = (await call<IndicatorResponse>(instance, `indicators/sla-adherence?from=${Date.UTC(2026, 0, 1)}&to=${NOW}`)).json().rows.filter((r) => r.sla === SLA);
    expect(overAll.slice(2, 5).map((r) => r.sliValue)).toEqual(own.map((r) => r.sli));
    // without the ledger's rows the same read has nothing for the forgotten months, and never reads them as met
    const empty = instanceOn(await fresh());
    empty.source.retentionStartMs = source.retentionStartMs;
    const live = await customerAdherence(empty.instance, 'acme');
    expect(live.slice(0, 5).map((r) => r.state)).toEqual(Array(5).fill('No data'));
    expect((await checkInstanceHealth(instance, signal)).status).toBe('OK');
  }, 60_000);

  it("the adherence query with a customer reads that customer's recorded periods too, as a dashboard panel asks", async () => {
    const { instance, source } = instanceOn(await fresh());
    await instance.closer.backfill(NOW);
    source.retentionStartMs = Date.UTC(2026, 4, 10);
    const recorded = (await slaRows(instance)).filter((r) => r.customer === 'acme' && r.periodKind === 'month');
    const res = await runQuery(instance, { refId: 'A', queryType: 'adherence', maxDataPoints: 1000, intervalMs: 60_000, timeRange: { fromMs: Date.UTC(2026, 2, 1), toMs: NOW }, json: { timeScale: 'monthly', customer: 'acme' } }, signal, NOW);
    const f = res.frames[0];
    const col = (name: string) => Array.from(f.fields.find((x) => x.name === name)!.values as ArrayLike<unknown>);
    const mine = col('slo').flatMap((id, i) => (id === SLA ? [i] : []));
    expect(mine.map((i) => col('period')[i])).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
    expect(mine.map((i) => col('customer')[i])).toEqual(Array(4).fill('acme'));
    expect(mine.slice(0, 3).map((i) => col('sliValue')[i])).toEqual(recorded.map((r) => r.sli));
    expect(mine.slice(0, 3).map((i) => col('state')[i])).toEqual(recorded.map((r) => r.adherence));
  }, 60_000);

  it("the depletion and exhaustion queries read the SLA's recorded periods, over all customers or for one customer, and No data where nobody holds them", async () => {
    const { instance, source } = instanceOn(await fresh());
    await instance.closer.backfill(NOW);
    const slaRowsOf = async (on: Instance, queryType: string, json: Record<string, unknown>) => {
      const res = await runQuery(on, { refId: 'A', queryType, maxDataPoints: 1000, intervalMs: 60_000, timeRange: { fromMs: Date.UTC(2026, 0, 1), toMs: NOW }, json: { timeScale: 'period', onlyPremature: false, ...json } }, signal, NOW);
      const f = res.frames[0];
      const col = (name: string) => Array.from(f.fields.find((x) => x.name === name)!.values as ArrayLike<unknown>);
      const speeds = (i: number) => (queryType === 'depletion' ? { episodes: col('episodes')[i], avgSpeed: col('avgSpeed')[i], highestSpeed: col('highestSpeed')[i] } : {});
      return col('slo').flatMap((id, i) => (id === SLA ? [{ kind: col('kind')[i], customer: col('customer')[i], period: col('period')[i], endRemaining: col('endRemaining')[i], exhausted: col('timeToExhaustionMs')[i] !== null, ...speeds(i) }] : []));
    };
    // live rows while the source holds March to May, read by instances with empty ledgers: episodes and speeds of the SLA's summed buckets
    const whileHeld = new Map<string | undefined, Array<Record<string, unknown>>>();
    for (const customer of [undefined, 'acme']) {
      whileHeld.set(customer, (await slaRowsOf(instanceOn(await fresh()).instance, 'depletion', customer ? { customer } : {})).slice(2, 5));
    }
    expect(whileHeld.get(undefined)!.some((r) => (r.episodes as number) > 0)).toBe(true);
    source.retentionStartMs = Date.UTC(2026, 4, 10); // March, April and most of May are gone from the source
    const ledgerRows = await slaRows(instance);
    for (const customer of [undefined, 'acme']) {
      const recorded = ledgerRows.filter((r) => r.customer === customer && r.periodKind === 'budget');
      const json = customer ? { customer } : {};
      for (const queryType of ['depletion', 'exhaustion']) {
        const mine = await slaRowsOf(instance, queryType, json);
        expect(mine.map((r) => r.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
        expect(mine.map((r) => [r.kind, r.customer])).toEqual(Array(6).fill(['sla', customer ?? '']));
        // the forgotten months come from the ledger: the SLA's own rows, or the customer's
        expect(mine.slice(2, 5).map((r) => r.endRemaining)).toEqual(recorded.map((r) => r.endRemaining));
        // what nobody holds has no figures, never a full budget
        expect(mine.slice(0, 2).map((r) => [r.endRemaining, r.exhausted])).toEqual([[null, false], [null, false]]);
        expect(mine[5].endRemaining).toEqual(expect.any(Number));
      }
      // the ledger recorded the depletion episodes with their speeds: the forgotten rows have the episodes the live rows had;
      // the speeds were measured on the month's own finer buckets (a 5½-month query reads coarser ones), so only their order is compared
      const forgotten = (await slaRowsOf(instance, 'depletion', json)).slice(2, 5);
      expect(forgotten.map((r) => r.episodes)).toEqual(whileHeld.get(customer)!.map((r) => r.episodes));
      for (const r of forgotten) {
        expect(r.highestSpeed as number).toBeGreaterThanOrEqual(r.avgSpeed as number);
        expect(r.avgSpeed as number).toBeGreaterThan(0);
      }
    }
    // acme's rows are not the SLA's own
    const own = ledgerRows.filter((r) => r.customer === undefined && r.periodKind === 'budget');
    expect((await slaRowsOf(instance, 'depletion', { customer: 'acme' }))[2].endRemaining).not.toBe(own[0].endRemaining);
    // without the ledger's rows the same read has nothing for the forgotten months
    const empty = instanceOn(await fresh());
    empty.source.retentionStartMs = source.retentionStartMs;
    expect((await slaRowsOf(empty.instance, 'depletion', {})).slice(0, 5).map((r) => r.endRemaining)).toEqual(Array(5).fill(null));
    expect((await checkInstanceHealth(instance, signal)).status).toBe('OK');
  }, 60_000);

  it('names the customer in CheckHealth when its recorded periods and the source disagree', async () => {
    const { instance, source } = instanceOn(await fresh());
    await instance.closer.backfill(NOW);
    source.badFactor = 5;
    await customerAdherence(instance, 'initech');
    const health = await checkInstanceHealth(instance, signal);
    expect(health.status).toBe('ERROR');
    expect(health.message).toMatch(/ledger disagrees with live computation for sla\/accounts-contract\{customer="initech"\} 2026-03: SLI \d+\.\d{4}% recorded, \d+\.\d{4}% live.*: the source rewrote history/);
  }, 60_000);

  it('exports one customer with ledger/periods?customer=, the CSV naming it', async () => {
    const { instance } = instanceOn(await fresh());
    await instance.closer.backfill(NOW);
    const some = (await call<{ periods: LedgerPeriodRecord[] }>(instance, `ledger/periods?sla=${SLA}&customer=globex&kind=month`)).json().periods;
    expect(some.map((p) => `${p.customer} ${p.label}`)).toEqual(['globex 2026-03', 'globex 2026-04', 'globex 2026-05']);
    const csv = (await call(instance, `ledger/periods?sla=${SLA}&kind=month&format=csv`)).text.trim().split('\r\n');
    expect(csv.slice(1).map((l) => l.split(',').slice(2, 5).join(' '))).toEqual(['', ...CUSTOMERS].flatMap((c) => ['2026-03', '2026-04', '2026-05'].map((m) => `${c} month ${m}`)));
  }, 60_000);

  it("keeps writing the SLA's own rows when its customers cannot be discovered, says why, and tries again at the next refresh", async () => {
    const { instance, source } = instanceOn(await fresh());
    source.labelFailure = 'label API down';
    await instance.closer.backfill(NOW);
    const rows = await slaRows(instance);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.customer === undefined)).toBe(true);
    expect((await checkInstanceHealth(instance, signal)).message).toContain(`SLA ${SLA}: customers not discovered: accounts/login-monthly: label API down`);
    // the next refresh tries again
    source.labelFailure = undefined;
    await runQuery(instance, { refId: 'A', queryType: 'adherence', maxDataPoints: 1000, intervalMs: 60_000, timeRange: { fromMs: Date.UTC(2026, 5, 1), toMs: NOW }, json: { slos: ['accounts/login-monthly'] } }, signal, NOW);
    await instance.ledger.idle();
    expect((await slaRows(instance)).filter((r) => r.customer === 'acme' && r.periodKind === 'month').map((r) => r.label)).toEqual(['2026-04', '2026-05']);
    expect((await checkInstanceHealth(instance, signal)).status).toBe('OK');
  }, 60_000);
});
