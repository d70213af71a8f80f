/**
 * The `customer` field through the query types (book 11.2.7: "it refers to all
 * the workflows executed for customer A and only customer A") on the demo
 * source, whose three customers split traffic and errors differently
 * (sources/demoCustomers.ts), cross-checked against the indicators/sla-*
 * resources, which compute the same restriction.
 */
import { IndicatorResponse } from '../../../core/contracts/resourceContract';
import { CallResourceRequest, DataQuery } from '../../protocol/handlers';
import { Frame, frameRows } from '../../protocol/frame';
import { Instance } from '../instance/instance';
import { runQuery } from '../query/pipeline';
import { handleResource } from '../resources/router';
import { customerQuery } from './customerQuery';
import { selectSlos } from '../query/selection';
import { CUSTOMER_CATALOG_YAML } from '../testing/customerCatalog';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20);
const FROM = NOW - 60 * DAY;
const signal = new AbortController().signal;

const instance = new Instance({ jsonData: { demo: true, catalogYaml: CUSTOMER_CATALOG_YAML }, decryptedSecureJsonData: {} }, { closePeriodsAfterRefresh: false });
afterAll(() => instance.dispose());

const dataQuery = (queryType: string, json: Record<string, unknown>): DataQuery => ({ refId: 'A', queryType, maxDataPoints: 1000, intervalMs: 60_000, timeRange: { fromMs: FROM, toMs: NOW }, json });
const run = (queryType: string, json: Record<string, unknown> = {}) => runQuery(instance, dataQuery(queryType, { timeScale: 'period', ...json }), signal, NOW);

type Row = Record<string, unknown>;
const rows = (frame: Frame): Row[] => frameRows(frame);
const slaRow = (all: Row[], sla: string, period: string) => all.find((r) => r.kind === 'sla' && r.slo === sla && r.period === period)!;
const notices = (frame: Frame) => (frame.meta?.notices ?? []).map((n) => n.text);

async function adherence(customer?: string) {
  const res = await run('adherence', customer === undefined ? {} : { customer });
  expect(res.error).toBeUndefined();
  return { frame: res.frames[0], rows: rows(res.frames[0]) };
}

async function resourceRows(indicator: string, customer: string): Promise<IndicatorResponse> {
  const url = `indicators/${indicator}?from=${FROM}&to=${NOW}&customer=${encodeURIComponent(customer)}`;
  const res = await handleResource(instance, { path: url.split('?')[0], url, method: 'GET', headers: {}, body: Buffer.alloc(0) } as unknown as CallResourceRequest, signal);
  return JSON.parse(String(res.body)) as IndicatorResponse;
}

