/**
 * The read side: per-period figures of a query merged with the ledger
 * (core/ledger/ledgerMerge.ts). Closed periods the source no longer holds come from
 * the ledger; where both hold a period they are compared and disagreements
 * go to CheckHealth; periods neither holds read "no record". A slow or
 * broken ledger never fails a query: after a short wait it answers live
 * figures with a notice.
 */
import { heldFromMs, sourceHeldPeriod } from '../../core/ledger/ledgerPeriods';
import { intervalKey, LiveFigures, mergePeriods } from '../../core/ledger/ledgerMerge';
import { LedgerPeriodKind, LedgerPeriodRecord, subjectName } from '../../core/ledger/ledgerRecord';
import { Sla } from '../../core/model/model';
import { PeriodFigures } from '../../core/budget/periodFigures';
import { figuresFor, SloComputation } from '../handlers/compute/engine';
import { scaleIntervals } from '../handlers/frames/timeScale';
import { Ledger } from './ledgerService';

const READ_WAIT_MS = 2_000;

function timeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e))
    );
  });
}

function live(c: SloComputation, figures: readonly PeriodFigures[]): LiveFigures[] {
  const held = heldFromMs(c.buckets);
  return figures.map((f) => ({ figures: f, held: sourceHeldPeriod(held, c.buckets.stepMs, f) }));
}

/**
 * Replaces the computations' closed-period figures by merged ones: the error
 * budget periods of calendar SLOs, and the months when `months` is set
 * (monthly time scale). Resolves to notices for the response.
 */
export async function mergeWithLedger(ledger: Ledger | undefined, computations: readonly SloComputation[], catalogVersion: string, months: boolean): Promise<string[]> {
  if (computations.length === 0) {
    return [];
  }
  const notices: string[] = [];
  let records: LedgerPeriodRecord[] = [];
  if (ledger) {
    try {
      const store = await timeout(ledger.ready(), READ_WAIT_MS);
      const fromMs = Math.min(...computations.map((c) => c.periods[0]?.startMs ?? c.fromMs));
      const toMs = Math.max(...computations.map((c) => c.toMs));
      records = await timeout(store.listPeriods({ subjectKind: 'slo', subjectIds: computations.map((c) => c.slo.id), fromMs, toMs }), READ_WAIT_MS);
    } catch (error) {
      notices.push(`ledger not read (live figures only): ${(error as Error).message}`);
    }
  }
  const unrecorded: Array<{ id: string; labels: string[] }> = [];
  const rowsOf = (id: string, kind: LedgerPeriodKind) => records.filter((r) => r.subjectId === id && r.periodKind === kind);
  for (const c of computations) {
    const noRecord: string[] = [];
    const apply = (kind: LedgerPeriodKind, figures: readonly PeriodFigures[]) => {
      const merged = mergePeriods(c.slo.id, live(c, figures), rowsOf(c.slo.id, kind), catalogVersion);
      const checked = merged.periods.filter((p) => p.origin === 'both').map((p) => p.figures.startMs);
      ledger?.noteDisagreements(c.slo.id, checked, merged.disagreements);
      noRecord.push(...merged.periods.filter((p) => p.origin === 'no record').map((p) => p.figures.label));
      // only periods the query computed: ledger rows outside them are not part of this answer
      const computed = new Set(figures.map(intervalKey));
      return merged.periods.filter((p) => computed.has(intervalKey(p.figures))).map((p) => p.figures);
    };
    if (c.slo.period.kind === 'calendar') {
      c.periods = apply('budget', c.periods);
    }
    if (months) {
      c.ledgerMonths = apply('month', figuresFor(c, scaleIntervals(c, 'monthly')));
    }
    if (noRecord.length > 0) {
      unrecorded.push({ id: c.slo.id, labels: [...new Set(noRecord)] });
    }
  }
  notices.push(...noRecordNotices(unrecorded));
  return notices;
}

const NAMED_SLOS = 3;

/** One short notice however many SLOs lack records: the first few by name, then a count. */
export function noRecordNotices(unrecorded: ReadonlyArray<{ id: string; labels: string[] }>): string[] {
  if (unrecorded.length === 0) {
    return [];
  }
  const named = unrecorded.slice(0, NAMED_SLOS).map((u) => `${u.id}: no record for ${u.labels.join(', ')}`);
  const more = unrecorded.length > NAMED_SLOS ? `; and ${unrecorded.length - NAMED_SLOS} more SLOs` : '';
  return [`${named.join('; ')}${more} (closed periods the source no longer holds and the ledger lacks: shown as No data)`];
}

/** Merges an SLA's live figures (from its components' counts) with its ledger rows. */
export type SlaMerge = (sla: Sla, periodKind: LedgerPeriodKind, figures: PeriodFigures[], comps: readonly SloComputation[]) => PeriodFigures[];

/**
 * Reads the SLAs' ledger rows once for a query and answers the merge the SLA
 * rows use: an SLA holds a period only when the source held it for every
 * component; otherwise it comes from the ledger or reads "no record".
 * Without `customer` the SLAs' own rows are read; with it, that customer's
 * rows (book 11.2.7), and disagreements name the customer.
 */
export async function slaMerger(
  ledger: Ledger | undefined,
  slas: readonly Sla[],
  catalogVersion: string,
  notices: string[],
  customer?: { label: string; value: string }
): Promise<SlaMerge> {
  let records: LedgerPeriodRecord[] = [];
  if (ledger && slas.length > 0) {
    try {
      const store = await timeout(ledger.ready(), READ_WAIT_MS);
      records = await timeout(store.listPeriods({ subjectKind: 'sla', subjectIds: slas.map((s) => s.id), customer: customer?.value ?? null }), READ_WAIT_MS);
    } catch (error) {
      notices.push(`ledger not read for SLAs (live figures only): ${(error as Error).message}`);
    }
  }
  return (sla, periodKind, figures, comps) => {
    const held = comps.map((c) => ({ from: heldFromMs(c.buckets), step: c.buckets.stepMs }));
    const live = figures.map((f) => ({ figures: f, held: held.every((h) => sourceHeldPeriod(h.from, h.step, f)) }));
    const subject = subjectName(sla.id, customer);
    const merged = mergePeriods(subject, live, records.filter((r) => r.subjectId === sla.id && r.periodKind === periodKind), catalogVersion);
    ledger?.noteDisagreements(subject, merged.periods.filter((p) => p.origin === 'both').map((p) => p.figures.startMs), merged.disagreements);
    const computed = new Set(figures.map(intervalKey));
    return merged.periods.filter((p) => computed.has(intervalKey(p.figures))).map((p) => p.figures);
  };
}
