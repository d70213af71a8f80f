/**
 * An SLO's state at the end of the range (book 11.2.2): what the catalog row,
 * the policy view and the `slos/<id>` resource read first. Calendar SLOs
 * report the current period's burn-down, rolling SLOs the trailing window.
 */
import { daysLeft, periodAt } from '../../../core/periods/calendar';
import { burnState, timeToExhaustionMs } from '../../../core/budget/forecast';
import { periodLengthMs, periodsUpToNow, SloComputation } from '../compute/engine';
import { finite } from './labels';

function lastFinite(a: Float64Array | undefined): number | null {
  if (!a || a.length === 0) {
    return null;
  }
  return finite(a[a.length - 1]);
}

export interface SloNow {
  sli: number | null;
  remaining: number | null;
  burn1h: number | null;
  burn6h: number | null;
  burn24h: number | null;
  burnState: string;
  exhaustionForecastMs: number | null;
  daysLeft: number | null;
  recentAdherence: string[];
}

/** The SLO's state at the end of the range: what a manager reads first (book 11.2.2). */
export function sloNow(c: SloComputation): SloNow {
  const calendar = c.slo.period.kind === 'calendar';
  const upToNow = periodsUpToNow(c);
  const current = upToNow[upToNow.length - 1];
  const sli = calendar ? (current?.sli ?? null) : lastFinite(c.series.sli);
  // the current period's "end" figure is its remaining budget now; unlike the curve's last point it exists before its first bucket ends
  const remaining = calendar ? finite(current?.endRemaining) : lastFinite(c.series.remaining);
  const burn1h = lastFinite(c.series.burn['1h']);
  const burn6h = lastFinite(c.series.burn['6h']);
  const burn24h = lastFinite(c.series.burn['24h']);
  const length = periodLengthMs(c.slo, c.nowMs);
  const untilEnd = calendar ? periodAt(c.slo.period, c.nowMs).endMs - c.nowMs : length;
  return {
    sli,
    remaining,
    burn1h,
    burn6h,
    burn24h,
    burnState: burnState({ remaining, burnShort: burn1h, burnLong: burn24h, periodMs: length, untilPeriodEndMs: untilEnd }),
    exhaustionForecastMs: timeToExhaustionMs(remaining, burn1h, length),
    daysLeft: daysLeft(c.slo.period, c.nowMs),
    recentAdherence: upToNow.slice(-6).map((p) => p.adherence),
  };
}