describe('adherence query with a customer (book 11.2.7)', () => {
  it('computes an SLA with a customer label for that customer only: two customers differ and each row names its customer', async () => {
    const acme = slaRow((await adherence('acme')).rows, 'sla/per-customer', '2026-10');
    const initech = slaRow((await adherence('initech')).rows, 'sla/per-customer', '2026-10');
    expect([acme.customer, initech.customer]).toEqual(['acme', 'initech']);
    expect(acme.total).not.toBe(initech.total);
    // initech has 20% of the traffic and 50% of the errors (demoCustomers.ts): the lower SLI
    expect(initech.sliValue as number).toBeLessThan(acme.sliValue as number);
    expect(acme.sliValue).toBeCloseTo((acme.good as number) / (acme.total as number), 12);
  });

  it('adds up: the three customers\' good and total sum to the all-customer SLA row', async () => {
    const whole = slaRow((await adherence()).rows, 'sla/per-customer', '2026-10');
    const parts = await Promise.all(['acme', 'globex', 'initech'].map(async (c) => slaRow((await adherence(c)).rows, 'sla/per-customer', '2026-10')));
    expect(parts.reduce((s, r) => s + (r.total as number), 0)).toBeCloseTo(whole.total as number, 3);
    expect(parts.reduce((s, r) => s + (r.good as number), 0)).toBeCloseTo(whole.good as number, 3);
  });

  it.each(['acme', 'globex', 'initech'])('gives customer %s the same figures per period as indicators/sla-adherence does', async (customer) => {
    const query = (await adherence(customer)).rows.filter((r) => r.kind === 'sla' && r.slo === 'sla/per-customer');
    const resource = (await resourceRows('sla-adherence', customer)).rows.filter((r) => r.sla === 'sla/per-customer');
    expect(query.length).toBeGreaterThan(1);
    expect(query.map((r) => [r.period, r.state, r.good, r.total, r.customer])).toEqual(resource.map((r) => [r.period, r.state, r.good, r.total, r.customer]));
    query.forEach((r, i) => expect(r.sliValue).toBeCloseTo(resource[i].sliValue as number, 12));
  });

  it('keeps the SLO rows as they are without a customer: the restricted copies are not rows of their own', async () => {
    const plain = (await adherence()).rows.filter((r) => r.kind === 'slo');
    const acme = (await adherence('acme')).rows.filter((r) => r.kind === 'slo');
    expect(acme.map((r) => [r.slo, r.period, r.good, r.total])).toEqual(plain.map((r) => [r.slo, r.period, r.good, r.total]));
    expect(acme.every((r) => r.customer === '')).toBe(true);
  });

  it('leaves an SLA without a customer label at its all-customer figures, with a notice naming it', async () => {
    const whole = slaRow((await adherence()).rows, 'sla/contract', '2026-10');
    const { frame, rows: acmeRows } = await adherence('acme');
    const acme = slaRow(acmeRows, 'sla/contract', '2026-10');
    expect(acme.customer).toBe('');
    expect([acme.good, acme.total]).toEqual([whole.good, whole.total]);
    expect(notices(frame)).toContain('sla/contract: no customer label, so its figures are over all customers, not customer "acme" (add customerLabel to the SLA for per-customer figures)');
  });

  it('names an SLA whose component cannot be restricted, and still answers the others', async () => {
    const { frame, rows: acmeRows } = await adherence('acme');
    expect(notices(frame)).toContain('sla/unsplittable: no figures for customer "acme": checkout/broken: cannot restrict query.good to customer="acme": the selector {slo="b",customer="x"} already matches label "customer"');
    expect(acmeRows.some((r) => r.kind === 'sla' && r.slo === 'sla/unsplittable')).toBe(false);
    expect(acmeRows.some((r) => r.kind === 'sla' && r.slo === 'sla/per-customer')).toBe(true);
  });

  it('keeps an injection attempt inside the label value: the matcher selects a customer of that odd name, who has no traffic', async () => {
    const attempt = 'acme",slo="status';
    const { catalog } = instance.catalog();
    const plan = customerQuery(catalog, selectSlos(catalog.slos, {}), { queryType: 'adherence', customer: attempt })!.plan;
    const orders = plan.slos.find((s) => s.id === 'checkout/orders{customer="acme\\",slo=\\"status"}')!;
    expect(orders.query.total).toBe('demo_total{slo="orders",customer="acme\\",slo=\\"status"}[$__window]');
    // unescaped, the demo source would have read customer acme of SLO "status"; escaped, the whole text is one (unknown) customer
    const row = slaRow((await adherence(attempt)).rows, 'sla/per-customer', '2026-10');
    expect([row.customer, row.total, row.state]).toEqual([attempt, 0, 'No data']);
  });

  it.each([
    ['no customer', undefined],
    ['an empty customer', ''],
    ['"All" of a customer variable', '$__all'],
  ])('with %s answers over all customers and keeps the contract\'s columns', async (_, customer) => {
    const { frame } = await adherence(customer);
    expect(frame.fields.map((f) => f.name)).not.toContain('customer');
    expect(notices(frame).join('\n')).not.toContain('customer');
  });

  it('refuses several customers in one query with what to do instead', async () => {
    const res = await run('adherence', { customer: ['acme', 'globex'] });
    expect(res).toMatchObject({ status: 400, error: 'Bad query: customer must be one customer (got 2 values): use a single-value variable, or one query per customer' });
  });
});

