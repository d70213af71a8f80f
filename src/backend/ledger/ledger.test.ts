/**
 * The ledger end to end on a real SQLite file: backfill from a source with
 * limited retention, idempotent re-runs, closing on the refresh path without
 * holding the response, merged reads ("no record" for what nobody holds),
 * disagreement in CheckHealth, and the resource routes with Grafana roles.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorBudgetPolicy } from '../../core/model/model';
import { DemoSource } from '../sources/demo';
import { checkInstanceHealth } from '../handlers/health';
import { Instance } from '../handlers/instance/instance';
import { runQuery } from '../handlers/query/pipeline';
import { handleResource } from '../handlers/resources/router';
import { Frame } from '../protocol/frame';
import { CallResourceRequest } from '../protocol/handlers';
import { UserInfo } from '../protocol/settings';
import { ledgerManualStates } from './ledgerManualStates';
import { RetentionSource } from './testing/retentionSource';
import { demoCatalogYaml } from '../handlers/testing/demoCatalog';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 15, 12); // mid June 2026
const RETENTION_START = Date.UTC(2026, 1, 10); // the source forgot everything before Feb 10
const signal = new AbortController().signal;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-ledger-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CATALOG = (objective = 99.9) => demoCatalogYaml({ monthlyObjective: objective, slaComponents: ['accounts/login-monthly'] });

let n = 0;
const instances: Instance[] = [];
function makeInstance(options: { file?: string; objective?: number; yaml?: string } = {}) {
  const ledgerPath = options.file ?? path.join(dir, `ledger-${++n}.db`);
  const instance = new Instance({ jsonData: { demo: true, catalogYaml: options.yaml ?? CATALOG(options.objective), ledgerPath }, decryptedSecureJsonData: {}, uid: 'ledger-test' }, { backfillDelayMs: null });
  const source = new RetentionSource(RETENTION_START);
  instance.sources.set('demo', source);
  instances.push(instance);
  return { instance, source, ledgerPath };
}
afterAll(async () => {
  await Promise.all(instances.map((i) => i.dispose()));
});

const rowsOf = async (instance: Instance) => (await instance.ledger.ready()).listPeriods();
/** A column of the SLO rows (adherence frames also carry the SLA's rows). */
const col = (f: Frame, name: string) => {
  const kinds = Array.from(f.fields.find((x) => x.name === 'kind')!.values as ArrayLike<unknown>);
  return Array.from(f.fields.find((x) => x.name === name)!.values as ArrayLike<unknown>).filter((_, i) => kinds[i] === 'slo');
};
const adherence = (instance: Instance, fromMs: number) =>
  runQuery(instance, { refId: 'A', queryType: 'adherence', maxDataPoints: 1000, intervalMs: 60_000, timeRange: { fromMs, toMs: NOW }, json: { slos: ['accounts/login-monthly'], timeScale: 'monthly' } }, signal, NOW);

/** Σgood/Σtotal of the demo workload over [from, to) at 1 h buckets (the resolution closing uses for a month). */
async function demoSli(from: number, to: number) {
  const demo = new DemoSource();
  const sum = async (e: string) => (await demo.rangeCounts(e, from, to, HOUR)).reduce((a, b) => a + b, 0);
  const total = await sum('demo_total{slo="accounts-login"}');
  return { sli: (await sum('demo_good{slo="accounts-login"}')) / total, total };
}

/** A column of the SLA rows. */
const slaCol = (f: Frame, name: string) => {
  const kinds = Array.from(f.fields.find((x) => x.name === 'kind')!.values as ArrayLike<unknown>);
  return Array.from(f.fields.find((x) => x.name === name)!.values as ArrayLike<unknown>).filter((_, i) => kinds[i] === 'sla');
};

