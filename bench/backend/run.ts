/**
 * bench/backend (issue 9): the backend against a real Prometheus (Debian's
 * package, backfilled with promtool by tests/node/prometheus/fixture.ts),
 * 200 SLOs over 28 days, printed side by side in one run:
 *   (a) our cold refresh      a budget query for every SLO, empty cache
 *   (b) our warm refresh      the same query a moment later (immutable-bucket cache)
 *   (c) naive range queries   increase(...[28d]) per point for the remaining budget, plus one query per burn-rate window
 *                             (measured on every 5th SLO and scaled ×5, printed as such)
 *   (d) raw bucket queries    the same bucket fetches as (a), fetched and parsed, nothing computed
 * and samples fetched cold vs warm. Then the load case: 1,000 per-route SLOs and 20
 * concurrent dashboard refreshes (requests reaching Prometheus, p50/p95 latency, peak RSS),
 * before (query batching off) and after (on, sources/batching.ts) side by side, each in a
 * process of its own so that one's heap does not count in the other's RSS.
 * Targets: warm ≤ 1.2× (d), warm ≥ 5× faster than (c), warm fetches ≥ 10× fewer samples than cold;
 * load: cold p95 at least halved by batching.
 * Run: npm run bench:backend   (about 3-4 minutes on 2 cores)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chooseStep, historyStart, withWindow } from '../../src/backend/handlers/compute/engine';
import { Instance } from '../../src/backend/handlers/instance/instance';
import { runQuery } from '../../src/backend/handlers/query/pipeline';
import { HttpCountSource } from '../../src/backend/sources/prometheus';
import { resilient, ResilientSource } from '../../src/backend/sources/resilient';
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

/** The load case's routes: 200 per service, each with its own SLO (route label values with regex characters). */
const LOAD_SLOS = 1_000;
const ROUTE_SCRAPE_MS = 30 * MIN; // WHY coarser: 2,000 series × 60 days at 5 minutes would take promtool minutes to write
const route = (i: number) => `/api/r${i}/{id}`;

/** One counter series per chunk: requests per scrape interval, bad ones per minute (40 in a 2-hour incident every 7 days). */
function* counterSeries(labels: string, startMs: number, endMs: number, scrapeMs: number, phase: number, bad: boolean): Generator<string> {
  const lines: string[] = [];
  let count = 0;
  const perScrape = scrapeMs / MIN;
  for (let t = startMs; t <= endMs; t += scrapeMs) {
    const incident = (t / (5 * MIN) + phase * 97) % 2016 < 24;
    const badNow = (incident ? 40 : 1) * perScrape;
    count += bad ? badNow : 1_000 * perScrape - badNow;
    lines.push(`${labels} ${count} ${t / 1000}`);
  }
  yield lines.join('\n') + '\n';
}

/** Counters per service (5-minute samples), and per route of the load case (30-minute samples), as OpenMetrics in chunks. */
function* benchMetrics(endMs: number, days: number): Generator<string> {
  const from = (scrapeMs: number) => Math.floor((endMs - days * DAY) / scrapeMs) * scrapeMs;
  yield '# TYPE http_requests counter\n';
  for (let s = 0; s < SERVICES; s++) {
    for (const code of ['200', '500']) {
      yield* counterSeries(`http_requests_total{service="s${s}",code="${code}"}`, from(SCRAPE_MS), endMs, SCRAPE_MS, s, code === '500');
    }
  }
  yield '# TYPE route_requests counter\n';
  for (let i = 0; i < LOAD_SLOS; i++) {
    for (const code of ['200', '500']) {
      yield* counterSeries(`route_requests_total{service="s${i % SERVICES}",route="${route(i)}",code="${code}"}`, from(ROUTE_SCRAPE_MS), endMs, ROUTE_SCRAPE_MS, i, code === '500');
    }
  }
  yield '# EOF\n';
}