describe('budget and depletion queries with a customer: the SLA depletion graph and table (book 11.2.7, figs. 11.9-11.10)', () => {
  const budgetOf = async (customer?: string) => {
    const res = await run('budget', customer === undefined ? {} : { customer });
    expect(res.error).toBeUndefined();
    return res.frames;
  };
  const endBudgets = (frame: Frame) => {
    const custom = frame.meta?.custom as { periods: Array<{ label: string }>; periodEndRemaining: Array<number | null> };
    return new Map(custom.periods.map((p, i) => [p.label, custom.periodEndRemaining[i]]));
  };

  it('adds one remaining-budget series per SLA with a customer label, named and labelled with the customer; the SLO series stay as they are', async () => {
    const plain = await budgetOf();
    const acme = await budgetOf('acme');
    const sla = acme.find((f) => f.name === 'sla/per-customer{customer="acme"}')!;
    expect(sla.fields[1].labels).toMatchObject({ slo: 'sla/per-customer', customer: 'acme', sli: 'availability' });
    expect(sla.fields[1].config?.displayNameFromDS).toBe('per-customer (acme) remaining budget');
    expect((sla.meta?.custom as { customer: string }).customer).toBe('acme');
    // without a customer every SLA has its all-customer series (sla/<name>); with one, only the customer's SLAs
    const sloNames = (frames: Frame[]) => frames.map((f) => f.name).filter((name) => !name.startsWith('sla/'));
    expect(acme.filter((f) => f !== sla).map((f) => f.name)).toEqual(sloNames(plain));
    expect(plain.map((f) => f.name).filter((name) => name.startsWith('sla/'))).toEqual(['sla/contract', 'sla/per-customer', 'sla/unsplittable']);
    expect(acme.some((f) => f.name.startsWith('checkout/orders{'))).toBe(false);
  });

  it('gives each customer its own curve, ending each finished period where indicators/sla-depletion says', async () => {
    const series = await Promise.all(['acme', 'initech'].map(async (c) => (await budgetOf(c)).find((f) => f.name === `sla/per-customer{customer="${c}"}`)!));
    const [acme, initech] = series.map(endBudgets);
    expect(acme.get('2026-10')).not.toBeCloseTo(initech.get('2026-10')!, 3);
    for (const [customer, ends] of [['acme', acme], ['initech', initech]] as const) {
      const resource = (await resourceRows('sla-depletion', customer)).rows.find((r) => r.sla === 'sla/per-customer' && r.period === '2026-10')!;
      expect(ends.get('2026-10')).toBeCloseTo(resource.endRemaining as number, 9);
    }
  });

  it('depletion: SLA rows for the customer with end budget and depletion speeds, equal to the resource\'s end budget', async () => {
    const res = await run('depletion', { customer: 'globex' });
    const all = rows(res.frames[0]);
    const sla = all.filter((r) => r.kind === 'sla');
    expect(sla.map((r) => [r.slo, r.customer])).toEqual(sla.map(() => ['sla/per-customer', 'globex']));
    const october = sla.find((r) => r.period === '2026-10')!;
    const resource = (await resourceRows('sla-depletion', 'globex')).rows.find((r) => r.sla === 'sla/per-customer' && r.period === '2026-10')!;
    expect(october.endRemaining).toBeCloseTo(resource.endRemaining as number, 9);
    // the demo's outages deplete the SLA's budget in episodes (book table 11.3): highest speed ≥ average
    expect(october.episodes as number).toBeGreaterThan(0);
    expect(october.highestSpeed as number).toBeGreaterThanOrEqual(october.avgSpeed as number);
    const plain = rows((await run('depletion')).frames[0]);
    const sloOnly = (list: Row[]) => list.filter((r) => r.kind === 'slo').map((r) => [r.slo, r.period, r.endRemaining]);
    expect(sloOnly(all)).toEqual(sloOnly(plain));
    // without a customer the SLAs' rows are over all customers
    expect([...new Set(plain.filter((r) => r.kind === 'sla').map((r) => `${r.slo} ${r.customer === '' ? 'all customers' : String(r.customer)}`))]).toEqual(['sla/contract all customers', 'sla/per-customer all customers', 'sla/unsplittable all customers']);
  });

  it('names an SLA without a customer label, which has no series for the customer', async () => {
    const [first] = await budgetOf('acme');
    expect(notices(first)).toContain('sla/contract: no customer label, so it has no figures for customer "acme" (add customerLabel to the SLA for per-customer figures)');
    expect((await budgetOf('acme')).some((f) => f.name.startsWith('sla/contract'))).toBe(false);
  });

  it('a query type without SLA rows ignores the customer', async () => {
    const plain = await run('sli');
    const acme = await run('sli', { customer: 'acme' });
    expect(acme.frames.map((f) => f.name)).toEqual(plain.frames.map((f) => f.name));
  });
});
