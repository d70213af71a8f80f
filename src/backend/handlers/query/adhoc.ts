/**
 * Explore's `adhoc` mode: good (or bad) and total expressions and an
 * objective typed by hand become a one-off SLO, computed exactly like a
 * catalog SLO — no catalog needed (DESIGN.md "Query types").
 */
import { parseWindow } from '../../../core/catalog/period';
import { CalendarUnit, PeriodSpec, Slo } from '../../../core/model/model';
import { AdhocSpec } from '../../../core/contracts/queryModel';

const CALENDAR: readonly string[] = ['week', '4w', 'month', 'quarter'];

/** The ad hoc spec as an SLO, or an error in words. */
export function adhocSlo(spec: AdhocSpec, timeZone: string): Slo | string {
  const objective = spec.objective > 1 ? spec.objective / 100 : spec.objective;
  if (!(objective > 0 && objective < 1)) {
    return `objective ${spec.objective} leaves no error budget: use a value such as 99.9 (book 3.3)`;
  }
  const text = (spec.period ?? '28d').trim();
  let period: PeriodSpec;
  if (CALENDAR.includes(text)) {
    period = { kind: 'calendar', unit: text as CalendarUnit, timeZone };
  } else {
    const ms = parseWindow(text);
    if (ms === undefined) {
      return `period "${text}" is not a rolling window like 28d nor one of ${CALENDAR.join(', ')}`;
    }
    period = { kind: 'rolling', lengthMs: ms };
  }
  if (!spec.total.includes('$__window') || !(spec.good ?? spec.bad ?? '').includes('$__window')) {
    return 'both expressions need the $__window placeholder where the range goes, e.g. sum(increase(http_requests_total[$__window]))';
  }
  return {
    id: 'adhoc',
    name: 'Ad hoc SLO',
    service: '',
    team: '',
    sli: 'custom',
    objective,
    period,
    budgeting: 'occurrences',
    source: { type: spec.source, name: spec.connection || undefined },
    query: { good: spec.good?.trim() || undefined, bad: spec.good?.trim() ? undefined : spec.bad?.trim(), total: spec.total.trim() },
    minEvents: 0,
    labels: {},
    isDefault: false,
    origin: { file: 'Explore', line: 1, column: 1, path: 'adhoc', format: 'sloledger/v1' },
  };
}
