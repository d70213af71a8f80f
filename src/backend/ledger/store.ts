/**
 * The ledger's storage interface (DESIGN.md "The ledger"): SQLite (embedded
 * default) and PostgreSQL (Grafana in high availability) implement it with
 * the same schema and migrations. Closed periods are written at most once:
 * the key (subject, customer, period kind, period start) is unique and inserts that
 * meet an existing row do nothing, so re-runs and concurrent writers are safe.
 */
import { Enactment, EnactmentWrite, Review, ReviewWrite } from '../../core/contracts/ledgerContract';
import { LedgerKey, LedgerPeriodKind, LedgerPeriodRecord, LedgerSubjectKind } from '../../core/ledger/ledgerRecord';
import { ManualConditionState } from '../../core/contracts/resourceContract';

export interface PeriodFilter {
  subjectKind?: LedgerSubjectKind;
  subjectIds?: string[];
  /** Absent: every row; null: only the subjects' own rows; a value: only that customer's rows (book 11.2.7). */
  customer?: string | null;
  periodKind?: LedgerPeriodKind;
  /** Periods ending after this instant. */
  fromMs?: number;
  /** Periods starting before this instant. */
  toMs?: number;
}

export interface WriteOptions {
  /** Called after each row inside the transaction (tests use it to crash mid-write). */
  onRow?: (written: number) => void | Promise<void>;
}

export interface LedgerStore {
  /** "sqlite:/path" or "postgres:host/db" (no secrets). */
  readonly description: string;
  /**
   * Brings the schema to `targetVersion` (default: the newest); safe to call
   * from several processes at once. Resolves to the version reached.
   */
  migrate(targetVersion?: number): Promise<number>;
  schemaVersion(): Promise<number>;
  /** Inserts the records that are not there yet, in one transaction; resolves to how many were new. */
  recordPeriods(records: readonly LedgerPeriodRecord[], options?: WriteOptions): Promise<number>;
  /** Oldest first, by subject. */
  listPeriods(filter?: PeriodFilter): Promise<LedgerPeriodRecord[]>;
  /** Keys present among the given subject's own rows, or its rows for `customer` (for "which periods are missing"). */
  recordedKeys(subjectKind: LedgerSubjectKind, subjectId: string, customer?: string): Promise<LedgerKey[]>;
  recordManualState(state: ManualConditionState): Promise<void>;
  /** The latest state of every manual condition (optionally of one policy). */
  latestManualStates(policy?: string): Promise<ManualConditionState[]>;
  /** Every recorded state, newest first (the audit trail). */
  manualStateHistory(policy?: string): Promise<ManualConditionState[]>;
  recordEnactment(policy: string, write: EnactmentWrite, by: string, recordedAtMs: number): Promise<Enactment>;
  listEnactments(policy?: string): Promise<Enactment[]>;
  recordReview(policy: string, write: ReviewWrite, by: string, reviewedAtMs: number): Promise<Review>;
  listReviews(policy?: string): Promise<Review[]>;
  close(): Promise<void>;
}
