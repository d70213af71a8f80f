/**
 * `sloledger report`: the SLO table from the datasource's own queries.
 * Against the demo source the numbers are deterministic and checked against
 * an independent sum of the demo's per-minute counts; against a real
 * Prometheus (the backfilled fixture) they agree with PromQL. Exit codes as
 * documented: 0 ok, 1 --fail-on condition, 2 usage, 3 incomplete.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/backend/cli/main';
import { CliIo } from '../../src/backend/cli/io';
import { nodeIo } from '../../src/backend/cli/nodeIo';
import { errorRatio, parseDemoExpression, trafficPerMinute } from '../../src/backend/sources/demo';
import { exampleCatalog } from './exampleCatalog';
import { prometheusAvailable, RunningPrometheus, startPrometheus } from './prometheus/fixture';

jest.setTimeout(120_000);
const root = path.resolve(__dirname, '../..');
const example = path.join(root, 'provisioning/slos');
const AT = '2026-11-30T12:00:00Z';
const MINUTE = 60_000;
const DAY = 86_400_000;
const catalog = exampleCatalog();

function capture(): CliIo & { out: string; err: string } {
  const io = { ...nodeIo, out: '', err: '' };
  io.stdout = (t: string) => void (io.out += t);
  io.stderr = (t: string) => void (io.err += t);
  return io;
}

async function report(args: string[]) {
  const io = capture();
  const code = await runCli(['report', ...args], io);
  return { code, out: io.out, err: io.err };
}

interface JsonReport {
  generatedAt: string;
  sources: string[];
  slos: Array<{ slo: string; sliValue: number | null; remaining: number | null; burnState: string; error: string; recentAdherence: string }>;
  prematureExhaustions: Array<{ slo: string; exhaustedAt: string; timeToExhaustionMs: number }>;
}

/** SLI of the demo series `slo` over the trailing `days`, summed minute by minute (sources/demo.ts, independently of the engine). */
function demoSli(sloLabel: string, endMs: number, days: number): number {
  const { seed } = parseDemoExpression(`demo_good{slo="${sloLabel}"}`);
  let good = 0;
  let total = 0;
  for (let m = endMs - days * DAY; m < endMs; m += MINUTE) {
    const t = trafficPerMinute(m, seed);
    total += t;
    good += t - Math.round(t * errorRatio(m, seed));
  }
  return good / total;
}

const DEMO_DEFAULT_SLOS = ['accounts/default-availability:/user', 'accounts/default-availability:/user/lang'];

