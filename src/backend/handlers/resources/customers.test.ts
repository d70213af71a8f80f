/** Per-customer SLA figures (book 11.2.7) on the demo source, whose three customers split traffic and errors differently. */
import { IndicatorResponse, OptionsResponse } from '../../../core/contracts/resourceContract';
import { CallResourceRequest } from '../../protocol/handlers';
import { handleResource } from './router';
import { Instance } from '../instance/instance';
import { CUSTOMER_CATALOG_YAML } from '../testing/customerCatalog';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20);

const YAML = CUSTOMER_CATALOG_YAML;

const get = (url: string) => ({ path: url.split('?')[0], url, method: 'GET', headers: {}, body: Buffer.alloc(0) }) as unknown as CallResourceRequest;
const range = `from=${NOW - 60 * DAY}&to=${NOW}`;

async function json<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await handleResource(new Instance({ jsonData: { demo: true, catalogYaml: YAML }, decryptedSecureJsonData: {} }), get(url));
  return { status: res.status, body: JSON.parse(String(res.body)) as T };
}

const rowsFor = async (customer?: string) => (await json<IndicatorResponse>(`indicators/sla-depletion?${range}${customer ? `&customer=${customer}` : ''}`)).body;
const row = (body: IndicatorResponse, sla: string, period: string) => body.rows.find((r) => r.sla === sla && r.period === period)!;

describe('options/customers', () => {
  it('lists the demo customers of an SLA with a customer label', async () => {
    const { status, body } = await json<OptionsResponse>('options/customers?sla=sla/per-customer');
    expect(status).toBe(200);
    expect(body.values.map((v) => v.value)).toEqual(['acme', 'globex', 'initech']);
  });

  it('without sla=, lists the customers of every SLA with a customer label (the Customer variable)', async () => {
    const { status, body } = await json<OptionsResponse>('options/customers');
    expect(status).toBe(200);
    expect(body.values.map((v) => v.value)).toEqual(['acme', 'globex', 'initech']);
  });

  it.each([
    ['an SLA without a customer label has no customers', 'sla=sla/contract', 200, undefined],
    ['an unknown SLA is refused with the known ones', 'sla=sla/nope', 400, 'options/customers: "sla" must name an SLA of the catalog (sla/contract, sla/per-customer, sla/unsplittable), got "sla/nope"'],
  ])('%s', async (_, query, status, error) => {
    const res = await json<OptionsResponse & { error?: string }>(`options/customers?${query}`);
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(error);
  });
});

describe('indicators/sla-depletion?customer=', () => {
  it('computes an SLA with a customer label from its components restricted to that customer; two customers differ', async () => {
    const acme = row(await rowsFor('acme'), 'sla/per-customer', '2026-10');
    const initech = row(await rowsFor('initech'), 'sla/per-customer', '2026-10');
    expect(acme.customer).toBe('acme');
    expect(initech.customer).toBe('initech');
    expect(acme.total).not.toBe(initech.total);
    // the smallest customer carries half the errors (demoCustomers.ts): a lower SLI
    expect(initech.sliValue as number).toBeLessThan(acme.sliValue as number);
  });

  it('adds up: the customers\' good and total sum to the all-customer figures, and each total is at most the whole', async () => {
    const whole = row(await rowsFor(), 'sla/per-customer', '2026-10');
    const parts = await Promise.all(['acme', 'globex', 'initech'].map(async (c) => row(await rowsFor(c), 'sla/per-customer', '2026-10')));
    expect(parts.reduce((s, r) => s + (r.total as number), 0)).toBeCloseTo(whole.total as number, 3);
    expect(parts.reduce((s, r) => s + (r.good as number), 0)).toBeCloseTo(whole.good as number, 3);
    expect(parts.every((r) => (r.total as number) <= (whole.total as number))).toBe(true);
    // Σgood / Σtotal, book 11.2.7: the end-of-period budget follows from the customer's own counts
    const acme = parts[0];
    expect(acme.endRemaining).toBeCloseTo(1 - ((acme.total as number) - (acme.good as number)) / (0.005 * (acme.total as number)), 6);
  });

  it('leaves an SLA without a customer label unaffected and says so per row', async () => {
    const whole = row(await rowsFor(), 'sla/contract', '2026-10');
    const acme = row(await rowsFor('acme'), 'sla/contract', '2026-10');
    expect(acme.customer).toBeNull();
    expect([acme.good, acme.total]).toEqual([whole.good, whole.total]);
  });

  it('names an SLA whose query cannot be restricted, and still answers the others', async () => {
    const body = await rowsFor('acme');
    expect(body.notices).toContain('sla/unsplittable: no figures for customer "acme": checkout/broken: cannot restrict query.good to customer="acme": the selector {slo="b",customer="x"} already matches label "customer"');
    expect(body.rows.some((r) => r.sla === 'sla/unsplittable')).toBe(false);
    expect(body.rows.some((r) => r.sla === 'sla/per-customer')).toBe(true);
    expect(body.notices.join('\n')).not.toContain('figures are over all customers');
  });
});
