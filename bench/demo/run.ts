/**
 * bench/demo (issue 3): the `catalog` query — the app's overview — over the
 * built-in demo source for 1, 100 and 1,000 SLOs, the demo source summing
 * every minute (before) beside summing per bucket (after,
 * sources/demoIntegral.ts), printed side by side. Each refresh runs on a
 * fresh datasource instance (empty bucket cache, in-memory ledger), as a
 * user's first visit does; "warm" is the same query a moment later.
 * The two sources' frames are compared cell by cell: the speed-up must not
 * change a number.
 * Run: npm run bench:demo              (about 1-2 minutes on 2 cores, most of it "before" at 1,000)
 *      npm run bench:demo -- --after-only   (skips the minute-summing source)
 */
import { performance } from 'node:perf_hooks';
import { Instance } from '../../src/backend/handlers/instance';
import { runQuery } from '../../src/backend/handlers/queries';
import { SqliteLedger } from '../../src/backend/ledger/sqlite';
import { DataQuery } from '../../src/backend/protocol/handlers';
import { Frame } from '../../src/backend/protocol/frame';
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

function instanceFor(n: number, variant: Variant): Instance {
  const instance = new Instance({ jsonData: { demo: true, catalogYaml: catalogYaml(n) }, decryptedSecureJsonData: {} }, { openLedger: () => new SqliteLedger(':memory:'), backfillDelayMs: null });
  const { errors } = instance.catalog();
  if (errors.length > 0 || instance.settingsIssues.length > 0) {
    throw new Error(`bench catalog/settings broken: ${JSON.stringify([...errors, ...instance.settingsIssues][0])}`);
  }
  if (variant === 'before') {
    // the same decorators and limits as Instance gives the demo source, around the old per-minute sums
    instance.sources.set('demo', resilient(new MinuteSummingDemoSource(), { maxConcurrency: 64, deadlineMs: 600_000, store: instance.buckets }));
  } else if (!instance.sources.has('demo')) {
    throw new Error('the demo source is missing');
  }
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

async function main(): Promise<void> {
  const afterOnly = process.argv.includes('--after-only');
  const began = performance.now();
  await refresh(instanceFor(1, 'after'), 1); // load modules and JIT once, outside every measurement
  console.log('catalog query over the demo source (28 days shown + 3 periods of look-back, fresh instance per refresh)\n');
  console.log(`${'SLOs'.padStart(6)} ${'before cold'.padStart(12)} ${'after cold'.padStart(12)} ${'speed-up'.padStart(9)} ${'before warm'.padStart(12)} ${'after warm'.padStart(12)}   frames`);
  for (const n of SIZES) {
    const after = instanceFor(n, 'after');
    const afterCold = await refresh(after, n);
    const afterWarm = await refresh(after, n);
    let before: { cold: { ms: number; frame: Frame }; warm: { ms: number } } | undefined;
    if (!afterOnly) {
      const instance = instanceFor(n, 'before');
      before = { cold: await refresh(instance, n), warm: await refresh(instance, n) };
    }
    const mismatch = before ? sameFrame(before.cold.frame, afterCold.frame) : undefined;
    const speedUp = before ? `${(before.cold.ms / afterCold.ms).toFixed(0)}×` : '—';
    const verdict = before ? (mismatch ? `DIFFER: ${mismatch}` : 'identical') : 'not compared';
    console.log(`${String(n).padStart(6)} ${fmt(before?.cold.ms).padStart(12)} ${fmt(afterCold.ms).padStart(12)} ${speedUp.padStart(9)} ${fmt(before?.warm.ms).padStart(12)} ${fmt(afterWarm.ms).padStart(12)}   ${verdict}`);
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