describe('sloledger report on the demo source', () => {
  let demoJson: { code: number; out: string };
  beforeAll(async () => {
    demoJson = await report([example, '--source', 'demo', '--at', AT, '--format', 'json']);
  });

  it('is deterministic for a given --at', async () => {
    const again = await report([example, '--source', 'demo', '--at', AT, '--format', 'json']);
    expect(demoJson.code).toBe(0);
    expect(again.out).toBe(demoJson.out);
  });

  it("gives the demo SLO the SLI of the demo's own per-minute counts over the 28-day window (within 1e-4)", async () => {
    // the example catalog's login SLO reads demo_good{slo="accounts-login"}; no --source override needed
    const { out } = await report([example, '--at', AT, '--format', 'json']);
    const row = (JSON.parse(out) as JsonReport).slos.find((s) => s.slo === 'accounts/login-availability-demo')!;
    const expected = demoSli('accounts-login', Date.parse(AT), 28);
    expect(Math.abs(row.sliValue! - expected)).toBeLessThan(1e-4);
    // DESIGN.md: remaining = 1 − (1 − SLI) / (1 − objective)
    expect(row.remaining!).toBeCloseTo(1 - (1 - row.sliValue!) / 0.001, 6);
  });

  it('lists exhausted SLOs as Critical and their premature exhaustions, and --fail-on-exhausted exits 1 naming them', async () => {
    const json = JSON.parse(demoJson.out) as JsonReport;
    const exhausted = json.slos.filter((s) => s.remaining !== null && s.remaining <= 0).map((s) => s.slo);
    expect(exhausted.length).toBeGreaterThan(0);
    for (const slo of exhausted) {
      expect(json.slos.find((s) => s.slo === slo)!.burnState).toBe('Critical');
      expect(json.prematureExhaustions.map((e) => e.slo)).toContain(slo);
    }
    const gate = await report([example, '--source', 'demo', '--at', AT, '--fail-on-exhausted']);
    expect(gate.code).toBe(1);
    expect(gate.err).toContain(`${exhausted.length} SLOs have exhausted their error budget: ${exhausted.join(', ')}`);
  });

  it('passes --fail-on-exhausted when no budget is spent', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-report-'));
    const file = path.join(dir, 'healthy.yaml');
    // 90% leaves a 10% budget: the demo's background errors and incidents stay far inside it
    fs.writeFileSync(file, 'apiVersion: sloledger/v1\nteams: [{name: t}]\nservices:\n  - name: s\n    team: t\n    slos:\n      - name: loose\n        sli: availability\n        objective: 90\n        source: demo\n        good: demo_good{slo="loose"}[$__window]\n        total: demo_total{slo="loose"}[$__window]\n');
    const { code, out } = await report([file, '--at', AT, '--fail-on-exhausted']);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(out).toContain('s/loose');
    expect(code).toBe(0);
  });

  it('prints a text table with one line per SLO and CSV with the catalog columns', async () => {
    const text = (await report([example, '--source', 'demo', '--at', AT])).out.split('\n');
    expect(text[0]).toBe(`SLO report at ${AT} (sources: demo)`);
    expect(text[2]).toMatch(/^SLO\s+team\s+SLI\s+objective\s+period\s+SLI value\s+remaining\s+burn 1h\s+burn 6h\s+burn 24h\s+state\s+exhausted in\s+adherence\s+priority$/);
    const n = catalog.slos.length;
    expect(text.slice(3, 3 + n).map((l) => l.split(/\s+/)[0])).toEqual(catalog.slos.map((s) => s.id));
    const csv = (await report([example, '--source', 'demo', '--at', AT, '--format', 'csv'])).out.split('\r\n');
    expect(csv[0].split(',').slice(0, 3)).toEqual(['slo', 'name', 'service']);
    expect(csv.filter(Boolean)).toHaveLength(1 + catalog.slos.length + DEMO_DEFAULT_SLOS.length);
    expect(csv[1]).toContain(',Orders are revenue (book 9.2.4),'); // no comma inside: unquoted
  });

  it.each([
    // the demo source discovers two accounts endpoints without an explicit SLO: they get the service's default (book 6.7)
    ['--team identity', ['--team', 'identity'], [...catalog.slos.filter((s) => s.team === 'identity').map((s) => s.id), ...DEMO_DEFAULT_SLOS]],
    ['--service catalog,accounts --slo by id', ['--service', 'catalog,accounts', '--slo', 'catalog/products-availability'], ['catalog/products-availability']],
  ])('selects SLOs by the book dimensions: %s', async (_name, args, expected) => {
    const { out } = await report([example, '--source', 'demo', '--at', AT, '--format', 'json', ...args]);
    expect((JSON.parse(out) as JsonReport).slos.map((s) => s.slo)).toEqual(expected);
  });

  it('exits 3 when SLOs have no reachable source, naming each', async () => {
    const { code, err, out } = await report([example, '--at', AT]);
    expect(code).toBe(3);
    expect(err).toContain(`${catalog.slos.filter((s) => s.source.type !== 'demo').length} SLOs without data`);
    expect(out).toContain('checkout/orders-availability: no prometheus connection is configured');
  });

  it.each([
    ['no catalog', [], 'needs at least one catalog'],
    ['a bad --at', [example, '--at', 'yesterday'], '--at takes an ISO 8601 instant'],
    ['a bad --since', [example, '--since', 'a while'], '--since: invalid duration'],
    ['a bad --format', [example, '--format', 'xml'], '--format takes text, json, csv'],
  ])('exits 2 for %s', async (_name, args, message) => {
    const { code, err } = await report(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});

const available = prometheusAvailable();
if (!available) {
  console.warn('report: prometheus/promtool not installed, the real-Prometheus report test is skipped');
}

(available ? describe : describe.skip)('sloledger report against a real Prometheus', () => {
  let prom: RunningPrometheus;
  let dir: string;
  beforeAll(async () => {
    prom = await startPrometheus(3);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-report-prom-'));
    fs.writeFileSync(
      path.join(dir, 'checkout.yaml'),
      `apiVersion: sloledger/v1
defaults: { period: 1d }
teams: [{ name: payments }]
services:
  - name: checkout
    team: payments
    slos:
      - name: availability
        sli: availability
        objective: 99.9
        bad: sum(increase(http_requests_total{service="checkout",code="500"}[$__window]))
        total: sum(increase(http_requests_total{service="checkout"}[$__window]))
`
    );
  });
  afterAll(async () => {
    await prom?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // the report's 24h view uses 5-minute buckets: report at a bucket boundary so its trailing day is PromQL's [1d]
  const atMs = () => Math.floor(prom.endMs / 300_000) * 300_000;

  async function instant(expr: string): Promise<number> {
    const res = await fetch(`${prom.url}/api/v1/query?${new URLSearchParams({ query: expr, time: String(atMs() / 1000) })}`);
    const body = (await res.json()) as { data: { result: Array<{ value: [number, string] }> } };
    return Number(body.data.result[0].value[1]);
  }

  it('agrees with PromQL over the trailing day and gates on the exhausted budget (−408%)', async () => {
    const at = new Date(atMs()).toISOString();
    const { code, out, err } = await report([dir, '--prometheus', prom.url, '--at', at, '--format', 'json', '--since', '2d', '--fail-on-exhausted']);
    const row = (JSON.parse(out) as JsonReport).slos[0];
    expect(row.error).toBe('');
    const bad = await instant('sum(increase(http_requests_total{service="checkout",code="500"}[1d]))');
    const total = await instant('sum(increase(http_requests_total{service="checkout"}[1d]))');
    expect(Math.abs(row.sliValue! - (1 - bad / total))).toBeLessThan(1e-4);
    expect(Math.abs(row.remaining! - (1 - bad / total / 0.001))).toBeLessThan(0.005);
    expect(row.remaining!).toBeCloseTo(1 - 7320 / 1440, 1);
    expect(code).toBe(1);
    expect(err).toContain('1 SLOs have exhausted their error budget: checkout/availability');
  });
});