/** n SLOs, SLO i on service s(i mod SERVICES), with the bad/total selectors `selectors(s, i)` gives (inside sum(increase(...))). */
function catalogOf(n: number, name: string, selectors: (s: number, i: number) => { bad: string; total: string }): string {
  const out = ['apiVersion: sloledger/v1', 'defaults:', '  period: 28d', 'teams: [{ name: t }]', 'services:'];
  for (let s = 0; s < SERVICES; s++) {
    out.push(`  - name: s${s}`, '    team: t', '    slos:');
    for (let i = s; i < n; i += SERVICES) {
      const { bad, total } = selectors(s, i);
      out.push(`      - name: ${name}-${i}`, '        sli: availability', `        objective: ${OBJECTIVE * 100}`, `        bad: sum(increase(${bad}[$__window]))`, `        total: sum(increase(${total}[$__window]))`);
    }
  }
  return out.join('\n');
}

/** SLO i reads service s(i mod SERVICES); its own never-matching matcher keeps every expression distinct (no accidental dedupe, nothing to merge). */
const catalogYaml = (n: number) => catalogOf(n, 'slo', (s, i) => ({ bad: `http_requests_total{service="s${s}",code="500",slo!="${i}"}`, total: `http_requests_total{service="s${s}",slo!="${i}"}` }));

/**
 * The load case's catalog: SLO i on route i of service s(i mod SERVICES), the way per-endpoint SLOs are written.
 * Its expressions differ in one label's value (route) within a service: what query batching merges.
 */
const routeCatalogYaml = (n: number) =>
  catalogOf(n, 'route', (s, i) => ({ bad: `route_requests_total{service="s${s}",route="${route(i)}",code="500"}`, total: `route_requests_total{service="s${s}",route="${route(i)}"}` }));

/** Counts what reaches Prometheus: requests, samples in the answers, bytes (the latter two unless the load case turns them off). */
let countBodies = true;
const traffic = { requests: 0, samples: 0, bytes: 0, inFlight: 0, peakInFlight: 0, lastAnswerAt: 0 };
const realFetch = globalThis.fetch;
globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  traffic.requests++;
  traffic.inFlight++;
  traffic.peakInFlight = Math.max(traffic.peakInFlight, traffic.inFlight);
  try {
    const res = await realFetch(input, init);
    if (!countBodies) {
      traffic.lastAnswerAt = performance.now();
      return res; // the load case: no second pass over every answer inside the measured latency
    }
    const text = await res.text();
    traffic.bytes += text.length;
    traffic.samples += (text.match(/\[\d+(?:\.\d+)?,"/g) ?? []).length;
    traffic.lastAnswerAt = performance.now();
    return new Response(text, { status: res.status, headers: res.headers });
  } finally {
    traffic.inFlight--;
  }
};
const resetTraffic = () => Object.assign(traffic, { requests: 0, samples: 0, bytes: 0, inFlight: 0, peakInFlight: 0, lastAnswerAt: 0 });

/** CPU seconds a process has used (user + system), from /proc; NaN where there is no /proc. */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN;
  }
}

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

