/**
 * bench/backend (issue 9): the backend against a real Prometheus (Debian's
 * package, backfilled with promtool by tests/node/prometheus/fixture.ts),
 * 200 SLOs over 28 days, printed side by side in one run:
 *   (a) our cold refresh      a budget query for every SLO, empty cache
 *   (b) our warm refresh      the same query a moment later (immutable-bucket cache)
 *   (c) naive range queries   increase(...[28d]) per point for the remaining budget, plus one query per burn-rate window
 *                             (measured on every 5th SLO and scaled ×5, printed as such)
 *   (d) raw bucket queries    the same bucket fetches as (a), fetched and parsed, nothing computed
 * and samples fetched cold vs warm. Then the load case: 1,000 SLOs and 20
 * concurrent dashboard refreshes (requests reaching Prometheus, p95 latency, peak RSS).
 * Targets: warm ≤ 1.2× (d), warm ≥ 5× faster than (c), warm fetches ≥ 10× fewer samples than cold.
 * Run: npm run bench:backend   (about 2-3 minutes on 2 cores)
 */
import { performance } from 'node:perf_hooks';
import { chooseStep, historyStart, withWindow } from '../../src/backend/handlers/compute/engine';
import { Instance } from '../../src/backend/handlers/instance/instance';
import { runQuery } from '../../src/backend/handlers/query/pipeline';
import { DataQuery } from '../../src/backend/protocol/handlers';
import { Slo } from '../../src/core/model/model';
import { prometheusAvailable, startPrometheus } from '../../tests/node/prometheus/fixture';

const MIN = 60_000;
const DAY = 86_400_000;
const SCRAPE_MS = 5 * MIN;
// WHY 5 services: promtool writes one block per 2 hours of data (≈ 700 blocks for 60 days); time grows with series too
const SERVICES = 5;
const BACKFILL_DAYS = 60; // 28 days shown + 28 days of history for the first point's trailing window
const OBJECTIVE = 0.999;
const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '24h', '3d'];
const POOL = 8; // the same concurrency our connection uses (maxConcurrency default)
/** (c) is measured on every NAIVE_SAMPLE-th SLO and scaled up: all 200 would take minutes on their own. */
const NAIVE_SAMPLE = 5;

/** Counters per service: 1,000 requests per minute, 1 bad per minute, plus a 2-hour incident per service. */
function benchMetrics(endMs: number, days: number): string {
  const lines = ['# TYPE http_requests counter'];
  const start = Math.floor((endMs - days * DAY) / SCRAPE_MS) * SCRAPE_MS;
  for (let s = 0; s < SERVICES; s++) {
    for (const code of ['200', '500']) {
      let count = 0;
      for (let t = start; t <= endMs; t += SCRAPE_MS) {
        const incident = (t / SCRAPE_MS + s * 97) % 2016 < 24; // 2 h in every 7 days
        const bad = (incident ? 40 : 1) * 5;
        count += code === '500' ? bad : 5_000 - bad;
        lines.push(`http_requests_total{service="s${s}",code="${code}"} ${count} ${t / 1000}`);
      }
    }
  }
  return [...lines, '# EOF', ''].join('\n');
}

/** SLO i reads service s(i mod SERVICES); its own never-matching matcher keeps every expression distinct (no accidental dedupe). */
function catalogYaml(n: number): string {
  const out = ['apiVersion: sloledger/v1', 'defaults:', '  period: 28d', 'teams: [{ name: t }]', 'services:'];
  for (let s = 0; s < SERVICES; s++) {
    out.push(`  - name: s${s}`, '    team: t', '    slos:');
    for (let i = s; i < n; i += SERVICES) {
      out.push(
        `      - name: slo-${i}`,
        '        sli: availability',
        `        objective: ${OBJECTIVE * 100}`,
        `        bad: sum(increase(http_requests_total{service="s${s}",code="500",slo!="${i}"}[$__window]))`,
        `        total: sum(increase(http_requests_total{service="s${s}",slo!="${i}"}[$__window]))`
      );
    }
  }
  return out.join('\n');
}

/** Counts what reaches Prometheus: requests, samples in the answers, bytes. */
const traffic = { requests: 0, samples: 0, bytes: 0, inFlight: 0, peakInFlight: 0 };
const realFetch = globalThis.fetch;
globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  traffic.requests++;
  traffic.inFlight++;
  traffic.peakInFlight = Math.max(traffic.peakInFlight, traffic.inFlight);
  try {
    const res = await realFetch(input, init);
    const text = await res.text();
    traffic.bytes += text.length;
    traffic.samples += (text.match(/\[\d+(?:\.\d+)?,"/g) ?? []).length;
    return new Response(text, { status: res.status, headers: res.headers });
  } finally {
    traffic.inFlight--;
  }
};
const resetTraffic = () => Object.assign(traffic, { requests: 0, samples: 0, bytes: 0, inFlight: 0, peakInFlight: 0 });

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) {
      await work(items[next++]);
    }
  }));
}

