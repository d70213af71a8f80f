/**
 * The ledger on PostgreSQL, for Grafana in high availability: every Grafana
 * replica's backend writes to one database. Same schema and migrations as
 * SQLite; migrations serialise on an advisory lock, and period inserts rely
 * on the unique key (ON CONFLICT DO NOTHING), so replicas never duplicate a
 * period. The connection string and password come from secureJsonData and
 * never appear in descriptions, logs or errors.
 */
import { Pool, PoolClient } from 'pg';
import { Enactment, EnactmentWrite, Review, ReviewWrite } from '../../core/contracts/ledgerContract';
import { LedgerKey, LedgerPeriodRecord, LedgerSubjectKind } from '../../core/ledger/ledgerRecord';
import { ManualConditionState } from '../../core/contracts/resourceContract';
import { MIGRATIONS_TABLE, pendingMigrations } from './migrations';
import * as sql from './sql';
import { LedgerStore, PeriodFilter, WriteOptions } from './store';

/** Arbitrary constant naming the ledger's migration lock among the database's advisory locks. */
const MIGRATION_LOCK = 7_311_042;

export interface PostgresLedgerOptions {
  connectionString: string;
  /** Overrides the password of the connection string (kept apart in secureJsonData). */
  password?: string;
  maxConnections?: number;
}

/** `?` placeholders → `$1, $2, …`. */
export function numberPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** host:port/database of a connection string, without user or password. */
export function describeConnection(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    return `postgres:${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgres:(unparsable connection string)';
  }
}

export class PostgresLedger implements LedgerStore {
  readonly description: string;
  private readonly pool: Pool;

  constructor(options: PostgresLedgerOptions) {
    this.description = describeConnection(options.connectionString);
    this.pool = new Pool({
      connectionString: options.connectionString,
      ...(options.password ? { password: options.password } : {}),
      max: options.maxConnections ?? 4,
      connectionTimeoutMillis: 10_000,
      application_name: 'sloledger',
    });
    // an idle client losing its connection must not crash the backend; the next query reconnects
    this.pool.on('error', () => undefined);
  }

  async migrate(targetVersion?: number): Promise<number> {
    return this.transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query(MIGRATIONS_TABLE);
      let version = await currentVersion(c);
      for (const m of pendingMigrations(version, targetVersion)) {
        for (const statement of m.statements('postgres')) {
          await c.query(statement);
        }
        await c.query('INSERT INTO ledger_schema (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
        version = m.version;
      }
      return version;
    });
  }

  async schemaVersion(): Promise<number> {
    const c = await this.pool.connect();
    try {
      await c.query(MIGRATIONS_TABLE);
      return await currentVersion(c);
    } finally {
      c.release();
    }
  }

  async recordPeriods(records: readonly LedgerPeriodRecord[], options: WriteOptions = {}): Promise<number> {
    if (records.length === 0) {
      return 0;
    }
    return this.transaction(async (c) => {
      let inserted = 0;
      for (const [i, r] of records.entries()) {
        const insert = sql.periodInsert(r);
        inserted += (await c.query(numberPlaceholders(insert.sql), insert.params)).rowCount ?? 0;
        await options.onRow?.(i + 1);
      }
      return inserted;
    });
  }

  async listPeriods(filter?: PeriodFilter): Promise<LedgerPeriodRecord[]> {
    const q = sql.periodQuery(filter);
    return (await this.all(q.sql, q.params)).map(sql.rowToPeriod).sort(sql.comparePeriods);
  }

  async recordedKeys(subjectKind: LedgerSubjectKind, subjectId: string, customer?: string): Promise<LedgerKey[]> {
    const rows = await this.all(sql.RECORDED_KEYS, [subjectKind, subjectId, customer ?? '']);
    return rows.map((r) => ({ subjectKind, subjectId, ...(customer !== undefined ? { customer } : {}), periodKind: String(r.period_kind) as LedgerKey['periodKind'], startMs: Number(r.period_start) }));
  }

  async recordManualState(state: ManualConditionState): Promise<void> {
    await this.all(sql.INSERT_MANUAL_STATE, sql.manualStateParams(state));
  }

  async latestManualStates(policy?: string): Promise<ManualConditionState[]> {
    return sql.latestPerCondition(await this.manualStateHistory(policy));
  }

  async manualStateHistory(policy?: string): Promise<ManualConditionState[]> {
    const q = sql.manualHistoryQuery(policy);
    return (await this.all(q.sql, q.params)).map(sql.rowToManualState);
  }

  async recordEnactment(policy: string, write: EnactmentWrite, by: string, recordedAtMs: number): Promise<Enactment> {
    const e = { ...write, policy, by, recordedAtMs };
    const [row] = await this.all(`${sql.INSERT_ENACTMENT} RETURNING id`, sql.enactmentParams(e));
    return { id: Number(row.id), ...e };
  }

  async listEnactments(policy?: string): Promise<Enactment[]> {
    const q = sql.enactmentsQuery(policy);
    return (await this.all(q.sql, q.params)).map(sql.rowToEnactment);
  }

  async recordReview(policy: string, write: ReviewWrite, by: string, reviewedAtMs: number): Promise<Review> {
    const r = { ...write, policy, by, reviewedAtMs };
    const [row] = await this.all(`${sql.INSERT_REVIEW} RETURNING id`, sql.reviewParams(r));
    return { id: Number(row.id), ...r };
  }

  async listReviews(policy?: string): Promise<Review[]> {
    const q = sql.reviewsQuery(policy);
    return (await this.all(q.sql, q.params)).map(sql.rowToReview);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async all(text: string, params: sql.SqlValue[]): Promise<Array<Record<string, unknown>>> {
    return (await this.pool.query(numberPlaceholders(text), params)).rows;
  }

  /** One client, one transaction: all of `fn` commits, or none of it. */
  private async transaction<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (error) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      c.release();
    }
  }
}

async function currentVersion(c: PoolClient): Promise<number> {
  const { rows } = await c.query('SELECT MAX(version) AS v FROM ledger_schema');
  return Number(rows[0]?.v ?? 0);
}