describe('closing periods into the ledger', () => {
  it('backfills every closed period the source still holds, for SLOs and SLAs, and nothing it no longer holds', async () => {
    const { instance } = makeInstance();
    await instance.closer.backfill(NOW);
    const rows = await rowsOf(instance);
    const summary = rows.map((r) => `${r.subjectKind} ${r.subjectId} ${r.periodKind} ${r.label}`);
    expect(summary).toEqual([
      'sla sla/accounts-contract budget 2026-03', 'sla sla/accounts-contract budget 2026-04', 'sla sla/accounts-contract budget 2026-05',
      'sla sla/accounts-contract month 2026-03', 'sla sla/accounts-contract month 2026-04', 'sla sla/accounts-contract month 2026-05',
      'slo accounts/login-monthly budget 2026-03', 'slo accounts/login-monthly budget 2026-04', 'slo accounts/login-monthly budget 2026-05',
      'slo accounts/login-monthly month 2026-03', 'slo accounts/login-monthly month 2026-04', 'slo accounts/login-monthly month 2026-05',
      'slo accounts/login-rolling month 2026-03', 'slo accounts/login-rolling month 2026-04', 'slo accounts/login-rolling month 2026-05',
    ]);
    const april = rows.find((r) => r.subjectId === 'accounts/login-monthly' && r.periodKind === 'budget' && r.label === '2026-04')!;
    const expected = await demoSli(Date.UTC(2026, 3, 1), Date.UTC(2026, 4, 1));
    expect(april.sli).toBeCloseTo(expected.sli, 12);
    expect(april.total).toBe(expected.total);
    expect(april.adherence).toBe(expected.sli >= 0.999 ? 'Fulfilled' : 'Broken');
    expect(april.catalogVersion).toBe(instance.catalogVersion());
    expect(april.recordedAtMs).toBe(NOW);
  });

  it('closes SLOs side by side, so their fetches meet in one turn (where a Prometheus connection merges them)', async () => {
    const { instance, source } = makeInstance();
    await instance.closer.backfill(NOW);
    // one SLO asks its two series at once; more in flight means the two SLOs' fetches overlapped
    expect(source.peakInFlight).toBeGreaterThan(2);
    expect((await rowsOf(instance)).filter((r) => r.subjectKind === 'slo')).toHaveLength(9);
  });

  it('writes nothing twice: a second backfill and a new process on the same file add no rows', async () => {
    const { instance, ledgerPath } = makeInstance();
    await instance.closer.backfill(NOW);
    const first = await rowsOf(instance);
    await instance.closer.backfill(NOW);
    const again = makeInstance({ file: ledgerPath });
    await again.instance.closer.backfill(NOW);
    expect(again.instance.closer.written).toBe(0);
    expect(await rowsOf(instance)).toEqual(first);
  });

  it('never duplicates a period when two instances backfill the same file at once', async () => {
    const first = makeInstance();
    const second = makeInstance({ file: first.ledgerPath });
    await Promise.all([first.instance.closer.backfill(NOW), second.instance.closer.backfill(NOW)]);
    expect(first.instance.closer.written + second.instance.closer.written).toBe(15);
    expect(await rowsOf(first.instance)).toHaveLength(15);
  });

  it('closes a period on the refresh path without making the query wait for the write', async () => {
    const { instance, source } = makeInstance();
    source.hold(Date.UTC(2026, 5, 1)); // the fetch of May for the ledger waits
    const res = await adherence(instance, Date.UTC(2026, 4, 20));
    expect(res.error).toBeUndefined();
    expect(await rowsOf(instance)).toEqual([]);
    source.release();
    await instance.ledger.idle();
    const labels = (await rowsOf(instance)).filter((r) => r.subjectId === 'accounts/login-monthly' && r.periodKind === 'budget').map((r) => r.label);
    expect(labels).toEqual(['2026-04', '2026-05']);
  });
});

describe('closing in a time zone across a DST change', () => {
  const BERLIN = `
apiVersion: sloledger/v1
teams: [{ name: identity }]
services:
  - name: accounts
    team: identity
    slos:
      - name: login-berlin
        sli: availability
        objective: 99.9
        period: { calendar: month, timeZone: Europe/Berlin }
        source: demo
        good: demo_good{slo="accounts-login"}[$__window]
        total: demo_total{slo="accounts-login"}[$__window]
`;
  // Berlin's March 2026 runs from 23:00 UTC on Feb 28 (winter time) to 22:00 UTC on Mar 31 (summer time since Mar 29)
  const MARCH_START = Date.UTC(2026, 1, 28, 23);
  const MARCH_END = Date.UTC(2026, 2, 31, 22);
  const berlinMarch = async (nowMs: number) => {
    const { instance } = makeInstance({ yaml: BERLIN });
    await instance.closer.backfill(nowMs);
    return (await rowsOf(instance)).filter((r) => r.periodKind === 'budget');
  };

  it('does not record March yet at 00:05 on April 1st in Berlin (late samples may still arrive)', async () => {
    expect(await berlinMarch(MARCH_END + 5 * 60_000)).toEqual([]);
  });

  it('records March at 00:15 on April 1st in Berlin: 743 hours, counted exactly from Berlin midnight to Berlin midnight', async () => {
    const [march] = await berlinMarch(MARCH_END + 15 * 60_000);
    expect([march.label, march.startMs, march.endMs, (march.endMs - march.startMs) / HOUR]).toEqual(['2026-03', MARCH_START, MARCH_END, 743]);
    const expected = await demoSli(MARCH_START, MARCH_END);
    expect(march.total).toBe(expected.total);
    expect(march.sli).toBeCloseTo(expected.sli, 12);
  });
});

