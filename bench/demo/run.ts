/**
 * bench/demo (issue 3): the `catalog` query — the app's overview — over the
 * built-in demo source for 1, 100 and 1,000 SLOs, the demo source summing
 * every minute (before) beside summing per bucket (after,
 * sources/demoIntegral.ts), printed side by side. Each refresh runs on a
 * fresh datasource instance (empty bucket cache, in-memory ledger), as a
 * user's first visit does; "warm" is the same query a moment later. The
 * last column is the share of the cold refresh spent inside the demo source
 * (the rest: the core's derivations, the ledger, the frames).
 * The two sources' frames are compared cell by cell: the speed-up must not
 * change a number.
 * Run: npm run bench:demo              (about 1-2 minutes on 2 cores, most of it "before" at 1,000)
 *      npm run bench:demo -- --after-only   (skips the minute-summing source)
 */
import { performance } from 'node:perf_hooks';
import { Instance } from '../../src/backend/handlers/instance/instance';
import { runQuery } from '../../src/backend/handlers/query/pipeline';
import { SqliteLedger } from '../../src/backend/ledger/sqlite';
import { DataQuery } from '../../src/backend/protocol/handlers';
import { Frame } from '../../src/backend/protocol/frame';
import { DemoSource } from '../../src/backend/sources/demo';
import { resilient } from '../../src/backend/sources/resilient';
import { MinuteSummingDemoSource } from './minuteSummingDemoSource';

const DAY = 86_400_000;
const SIZES = [1, 100, 1000];
const SLOS_PER_SERVICE = 10;
const NOW = Date.UTC(2026, 10, 20, 12); // fixed, so every run computes the same windows

/** N demo SLOs: rolling 28d and calendar-month periods, good/total and bad/total, each with its own seed. */
function catalogYaml(n: number): string {
  const out = ['apiVersion: sloledger/v1', 'teams: [{ name: t }]', 'services:'];
  for (let i = 0; i < n; i++) {
    if (i % SLOS_PER_SERVICE === 0) {
      out.push(`  - name: svc-${i / SLOS_PER_SERVICE}`, '    team: t', '    slos:');
    }
    const period = i % 2 === 0 ? '28d' : '{ calendar: month }';
    const numerator = i % 3 === 0 ? `bad: demo_bad{slo="s${i}"}[$__window]` : `good: demo_good{slo="s${i}"}[$__window]`;
    out.push(`      - name: slo-${i}`, '        sli: availability', `        objective: ${i % 4 === 0 ? 99.9 : 99.5}`, `        period: ${period}`, '        source: demo', `        ${numerator}`, `        total: demo_total{slo="s${i}"}[$__window]`);
  }
  return out.join('\n');
}

type Variant = 'before' | 'after';

/** Milliseconds spent inside the demo source's rangeCounts (it computes synchronously, so the call's duration is its work). */
interface Meter {
  ms: number;
}

function metered(source: DemoSource, meter: Meter): DemoSource {
  const inner = source.rangeCounts.bind(source);
  source.rangeCounts = (expr, startMs, endMs, stepMs) => {
    const t0 = performance.now();
    const counts = inner(expr, startMs, endMs, stepMs);
    meter.ms += performance.now() - t0;
    return counts;
  };
  return source;
}

function instanceFor(n: number, variant: Variant, meter: Meter): Instance {
  const instance = new Instance({ jsonData: { demo: true, catalogYaml: catalogYaml(n) }, decryptedSecureJsonData: {} }, { openLedger: () => new SqliteLedger(':memory:'), backfillDelayMs: null });
  const { errors } = instance.catalog();
  if (errors.length > 0 || instance.settingsIssues.length > 0) {
    throw new Error(`bench catalog/settings broken: ${JSON.stringify([...errors, ...instance.settingsIssues][0])}`);
  }
  if (!instance.sources.has('demo')) {
    throw new Error('the demo source is missing');
  }
  // the same decorators and limits as Instance gives the demo source (the old sums need a longer deadline at 1,000 SLOs)
  const source = variant === 'before' ? new MinuteSummingDemoSource() : new DemoSource();
  instance.sources.set('demo', resilient(metered(source, meter), { maxConcurrency: 64, deadlineMs: variant === 'before' ? 600_000 : 30_000, store: instance.buckets }));
  return instance;
}

const catalogQuery: DataQuery = { refId: 'A', queryType: 'catalog', maxDataPoints: 1000, intervalMs: 3_600_000, timeRange: { fromMs: NOW - 28 * DAY, toMs: NOW }, json: {} };

