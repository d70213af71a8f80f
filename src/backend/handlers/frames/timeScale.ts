/**
 * Time scales of the depletion views (book 11.2.4: hourly over 24 h, daily
 * and weekly over the current period, per period over a year): which
 * intervals a query's rows or points stand for.
 */
import { monthsBetween, unitsBetween } from '../../../core/periods/calendar';
import { PeriodInterval } from '../../../core/model/model';
import { TimeScale } from '../../../core/contracts/queryModel';
import { sloTimeZone, SloComputation } from '../compute/engine';

/** Intervals for a time scale over the computation's range; `period` = the SLO's own error budget periods. */
export function scaleIntervals(c: SloComputation, scale: TimeScale): PeriodInterval[] {
  const zone = sloTimeZone(c.slo);
  switch (scale) {
    case 'hourly':
      return unitsBetween('hour', zone, c.fromMs, c.toMs);
    case 'daily':
      return unitsBetween('day', zone, c.fromMs, c.toMs);
    case 'weekly':
      return unitsBetween('week', zone, c.fromMs, c.toMs);
    case 'monthly':
      return monthsBetween(zone, c.fromMs, c.toMs);
    case 'period':
      return c.periods.map((p) => ({ startMs: p.startMs, endMs: p.endMs, label: p.label }));
  }
}
