/**
 * Writes closed periods to the ledger (book 3.3; DESIGN.md "The ledger").
 * For every SLO and SLA: the closed periods of the look-back window that the
 * ledger lacks are computed from the source at their own resolution (one
 * fetch per period, so a year-long dashboard's coarse buckets never end up
 * in the record) and inserted once. Runs on the refresh path after a period
 * ends and as a backfill when the instance starts — both in the background.
 *
 * Newest first: the first period the source no longer holds (retention) ends
 * the walk, since every older one is gone too. Those stay "no record".
 */
import { monthsBetween, periodAt } from '../../core/periods/calendar';
import { restrictSloToCustomer } from '../../core/queries/customerRestriction';
import { closedPeriods, heldFromMs, isRecordable, LedgerPeriod, missingPeriods } from '../../core/ledger/ledgerPeriods';
import { compareFigures, Disagreement } from '../../core/ledger/ledgerMerge';
import { ledgerKeyString, LedgerPeriodRecord, recordFromFigures } from '../../core/ledger/ledgerRecord';
import { Correction, EpochMs, PeriodInterval, Sla, Slo } from '../../core/model/model';
import { CountSource } from '../sources/types';
import { computeSlo, figuresFor, SloComputation, sloTimeZone } from '../handlers/compute/engine';
import { slaPeriodFigures } from '../handlers/sla/slaFigures';
import { slaComputation } from '../handlers/sla/slaComputation';
import { PeriodFigures } from '../../core/budget/periodFigures';
import { LedgerStore } from './store';

const DAY_MS = 86_400_000;
/** A year back plus a month: the book's "current year" and "previous year" views (book 3.3) start from here. */
export const BACKFILL_LOOKBACK_MS = 400 * DAY_MS;
/** A period is recorded this long after it ends, once late samples (scrape and ingestion lag) have arrived. */
export const CLOSE_GRACE_MS = 10 * 60_000;

export interface CloseEnvironment {
  store: LedgerStore;
  sourceFor: (slo: Slo) => CountSource | string;
  corrections: readonly Correction[];
  catalogVersion: string;
  nowMs: EpochMs;
  signal: AbortSignal;
  lookbackMs?: number;
}

/** The months of a subject are cut in its zone; rolling SLOs' months in UTC, as the monthly views do. */
function subjectPeriods(spec: Slo['period'], nowMs: EpochMs, lookbackMs: number): LedgerPeriod[] {
  return closedPeriods(spec, nowMs - lookbackMs, nowMs - CLOSE_GRACE_MS, 'UTC');
}

/** The same interval as budget period and as month (monthly SLOs) is computed once. */
function byInterval(periods: readonly LedgerPeriod[]): Array<{ interval: PeriodInterval; kinds: Array<LedgerPeriod['periodKind']> }> {
  const groups = new Map<string, { interval: PeriodInterval; kinds: Array<LedgerPeriod['periodKind']> }>();
  for (const p of periods) {
    const key = `${p.interval.startMs}-${p.interval.endMs}`;
    const g = groups.get(key) ?? { interval: p.interval, kinds: [] };
    g.kinds.push(p.periodKind);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.interval.startMs - a.interval.startMs);
}

async function missingFor(env: CloseEnvironment, subjectKind: 'slo' | 'sla', subjectId: string, spec: Slo['period'], customer?: string): Promise<LedgerPeriod[]> {
  const recorded = new Set((await env.store.recordedKeys(subjectKind, subjectId, customer)).map(ledgerKeyString));
  return missingPeriods({ subjectKind, subjectId, customer }, subjectPeriods(spec, env.nowMs, env.lookbackMs ?? BACKFILL_LOOKBACK_MS), recorded);
}

/** Computes one closed interval of an SLO at that interval's resolution. */
function computeInterval(env: CloseEnvironment, slo: Slo, source: CountSource, u: PeriodInterval): Promise<SloComputation> {
  return computeSlo(slo, source, u.startMs, u.endMs, env.nowMs, env.signal, { corrections: env.corrections, timeZone: sloTimeZone(slo) });
}

/** Records the SLO's missing closed periods; resolves to how many rows were new. */
export async function closeSlo(env: CloseEnvironment, slo: Slo): Promise<number> {
  const source = env.sourceFor(slo);
  if (typeof source === 'string') {
    return 0;
  }
  const records: LedgerPeriodRecord[] = [];
  for (const { interval, kinds } of byInterval(await missingFor(env, 'slo', slo.id, slo.period))) {
    if (env.signal.aborted) {
      break;
    }
    const c = await computeInterval(env, slo, source, interval);
    const figures = figuresFor(c, [interval])[0];
    if (!figures || !isRecordable(figures, heldFromMs(c.buckets), c.buckets.stepMs, env.nowMs)) {
      break;
    }
    for (const periodKind of kinds) {
      // a budget period's figures come from the period itself (episodes, exhaustion against its own budget)
      const own = periodKind === 'budget' ? (c.periods.find((p) => p.startMs === interval.startMs) ?? figures) : figures;
      records.push(recordFromFigures(own, { subjectKind: 'slo', subjectId: slo.id, periodKind }, env.catalogVersion, env.nowMs));
    }
  }
  return env.store.recordPeriods(records.reverse());
}

/** How many of an SLO's newest recorded periods a backfill checks against the source. */
export const VERIFY_PERIODS = 2;

/**
 * Compares the SLO's newest recorded periods that the source still holds
 * with a fresh computation (DESIGN.md: closed periods the source still holds
 * verify the ledger). Resolves to the checked period starts and what differs.
 */
