/**
 * SLAs in the `budget`, `depletion` and `exhaustion` queries, with or without
 * a customer (book 11.2.6-11.2.8, figs. 11.9-11.10), on the demo source: an
 * SLA's figures are those of its components' summed counts, equal to what
 * indicators/sla-depletion says for the same range; a selection holding no
 * SLA answers exactly the SLO-only frames it always did.
 */
import { DEPLETION_COLUMNS, EXHAUSTION_COLUMNS } from '../../../core/contracts/frameContract';
import { IndicatorResponse } from '../../../core/contracts/resourceContract';
import { CallResourceRequest, DataQuery } from '../../protocol/handlers';
import { Frame, frameRows } from '../../protocol/frame';
import { Instance } from '../instance/instance';
import { runQuery } from '../query/pipeline';
import { handleResource } from '../resources/router';
import { CUSTOMER_CATALOG_YAML } from '../testing/customerCatalog';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20);
const FROM = NOW - 60 * DAY;
const signal = new AbortController().signal;

const instance = new Instance({ jsonData: { demo: true, catalogYaml: CUSTOMER_CATALOG_YAML }, decryptedSecureJsonData: {} }, { closePeriodsAfterRefresh: false });
afterAll(() => instance.dispose());

const dataQuery = (queryType: string, json: Record<string, unknown>): DataQuery => ({ refId: 'A', queryType, maxDataPoints: 1000, intervalMs: 60_000, timeRange: { fromMs: FROM, toMs: NOW }, json });
async function run(queryType: string, json: Record<string, unknown> = {}) {
  const res = await runQuery(instance, dataQuery(queryType, { timeScale: 'period', ...json }), signal, NOW);
  expect(res.error).toBeUndefined();
  return res.frames;
}

type Row = Record<string, unknown>;
const rows = (frame: Frame): Row[] => frameRows(frame);
const tableRows = async (queryType: string, json: Record<string, unknown> = {}) => rows((await run(queryType, json))[0]);
const find = (all: Row[], slo: string, period: string) => all.find((r) => r.slo === slo && r.period === period)!;

async function slaDepletion(customer?: string): Promise<Row[]> {
  const url = `indicators/sla-depletion?from=${FROM}&to=${NOW}${customer ? `&customer=${customer}` : ''}`;
  const res = await handleResource(instance, { path: url.split('?')[0], url, method: 'GET', headers: {}, body: Buffer.alloc(0) } as unknown as CallResourceRequest, signal);
  return (JSON.parse(String(res.body)) as IndicatorResponse).rows as Row[];
}

/** book 11.2.7: the SLA's end budget from its components' counts, 1 − ΣB / (b · ΣT), b = 1 − 0.995. */
function endBudgetOfSum(components: Row[]): number {
  const good = components.reduce((s, r) => s + (r.good as number), 0);
  const total = components.reduce((s, r) => s + (r.total as number), 0);
  return 1 - (total - good) / ((1 - 0.995) * total);
}

describe('SLAs over all customers in budget, depletion and exhaustion (book 11.2.7, figs. 11.9-11.10)', () => {
  it('depletion: an SLA row per period whose end budget is that of Σgood / Σtotal of its components, as indicators/sla-depletion says', async () => {
    const [depletion, adherence, resource] = await Promise.all([tableRows('depletion'), tableRows('adherence'), slaDepletion()]);
    const row = find(depletion, 'sla/per-customer', '2026-10');
    expect([row.kind, row.customer]).toEqual(['sla', '']);
    // orders (99.9%) and status (99%) summed: a busy component weighs more than a quiet one (style habit 4)
    const components = ['checkout/orders', 'checkout/status'].map((slo) => find(adherence, slo, '2026-10'));
    expect(row.endRemaining).toBeCloseTo(endBudgetOfSum(components), 9);
    expect(row.endRemaining).toBeCloseTo(resource.find((r) => r.sla === 'sla/per-customer' && r.period === '2026-10')!.endRemaining as number, 9);
    // the demo's outages deplete it in episodes (book table 11.3)
    expect(row.episodes as number).toBeGreaterThan(0);
    expect(row.highestSpeed as number).toBeGreaterThanOrEqual(row.avgSpeed as number);
    expect(depletion.filter((r) => r.kind === 'sla').map((r) => r.slo)).toEqual(['sla/contract', 'sla/contract', 'sla/contract', 'sla/per-customer', 'sla/per-customer', 'sla/per-customer', 'sla/unsplittable', 'sla/unsplittable', 'sla/unsplittable']);
  });

  it('budget: one series per SLA named by its id, whose finished period ends where indicators/sla-depletion says', async () => {
    const [frames, resource] = await Promise.all([run('budget'), slaDepletion()]);
    const sla = frames.find((f) => f.name === 'sla/per-customer')!;
    expect(sla.fields[1].labels).toMatchObject({ slo: 'sla/per-customer', sli: 'availability', objective: '0.995' });
    expect(sla.fields[1].labels).not.toHaveProperty('customer');
    expect(sla.fields[1].config?.displayNameFromDS).toBe('per-customer remaining budget');
    const custom = sla.meta?.custom as { periods: Array<{ label: string }>; periodEndRemaining: number[]; customer?: string };
    expect(custom.customer).toBeUndefined();
    const october = custom.periodEndRemaining[custom.periods.findIndex((p) => p.label === '2026-10')];
    expect(october).toBeCloseTo(resource.find((r) => r.sla === 'sla/per-customer' && r.period === '2026-10')!.endRemaining as number, 9);
  });

  it('exhaustion: an SLA whose budget ran out early has its row, at the instant its burn-down reached 0', async () => {
    const [exhaustion, depletion] = await Promise.all([tableRows('exhaustion'), tableRows('depletion')]);
    // sla/unsplittable (99%) reads checkout/broken, whose good never matches: its budget is gone within the first buckets
    const row = find(exhaustion, 'sla/unsplittable', '2026-10');
    expect([row.kind, row.customer]).toEqual(['sla', '']);
    expect(row.timeToExhaustionMs as number).toBeLessThan(DAY);
    expect(row.exhaustedAt).toBe((row.periodStart as number) + (row.timeToExhaustionMs as number));
    const same = find(depletion, 'sla/unsplittable', '2026-10');
    expect([row.timeToExhaustionMs, row.endRemaining]).toEqual([same.timeToExhaustionMs, same.endRemaining]);
    expect(exhaustion.filter((r) => r.kind === 'sla').every((r) => r.exhaustedAt !== null)).toBe(true);
  });
});