async function refresh(instance: Instance, n: number): Promise<{ ms: number; frame: Frame }> {
  const t0 = performance.now();
  const res = await runQuery(instance, catalogQuery, new AbortController().signal, NOW);
  const ms = performance.now() - t0;
  const failed = res.frames.flatMap((f) => f.meta?.notices ?? []).filter((x) => x.severity === 'error');
  const rows = res.frames[0]?.fields[0]?.values.length;
  if (res.error || failed.length > 0 || rows !== n) {
    throw new Error(`catalog refresh failed: ${res.error ?? failed[0]?.text ?? `${rows} rows for ${n} SLOs`}`);
  }
  return { ms, frame: res.frames[0] };
}

/** Cell-by-cell comparison of two catalog frames (numbers within 1e-9 relative). */
function sameFrame(a: Frame, b: Frame): string | undefined {
  for (const field of a.fields) {
    const other = b.fields.find((f) => f.name === field.name);
    const x = Array.from(field.values as ArrayLike<unknown>);
    const y = Array.from((other?.values ?? []) as ArrayLike<unknown>);
    for (let i = 0; i < x.length; i++) {
      const [p, q] = [x[i], y[i]];
      const equal = typeof p === 'number' && typeof q === 'number' ? (Number.isNaN(p) && Number.isNaN(q)) || Math.abs(p - q) <= 1e-9 * Math.max(1, Math.abs(p)) : JSON.stringify(p) === JSON.stringify(q);
      if (!equal) {
        return `field ${field.name} row ${i}: ${JSON.stringify(p)} vs ${JSON.stringify(q)}`;
      }
    }
  }
  return undefined;
}

const fmt = (ms: number | undefined) => (ms === undefined ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 10 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`).padStart(10);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** "after" is cheap: three fresh instances, medians (a neighbour's load on a shared machine moves single runs). */
const AFTER_RUNS = 3;

interface Measured {
  cold: number;
  warm: number;
  /** Share of the cold refresh spent inside the demo source. */
  sourceShare: number;
  frame: Frame;
}

async function measure(n: number, variant: Variant): Promise<Measured> {
  const meter = { ms: 0 };
  const instance = instanceFor(n, variant, meter);
  const cold = await refresh(instance, n);
  const sourceShare = meter.ms / cold.ms;
  const warm = await refresh(instance, n);
  return { cold: cold.ms, warm: warm.ms, sourceShare, frame: cold.frame };
}

async function main(): Promise<void> {
  const afterOnly = process.argv.includes('--after-only');
  const began = performance.now();
  await measure(1, 'after'); // load modules and JIT once, outside every measurement
  console.log('catalog query over the demo source (28 days shown + 3 periods of look-back, hourly buckets; fresh instance per cold refresh)\n');
  const head = ['SLOs', 'before cold', 'after cold', 'speed-up', 'before warm', 'after warm', 'in source (before/after)'];
  console.log(`${head[0].padStart(6)} ${head.slice(1, 6).map((h) => h.padStart(12)).join(' ')}  ${head[6]}   frames`);
  for (const n of SIZES) {
    const runs: Measured[] = [];
    for (let r = 0; r < AFTER_RUNS; r++) {
      runs.push(await measure(n, 'after'));
    }
    const after = { cold: median(runs.map((m) => m.cold)), warm: median(runs.map((m) => m.warm)), sourceShare: median(runs.map((m) => m.sourceShare)), frame: runs[0].frame };
    const before = afterOnly ? undefined : await measure(n, 'before');
    const mismatch = before ? sameFrame(before.frame, after.frame) : undefined;
    const speedUp = before ? `${(before.cold / after.cold).toFixed(0)}×` : '—';
    const share = (m: Measured | typeof after | undefined) => (m ? `${Math.round(m.sourceShare * 100)}%` : '—');
    const verdict = before ? (mismatch ? `DIFFER: ${mismatch}` : 'identical') : 'not compared';
    const cells = [fmt(before?.cold), fmt(after.cold), speedUp, fmt(before?.warm), fmt(after.warm)];
    console.log(`${String(n).padStart(6)} ${cells.map((c) => c.padStart(12)).join(' ')}  ${`${share(before)} / ${share(after)}`.padStart(24)}   ${verdict}`);
    if (mismatch) {
      process.exitCode = 1;
    }
  }
  console.log(`\npeak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB, total bench time ${fmt(performance.now() - began).trim()}`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
