import { IndicatorResponse, SloStateResponse } from '../../../core/contracts/resourceContract';
import { CallResourceRequest } from '../../protocol/handlers';
import { handleResource } from './router';
import { Instance } from '../instance/instance';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20);

/** Two demo services, one contractual SLA and one endpoint-level SLA: everything runs on the built-in demo source. */
const YAML = `apiVersion: sloledger/v1
defaults: { period: { calendar: month }, minEvents: 0 }
teams: [{ name: payments, onCall: { members: 2 } }, { name: identity }]
services:
  - name: checkout
    team: payments
    deployments: [prod]
    dependencies: [accounts]
    slos:
      - { name: orders, sli: availability, endpoint: POST /orders, objective: 99.9, source: demo, good: 'demo_good{slo="orders"}[$__window]', total: 'demo_total{slo="orders"}[$__window]' }
      - { name: status-latency, sli: latency, thresholdMs: 300, endpoint: GET /orders, objective: 99, source: demo, good: 'demo_good{slo="status"}[$__window]', total: 'demo_total{slo="status"}[$__window]' }
  - name: accounts
    team: identity
    deployments: [prod]
    slos:
      - { name: login, sli: availability, endpoint: POST /login, objective: 99.9, source: demo, good: 'demo_good{slo="login"}[$__window]', total: 'demo_total{slo="login"}[$__window]' }
slas:
  - { name: checkout-contract, service: checkout, contractual: true, objective: 99.5, period: { calendar: month }, components: [checkout/orders, checkout/status-latency] }
  - { name: orders-endpoint, service: checkout, contractual: false, objective: 99.8, period: { calendar: month }, components: [checkout/orders], customerLabel: customer }
`;

const instance = () => new Instance({ jsonData: { demo: true, catalogYaml: YAML }, decryptedSecureJsonData: {} });
const get = (path: string): CallResourceRequest => {
  const [p] = path.split('?');
  return { path: p, url: path, method: 'GET', headers: {}, body: Buffer.alloc(0) } as unknown as CallResourceRequest;
};
const range = `from=${NOW - 90 * DAY}&to=${NOW}`;

async function json<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await handleResource(instance(), get(path));
  return { status: res.status, body: JSON.parse(String(res.body)) as T };
}