describe('reading merged figures', () => {
  it('shows recorded months, the open month live, and months nobody holds as no record (never Fulfilled)', async () => {
    const { instance } = makeInstance();
    await instance.closer.backfill(NOW);
    const res = await adherence(instance, Date.UTC(2026, 0, 1));
    const f = res.frames[0];
    expect(col(f, 'period')).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    const states = col(f, 'state');
    expect(states.slice(0, 2)).toEqual(['No data', 'No data']);
    expect(states[5]).toBe('In progress');
    const rows = (await rowsOf(instance)).filter((r) => r.subjectId === 'accounts/login-monthly' && r.periodKind === 'month');
    expect(states.slice(2, 5)).toEqual(rows.map((r) => r.adherence));
    expect(f.meta?.notices?.map((x) => x.text).join(' ')).toContain('accounts/login-monthly: no record for 2026-01, 2026-02');
    // the SLA's rows too: February's partial live SLI (from Feb 10 on) must not read as met
    const slaStates = slaCol(f, 'state');
    const slaRows = (await rowsOf(instance)).filter((r) => r.subjectKind === 'sla' && r.periodKind === 'month');
    expect(slaStates).toEqual(['No data', 'No data', ...slaRows.map((r) => r.adherence), 'In progress']);
    expect(slaCol(f, 'sliValue').slice(2, 5)).toEqual(slaRows.map((r) => r.sli));
    expect((await checkInstanceHealth(instance, signal)).status).toBe('OK');
  });

  it('reports in CheckHealth when the source rewrote history, and keeps the recorded figures', async () => {
    const { instance, source } = makeInstance();
    await instance.closer.backfill(NOW);
    source.badFactor = 5;
    const res = await adherence(instance, Date.UTC(2026, 2, 1));
    const recorded = (await rowsOf(instance)).filter((r) => r.subjectId === 'accounts/login-monthly' && r.periodKind === 'month');
    expect(col(res.frames[0], 'sliValue').slice(0, 3)).toEqual(recorded.map((r) => r.sli));
    const health = await checkInstanceHealth(instance, signal);
    expect(health.status).toBe('ERROR');
    expect(health.message).toMatch(/ledger disagrees with live computation for accounts\/login-monthly 2026-03: SLI \d+\.\d{4}% recorded, \d+\.\d{4}% live.*: the source rewrote history/);
  });

  it('verifies recorded periods against the source at the next backfill, before anyone queries', async () => {
    const { instance, source } = makeInstance();
    await instance.closer.backfill(NOW);
    expect((await checkInstanceHealth(instance, signal)).status).toBe('OK');
    source.badFactor = 5;
    await instance.closer.backfill(NOW);
    const health = await checkInstanceHealth(instance, signal);
    // the two newest recorded months (May, April) are checked; each as budget period and as month
    expect(health.message).toMatch(/ledger disagrees with live computation for accounts\/login-monthly 2026-05: SLI .* the source rewrote history/);
    expect(health.message).toContain('accounts/login-monthly 2026-04');
    expect(health.message).not.toContain('2026-03');
  });

  it('names a changed catalog as the cause when the objective changed the verdict', async () => {
    const { instance, ledgerPath } = makeInstance();
    await instance.closer.backfill(NOW);
    const recorded = (await rowsOf(instance)).find((r) => r.subjectId === 'accounts/login-monthly' && r.periodKind === 'month' && r.label === '2026-04')!;
    // an objective just above (or at) the recorded SLI flips the verdict without touching the counts
    const flipped = recorded.adherence === 'Fulfilled' ? Math.min(99.99, Math.ceil(recorded.sli! * 1e4 + 1) / 100) : 90;
    const changed = makeInstance({ file: ledgerPath, objective: flipped });
    await adherence(changed.instance, Date.UTC(2026, 3, 1));
    const health = await checkInstanceHealth(changed.instance, signal);
    expect(health.message).toContain(`ledger disagrees with live computation for accounts/login-monthly 2026-04: ${recorded.adherence} recorded`);
    expect(health.message).toContain(`the catalog changed since it was recorded (version ${instance.catalogVersion()}, now ${changed.instance.catalogVersion()})`);
  });

  it('answers live figures with a notice when the ledger cannot be opened', async () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    const { instance } = makeInstance({ file: path.join(blocker, 'ledger.db') });
    const res = await adherence(instance, Date.UTC(2026, 3, 1));
    expect(col(res.frames[0], 'period')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(res.frames[0].meta?.notices?.map((x) => x.text).join(' ')).toContain(`ledger not read (live figures only): cannot open the ledger: ${path.join(blocker, 'ledger.db')}: EEXIST`);
    expect((await checkInstanceHealth(instance, signal)).message).toContain('cannot open the ledger');
  });

  it('says what to fix when PostgreSQL is chosen without a connection string', async () => {
    const instance = new Instance({ jsonData: { demo: true, catalogYaml: CATALOG(), ledgerBackend: 'postgres' }, decryptedSecureJsonData: {}, uid: 'pg' }, { backfillDelayMs: null });
    instances.push(instance);
    expect((await checkInstanceHealth(instance, signal)).message).toContain('the ledger is set to PostgreSQL but secureJsonData has no "ledger.postgresUrl"');
  });
});

