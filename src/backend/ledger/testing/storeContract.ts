/**
 * The behaviour every LedgerStore must have, run against real SQLite and
 * real PostgreSQL (sqlite.test.ts, postgres.test.ts). Two of the cases start
 * a second backend process (writerProcess.ts): concurrent writers, and a
 * process killed in the middle of a write.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../migrations';
import { LedgerStore } from '../store';
import { openStore } from './openStore';
import { makeRecord, makeRecords } from './records';

const WRITER = path.join(__dirname, 'writerProcess.ts');
const DAY = 86_400_000;

/** A fresh, empty ledger target (a new file or a new database). */
export type FreshTarget = () => Promise<{ kind: 'sqlite' | 'postgres'; target: string }>;

function runWriter(args: string[], onLine?: (line: string, kill: () => void) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      for (const line of d.toString().split('\n').filter(Boolean)) {
        onLine?.(line, () => child.kill('SIGKILL'));
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

/** Runs a statement on the ledger's database behind the store's back (to prove the database itself refuses it). */
async function rawExec(kind: string, target: string, statement: string): Promise<void> {
  if (kind === 'sqlite') {
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as typeof import('node:sqlite');
    const raw = new DatabaseSync(target);
    try {
      raw.exec(statement);
    } finally {
      raw.close();
    }
    return;
  }
  const { Client } = await import('pg');
  const c = new Client({ connectionString: target });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

export function describeLedgerStore(name: string, fresh: FreshTarget): void {
  describe(`${name} ledger store`, () => {
    const opened: LedgerStore[] = [];
    const open = async (migrate = true) => {
      const { kind, target } = await fresh();
      const store = openStore(kind, target);
      opened.push(store);
      if (migrate) {
        await store.migrate();
      }
      return { store, kind, target };
    };
    afterAll(async () => {
      await Promise.all(opened.map((s) => s.close()));
    });

    it('migrates an empty database to the newest schema, and a second run changes nothing', async () => {
      const { store } = await open(false);
      expect(await store.schemaVersion()).toBe(0);
      expect(await store.migrate()).toBe(LATEST_SCHEMA_VERSION);
      expect(await store.migrate()).toBe(LATEST_SCHEMA_VERSION);
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    });

    it('migrates up to version 1, keeps what was written, then forward to the newest', async () => {
      const { store } = await open(false);
      expect(await store.migrate(1)).toBe(1);
      await store.recordPeriods([makeRecord()]);
      await store.recordManualState({ policy: 'p', conditionId: 'incidents', met: true, by: 'alice', atMs: 1000 });
      await expect(store.listReviews()).rejects.toThrow(/policy_reviews/);
      expect(await store.migrate()).toBe(LATEST_SCHEMA_VERSION);
      expect(await store.listPeriods()).toEqual([makeRecord()]);
      expect(await store.latestManualStates()).toEqual([{ policy: 'p', conditionId: 'incidents', met: true, by: 'alice', atMs: 1000 }]);
      await store.recordReview('p', { nextReviewMs: 5000 }, 'bob', 2000);
      expect(await store.listReviews('p')).toEqual([{ id: 1, policy: 'p', nextReviewMs: 5000, by: 'bob', reviewedAtMs: 2000 }]);
    });

    it('migrates from version 2 to the per-customer key: old rows keep every figure, stay immutable, and a customer row of the same period joins them', async () => {
      const { store, kind, target } = await open(false);
      expect(await store.migrate(2)).toBe(2);
      const old = [makeRecord(), makeRecord({ subjectKind: 'sla', subjectId: 'login-sla', periodKind: 'month' })];
      expect(await store.recordPeriods(old)).toBe(2);
      expect(await store.migrate()).toBe(LATEST_SCHEMA_VERSION);
      expect(await store.listPeriods()).toEqual([old[1], old[0]]);
      // the own row is still written once; the customer's row of the same SLA and period is a new row
      const acme = makeRecord({ subjectKind: 'sla', subjectId: 'login-sla', periodKind: 'month', customer: 'acme', sli: 0.9981 });
      expect(await store.recordPeriods([{ ...old[1], sli: 0.5 }, acme])).toBe(1);
      expect(await store.listPeriods({ subjectKind: 'sla' })).toEqual([old[1], acme]);
      await expect(rawExec(kind, target, 'UPDATE ledger_periods SET sli = 0.5')).rejects.toThrow('ledger periods are immutable');
      await expect(rawExec(kind, target, "DELETE FROM ledger_periods WHERE customer = 'acme'")).rejects.toThrow('ledger periods are immutable');
    });

    it('keeps an SLA\'s own row and one row per customer of the same period apart, each written once', async () => {
      const { store } = await open();
      const sla = { subjectKind: 'sla' as const, subjectId: 'login-sla', periodKind: 'month' as const };
      const own = makeRecord({ ...sla, sli: 0.9990 });
      const perCustomer = ['acme', 'globex', 'initech', 'o\'brien "&" co'].map((customer, i) => makeRecord({ ...sla, customer, sli: 0.998 - i / 1000 }));
      expect(await store.recordPeriods([own, ...perCustomer])).toBe(5);
      expect(await store.recordPeriods([own, ...perCustomer].map((r) => ({ ...r, sli: 0.1 })))).toBe(0);
      expect(await store.listPeriods()).toEqual([own, ...perCustomer]);
      expect(await store.listPeriods({ customer: null })).toEqual([own]);
      expect(await store.listPeriods({ subjectIds: ['login-sla'], customer: 'globex' })).toEqual([perCustomer[1]]);
      expect(await store.listPeriods({ customer: 'unknown' })).toEqual([]);
      expect(await store.recordedKeys('sla', 'login-sla')).toEqual([{ ...sla, startMs: own.startMs }]);
      expect(await store.recordedKeys('sla', 'login-sla', 'acme')).toEqual([{ ...sla, customer: 'acme', startMs: own.startMs }]);
    });

    it('refuses an unknown target version with a clear message', async () => {
      const { store } = await open(false);
      await expect(store.migrate(LATEST_SCHEMA_VERSION + 1)).rejects.toThrow(`no ledger schema version ${LATEST_SCHEMA_VERSION + 1}`);
    });

    it('writes each closed period once: a re-run inserts nothing and leaves the first figures', async () => {
      const { store } = await open();
      const first = makeRecords(3);
      expect(await store.recordPeriods(first)).toBe(3);
      const rewritten = first.map((r) => ({ ...r, sli: 0.5, catalogVersion: 'other' }));
      expect(await store.recordPeriods(rewritten)).toBe(0);
      expect(await store.listPeriods()).toEqual(first);
    });

    it('round-trips every figure, including null SLI, exhaustion and episodes', async () => {
      const { store } = await open();
      const exhausted = makeRecord({ subjectId: 'a', sli: null, endRemaining: -0.4, exhaustedAtMs: Date.UTC(2026, 0, 20), timeToExhaustionMs: 19 * DAY, adherence: 'Broken', avgSpeed: null, highestSpeed: null, episodes: [] });
      const sla = makeRecord({ subjectKind: 'sla', subjectId: 'b', periodKind: 'month' });
      await store.recordPeriods([exhausted, sla]);
      expect(await store.listPeriods({ subjectIds: ['a'] })).toEqual([exhausted]);
      expect(await store.listPeriods({ subjectKind: 'sla', periodKind: 'month' })).toEqual([sla]);
    });

    it.each([
      ['periods ending after from', { fromMs: Date.UTC(2025, 1, 1) }, ['p1', 'p2', 'p3']],
      ['periods starting before to', { toMs: Date.UTC(2025, 1, 1) }, ['p0', 'p1']],
      ['both bounds', { fromMs: Date.UTC(2025, 1, 1), toMs: Date.UTC(2025, 2, 15) }, ['p1', 'p2']],
    ])('filters %s', async (_name, filter, labels) => {
      const { store } = await open();
      await store.recordPeriods(makeRecords(4));
      expect((await store.listPeriods(filter)).map((r) => r.label)).toEqual(labels);
    });

    it('lists the recorded keys of one subject', async () => {
      const { store } = await open();
      await store.recordPeriods([...makeRecords(2), makeRecord({ subjectId: 'other' })]);
      expect((await store.recordedKeys('slo', 'checkout/orders')).map((k) => k.startMs).sort()).toEqual([Date.UTC(2025, 0, 1), Date.UTC(2025, 0, 31)]);
    });

    it('keeps every manual condition state with who and when, and answers the latest per condition', async () => {
      const { store } = await open();
      await store.recordManualState({ policy: 'p', conditionId: 'c1', met: true, note: 'three P1 incidents', by: 'alice', atMs: 1000 });
      await store.recordManualState({ policy: 'p', conditionId: 'c1', met: false, by: 'bob', atMs: 2000 });
      await store.recordManualState({ policy: 'p', conditionId: 'c2', met: true, by: 'alice', atMs: 1500 });
      await store.recordManualState({ policy: 'q', conditionId: 'c1', met: true, by: 'carol', atMs: 1200 });
      expect(await store.latestManualStates('p')).toEqual([
        { policy: 'p', conditionId: 'c1', met: false, by: 'bob', atMs: 2000 },
        { policy: 'p', conditionId: 'c2', met: true, by: 'alice', atMs: 1500 },
      ]);
      expect((await store.manualStateHistory()).map((s) => s.atMs)).toEqual([2000, 1500, 1200, 1000]);
    });

    it('records policy enactments with consequences and linked work items', async () => {
      const { store } = await open();
      const write = { conditionId: 'A', atMs: Date.UTC(2026, 2, 20), trigger: 'automatic' as const, consequences: ['freeze'], sloId: 'checkout/orders', period: '2026-03', workItems: [{ url: 'https://issues.example/SRE-1', status: 'open' }] };
      const saved = await store.recordEnactment('checkout', write, 'alice', Date.UTC(2026, 2, 20, 1));
      await store.recordEnactment('web', { ...write, sloId: undefined, period: undefined, note: 'manual', trigger: 'manual', workItems: [] }, 'bob', Date.UTC(2026, 2, 21));
      expect(saved.id).toBeGreaterThan(0);
      expect(await store.listEnactments('checkout')).toEqual([saved]);
      expect(await store.listEnactments()).toHaveLength(2);
    });

    it('writes all of a batch or nothing when the write fails half way', async () => {
      const { store } = await open();
      await expect(
        store.recordPeriods(makeRecords(4), {
          onRow: (n) => {
            if (n === 2) {
              throw new Error('disk full');
            }
          },
        })
      ).rejects.toThrow('disk full');
      expect(await store.listPeriods()).toEqual([]);
    });

    it('never duplicates a period when two backend processes write the same periods at once', async () => {
      const { store, kind, target } = await open();
      const first = Date.UTC(2024, 0, 1);
      const [a, b] = await Promise.all([
        runWriter(['write', kind, target, '30', String(first)]),
        runWriter(['write', kind, target, '30', String(first + 10 * 30 * DAY)]),
      ]);
      expect([a.err, b.err]).toEqual(['', '']);
      const inserted = [a.out, b.out].map((o) => Number(/inserted (\d+)/.exec(o)![1]));
      // periods 0..39 in all; the 20 both processes wrote exist once
      expect(inserted[0] + inserted[1]).toBe(40);
      const rows = await store.listPeriods();
      expect(rows).toHaveLength(40);
      expect(new Set(rows.map((r) => r.startMs)).size).toBe(40);
    }, 60_000);

    it('loses nothing committed when the process is killed in the middle of a write', async () => {
      const { store, kind, target } = await open();
      const result = await runWriter(['crash', kind, target], (line, kill) => {
        if (line === 'mid') {
          kill();
        }
      });
      expect(result.signal).toBe('SIGKILL');
      expect(result.out).toContain('committed');
      const reopened = openStore(kind, target);
      opened.push(reopened);
      const rows = await reopened.listPeriods();
      expect(rows.filter((r) => r.subjectId === 'committed')).toHaveLength(3);
      expect(rows.filter((r) => r.subjectId === 'torn')).toHaveLength(0);
      expect(await store.recordPeriods(makeRecords(5, { subjectId: 'torn' }))).toBe(5);
    }, 60_000);
  });
}