describe('resource slos/<id>', () => {
  it('answers the state of one SLO with its periods, burn rates and priority', async () => {
    const { status, body } = await json<SloStateResponse>(`slos/${encodeURIComponent('checkout/orders')}?${range}`);
    expect(status).toBe(200);
    expect(body.error).toBeUndefined();
    expect(body.slo).toMatchObject({ id: 'checkout/orders', service: 'checkout', sli: 'availability', objective: 0.999, periodLabel: 'month calendar' });
    expect(body.periods.map((p) => p.label)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    expect(body.periods[3].adherence).toBe('In progress');
    expect(body.periods.slice(0, 3).every((p) => p.adherence === 'Fulfilled' || p.adherence === 'Broken')).toBe(true);
    expect(Object.keys(body.burnRates)).toEqual(['5m', '30m', '1h', '2h', '6h', '24h', '3d']);
    expect(body.remaining).toEqual(expect.any(Number));
    expect(body.daysLeft).toBe(11);
    expect(body.priority.level).toBeGreaterThanOrEqual(1);
  });

  it('agrees with the period figures: a finished period ends at 1 − B/(b·T)', async () => {
    const { body } = await json<SloStateResponse>(`slos/checkout%2Forders?${range}`);
    const p = body.periods[1];
    const expected = 1 - (p.total - p.good) / (0.001 * p.total);
    expect(p.endRemaining).toBeCloseTo(expected, 6);
    expect(p.adherence).toBe(p.sli! >= 0.999 ? 'Fulfilled' : 'Broken');
  });

  it.each([
    ['an unknown SLO', 'slos/nope', 404, 'no SLO with id "nope" in the catalog'],
    ['a bad range', 'slos/checkout%2Forders?from=yesterday', 400, 'slos/checkout/orders: "from" must be epoch milliseconds, got "yesterday"'],
    ['a reversed range', `slos/checkout%2Forders?from=${NOW}&to=${NOW - DAY}`, 400, `slos/checkout/orders: "from" (${NOW}) must be before "to" (${NOW - DAY})`],
  ])('names the problem with %s', async (_n, path, status, error) => {
    const res = await json<{ error: string }>(path);
    expect(res).toEqual({ status, body: { error } });
  });
});

describe('resource indicators/<name>', () => {
  it('lists SLOs by service with the services at risk first (book 11.2.2)', async () => {
    const { body } = await json<IndicatorResponse>(`indicators/slos-by-service?${range}`);
    expect(body.section).toBe('11.2.2');
    expect(body.rows).toHaveLength(3);
    const remaining = body.rows.map((r) => r.remaining as number);
    expect([...remaining].sort((a, b) => a - b)).toEqual(remaining);
    expect(body.columns).toContain('daysLeft');
  });

  it('gives depletion per period with end budget and speeds, least budget first (11.2.4)', async () => {
    const { body } = await json<IndicatorResponse>(`indicators/slo-depletion?${range}&service=checkout`);
    expect(body.rows.length).toBeGreaterThan(0);
    expect(new Set(body.rows.map((r) => r.service))).toEqual(new Set(['checkout']));
    expect(body.columns).toEqual(expect.arrayContaining(['endRemaining', 'avgSpeed', 'highestSpeed', 'timeToExhaustionMs']));
    const ends = body.rows.map((r) => r.endRemaining as number);
    expect([...ends].sort((a, b) => a - b)).toEqual(ends);
  });

  it('lists premature exhaustion with the time to exhaustion, fastest first (11.2.5)', async () => {
    const { body } = await json<IndicatorResponse>(`indicators/premature-exhaustion?${range}`);
    expect(body.rows.every((r) => typeof r.timeToExhaustionMs === 'number' && r.exhaustedAt !== null)).toBe(true);
    const t = body.rows.map((r) => r.timeToExhaustionMs as number);
    expect([...t].sort((a, b) => a - b)).toEqual(t);
  });

  it('gives SLA rows contractual and endpoint-level, with a notice for the customer label (11.2.7)', async () => {
    const { body } = await json<IndicatorResponse>(`indicators/sla-depletion?${range}`);
    expect(new Set(body.rows.map((r) => r.level))).toEqual(new Set(['contractual', 'endpoint-level']));
    expect(body.notices.join('\n')).toContain('orders-endpoint: figures are over all customers; choose a customer (by label "customer")');
    const contract = body.rows.find((r) => r.sla === 'sla/checkout-contract' && r.period === '2026-10')!;
    const expected = 1 - ((contract.total as number) - (contract.good as number)) / (0.005 * (contract.total as number));
    expect(contract.endRemaining).toBeCloseTo(expected, 6);
  });

  it('gives one row per SLA for SLAs by service (11.2.6)', async () => {
    const { body } = await json<IndicatorResponse>(`indicators/slas-by-service?${range}`);
    expect(body.rows.map((r) => r.sla).sort()).toEqual(['sla/checkout-contract', 'sla/orders-endpoint']);
  });

  it('ranks the slowest endpoints among latency SLOs only (11.2.13)', async () => {
    const { body } = await json<IndicatorResponse>(`indicators/slowest-endpoints?${range}`);
    expect(body.rows.map((r) => r.slo)).toEqual(['checkout/status-latency']);
  });

  it('ranks the least available endpoints lowest SLI first, top N (11.2.12)', async () => {
    const { body } = await json<IndicatorResponse>(`indicators/least-available-endpoints?${range}&topN=2`);
    expect(body.rows).toHaveLength(2);
    expect(body.rows[0].sliValue as number).toBeLessThanOrEqual(body.rows[1].sliValue as number);
  });

  it.each([
    ['an unknown indicator', 'indicators/happiness', 404, 'no indicator "happiness" (known: slos-by-service, slo-adherence, slo-depletion, premature-exhaustion, slas-by-service, sla-depletion, sla-adherence, on-call-rotations, least-available-endpoints, slowest-endpoints)'],
    ['a bad time scale', 'indicators/slo-depletion?timeScale=yearly', 400, 'indicators/slo-depletion: "timeScale" must be one of hourly, daily, weekly, monthly, period, got "yearly"'],
    ['a bad top N', 'indicators/slowest-endpoints?topN=0', 400, 'indicators/slowest-endpoints: "topN" must be a whole number above 0, got "0"'],
  ])('names the problem with %s', async (_n, path, status, error) => {
    expect(await json(path)).toEqual({ status, body: { error } });
  });

  it('lists on-call rotations by team from the catalog and calls out a team without one (11.2.10)', async () => {
    const { body } = await json<IndicatorResponse>('indicators/on-call-rotations');
    expect(body.rows).toEqual([
      { team: 'identity', rotation: null, services: 'accounts', people: null, chatChannel: null },
      { team: 'payments', rotation: null, services: 'checkout', people: 2, chatChannel: null },
    ]);
    expect(body.notices).toEqual(['identity: no on-call rotation recorded in the catalog — without one, reliability is endangered (book 11.2.10)']);
  });

  it('says so when nothing matches the selection', async () => {
    const { body } = await json<IndicatorResponse>(`indicators/slo-adherence?${range}&team=nobody`);
    expect(body.rows).toEqual([]);
    expect(body.notices).toContain('No SLO matches the selection');
  });
});