function instanceFor(url: string, yaml: string, batching = true): Instance {
  const jsonData = { demo: false, catalogYaml: yaml, connections: [{ name: 'prom', type: 'prometheus', url, timeoutSeconds: 120, maxConcurrency: POOL }] };
  const instance = new Instance({ jsonData, decryptedSecureJsonData: {} });
  const { errors } = instance.catalog();
  if (errors.length > 0 || instance.settingsIssues.length > 0) {
    throw new Error(`bench catalog/settings broken: ${JSON.stringify([...errors, ...instance.settingsIssues][0])}`);
  }
  if (!batching) {
    // "before": the same decorators as instance.ts builds, with every expression asked alone
    const connection = instance.settings.connections[0];
    instance.sources.set('prom', resilient(new HttpCountSource(connection, {}), { maxConcurrency: connection.maxConcurrency, deadlineMs: connection.timeoutMs, store: instance.buckets, batching: false }));
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
  // WHY 744h blocks: Prometheus compacts its blocks up to 31 days; promtool's default would write one per 2 hours
  const prom = await startPrometheus(BACKFILL_DAYS, benchMetrics, { maxBlockDuration: '744h' });
  console.log(`Prometheus ready with ${BACKFILL_DAYS} days of ${SERVICES * 2} series at ${SCRAPE_MS / MIN}-minute samples and ${2 * LOAD_SLOS} at ${ROUTE_SCRAPE_MS / MIN}-minute (${fmt(performance.now() - began).trim()})`);
  try {
    await singleDashboard(prom.url);
    await loadCase(prom.url, prom.pid);
  } finally {
    await prom.stop();
  }
  console.log(`\ntotal bench time ${fmt(performance.now() - began).trim()}`);
}

async function singleDashboard(url: string): Promise<void> {
  const N = 200;
  const instance = instanceFor(url, catalogYaml(N));
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
  // WHY: a refresh queues the closing of finished periods in the ledger; its fetches must not land in the next measurement
  await instance.ledger.idle();

  await new Promise((r) => setTimeout(r, 1_000));
  resetTraffic();
  const warmMs = await refresh(instance, N);
  const warm = { ...traffic };
  await instance.ledger.idle();

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

interface LoadResult {
  batching: boolean;
  rounds: Array<{ name: string; requests: number; peakInFlight: number; p50: number; p95: number; wallMs: number; answeredMs: number; cpuOurs: number; cpuPrometheus: number; closing: { ms: number; requests: number } }>;
  joined: number;
  peakSlots: number;
  batches: { batches: number; batched: number; single: number; fallbacks: number; bare: number; riders: number };
  computations: { started: number; joined: number };
  cache: { entries: number; bytes: number; maxBytes: number };
  peakRssMB: number;
}

/** One load run (cold round, then warm round) in this process: run as a child by loadCase. */
async function loadRun(url: string, promPid: number, batching: boolean): Promise<LoadResult> {
  const DASHBOARDS = 20;
  countBodies = false;
  const instance = instanceFor(url, routeCatalogYaml(LOAD_SLOS), batching);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const round = async (name: string) => {
    resetTraffic();
    const [ours0, prom0] = [process.cpuUsage(), cpuSecondsOf(promPid)];
    const t0 = performance.now();
    const latencies = await Promise.all(Array.from({ length: DASHBOARDS }, () => refresh(instance, LOAD_SLOS)));
    const wallMs = performance.now() - t0;
    const ours = process.cpuUsage(ours0);
    const cpu = { cpuOurs: (ours.user + ours.system) / 1e6, cpuPrometheus: cpuSecondsOf(promPid) - prom0 };
    const out = { name, requests: traffic.requests, peakInFlight: traffic.peakInFlight, p50: percentile(latencies, 50), p95: percentile(latencies, 95), wallMs, answeredMs: traffic.lastAnswerAt - t0, ...cpu };
    // the ledger's closing of the periods the round found finished, queued in the background: timed apart
    const closingStart = performance.now();
    const requestsBefore = traffic.requests;
    await instance.ledger.idle();
    return { ...out, closing: { ms: performance.now() - closingStart, requests: traffic.requests - requestsBefore } };
  };
  const cold = await round('cold');
  await new Promise((r) => setTimeout(r, 1_000));
  const warm = await round('warm');
  clearInterval(sampler);
  const source = instance.sources.get('prom') as ResilientSource;
  return {
    batching,
    rounds: [cold, warm],
    joined: source.dedupe.joined,
    peakSlots: source.limiter.semaphore.peak,
    batches: { ...source.batching.stats },
    computations: { started: instance.computations.started, joined: instance.computations.joined },
    cache: { entries: instance.buckets.entries, bytes: instance.buckets.bytes, maxBytes: instance.buckets.limits.maxBytes },
    peakRssMB: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024,
  };
}

/** Runs loadRun in a fresh process (same tsx loader) and reads its result. */
function loadRunInChild(url: string, promPid: number, batching: boolean): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1], '--load-run', url, String(promPid), batching ? 'on' : 'off'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('LOAD '));
      return code === 0 && line ? resolve(JSON.parse(line.slice(5)) as LoadResult) : reject(new Error(`load run (batching ${batching ? 'on' : 'off'}) exited ${code}: ${out.slice(-500)}`));
    });
  });
}

