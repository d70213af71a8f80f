/**
 * The backend against a real Prometheus (Debian's package) with backfilled
 * history: bucket counts, SLI and remaining budget computed by SLO Ledger
 * agree with the generator's exact counts and with independent PromQL.
 * Skipped with a printed reason when Prometheus is not installed (CI installs it).
 */
import { parseDatasourceSettings } from '../../src/core/contracts/settings';
import { Slo } from '../../src/core/model/model';
import { computeSlo } from '../../src/backend/handlers/compute/engine';
import { HttpCountSource } from '../../src/backend/sources/prometheus';
import { evaluatePolicy } from '../../src/core/policy/evaluatePolicy';
import { policyFigures } from '../../src/core/policy/figures';
import { makePolicy, makeService } from '../../src/core/testing/factories';
import { badPerMinute, MINUTE, prometheusAvailable, RunningPrometheus, startPrometheus, TOTAL_PER_MINUTE } from './prometheus/fixture';

jest.setTimeout(120_000);
const HOUR = 3_600_000;
const available = prometheusAvailable();
if (!available) {
  console.warn('realPrometheus: prometheus/promtool not installed, skipped (CI installs the Debian package)');
}

const slo = (over: Partial<Slo> = {}): Slo => ({
  id: 'checkout/availability',
  name: 'availability',
  service: 'checkout',
  team: 'payments',
  sli: 'availability',
  objective: 0.999,
  period: { kind: 'rolling', lengthMs: 24 * HOUR },
  budgeting: 'occurrences',
  source: { type: 'prometheus' },
  query: {
    bad: 'sum(increase(http_requests_total{service="checkout",code="500"}[$__window]))',
    total: 'sum(increase(http_requests_total{service="checkout"}[$__window]))',
  },
  minEvents: 0,
  labels: {},
  isDefault: false,
  origin: { file: 't', line: 1, column: 1, path: '', format: 'sloledger/v1' },
  ...over,
});

(available ? describe : describe.skip)('against a real Prometheus', () => {
  let prom: RunningPrometheus;
  let source: HttpCountSource;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    const started = Date.now();
    prom = await startPrometheus(3);
    console.log(`realPrometheus: 3 days backfilled and Prometheus ready in ${Date.now() - started} ms`);
    const { settings } = parseDatasourceSettings({ connections: [{ name: 'prom', type: 'prometheus', url: prom.url }] });
    source = new HttpCountSource(settings.connections[0], {});
  });
  afterAll(async () => prom?.stop());

  async function instant(expr: string): Promise<number> {
    const res = await fetch(`${prom.url}/api/v1/query?${new URLSearchParams({ query: expr, time: String(prom.endMs / 1000) })}`);
    const body = (await res.json()) as { data: { result: Array<{ value: [number, string] }> } };
    return Number(body.data.result[0].value[1]);
  }

  it('fetches bucket counts that match the generator within increase() extrapolation (≤ 1%)', async () => {
    const from = prom.endMs - 12 * HOUR;
    const { buckets } = await computeSlo(slo(), source, from, prom.endMs, prom.endMs, signal);
    const lastDay = Math.round((24 * HOUR) / buckets.stepMs);
    const n = buckets.total.length;
    let total = 0;
    let bad = 0;
    for (let i = n - lastDay; i < n; i++) {
      total += buckets.total[i];
      bad += buckets.total[i] - buckets.good[i];
    }
    let expectedBad = 0;
    for (let t = prom.endMs - 24 * HOUR + MINUTE; t <= prom.endMs; t += MINUTE) {
      expectedBad += badPerMinute(t, prom.endMs);
    }
    expect(Math.abs(total / (24 * 60 * TOTAL_PER_MINUTE) - 1)).toBeLessThan(0.01);
    expect(Math.abs(bad / expectedBad - 1)).toBeLessThan(0.01);
  });

  it('computes SLI and remaining budget that agree with PromQL over the trailing day (tolerance 0.5 budget points)', async () => {
    const { series } = await computeSlo(slo(), source, prom.endMs - 6 * HOUR, prom.endMs, prom.endMs, signal);
    const last = series.remaining.length - 1;
    const bad = await instant('sum(increase(http_requests_total{service="checkout",code="500"}[1d]))');
    const total = await instant('sum(increase(http_requests_total{service="checkout"}[1d]))');
    const promSli = 1 - bad / total;
    const promRemaining = 1 - bad / total / 0.001;
    expect(Math.abs(series.sli[last] - promSli)).toBeLessThan(1e-4);
    expect(Math.abs(series.remaining[last] - promRemaining)).toBeLessThan(0.005);
    // exact: 1,440 background + 120 × 49 incident bad requests = 7,320 against a
    // budget of 0.1% × 1,440,000 = 1,440 → remaining 1 − 7320/1440 = −408% (budget debt, book 3.3)
    expect(series.remaining[last]).toBeCloseTo(1 - 7320 / 1440, 1);
  });

  it('shows the incident as a burn-rate spike: 1h burn ≈ 50 inside it, ≈ 1 outside', async () => {
    const { series } = await computeSlo(slo(), source, prom.endMs - 12 * HOUR, prom.endMs, prom.endMs, signal);
    const at = (ms: number) => series.times.findIndex((t) => t >= ms);
    expect(series.burn['1h'][at(prom.endMs - 6.5 * HOUR)]).toBeCloseTo(50, -0.5);
    expect(series.burn['1h'][at(prom.endMs - HOUR)]).toBeCloseTo(1, 0);
  });

  it('discovers endpoint label values for default SLOs with an instant query (book 6.7)', async () => {
    expect(await source.labelValues('sum by (code) (rate(http_requests_total{service="checkout"}[1h]))', 'code', prom.endMs, signal)).toEqual(['200', '500']);
  });

  it('judges error budget policy conditions B and E on the real figures (book table 10.2)', async () => {
    const { periods } = await computeSlo(slo(), source, prom.endMs - 24 * HOUR, prom.endMs, prom.endMs, signal);
    const figures = policyFigures({ id: 'checkout/availability', service: 'checkout', team: 'payments' }, periods);
    const policy = makePolicy({
      conditions: [
        { id: 'B', description: '70% spent', kind: 'budget-spent', trigger: 'automatic', pct: 70 },
        { id: 'E', description: '30% within 24 h', kind: 'burn-within', trigger: 'automatic', pct: 30, withinMs: 24 * HOUR },
      ],
      consequences: [{ id: 'J', description: 'Stop releases to production', when: ['E'], blocksReleases: true, environments: ['prod'] }],
    });
    const result = evaluatePolicy(policy, { services: [makeService()], figures: [figures], manual: [], nowMs: prom.endMs });
    // the incident leaves −408% over the trailing day: 508% of the budget spent, all of it within 24 h
    expect(result.conditions.map((c) => c.met)).toEqual([true, true]);
    expect(result.conditions[0].because).toMatch(/checkout\/availability: 50\d\.\d% of the rolling 1d budget spent/);
    expect(result.gates.find((g) => g.environment === 'prod')?.decision).toBe('deny');
  });

  it('turns a PromQL syntax error into a clear per-SLO error', async () => {
    const broken = slo({ query: { bad: 'sum(increase(http_requests_total{[$__window]))', total: 'sum(increase(x[$__window]))' } });
    await expect(computeSlo(broken, source, prom.endMs - HOUR, prom.endMs, prom.endMs, signal)).rejects.toThrow(/prom: query failed \(400\)/);
  });
});