async function rangeQuery(url: string, query: string, startS: number, endS: number, stepS: number): Promise<unknown> {
  const body = new URLSearchParams({ query, start: String(startS), end: String(endS), step: `${stepS}s` });
  const res = await fetch(`${url}/api/v1/query_range`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  const json = (await res.json()) as { status: string; error?: string };
  if (json.status !== 'success') {
    throw new Error(`Prometheus: ${json.error}`);
  }
  return json;
}

function instanceFor(url: string, slos: number): Instance {
  const jsonData = { demo: false, catalogYaml: catalogYaml(slos), connections: [{ name: 'prom', type: 'prometheus', url, timeoutSeconds: 120, maxConcurrency: POOL }] };
  const instance = new Instance({ jsonData, decryptedSecureJsonData: {} });
  const { errors } = instance.catalog();
  if (errors.length > 0 || instance.settingsIssues.length > 0) {
    throw new Error(`bench catalog/settings broken: ${JSON.stringify([...errors, ...instance.settingsIssues][0])}`);
  }
  return instance;
}

function budgetQuery(toMs: number): DataQuery {
  return { refId: 'A', queryType: 'budget', maxDataPoints: 1000, intervalMs: 3_600_000, timeRange: { fromMs: toMs - 28 * DAY, toMs }, json: {} };
}

async function refresh(instance: Instance, expected: number): Promise<number> {
  const t0 = performance.now();
  const res = await runQuery(instance, budgetQuery(Math.floor(Date.now() / MIN) * MIN), new AbortController().signal);
  const ms = performance.now() - t0;
  const failed = res.frames.flatMap((f) => f.meta?.notices ?? []).filter((n) => n.severity === 'error');
  if (res.error || failed.length > 0 || res.frames.length !== expected) {
    throw new Error(`refresh failed: ${res.error ?? failed[0]?.text ?? `${res.frames.length} frames for ${expected} SLOs`}`);
  }
  return ms;
}

const fmt = (ms: number) => `${ms >= 10_000 ? (ms / 1000).toFixed(1) + ' s' : Math.round(ms) + ' ms'}`.padStart(9);
const num = (n: number) => n.toLocaleString('en-US');
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function main(): Promise<void> {
  if (!prometheusAvailable()) {
    console.log('bench:backend needs prometheus and promtool (apt-get install prometheus)');
    process.exit(1);
  }
  const began = performance.now();
  const prom = await startPrometheus(BACKFILL_DAYS, benchMetrics);
  console.log(`Prometheus ready with ${BACKFILL_DAYS} days of ${SERVICES * 2} series at ${SCRAPE_MS / MIN}-minute samples (${fmt(performance.now() - began).trim()})`);
  try {
    await singleDashboard(prom.url);
    await loadCase(prom.url);
  } finally {
    await prom.stop();
  }
  console.log(`\ntotal bench time ${fmt(performance.now() - began).trim()}`);
}

async function singleDashboard(url: string): Promise<void> {
  const N = 200;
  const instance = instanceFor(url, N);
  const slos: Slo[] = instance.catalog().catalog.slos;
  // (d) the same bucket fetches as the engine makes, fetched and parsed only
  const toMs = Math.floor(Date.now() / MIN) * MIN;
  const fromMs = toMs - 28 * DAY;
  const step = chooseStep(toMs - fromMs, 1000);
  const start = Math.floor(historyStart(slos[0], fromMs, 'UTC') / step) * step;
  const end = Math.ceil(toMs / step) * step;
  const rawFetches = () => pool(slos.flatMap((s) => [s.query.bad!, s.query.total]), POOL, async (expr) => void (await rangeQuery(url, withWindow(expr, step), (start + step) / 1000, end / 1000, step / 1000)));
  // WHY untimed first: Prometheus reads its blocks from disk on first touch; (a) and (d) should both find them in memory
  await rawFetches();

  resetTraffic();
  const coldMs = await refresh(instance, N);
  const cold = { ...traffic };

  await new Promise((r) => setTimeout(r, 1_000));
  resetTraffic();
  const warmMs = await refresh(instance, N);
  const warm = { ...traffic };

  resetTraffic();
  let t0 = performance.now();
  await rawFetches();
  const rawMs = performance.now() - t0;
  const raw = { ...traffic };

  // (c) naive: remaining budget per point from increase(...[28d]), one query per burn-rate window
  const ratio = (s: Slo, w: string) => `(${s.query.bad!.split('$__window').join(w)}) / (${s.query.total.split('$__window').join(w)})`;
  const naiveQueries = slos.filter((_s, i) => i % NAIVE_SAMPLE === 0).flatMap((s) => [`1 - ${ratio(s, '28d')} / ${(1 - OBJECTIVE).toFixed(3)}`, ...BURN_WINDOWS.map((w) => `${ratio(s, w)} / ${(1 - OBJECTIVE).toFixed(3)}`)]);
  resetTraffic();
  t0 = performance.now();
  await pool(naiveQueries, POOL, async (q) => void (await rangeQuery(url, q, fromMs / 1000, toMs / 1000, step / 1000)));
  const naiveMs = (performance.now() - t0) * NAIVE_SAMPLE;
  const naive = { ...traffic, requests: traffic.requests * NAIVE_SAMPLE, samples: traffic.samples * NAIVE_SAMPLE };

  console.log(`\n${N} SLOs, 28-day budget view (step ${step / MIN} min, ${Math.round((end - start) / step)} buckets per expression incl. history)`);
  console.log('                                     time   requests     samples fetched');
  const row = (name: string, ms: number, t: typeof traffic) => console.log(`${name.padEnd(34)}${fmt(ms)} ${num(t.requests).padStart(10)} ${num(t.samples).padStart(19)}`);
  row('(a) our cold refresh', coldMs, cold);
  row('(b) our warm refresh (cache)', warmMs, warm);
  row(`(c) naive [28d] etc. (1/${NAIVE_SAMPLE} ×${NAIVE_SAMPLE})`, naiveMs, naive);
  row('(d) raw bucket queries alone', rawMs, raw);
  const check = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(`warm / raw           ${(warmMs / rawMs).toFixed(2)}×   (target ≤ 1.2×: ${check(warmMs <= 1.2 * rawMs)})`);
  console.log(`naive / warm         ${(naiveMs / warmMs).toFixed(1)}×   (target ≥ 5×: ${check(naiveMs >= 5 * warmMs)})`);
  console.log(`cold / warm samples  ${(cold.samples / Math.max(1, warm.samples)).toFixed(1)}×   (target ≥ 10×: ${check(cold.samples >= 10 * warm.samples)})`);
  console.log(`cold / raw           ${(coldMs / rawMs).toFixed(2)}×   (engine + frames on top of the fetches)`);
}

async function loadCase(url: string): Promise<void> {
  const N = 1_000;
  const DASHBOARDS = 20;
  const instance = instanceFor(url, N);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const round = async () => {
    resetTraffic();
    const t0 = performance.now();
    const latencies = await Promise.all(Array.from({ length: DASHBOARDS }, () => refresh(instance, N)));
    return { latencies, wallMs: performance.now() - t0, traffic: { ...traffic } };
  };
  const cold = await round();
  await new Promise((r) => setTimeout(r, 1_000));
  const warm = await round();
  clearInterval(sampler);
  const source = instance.sources.get('prom') as unknown as { dedupe: { joined: number }; limiter: { semaphore: { peak: number } } };
  console.log(`\nload: ${N} SLOs, ${DASHBOARDS} dashboards refreshing at once (one plugin instance)`);
  console.log('                     requests to Prometheus   peak in flight   p50 latency   p95 latency   wall');
  for (const [name, r] of [['cold', cold], ['warm', warm]] as const) {
    console.log(`${name.padEnd(21)}${num(r.traffic.requests).padStart(22)} ${String(r.traffic.peakInFlight).padStart(16)} ${fmt(percentile(r.latencies, 50)).padStart(13)} ${fmt(percentile(r.latencies, 95)).padStart(13)} ${fmt(r.wallMs).padStart(6)}`);
  }
  console.log(`without sharing, one cold round would send ${num(DASHBOARDS * 2 * N)} requests; fetches joined in flight: ${num(source.dedupe.joined)}; concurrency limit ${POOL} (peak ${source.limiter.semaphore.peak})`);
  console.log(`SLO computations: ${num(instance.computations.started)} fetched and derived, ${num(instance.computations.joined)} joined in flight (without sharing: ${num(2 * DASHBOARDS * N)} derivations)`);
  console.log(`bucket cache: ${num(instance.buckets.entries)} entries, ${(instance.buckets.bytes / 1024 / 1024).toFixed(1)} MB`);
  console.log(`peak RSS ${(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024).toFixed(0)} MB`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
