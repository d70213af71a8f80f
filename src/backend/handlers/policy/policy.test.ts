/**
 * Error budget policies end to end over the demo source (book ch. 10): the
 * `policy` query, the catalog frame's gate columns, policy-trigger
 * annotations, and the `policies` / `gates/<service>` resources.
 *
 * The demo's background error ratio is 0.02%, so a 99.99% SLO burns at twice
 * its budget all the time and exhausts it halfway through every month
 * (condition A); a 90% SLO never comes close to any condition.
 */
import { Frame } from '../../protocol/frame';
import { DataQuery } from '../../protocol/handlers';
import { Instance } from '../instance/instance';
import { InMemoryManualStateStore } from './manualStates';
import { gateResource, policiesResource } from '../resources/policies';
import { runQuery } from '../query/pipeline';
import { handleResource } from '../resources/router';
import { POLICY_COLUMNS } from '../../../core/contracts/frameContract';
import { GateResponse, PoliciesResponse } from '../../../core/contracts/resourceContract';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 9, 28); // 28 October 2026: the strict SLO ran out mid-month
const signal = new AbortController().signal;

const CATALOG = `
apiVersion: sloledger/v1
teams:
  - { name: identity, policy: identity-policy }
  - { name: finance, policy: finance-policy }
services:
  - name: accounts
    team: identity
    deployments: [staging, prod]
    slos:
      - { name: strict, sli: availability, objective: 99.99, deployment: prod, period: { calendar: month }, source: demo, good: 'demo_good{slo="accounts-login"}[$__window]', total: 'demo_total{slo="accounts-login"}[$__window]' }
  - name: billing
    team: finance
    slos:
      - { name: loose, sli: availability, objective: 90, period: { calendar: month }, source: demo, good: 'demo_good{slo="billing"}[$__window]', total: 'demo_total{slo="billing"}[$__window]' }
policies:
  - name: identity-policy
    scope: { teams: [identity] }
    purpose: Logins first
    conditions:
      - { id: A, kind: premature-exhaustion, description: Exhausted before the period ends }
      - { id: B, kind: budget-spent, pct: 70, description: 70% spent }
      - { id: C, kind: manual, description: Customers escalated }
    consequences:
      - { id: J, when: [A], blocksReleases: true, environments: [prod], description: Stop feature releases to production }
      - { id: I, when: [C], blocksReleases: true, environments: [staging], description: Stop feature releases to staging }
      - { id: H, when: [B], description: Communicate the budget state }
    escalation: Engineering manager
    agreedBy: [ops, dev, po]
    nextReview: 2026-10-01
  - name: finance-policy
    scope: { teams: [finance] }
    purpose: Billing stays correct
    conditions:
      - { id: A, kind: premature-exhaustion, description: Exhausted before the period ends }
    consequences:
      - { id: J, when: [A], blocksReleases: true, description: Stop all feature releases }
    escalation: CFO
    agreedBy: [finance team]
    nextReview: 2027-10-01
`;

const makeInstance = () => new Instance({ jsonData: { demo: true, catalogYaml: CATALOG }, decryptedSecureJsonData: {} });
const query = (queryType: string, json: Record<string, unknown> = {}): DataQuery =>
  ({ refId: 'A', queryType, maxDataPoints: 1000, intervalMs: 60_000, timeRange: { fromMs: NOW - 30 * DAY, toMs: NOW }, json }) as DataQuery;
const col = (f: Frame, name: string) => Array.from(f.fields.find((x) => x.name === name)!.values as ArrayLike<unknown>);
function rows(f: Frame): Array<Record<string, unknown>> {
  const names = f.fields.map((x) => x.name);
  return col(f, names[0]).map((_, i) => Object.fromEntries(names.map((n) => [n, col(f, n)[i]])));
}
const body = <T>(res: { body?: unknown }) => JSON.parse(String(res.body)) as T;

