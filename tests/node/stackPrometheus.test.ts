/**
 * The compose stack's Prometheus half, run for real on loopback: the demo
 * workload (demo/workload/server.mjs) serves its own traffic, a real
 * Prometheus scrapes it every second with the generated rules
 * (`sloledger rules` on the example catalog) loaded. Every Prometheus query
 * of the example catalog then returns data, every generated rule evaluates
 * without error, and the recorded error ratio shows an injected fault.
 * Skipped with a printed reason when Prometheus is not installed.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/backend/cli/main';
import { nodeIo } from '../../src/backend/cli/nodeIo';
import { exampleCatalog, PROMETHEUS_RULES_PER_SLO } from './exampleCatalog';
import { freePort, prometheusAvailable } from './prometheus/fixture';

jest.setTimeout(120_000);
const root = path.resolve(__dirname, '../..');
const available = prometheusAvailable();
if (!available) {
  console.warn('stackPrometheus: prometheus not installed, skipped (CI installs the Debian package)');
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

(available ? describe : describe.skip)('the example catalog on a real Prometheus scraping the demo workload', () => {
  let dir: string;
  let workload: ChildProcess;
  let prometheus: ChildProcess;
  let prom: string;
  const catalog = exampleCatalog();
  const prometheusSlos = catalog.slos.filter((s) => s.source.type === 'prometheus');

  async function query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
    const res = await fetch(`${prom}/api/v1/query?${new URLSearchParams({ query: expr })}`);
    const body = (await res.json()) as { status: string; error?: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
    if (body.status !== 'success') {
      throw new Error(`${expr}: ${body.error}`);
    }
    return body.data.result;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-stack-'));
    const workloadPort = await freePort();
    workload = spawn(process.execPath, [path.join(root, 'demo/workload/server.mjs')], {
      env: { PATH: process.env.PATH, PORT: String(workloadPort), RATE: '400', SCHEDULED_INCIDENTS: 'false', ENV_LABEL: 'test' },
      stdio: 'ignore',
    });
    const base = `http://127.0.0.1:${workloadPort}`;
    await until('the workload to answer', async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined), 20_000);
    await fetch(`${base}/admin/faults`, { method: 'POST', body: JSON.stringify({ service: 'checkout', route: '/orders', errorRatio: 0.5, durationSeconds: 600 }) });

    const io = { ...nodeIo, out: '', stdout: (t: string) => void (io.out += t), stderr: () => undefined };
    expect(await runCli(['rules', path.join(root, 'provisioning/slos')], io)).toBe(0);
    fs.writeFileSync(path.join(dir, 'rules.yaml'), io.out);
    fs.writeFileSync(
      path.join(dir, 'prometheus.yml'),
      `global: { scrape_interval: 1s, evaluation_interval: 1s }\nrule_files: [${path.join(dir, 'rules.yaml')}]\nscrape_configs:\n  - job_name: demo-workload\n    static_configs: [{ targets: ['127.0.0.1:${workloadPort}'] }]\n`
    );
    const promPort = await freePort();
    prom = `http://127.0.0.1:${promPort}`;
    prometheus = spawn('prometheus', [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${promPort}`], { stdio: 'ignore' });
    // enough scrapes for increase() over a short window to have two samples per series
    await until('12 scrapes of the workload', async () => {
      const r = await query('count_over_time(up{job="demo-workload"}[1m])');
      return r.length > 0 && Number(r[0].value[1]) >= 12 ? true : undefined;
    });
  });

  afterAll(async () => {
    for (const p of [prometheus, workload]) {
      if (p && p.exitCode === null) {
        p.kill('SIGTERM');
        await new Promise((r) => p.once('exit', r));
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers every Prometheus SLO's good and total expressions with counts (bad ones may be empty before the first error)", async () => {
    expect(prometheusSlos.length).toBeGreaterThanOrEqual(4);
    for (const slo of prometheusSlos) {
      for (const [kind, expr] of Object.entries(slo.query)) {
        if (expr === undefined) {
          continue;
        }
        const result = await query(expr.split('$__window').join('1m'));
        if (kind === 'bad' && result.length === 0) {
          continue; // no 5xx series yet: the generated rules count it as 0 (promql.ts errorRatioExpr)
        }
        expect({ slo: slo.id, kind, series: result.length }).toEqual({ slo: slo.id, kind, series: 1 });
        const value = Number(result[0].value[1]);
        expect(Number.isFinite(value)).toBe(true);
        if (kind === 'total') {
          expect(value).toBeGreaterThan(0);
        }
      }
    }
  });

  it('evaluates every generated rule without an error', async () => {
    const body = (await (await fetch(`${prom}/api/v1/rules`)).json()) as { data: { groups: Array<{ name: string; rules: Array<{ name: string; health: string; lastError?: string }> }> } };
    const rules = body.data.groups.flatMap((g) => g.rules.map((r) => ({ group: g.name, ...r })));
    expect(rules).toHaveLength(PROMETHEUS_RULES_PER_SLO * prometheusSlos.length);
    expect(rules.filter((r) => r.health === 'err')).toEqual([]);
  });

  it('records the injected 50% errors of POST /orders as its error ratio, and the healthy routes near 0', async () => {
    const ratio = async (slo: string) => {
      const r = await until(
        `a recorded ratio for ${slo}`,
        async () => {
          const res = await query(`sloledger_slo:error_ratio:rate5m{slo="${slo}"}`);
          return res.length > 0 && Number.isFinite(Number(res[0].value[1])) ? res : undefined;
        },
        30_000
      );
      expect(r[0].metric).toMatchObject({ slo, team: expect.any(String), service: expect.any(String) });
      return Number(r[0].value[1]);
    };
    // The workload's traffic follows a daily rhythm (down to 20% of RATE at
    // night), so wait for enough POST /orders in the window that sampling noise
    // stays small: at 150 requests the standard deviation of 0.5 is 0.04.
    await until(
      '150 POST /orders in the 5m window',
      async () => {
        const r = await query('sum(increase(http_requests_total{service="checkout",route="/orders"}[5m]))');
        return r.length > 0 && Number(r[0].value[1]) >= 150 ? true : undefined;
      },
      60_000
    );
    const orders = await ratio('checkout/orders-availability');
    expect(orders).toBeGreaterThan(0.25);
    expect(orders).toBeLessThan(0.75);
    expect(await ratio('catalog/products-availability')).toBeLessThan(0.05);
  });
});
