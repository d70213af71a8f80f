/**
 * The embedded ledger: SQLite through `node:sqlite` of the Node 24 runtime
 * inside the backend executable (no native addon, no setup). WAL journal and
 * synchronous=FULL: a committed transaction survives the process being
 * killed. Writers take the write lock up front (BEGIN IMMEDIATE) and wait for
 * each other (busy timeout), so two backend processes can share one file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { Enactment, EnactmentWrite, Review, ReviewWrite } from '../../core/contracts/ledgerContract';
import { LedgerKey, LedgerPeriodRecord, LedgerSubjectKind } from '../../core/ledger/ledgerRecord';
import { ManualConditionState } from '../../core/contracts/resourceContract';
import { MIGRATIONS_TABLE, pendingMigrations } from './migrations';
import * as sql from './sql';
import { LedgerStore, PeriodFilter, WriteOptions } from './store';

const BUSY_TIMEOUT_MS = 10_000;

type SqliteModule = typeof import('node:sqlite');

/** node:sqlite, loaded at run time so bundlers and older runtimes fail with a clear message instead of at import. */
function sqliteModule(): SqliteModule {
  const mod = typeof process.getBuiltinModule === 'function' ? (process.getBuiltinModule('node:sqlite') as SqliteModule | undefined) : undefined;
  if (!mod) {
    throw new Error(`the SQLite ledger needs node:sqlite (Node 24, as embedded in the backend executable); this is Node ${process.versions.node}`);
  }
  return mod;
}

export class SqliteLedger implements LedgerStore {
  readonly description: string;
  private readonly db: DatabaseSync;

  /** Opens (creating the file and its directory when missing) the ledger at `file`. */
  constructor(readonly file: string) {
    this.description = `sqlite:${file}`;
    try {
      if (file !== ':memory:') {
        fs.mkdirSync(path.dirname(file), { recursive: true });
      }
      this.db = new (sqliteModule().DatabaseSync)(file, { timeout: BUSY_TIMEOUT_MS });
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message} (set the ledger path in the datasource settings to a writable file)`);
    }
    this.db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = FULL');
  }

  async migrate(targetVersion?: number): Promise<number> {
    return this.transaction(() => {
      this.db.exec(MIGRATIONS_TABLE);
      let version = this.currentVersion();
      for (const m of pendingMigrations(version, targetVersion)) {
        for (const statement of m.statements('sqlite')) {
          this.db.exec(statement);
        }
        this.db.prepare('INSERT INTO ledger_schema (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
        version = m.version;
      }
      return version;
    });
  }

  async schemaVersion(): Promise<number> {
    this.db.exec(MIGRATIONS_TABLE);
    return this.currentVersion();
  }

  async recordPeriods(records: readonly LedgerPeriodRecord[], options: WriteOptions = {}): Promise<number> {
    if (records.length === 0) {
      return 0;
    }
    return this.transaction(() => {
      const statements = new Map<string, StatementSync>();
      let inserted = 0;
      records.forEach((r, i) => {
        const insert = sql.periodInsert(r);
        const statement = statements.get(insert.sql) ?? this.db.prepare(insert.sql);
        statements.set(insert.sql, statement);
        inserted += Number(statement.run(...insert.params).changes);
        // synchronous on purpose: the transaction must not yield to other work on this connection
        void options.onRow?.(i + 1);
      });
      return inserted;
    });
  }

  async listPeriods(filter?: PeriodFilter): Promise<LedgerPeriodRecord[]> {
    const q = sql.periodQuery(filter);
    return this.all(q.sql, q.params).map(sql.rowToPeriod).sort(sql.comparePeriods);
  }

  async recordedKeys(subjectKind: LedgerSubjectKind, subjectId: string, customer?: string): Promise<LedgerKey[]> {
    return this.all(sql.RECORDED_KEYS, [subjectKind, subjectId, customer ?? '']).map((r) => ({
      subjectKind,
      subjectId,
      ...(customer !== undefined ? { customer } : {}),
      periodKind: String(r.period_kind) as LedgerKey['periodKind'],
      startMs: Number(r.period_start),
    }));
  }

  async recordManualState(state: ManualConditionState): Promise<void> {
    this.db.prepare(sql.INSERT_MANUAL_STATE).run(...sql.manualStateParams(state));
  }

  async latestManualStates(policy?: string): Promise<ManualConditionState[]> {
    return sql.latestPerCondition(await this.manualStateHistory(policy));
  }

  async manualStateHistory(policy?: string): Promise<ManualConditionState[]> {
    const q = sql.manualHistoryQuery(policy);
    return this.all(q.sql, q.params).map(sql.rowToManualState);
  }

  async recordEnactment(policy: string, write: EnactmentWrite, by: string, recordedAtMs: number): Promise<Enactment> {
    const e = { ...write, policy, by, recordedAtMs };
    const { lastInsertRowid } = this.db.prepare(sql.INSERT_ENACTMENT).run(...sql.enactmentParams(e));
    return { id: Number(lastInsertRowid), ...e };
  }

  async listEnactments(policy?: string): Promise<Enactment[]> {
    const q = sql.enactmentsQuery(policy);
    return this.all(q.sql, q.params).map(sql.rowToEnactment);
  }

  async recordReview(policy: string, write: ReviewWrite, by: string, reviewedAtMs: number): Promise<Review> {
    const r = { ...write, policy, by, reviewedAtMs };
    const { lastInsertRowid } = this.db.prepare(sql.INSERT_REVIEW).run(...sql.reviewParams(r));
    return { id: Number(lastInsertRowid), ...r };
  }

  async listReviews(policy?: string): Promise<Review[]> {
    const q = sql.reviewsQuery(policy);
    return this.all(q.sql, q.params).map(sql.rowToReview);
  }

  async close(): Promise<void> {
    if (this.db.isOpen) {
      this.db.close();
    }
  }

  private currentVersion(): number {
    const row = this.db.prepare('SELECT MAX(version) AS v FROM ledger_schema').get() as { v: number | null } | undefined;
    return Number(row?.v ?? 0);
  }

  private all(text: string, params: sql.SqlValue[]): Array<Record<string, unknown>> {
    return this.db.prepare(text).all(...(params as SQLInputValue[])) as Array<Record<string, unknown>>;
  }

  /** Runs `fn` in one write transaction: all of it commits, or none of it. */
  private transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      this.db.exec('COMMIT');
      return out;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
