/**
 * Computes one SLO over a time range: one fetch of bucketed good/total counts
 * (DESIGN.md "one fetch per SLO per refresh"), then the pure core derives
 * every series from those buckets: rolling SLI/remaining/burn rates and the
 * figures of every error budget period overlapping the range.
 */
import { periodAt, periodsBetween, unitsBetween } from '../../../core/periods/calendar';
import { applyCorrections, correctionsFor } from '../../../core/budget/corrections';
import { cumulate, CumulativeCounts } from '../../../core/budget/counts';
import { Buckets, Correction, PeriodInterval, Slo } from '../../../core/model/model';
import { PeriodFigures, periodFigures } from '../../../core/budget/periodFigures';
import { rollingSeries, RollingSeries } from '../../../core/budget/rollingBudget';
import { CountSource, warningsOf } from '../../sources/types';

const DAY_MS = 86_400_000;
export const BURN_WINDOWS: Record<string, number> = {
  '5m': 300_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '6h': 21_600_000,
  '24h': DAY_MS,
  '3d': 3 * DAY_MS,
};
const NICE_STEPS_MS = [60_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000];
/** Upper bound on buckets per SLO (visible range + history), to keep a year view cheap. */
const MAX_TOTAL_BUCKETS = 20_000;

/** Bucket width for a range: the smallest "nice" step giving at most `maxBuckets` buckets. */
export function chooseStep(rangeMs: number, maxBuckets = 2000): number {
  return NICE_STEPS_MS.find((s) => rangeMs / s <= maxBuckets) ?? NICE_STEPS_MS[NICE_STEPS_MS.length - 1];
}

/** The period length of an SLO at instant t (calendar periods: the period holding t). */
export function periodLengthMs(slo: Slo, t = Date.now()): number {
  if (slo.period.kind === 'rolling') {
    return slo.period.lengthMs;
  }
  const p = periodAt(slo.period, t);
  return p.endMs - p.startMs;
}

/** `$__window` → the bucket width, e.g. `300s`. */
export function withWindow(expr: string, stepMs: number): string {
  return expr.split('$__window').join(`${Math.round(stepMs / 1000)}s`);
}

export interface SloComputation {
  slo: Slo;
  buckets: Buckets;
  counts: CumulativeCounts;
  series: RollingSeries;
  /** First index inside the requested range (earlier buckets are history for the trailing window). */
  firstVisible: number;
  fromMs: number;
  toMs: number;
  /** "Now" for projections: the range end, or the wall clock when the range reaches into the future. */
  nowMs: number;
  /** Error budget periods overlapping [fromMs, toMs), oldest first. */
  periods: PeriodFigures[];
  /** The calendar period starting exactly at nowMs = toMs: outside the range, yet the current one (see periodsUpToNow). */
  startingNow?: PeriodFigures;
  /** The source answered only partially (Prometheus/Loki `warnings`): shown as frame notices. */
  warnings: string[];
  /** Calendar months merged with the ledger (monthly time scale), when the query asked for them. */
  ledgerMonths?: PeriodFigures[];
}

/** The time zone an SLO's calendar periods (and its monthly views) use. */
export function sloTimeZone(slo: Slo, fallback = 'UTC'): string {
  return slo.period.kind === 'calendar' ? slo.period.timeZone : fallback;
}

/**
 * Where history must start so every figure in [fromMs, toMs) is complete: a
 * trailing period before `fromMs`, the start of the calendar period holding
 * `fromMs` and the period before it (its total projects a young period), and
 * when asked the start of the month holding `fromMs`.
 */
export function historyStart(slo: Slo, fromMs: number, timeZone: string, months = false): number {
  const length = periodLengthMs(slo, fromMs);
  let start = fromMs - length;
  if (slo.period.kind === 'calendar') {
    const first = periodAt(slo.period, fromMs).startMs;
    start = Math.min(start, periodAt(slo.period, first - 1).startMs);
  }
  if (!months) {
    return start;
  }
  const month = unitsBetween('month', timeZone, fromMs, fromMs + 1)[0];
  return Math.min(start, month.startMs);
}

export interface ComputeOptions {
  corrections?: readonly Correction[];
  timeZone?: string;
  /** Also compute this many error budget periods before the range (recent adherence, book fig. 11.1). */
  extraPeriods?: number;
  /** Also reach back to the start of the month holding the range start (monthly time scale, book 11.2.3). */
  months?: boolean;
}

/** Fetches the SLO's buckets for its history and [fromMs, toMs], then derives its series and period figures. */
export async function computeSlo(
  slo: Slo,
  source: CountSource,
  fromMs: number,
  toMs: number,
  nowMs: number,
  signal: AbortSignal,
  options: ComputeOptions = {}
): Promise<SloComputation> {
  const plan = fetchPlan(slo, fromMs, toMs, options);
  const derived = deriveSeries(slo, await fetchCounts(slo, source, plan, signal), plan, periodLengthMs(slo, toMs), options.corrections);
  return finishSlo(slo, derived, plan, fromMs, toMs, nowMs);
}

/** Which buckets a computation reads: decided by the range alone, before anything is fetched. */
export interface FetchPlan {
  start: number;
  end: number;
  step: number;
  history: number;
  lookback: number;
}