describe('policy history and export through the resource API', () => {
  const policy: ErrorBudgetPolicy = {
    name: 'identity-policy',
    scope: { teams: ['identity'], services: [] },
    purpose: 'keep login reliable',
    conditions: [
      { id: 'A', description: 'budget exhausted before the period ends', kind: 'premature-exhaustion', trigger: 'automatic' },
      { id: 'incidents', description: 'more than two P1 incidents this week', kind: 'manual', trigger: 'manual' },
    ],
    consequences: [{ id: 'freeze', description: 'stop feature releases', when: ['A'], blocksReleases: true, environments: [] }],
    escalation: 'head of engineering',
    agreedBy: ['product', 'sre'],
    origin: { file: 't', line: 1, column: 1, path: 'policies[0]', format: 'sloledger/v1' },
  };
  const user = (login: string, role: string): UserInfo => ({ login, name: login, email: '', role });
  const call = (instance: Instance, method: string, url: string, body?: unknown, who?: UserInfo) => {
    const req: CallResourceRequest = {
      context: { orgId: 1, pluginId: 'sloledger-datasource', pluginVersion: '', userAgent: '', apiVersion: '', namespace: '', grafanaConfig: {} },
      user: who,
      path: url.split('?')[0],
      url,
      method,
      headers: {},
      body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
    };
    return handleResource(instance, req);
  };
  const json = (res: { body?: unknown }) => JSON.parse(String(res.body));
  const withPolicy = () => {
    const made = makeInstance();
    const real = made.instance.catalog.bind(made.instance);
    jest.spyOn(made.instance, 'catalog').mockImplementation(() => {
      const loaded = real();
      return { ...loaded, catalog: { ...loaded.catalog, policies: [policy] } };
    });
    return made.instance;
  };

  it.each([
    ['a Viewer', user('vera', 'Viewer'), 'recording a manual condition state needs the Editor role or above in this organisation; vera has the Viewer role'],
    ['a request without user', undefined, 'recording a manual condition state needs a signed-in user with the Editor role or above; this request carries no user'],
  ])('refuses a manual condition write from %s with 403', async (_name, who, message) => {
    const instance = withPolicy();
    const res = await call(instance, 'POST', 'policies/identity-policy/conditions/incidents', { met: true }, who);
    expect(res.status).toBe(403);
    expect(json(res)).toEqual({ error: message });
    expect(await ledgerManualStates(instance.ledger).list()).toEqual([]);
  });

  it('records a manual condition state from an Editor with who and when, and policy evaluation reads it', async () => {
    const instance = withPolicy();
    const res = await call(instance, 'POST', 'policies/identity-policy/conditions/incidents', { met: true, note: 'three P1s' }, user('erin', 'Editor'));
    expect(res.status).toBe(201);
    const state = json(res);
    expect(state).toMatchObject({ policy: 'identity-policy', conditionId: 'incidents', met: true, note: 'three P1s', by: 'erin' });
    await call(instance, 'POST', 'policies/identity-policy/conditions/incidents', { met: false }, user('adam', 'Admin'));
    expect((await ledgerManualStates(instance.ledger).list()).map((s) => [s.met, s.by])).toEqual([[false, 'adam']]);
    const read = json(await call(instance, 'GET', 'policies/identity-policy/conditions', undefined, user('vera', 'Viewer')));
    expect(read.history.map((s: { by: string }) => s.by)).toEqual(['adam', 'erin']);
  });

  it.each([
    ['an unknown policy', 'POST', 'policies/nope/conditions/incidents', { met: true }, 404, 'no error budget policy "nope" in the catalog (known: identity-policy)'],
    ['an automatic condition', 'POST', 'policies/identity-policy/conditions/A', { met: true }, 400, 'condition "A" of policy "identity-policy" is evaluated automatically; only manual conditions are checked by a person (book 10.5)'],
    ['an unknown condition', 'POST', 'policies/identity-policy/conditions/Z', { met: true }, 404, 'policy "identity-policy" has no condition "Z" (known: A, incidents)'],
    ['a body without met', 'POST', 'policies/identity-policy/conditions/incidents', { note: 'x' }, 400, 'met: required, true or false'],
    ['an enactment of an unknown consequence', 'POST', 'policies/identity-policy/enactments', { conditionId: 'A', atMs: NOW, consequences: ['party'] }, 400, 'consequences: policy "identity-policy" has no consequence "party"'],
    ['a malformed path', 'POST', 'policies/identity%zz/conditions/incidents', { met: true }, 400, 'malformed percent-encoding in policies/identity%zz/conditions/incidents'],
    ['periods in an unknown format', 'GET', 'ledger/periods?format=xml', undefined, 400, 'format: "xml" must be json or csv'],
    ['periods from a bad date', 'GET', 'ledger/periods?from=last-week', undefined, 400, 'from: "last-week" is neither epoch milliseconds nor an ISO date'],
  ])('answers %s with a clear error', async (_name, method, url, body, status, error) => {
    const res = await call(withPolicy(), method, url, body, user('erin', 'Editor'));
    expect(res.status).toBe(status);
    expect(json(res)).toEqual({ error });
  });

  it('records enactments and reviews from Editors and lists them for everyone', async () => {
    const instance = withPolicy();
    const enactment = { conditionId: 'A', atMs: Date.UTC(2026, 4, 20), trigger: 'automatic', consequences: ['freeze'], sloId: 'accounts/login-monthly', period: '2026-05', workItems: [{ url: 'https://issues.example/SRE-7', status: 'open' }] };
    expect((await call(instance, 'POST', 'policies/identity-policy/enactments', enactment, user('vera', 'Viewer'))).status).toBe(403);
    const saved = await call(instance, 'POST', 'policies/identity-policy/enactments', enactment, user('erin', 'Editor'));
    expect(saved.status).toBe(201);
    expect(json(saved)).toMatchObject({ ...enactment, policy: 'identity-policy', by: 'erin' });
    const listed = json(await call(instance, 'GET', 'policies/identity-policy/enactments', undefined, user('vera', 'Viewer')));
    expect(listed.enactments).toEqual([json(saved)]);
    const review = await call(instance, 'POST', 'policies/identity-policy/reviews', { nextReviewMs: Date.UTC(2026, 11, 1) }, user('erin', 'Editor'));
    expect(json(review)).toMatchObject({ policy: 'identity-policy', nextReviewMs: Date.UTC(2026, 11, 1), by: 'erin' });
  });

  it('exports the closed periods as JSON and CSV, filtered by SLO and kind', async () => {
    const instance = withPolicy();
    await instance.closer.backfill(NOW);
    const all = json(await call(instance, 'GET', 'ledger/periods', undefined, user('vera', 'Viewer')));
    expect(all.periods).toHaveLength(15);
    const some = json(await call(instance, 'GET', `ledger/periods?slo=accounts/login-monthly&kind=budget&from=${Date.UTC(2026, 3, 15)}`, undefined, user('vera', 'Viewer')));
    expect(some.periods.map((p: { label: string }) => p.label)).toEqual(['2026-04', '2026-05']);
    const csv = await call(instance, 'GET', 'ledger/periods?sla=sla/accounts-contract&kind=month&format=csv', undefined, user('vera', 'Viewer'));
    expect(csv.headers).toMatchObject({ 'Content-Type': 'text/csv; charset=utf-8' });
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^sla,sla\/accounts-contract,,month,2026-03,2026-03-01T00:00:00.000Z,2026-04-01T00:00:00.000Z,0\.99\d+,/);
  });
});