async function loadCase(url: string, promPid: number): Promise<void> {
  const DASHBOARDS = 20;
  // WHY untimed first: the route series are read from disk on first touch; both runs should find them in memory
  const to = Math.floor(Date.now() / MIN) * MIN;
  await rangeQuery(url, 'sum(increase(route_requests_total[1h]))', (to - 57 * DAY) / 1000, to / 1000, 3600);
  const before = await loadRunInChild(url, promPid, false);
  const after = await loadRunInChild(url, promPid, true);
  console.log(`\nload: ${LOAD_SLOS} per-route SLOs, ${DASHBOARDS} dashboards refreshing at once (one plugin instance), batching off (before) and on (after)`);
  console.log('                     requests to Prometheus   peak in flight   p50 latency   p95 latency   wall   last answer (headers)   CPU s: ours  Prometheus');
  for (const r of [before, after]) {
    for (const x of r.rounds) {
      const name = `${x.name} ${r.batching ? 'after ' : 'before'}`;
      const cpu = `${x.cpuOurs.toFixed(1).padStart(16)} ${x.cpuPrometheus.toFixed(1).padStart(11)}`;
      console.log(`${name.padEnd(21)}${num(x.requests).padStart(22)} ${String(x.peakInFlight).padStart(16)} ${fmt(x.p50).padStart(13)} ${fmt(x.p95).padStart(13)} ${fmt(x.wallMs).padStart(6)} ${fmt(x.answeredMs).padStart(23)} ${cpu}`);
    }
  }
  const [coldBefore, warmBefore] = before.rounds;
  const [coldAfter, warmAfter] = after.rounds;
  console.log(`cold p95 before / after  ${(coldBefore.p95 / coldAfter.p95).toFixed(1)}×   (target ≥ 2×: ${coldBefore.p95 >= 2 * coldAfter.p95 ? 'met' : 'MISSED'})`);
  console.log(`warm p95 before / after  ${(warmBefore.p95 / warmAfter.p95).toFixed(1)}×`);
  const cpuOf = (x: LoadResult['rounds'][number]) => x.cpuOurs + x.cpuPrometheus;
  // WHY CPU too: 2 shared cores make latencies noisy; the CPU both processes spend is what batching saves for certain
  console.log(`cold CPU (ours + Prometheus) before / after  ${(cpuOf(coldBefore) / cpuOf(coldAfter)).toFixed(1)}×, warm ${(cpuOf(warmBefore) / cpuOf(warmAfter)).toFixed(1)}×`);
  for (const r of [before, after]) {
    const b = r.batches;
    console.log(
      `${r.batching ? 'after ' : 'before'}: merged queries ${num(b.batches)} (${num(b.bare)} as bare series) answering ${num(b.batched)} expressions (${num(b.riders)} riding on another's query), ` +
        `${num(b.single)} asked alone, ${b.fallbacks} fallbacks; ` +
        `fetches joined in flight ${num(r.joined)}; concurrency limit ${POOL} (peak ${r.peakSlots}); ` +
        `SLO computations ${num(r.computations.started)} derived, ${num(r.computations.joined)} joined; ` +
        `bucket cache ${num(r.cache.entries)} entries, ${(r.cache.bytes / 1024 / 1024).toFixed(1)} of ${(r.cache.maxBytes / 1024 / 1024).toFixed(0)} MB; peak RSS ${r.peakRssMB.toFixed(0)} MB`
    );
  }
  for (const r of [before, after]) {
    const c = r.rounds[0].closing;
    console.log(`${r.batching ? 'after ' : 'before'}: the ledger's closing after the cold round (background, not in the latencies): ${num(c.requests)} requests, ${fmt(c.ms).trim()}`);
  }
  console.log(`without any sharing, one cold round would send ${num(DASHBOARDS * 2 * LOAD_SLOS)} requests`);
}

const entry = process.argv[2] === '--load-run' ? loadRun(process.argv[3], Number(process.argv[4]), process.argv[5] === 'on').then((r) => {
  console.log(`LOAD ${JSON.stringify(r)}`);
  process.exit(0); // the instance's ledger and timers would keep this child alive
}) : main();
entry.catch((error) => {
  console.error(error);
  process.exit(1);
});
