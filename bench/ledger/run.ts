/**
 * bench/ledger: the embedded SQLite ledger at the scale of a large catalog —
 * 1,000 SLOs × 26 closed periods (a year of budget periods and months) —
 * written in one transaction, then the reads a query makes: one SLO's rows,
 * and 50 SLOs' rows in one statement (a dashboard of period tables).
 * Run: npm run bench:ledger
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteLedger } from '../../src/backend/ledger/sqlite';
import { makeRecord } from '../../src/backend/ledger/testing/records';

const SLOS = 1_000;
const PERIODS = 13;
const DAY = 86_400_000;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-bench-'));
  const store = new SqliteLedger(path.join(dir, 'ledger.db'));
  await store.migrate();
  const rows = [];
  for (let s = 0; s < SLOS; s++) {
    for (let p = 0; p < PERIODS; p++) {
      for (const periodKind of ['budget', 'month'] as const) {
        const startMs = Date.UTC(2025, 0, 1) + p * 30 * DAY;
        rows.push(makeRecord({ subjectId: `service-${s % 50}/slo-${s}`, periodKind, startMs, endMs: startMs + 30 * DAY, label: `p${p}` }));
      }
    }
  }
  let t = performance.now();
  const inserted = await store.recordPeriods(rows);
  const writeMs = performance.now() - t;
  t = performance.now();
  const again = await store.recordPeriods(rows);
  const rerunMs = performance.now() - t;

  const time = async (runs: number, fn: () => Promise<unknown>) => {
    await fn();
    const start = performance.now();
    for (let i = 0; i < runs; i++) {
      await fn();
    }
    return (performance.now() - start) / runs;
  };
  const oneSlo = await time(200, () => store.listPeriods({ subjectKind: 'slo', subjectIds: ['service-7/slo-7'], fromMs: Date.UTC(2025, 3, 1) }));
  const fifty = Array.from({ length: 50 }, (_, i) => `service-${i}/slo-${i}`);
  const fiftySlos = await time(50, () => store.listPeriods({ subjectKind: 'slo', subjectIds: fifty }));
  const size = fs.statSync(path.join(dir, 'ledger.db')).size + (fs.existsSync(path.join(dir, 'ledger.db-wal')) ? fs.statSync(path.join(dir, 'ledger.db-wal')).size : 0);
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });

  console.log(`write ${inserted} rows in one transaction: ${writeMs.toFixed(0)} ms (${((writeMs * 1000) / inserted).toFixed(1)} µs/row)`);
  console.log(`re-run, all ${rows.length} already there (${again} new): ${rerunMs.toFixed(0)} ms`);
  console.log(`read one SLO's periods: ${oneSlo.toFixed(2)} ms; 50 SLOs at once (${50 * PERIODS * 2} rows): ${fiftySlos.toFixed(2)} ms`);
  console.log(`file size: ${(size / 1_048_576).toFixed(1)} MB`);
}

void main();