describe('the policy query (book ch. 10)', () => {
  it('answers one row per condition, consequence, gate and review, in the documented columns', async () => {
    const res = await runQuery(makeInstance(), query('policy'), signal, NOW);
    expect(res.error).toBeUndefined();
    const frame = res.frames[0];
    expect(frame.fields.map((f) => f.name)).toEqual([...POLICY_COLUMNS]);
    const byKey = Object.fromEntries(rows(frame).map((r) => [`${r.policy} ${r.row} ${r.id}`, r]));
    expect(Object.keys(byKey)).toEqual([
      'identity-policy condition A', 'identity-policy condition B', 'identity-policy condition C',
      'identity-policy consequence J', 'identity-policy consequence I', 'identity-policy consequence H',
      'identity-policy gate accounts@staging', 'identity-policy gate accounts@prod', 'identity-policy review next-review',
      'finance-policy condition A', 'finance-policy consequence J', 'finance-policy gate billing@*', 'finance-policy review next-review',
    ]);
    const a = byKey['identity-policy condition A'];
    expect(a).toMatchObject({ trigger: 'automatic', active: true, state: 'met', slos: 'accounts/strict@prod' });
    // the demo's incidents exhaust the 99.99% budget early in October; the words and the instant agree
    const daysIn = ((a.since as number) - Date.UTC(2026, 9, 1)) / DAY;
    expect(daysIn).toBeGreaterThan(0);
    expect(daysIn).toBeLessThan(27);
    expect(a.because).toMatch(new RegExp(`^accounts/strict@prod: budget exhausted ${daysIn.toFixed(1)} days into 2026-10, before the period ends \\(-\\d+\\.\\d% left\\)$`));
    expect(byKey['identity-policy condition B']).toMatchObject({ active: true, state: 'met' });
    expect(byKey['identity-policy condition C']).toMatchObject({ trigger: 'manual', active: false, because: expect.stringContaining('not recorded yet') });
    expect(byKey['identity-policy consequence J']).toMatchObject({ active: true, state: 'in force', blocksReleases: true, environment: 'prod' });
    expect(byKey['identity-policy gate accounts@prod']).toMatchObject({ active: true, state: 'deny', service: 'accounts', environment: 'prod' });
    expect(byKey['identity-policy gate accounts@staging']).toMatchObject({ active: false, state: 'allow' });
    expect(byKey['identity-policy review next-review']).toMatchObject({ active: true, state: 'overdue', since: Date.UTC(2026, 9, 1) });
    expect(byKey['finance-policy condition A']).toMatchObject({ active: false, because: 'no SLO in scope exhausted its budget in the current period' });
    expect(byKey['finance-policy gate billing@*']).toMatchObject({ state: 'allow' });
    expect(byKey['finance-policy review next-review']).toMatchObject({ state: 'due' });
  });

  it('selects the policies of the chosen team', async () => {
    const res = await runQuery(makeInstance(), query('policy', { teams: ['finance'] }), signal, NOW);
    expect(new Set(col(res.frames[0], 'policy'))).toEqual(new Set(['finance-policy']));
  });

  it.each([
    ['a policy query for one team', () => query('policy', { teams: ['finance'] })],
    ['a catalog query filtered to one service', () => query('catalog', { services: ['billing'] })],
  ])('%s fetches only the SLOs of the policies it needs', async (_name, q) => {
    const instance = makeInstance();
    const demo = instance.sources.get('demo')!;
    const asked: string[] = [];
    instance.sources.set('demo', { name: 'demo', health: demo.health.bind(demo), rangeCounts: (expr, ...rest) => (asked.push(expr), demo.rangeCounts(expr, ...rest)) });
    await runQuery(instance, q(), signal, NOW);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((e) => e.includes('slo="billing"'))).toBe(true);
  });

  it('a manual condition recorded met puts its consequence in force and closes the staging gate', async () => {
    const instance = makeInstance();
    instance.manualStates = new InMemoryManualStateStore();
    (instance.manualStates as InMemoryManualStateStore).record({ policy: 'identity-policy', conditionId: 'C', met: true, by: 'oncall', atMs: NOW - DAY, note: 'ticket spike' });
    const frame = (await runQuery(instance, query('policy', { teams: ['identity'] }), signal, NOW)).frames[0];
    const byKey = Object.fromEntries(rows(frame).map((r) => [`${r.row} ${r.id}`, r]));
    expect(byKey['condition C']).toMatchObject({ active: true, since: NOW - DAY, because: 'recorded met by oncall at 2026-10-27 00:00 UTC: ticket spike' });
    expect(byKey['gate accounts@staging']).toMatchObject({ state: 'deny', because: expect.stringContaining('consequence I "Stop feature releases to staging" is in force') });
  });

  it('a manual state store that fails is a warning, never a crash', async () => {
    const instance = makeInstance();
    instance.manualStates = { list: async () => Promise.reject(new Error('ledger offline')) };
    const frame = (await runQuery(instance, query('policy'), signal, NOW)).frames[0];
    expect(frame.meta?.notices).toEqual([expect.objectContaining({ severity: 'warning', text: expect.stringContaining('ledger offline') })]);
  });
});

