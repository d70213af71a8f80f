/**
 * The ledger schema, versioned: SQLite and PostgreSQL run the same list of
 * migrations, each in its own transaction with the version row, so a crash
 * leaves the schema at a whole version. Append new versions; never edit one
 * that has shipped.
 */
export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  name: string;
  statements(dialect: Dialect): string[];
}

const id = (d: Dialect) => (d === 'sqlite' ? 'id INTEGER PRIMARY KEY' : 'id BIGSERIAL PRIMARY KEY');

/** Closed periods are written once: updates and deletes are refused by the database itself. */
function immutablePeriods(d: Dialect): string[] {
  if (d === 'sqlite') {
    return ['UPDATE', 'DELETE'].map(
      (op) => `CREATE TRIGGER ledger_periods_no_${op.toLowerCase()} BEFORE ${op} ON ledger_periods BEGIN SELECT RAISE(ABORT, 'ledger periods are immutable'); END`
    );
  }
  return [
    `CREATE FUNCTION ledger_periods_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ledger periods are immutable'; END $$`,
    `CREATE TRIGGER ledger_periods_no_change BEFORE UPDATE OR DELETE ON ledger_periods FOR EACH ROW EXECUTE FUNCTION ledger_periods_immutable()`,
  ];
}

/** The version that added per-customer SLA rows (readers of older ledgers know they hold none). */
export const CUSTOMER_SCHEMA_VERSION = 3;

/** The columns of ledger_periods as version 1 created them. */
const PERIOD_COLUMNS_V1 = [
  'subject_kind', 'subject_id', 'period_kind', 'period_start', 'period_end', 'label', 'sli', 'good', 'total', 'end_remaining',
  'exhausted_at', 'time_to_exhaustion', 'avg_speed', 'highest_speed', 'episodes', 'adherence', 'catalog_version', 'recorded_at',
];

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'closed periods, manual condition states, policy enactments',
    statements: (d) => [
      `CREATE TABLE ledger_periods (
        subject_kind TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        period_kind TEXT NOT NULL,
        period_start BIGINT NOT NULL,
        period_end BIGINT NOT NULL,
        label TEXT NOT NULL,
        sli DOUBLE PRECISION,
        good DOUBLE PRECISION NOT NULL,
        total DOUBLE PRECISION NOT NULL,
        end_remaining DOUBLE PRECISION,
        exhausted_at BIGINT,
        time_to_exhaustion BIGINT,
        avg_speed DOUBLE PRECISION,
        highest_speed DOUBLE PRECISION,
        episodes TEXT NOT NULL,
        adherence TEXT NOT NULL,
        catalog_version TEXT NOT NULL,
        recorded_at BIGINT NOT NULL,
        PRIMARY KEY (subject_kind, subject_id, period_kind, period_start)
      )`,
      ...immutablePeriods(d),
      `CREATE TABLE manual_condition_states (
        ${id(d)},
        policy TEXT NOT NULL,
        condition_id TEXT NOT NULL,
        met INTEGER NOT NULL,
        note TEXT,
        by_login TEXT NOT NULL,
        at_ms BIGINT NOT NULL
      )`,
      `CREATE TABLE policy_enactments (
        ${id(d)},
        policy TEXT NOT NULL,
        condition_id TEXT NOT NULL,
        at_ms BIGINT NOT NULL,
        trigger_kind TEXT NOT NULL,
        consequences TEXT NOT NULL,
        slo_id TEXT,
        period_label TEXT,
        work_items TEXT NOT NULL,
        note TEXT,
        by_login TEXT NOT NULL,
        recorded_at BIGINT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'policy reviews; index for the latest manual condition states',
    statements: (d) => [
      `CREATE TABLE policy_reviews (
        ${id(d)},
        policy TEXT NOT NULL,
        reviewed_at BIGINT NOT NULL,
        next_review_ms BIGINT NOT NULL,
        note TEXT,
        by_login TEXT NOT NULL
      )`,
      'CREATE INDEX manual_condition_states_by_condition ON manual_condition_states (policy, condition_id, at_ms)',
    ],
  },
  {
    version: CUSTOMER_SCHEMA_VERSION,
    name: 'per-customer SLA periods: customer column in the key of ledger_periods',
    statements: customerColumn,
  },
];

/**
 * Version 3 (book 11.2.7: SLAs per customer): `customer` joins the key, so an
 * SLA's row over all customers and its rows for each customer of the same
 * period coexist. '' is the subject's own row, not NULL: NULLs never collide
 * in a unique key, which would let a period be written twice. Old rows get
 * '' and keep every figure.
 */
function customerColumn(d: Dialect): string[] {
  if (d === 'postgres') {
    // ALTER TABLE fires no row triggers: the immutability trigger stays and is not tripped
    return [
      "ALTER TABLE ledger_periods ADD COLUMN customer TEXT NOT NULL DEFAULT ''",
      'ALTER TABLE ledger_periods DROP CONSTRAINT ledger_periods_pkey',
      'ALTER TABLE ledger_periods ADD PRIMARY KEY (subject_kind, subject_id, customer, period_kind, period_start)',
    ];
  }
  // SQLite cannot change a primary key in place: copy into a new table (same transaction), drop the old one with its triggers, rename
  const columns = PERIOD_COLUMNS_V1.join(', ');
  return [
    `CREATE TABLE ledger_periods_v3 (
      subject_kind TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      customer TEXT NOT NULL DEFAULT '',
      period_kind TEXT NOT NULL,
      period_start BIGINT NOT NULL,
      period_end BIGINT NOT NULL,
      label TEXT NOT NULL,
      sli DOUBLE PRECISION,
      good DOUBLE PRECISION NOT NULL,
      total DOUBLE PRECISION NOT NULL,
      end_remaining DOUBLE PRECISION,
      exhausted_at BIGINT,
      time_to_exhaustion BIGINT,
      avg_speed DOUBLE PRECISION,
      highest_speed DOUBLE PRECISION,
      episodes TEXT NOT NULL,
      adherence TEXT NOT NULL,
      catalog_version TEXT NOT NULL,
      recorded_at BIGINT NOT NULL,
      PRIMARY KEY (subject_kind, subject_id, customer, period_kind, period_start)
    )`,
    `INSERT INTO ledger_periods_v3 (${columns}) SELECT ${columns} FROM ledger_periods`,
    ...['update', 'delete'].map((op) => `DROP TRIGGER ledger_periods_no_${op}`),
    'DROP TABLE ledger_periods',
    'ALTER TABLE ledger_periods_v3 RENAME TO ledger_periods',
    ...immutablePeriods(d),
  ];
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export const MIGRATIONS_TABLE = 'CREATE TABLE IF NOT EXISTS ledger_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)';

/** The migrations to run from `current` to `target`, or an error when the database is newer than this plugin. */
export function pendingMigrations(current: number, target = LATEST_SCHEMA_VERSION): readonly Migration[] {
  if (current > LATEST_SCHEMA_VERSION) {
    throw new Error(`the ledger schema is at version ${current}, newer than this plugin knows (${LATEST_SCHEMA_VERSION}): upgrade the plugin`);
  }
  if (!Number.isInteger(target) || target < 0 || target > LATEST_SCHEMA_VERSION) {
    throw new Error(`no ledger schema version ${target} (known: 1..${LATEST_SCHEMA_VERSION})`);
  }
  return MIGRATIONS.filter((m) => m.version > current && m.version <= target);
}