export async function verifySlo(env: CloseEnvironment, slo: Slo): Promise<{ checked: number[]; disagreements: Disagreement[] }> {
  const out = { checked: [] as number[], disagreements: [] as Disagreement[] };
  const source = env.sourceFor(slo);
  if (typeof source === 'string') {
    return out;
  }
  const rows = await env.store.listPeriods({ subjectKind: 'slo', subjectIds: [slo.id], fromMs: env.nowMs - (env.lookbackMs ?? BACKFILL_LOOKBACK_MS) });
  const intervals = byInterval(rows.map((r) => ({ periodKind: r.periodKind, interval: { startMs: r.startMs, endMs: r.endMs, label: r.label } }))).slice(0, VERIFY_PERIODS);
  for (const { interval } of intervals) {
    const c = await computeInterval(env, slo, source, interval);
    const month = figuresFor(c, [interval])[0];
    if (!month || !isRecordable(month, heldFromMs(c.buckets), c.buckets.stepMs, env.nowMs)) {
      break;
    }
    out.checked.push(interval.startMs);
    for (const r of rows.filter((row) => row.startMs === interval.startMs && row.endMs === interval.endMs)) {
      const live = r.periodKind === 'budget' ? (c.periods.find((p) => p.startMs === interval.startMs) ?? month) : month;
      const message = compareFigures(r, live, env.catalogVersion);
      if (message) {
        out.disagreements.push({ subjectId: slo.id, label: r.label, startMs: r.startMs, message });
      }
    }
  }
  return out;
}

/**
 * Records an SLA's missing closed periods from its components' counts (Σgood / Σtotal).
 * With `customer` (an SLA with a `customerLabel`, book 11.2.7): the same
 * figures computed from the components restricted to that customer, as the
 * per-customer reads compute them, written as that customer's rows.
 */
export async function closeSla(env: CloseEnvironment, sla: Sla, slosById: ReadonlyMap<string, Slo>, customer?: string): Promise<number> {
  const found = sla.components.map((id) => slosById.get(id));
  if (found.length === 0 || found.some((s) => s === undefined)) {
    return 0;
  }
  const components = customer === undefined ? (found as Slo[]) : restrictedComponents(sla, found as Slo[], customer);
  const sources = components.map((s) => ({ slo: s, source: env.sourceFor(s) }));
  if (sources.some((s) => typeof s.source === 'string')) {
    return 0;
  }
  const records: LedgerPeriodRecord[] = [];
  for (const { interval, kinds } of byInterval(await missingFor(env, 'sla', sla.id, sla.period, customer))) {
    if (env.signal.aborted) {
      break;
    }
    const comps = await Promise.all(sources.map((s) => computeInterval(env, s.slo, s.source as CountSource, interval)));
    const figures = withSlaDepletion(slaPeriodFigures(sla, comps, interval, env.nowMs), sla, comps, interval, env.nowMs);
    if (!comps.every((c) => isRecordable({ ...figures }, heldFromMs(c.buckets), c.buckets.stepMs, env.nowMs))) {
      break;
    }
    for (const periodKind of kinds) {
      records.push(recordFromFigures(figures, { subjectKind: 'sla', subjectId: sla.id, customer, periodKind }, env.catalogVersion, env.nowMs));
    }
  }
  return env.store.recordPeriods(records.reverse());
}

/**
 * The SLA's counts and SLI (Σgood / Σtotal) with the depletion figures of its
 * summed buckets (../handlers/sla/slaComputation, book 11.2.7): episodes with
 * speeds and premature exhaustion, so a depletion or exhaustion row read from
 * the ledger after the source forgot the period says what the live row said.
 */
function withSlaDepletion(figures: PeriodFigures, sla: Sla, comps: readonly SloComputation[], interval: PeriodInterval, nowMs: EpochMs): PeriodFigures {
  const summed = slaComputation(sla, comps, interval.startMs, interval.endMs, nowMs);
  const depletion = 'ok' in summed ? figuresFor(summed.ok, [interval])[0] : undefined;
  if (!depletion) {
    return figures; // components read at different bucket widths: the counts are still right
  }
  return { ...figures, episodes: depletion.episodes, avgSpeed: depletion.avgSpeed, highestSpeed: depletion.highestSpeed, exhaustion: depletion.exhaustion };
}

/** The SLA's components with their queries restricted to one customer; throws naming the SLO whose query cannot be restricted. */
function restrictedComponents(sla: Sla, components: readonly Slo[], customer: string): Slo[] {
  if (!sla.customerLabel) {
    throw new Error(`${sla.id} has no customerLabel: it has no per-customer periods`);
  }
  const label = sla.customerLabel;
  return components.map((slo) => {
    const out = restrictSloToCustomer(slo, label, customer);
    if ('error' in out) {
      throw new Error(`customer "${customer}": ${out.error}`);
    }
    return out.slo;
  });
}

/**
 * When the next period of a spec closes for the ledger (its end plus the
 * grace): the refresh path compares "now" with this instant, O(1) per SLO.
 */
export function nextClosingMs(spec: Slo['period'], nowMs: EpochMs): EpochMs {
  const t = nowMs - CLOSE_GRACE_MS;
  const zone = spec.kind === 'calendar' ? spec.timeZone : 'UTC';
  const monthEnd = monthsBetween(zone, t, t + 1)[0].endMs;
  const budgetEnd = spec.kind === 'calendar' ? periodAt(spec, t).endMs : Infinity;
  return Math.min(monthEnd, budgetEnd) + CLOSE_GRACE_MS;
}