describe('policy state in the catalog frame and in annotations', () => {
  it('fills releaseGate, gateReason and consequences per SLO', async () => {
    const frame = (await runQuery(makeInstance(), query('catalog'), signal, NOW)).frames[0];
    const bySlo = Object.fromEntries(rows(frame).map((r) => [r.slo, r]));
    expect(bySlo['accounts/strict@prod']).toMatchObject({ releaseGate: 'deny', consequences: 'J: Stop feature releases to production, H: Communicate the budget state' });
    expect(bySlo['accounts/strict@prod'].gateReason).toContain('policy identity-policy, consequence J');
    expect(bySlo['billing/loose']).toMatchObject({ releaseGate: 'allow', gateReason: 'policy finance-policy: no release-blocking consequence in force', consequences: '' });
  });

  it('marks when a policy condition became met (annotationKinds: policy)', async () => {
    const frame = (await runQuery(makeInstance(), query('episodes', { annotationKinds: ['policy'] }), signal, NOW)).frames[0];
    const titles = col(frame, 'title');
    expect(titles).toEqual(expect.arrayContaining(['identity-policy: condition A met (Exhausted before the period ends)', 'identity-policy: condition B met (70% spent)']));
    const a = titles.indexOf('identity-policy: condition A met (Exhausted before the period ends)');
    expect(col(frame, 'text')[a]).toContain('In force: J Stop feature releases to production');
    expect(col(frame, 'tags')[a]).toBe('policy,identity-policy,condition-A,automatic,accounts');
  });
});

describe('policies and gates resources (CD pipelines ask the gate)', () => {
  it('policies?team= gives the seven parts with the met conditions and consequences in force', async () => {
    const out = body<PoliciesResponse>(await policiesResource(makeInstance(), new URLSearchParams('team=identity'), NOW));
    expect(out.policies).toHaveLength(1);
    expect(out.policies[0]).toMatchObject({ policy: 'identity-policy', purpose: 'Logins first', escalation: 'Engineering manager', agreedBy: ['ops', 'dev', 'po'], nextReviewMs: Date.UTC(2026, 9, 1), reviewOverdue: true });
    expect(out.policies[0].conditions.map((c) => [c.id, c.met])).toEqual([['A', true], ['B', true], ['C', false]]);
    expect(out.policies[0].consequencesInForce.map((c) => c.id)).toEqual(['J', 'H']);
  });

  it.each([
    ['prod is denied while J is in force', 'accounts', 'environment=prod', 'deny'],
    ['staging is allowed', 'accounts', 'environment=staging', 'allow'],
    ['billing is allowed everywhere', 'billing', '', 'allow'],
  ])('gates: %s', async (_name, service, qs, decision) => {
    const res = await gateResource(makeInstance(), service, new URLSearchParams(qs), NOW);
    expect(res.status).toBe(200);
    const out = body<GateResponse>(res);
    expect(out.decision).toBe(decision);
    expect(out.reasons.length).toBeGreaterThan(0);
  });

  it.each([
    ['an unknown service is 404', 'gates/nope?environment=prod', 404, 'unknown service "nope"'],
    ['an environment the service does not have is 400', 'gates/accounts?environment=qa', 400, 'no environment "qa"'],
    ['an unknown team is 404', 'policies?team=nobody', 404, 'unknown team "nobody"'],
  ])('%s', async (_name, url, status, message) => {
    const res = await handleResource(makeInstance(), { path: url.split('?')[0], url, method: 'GET', body: Buffer.alloc(0) } as never);
    expect(res.status).toBe(status);
    expect(body<{ error: string }>(res).error).toContain(message);
  });

  it('the gate route answers through the resource dispatcher', async () => {
    const res = await handleResource(makeInstance(), { path: 'gates/accounts', url: 'gates/accounts?environment=prod', method: 'GET', body: Buffer.alloc(0) } as never);
    expect(res.status).toBe(200);
    expect(body<GateResponse>(res)).toMatchObject({ service: 'accounts', environment: 'prod', decision: expect.stringMatching(/^(allow|deny)$/) });
  });
});
