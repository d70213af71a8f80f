/**
 * What the ledger keeps for one closed period of one SLO or SLA (book 3.3:
 * "track and persistently record error budget depletion by the chosen time
 * unit"): the figures of src/core/budget/periodFigures.ts, written once, with the
 * catalog version that produced them. Pure data and conversions.
 */
import type { AdherenceState } from '../budget/adherence';
import type { EpisodeMark } from '../budget/episodes';
import type { EpochMs } from '../model/model';
import type { PeriodFigures } from '../budget/periodFigures';

export type LedgerSubjectKind = 'slo' | 'sla';
/** `budget`: an error budget period of a calendar SLO; `month`: a calendar month (monthly time scale, book 11.2.3). */
export type LedgerPeriodKind = 'budget' | 'month';

/**
 * The unique key of a ledger row: one subject, one period kind, one period
 * start, and for an SLA with a `customerLabel` optionally one customer.
 *
 * WHY a separate `customer` field rather than a subject id like
 * `login-sla{customer="acme"}`: the subject stays the catalog's SLA id, so
 * `sla=login-sla` finds the SLA and all of its customers, renaming nothing,
 * and a customer value can hold any character without an escaping scheme in
 * the id. Absent: the subject's own row (over all customers; book 11.2.7).
 */
export interface LedgerKey {
  subjectKind: LedgerSubjectKind;
  subjectId: string;
  /** The customer (value of the SLA's customer label) the row is for; absent for the subject's own row. */
  customer?: string;
  periodKind: LedgerPeriodKind;
  startMs: EpochMs;
}

export interface LedgerPeriodRecord extends LedgerKey {
  label: string;
  endMs: EpochMs;
  sli: number | null;
  good: number;
  total: number;
  endRemaining: number | null;
  exhaustedAtMs: EpochMs | null;
  timeToExhaustionMs: number | null;
  avgSpeed: number | null;
  highestSpeed: number | null;
  episodes: EpisodeMark[];
  adherence: AdherenceState;
  /** Hash of the catalog that defined the subject when the period was recorded. */
  catalogVersion: string;
  recordedAtMs: EpochMs;
}

/** "slo|checkout/orders|budget|1767225600000" (a customer's row: "sla|login-sla|month|1767225600000|acme"): identity of a row, for sets and maps. */
export function ledgerKeyString(k: LedgerKey): string {
  const own = `${k.subjectKind}|${k.subjectId}|${k.periodKind}|${k.startMs}`;
  return k.customer === undefined ? own : `${own}|${JSON.stringify(k.customer)}`;
}

/** How a row's subject reads in notices and CheckHealth: `login-sla`, or `login-sla{customer="acme"}` for one customer. */
export function subjectName(subjectId: string, customer?: { label: string; value: string }): string {
  return customer === undefined ? subjectId : `${subjectId}{${customer.label}=${JSON.stringify(customer.value)}}`;
}

/** The record of a finished period's figures. */
export function recordFromFigures(
  f: PeriodFigures,
  subject: Pick<LedgerKey, 'subjectKind' | 'subjectId' | 'periodKind' | 'customer'>,
  catalogVersion: string,
  recordedAtMs: EpochMs
): LedgerPeriodRecord {
  const { customer, ...own } = subject;
  return {
    ...own,
    ...(customer !== undefined ? { customer } : {}),
    startMs: f.startMs,
    endMs: f.endMs,
    label: f.label,
    sli: f.sli,
    good: f.good,
    total: f.total,
    endRemaining: f.endRemaining,
    exhaustedAtMs: f.exhaustion?.atMs ?? null,
    // book 11.2.5: time to exhaustion counts from the period start
    timeToExhaustionMs: f.exhaustion?.timeToExhaustionMs ?? null,
    avgSpeed: f.avgSpeed,
    highestSpeed: f.highestSpeed,
    episodes: f.episodes.map((e) => ({ ...e })),
    adherence: f.adherence,
    catalogVersion,
    recordedAtMs,
  };
}

/** Period figures rebuilt from a record (no burn-down curve: the ledger keeps end figures only). */
export function figuresFromRecord(r: LedgerPeriodRecord): PeriodFigures {
  return {
    label: r.label,
    startMs: r.startMs,
    endMs: r.endMs,
    finished: true,
    complete: true,
    projected: false,
    sli: r.sli,
    good: r.good,
    total: r.total,
    endRemaining: r.endRemaining,
    exhaustion: r.exhaustedAtMs === null ? null : { periodStartMs: r.startMs, atMs: r.exhaustedAtMs, timeToExhaustionMs: r.timeToExhaustionMs ?? r.exhaustedAtMs - r.startMs },
    episodes: r.episodes.map((e) => ({ ...e })),
    avgSpeed: r.avgSpeed,
    highestSpeed: r.highestSpeed,
    adherence: r.adherence,
    times: new Float64Array(0),
    remaining: new Float64Array(0),
  };
}