/** The buckets covering the SLO's history and [fromMs, toMs]: aligned to the step, so nearby ranges read the same ones. */
export function fetchPlan(slo: Slo, fromMs: number, toMs: number, options: ComputeOptions = {}): FetchPlan {
  const zone = sloTimeZone(slo, options.timeZone);
  const lookback = (options.extraPeriods ?? 0) * periodLengthMs(slo, fromMs);
  const history = historyStart(slo, fromMs - lookback, zone, options.months);
  // the visible range sets the resolution; history before it uses the same step, within a bucket cap
  let step = chooseStep(toMs - fromMs, 1000);
  while ((toMs - history) / step > MAX_TOTAL_BUCKETS && step < NICE_STEPS_MS[NICE_STEPS_MS.length - 1]) {
    step = NICE_STEPS_MS[NICE_STEPS_MS.indexOf(step) + 1];
  }
  const start = Math.floor(history / step) * step;
  const end = Math.ceil(toMs / step) * step;
  if ((end - start) / step > 2 * MAX_TOTAL_BUCKETS) {
    // WHY: beyond this a single SLO would hold the one event loop for minutes (the cap above ends at 1-day buckets)
    throw new Error(`the time range with its history needs ${Math.round((end - start) / step)} buckets, over the limit of ${2 * MAX_TOTAL_BUCKETS}: choose a shorter range`);
  }
  return { start, end, step, history, lookback };
}

/** The planned buckets of the SLO's two expressions. */
export async function fetchCounts(slo: Slo, source: CountSource, plan: FetchPlan, signal: AbortSignal): Promise<{ main: Float64Array; total: Float64Array }> {
  const { start, end, step } = plan;
  const q = slo.query;
  // WHY a local controller: when one of the pair fails, the other is useless; stop it rather than let it retry unobserved
  const pair = new AbortController();
  const both = AbortSignal.any([signal, pair.signal]);
  const fetchOne = (expr: string) => source.rangeCounts(withWindow(expr, step), start, end, step, both).catch((error: unknown) => {
    pair.abort();
    throw error;
  });
  const [main, total] = await Promise.all([fetchOne(q.good ?? q.bad!), fetchOne(q.total)]);
  return { main, total };
}

/** What the buckets alone determine (the expensive, range-independent part of a computation); read-only once made. */
export interface DerivedSeries {
  buckets: Buckets;
  counts: CumulativeCounts;
  series: RollingSeries;
  warnings: string[];
}

/**
 * Corrected buckets, cumulative counts and rolling series from the fetched
 * counts. `periodMs` is the trailing window of the remaining budget (the
 * period length at the range end).
 */
export function deriveSeries(slo: Slo, counts: { main: Float64Array; total: Float64Array }, plan: Pick<FetchPlan, 'start' | 'step'>, periodMs: number, corrections: readonly Correction[] = []): DerivedSeries {
  const { main, total } = counts;
  const good = slo.query.good ? main : total.map((t, i) => (Number.isNaN(t) ? NaN : t - (Number.isNaN(main[i]) ? 0 : main[i])));
  const buckets = applyCorrections({ startMs: plan.start, stepMs: plan.step, good, total }, correctionsFor(slo, corrections));
  const cumulative = cumulate(buckets);
  const series = rollingSeries(buckets, slo.objective, periodMs, BURN_WINDOWS, slo.minEvents, cumulative);
  const warnings = [...new Set([...warningsOf(main), ...warningsOf(total)])];
  return { buckets, counts: cumulative, series, warnings };
}

/**
 * [history, toMs) leaves out a calendar period that starts exactly at "now" (a range ending on a Monday 00:00),
 * yet that period is the current one: its budget is replenished at its start (book 3.3).
 */
function periodStartingNow(slo: Slo, periods: readonly PeriodInterval[], nowMs: number): PeriodInterval | null {
  if (slo.period.kind !== 'calendar') {
    return null;
  }
  const current = periodAt(slo.period, nowMs);
  return current.startMs === nowMs && periods[periods.length - 1]?.endMs === nowMs ? current : null;
}

/** The range's part: which buckets are visible and the figures of the periods overlapping it (cheap next to deriveSeries). */
export function finishSlo(slo: Slo, d: DerivedSeries, plan: FetchPlan, fromMs: number, toMs: number, nowMs: number): SloComputation {
  const { start, step, history, lookback } = plan;
  const firstVisible = Math.max(0, Math.ceil((fromMs - start) / step) - 1);
  const periodsWithHistory = periodsBetween(slo.period, history, toMs);
  const fresh = periodStartingNow(slo, periodsWithHistory, nowMs);
  // computed with the others, so the previous period's total projects its budget (DESIGN.md "Depletion")
  const figures = periodFigures(d.counts, slo, fresh ? [...periodsWithHistory, fresh] : periodsWithHistory, nowMs).filter((p) => p.endMs > fromMs - lookback);
  const periods = fresh ? figures.slice(0, -1) : figures;
  const startingNow = fresh ? figures[figures.length - 1] : undefined;
  return { slo, buckets: d.buckets, counts: d.counts, series: d.series, firstVisible, fromMs, toMs, nowMs, periods, startingNow, warnings: [...d.warnings] };
}

/** The periods up to the one holding "now", oldest first: the last is the current period (the catalog row, the policies). */
export function periodsUpToNow(c: SloComputation): PeriodFigures[] {
  return c.startingNow ? [...c.periods, c.startingNow] : c.periods;
}

/** Figures for other intervals than the SLO's own periods (calendar months for monthly adherence, book 11.2.3). */
export function figuresFor(c: SloComputation, intervals: readonly PeriodInterval[]): PeriodFigures[] {
  return periodFigures(c.counts, c.slo, intervals, c.nowMs);
}