describe('SLAs for one customer in depletion and exhaustion (book 11.2.7)', () => {
  it("depletion and exhaustion for a customer: the customer's SLA rows only, equal to indicators/sla-depletion for that customer", async () => {
    const [depletion, exhaustion, resource] = await Promise.all([tableRows('depletion', { customer: 'initech' }), tableRows('exhaustion', { customer: 'initech', onlyPremature: false }), slaDepletion('initech')]);
    const want = resource.find((r) => r.sla === 'sla/per-customer' && r.period === '2026-10')!.endRemaining as number;
    for (const all of [depletion, exhaustion]) {
      expect([...new Set(all.filter((r) => r.kind === 'sla').map((r) => `${r.slo} ${r.customer}`))]).toEqual(['sla/per-customer initech']);
      expect(find(all, 'sla/per-customer', '2026-10').endRemaining).toBeCloseTo(want, 9);
      // the components' restricted copies are computed for the SLA, not rows of their own
      expect(all.some((r) => String(r.slo).includes('{'))).toBe(false);
    }
    // initech carries half the errors with a fifth of the traffic (demoCustomers.ts): less budget left than over all customers
    const overAll = find(await tableRows('depletion'), 'sla/per-customer', '2026-10');
    expect(find(depletion, 'sla/per-customer', '2026-10').endRemaining as number).toBeLessThan(overAll.endRemaining as number);
  });

  it('exhaustion names an SLA without a customer label, which has no rows for the customer', async () => {
    const [frame] = await run('exhaustion', { customer: 'acme' });
    expect((frame.meta?.notices ?? []).map((n) => n.text)).toContain('sla/contract: no customer label, so it has no figures for customer "acme" (add customerLabel to the SLA for per-customer figures)');
  });
});

describe('a selection holding no SLA', () => {
  it.each([
    ['depletion', DEPLETION_COLUMNS],
    ['exhaustion', EXHAUSTION_COLUMNS],
  ])('answers %s with the contract columns and SLO rows only, as before SLAs were tabled', async (queryType, columns) => {
    // checkout/status alone: every SLA also needs checkout/orders or checkout/broken
    const [frame] = await run(queryType, { slos: ['checkout/status'], onlyPremature: false });
    expect(frame.fields.map((f) => f.name)).toEqual([...columns]);
    expect(rows(frame).map((r) => `${r.slo} ${r.period}`)).toEqual(['checkout/status 2026-09', 'checkout/status 2026-10', 'checkout/status 2026-11']);
  });

  it('answers budget with the SLO series only', async () => {
    expect((await run('budget', { slos: ['checkout/status'] })).map((f) => f.name)).toEqual(['checkout/status']);
  });

  it('keeps the SLO rows of a selection with SLAs exactly as the SLO-only selection gives them', async () => {
    const withSlas = await tableRows('depletion');
    const alone = await tableRows('depletion', { slos: ['checkout/status'] });
    const status = withSlas.filter((r) => r.slo === 'checkout/status').map(({ kind, customer, ...rest }) => [kind, customer, rest]);
    expect(status).toEqual(alone.map((r) => ['slo', '', r]));
  });
});
