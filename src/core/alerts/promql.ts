/**
 * PromQL pieces of the generated rules: windows, the recorded error ratio
 * per SLO and window, label matchers. The SLO's own expressions are the only
 * query text (STYLE habit 5): `$__window` is replaced, nothing else touched.
 */
import { DurationMs, Slo } from '../model/model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A window as PromQL writes it: 5m, 1h, 1d, 28d (whole days stay days: "28d", never "4w"). */
export function promDuration(ms: DurationMs): string {
  if (!(ms > 0) || ms % 1000 !== 0) {
    throw new Error(`cannot write ${ms} ms as a PromQL duration: use whole seconds above 0`);
  }
  for (const [unit, size] of [['d', DAY], ['h', HOUR], ['m', MINUTE]] as const) {
    if (ms % size === 0) {
      return `${ms / size}${unit}`;
    }
  }
  return `${ms / 1000}s`;
}

/** A PromQL (and Go template) double-quoted string literal; escapes `\` and `"`. */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/** The SLO's expression with `$__window` set to `window` (e.g. "1h"). */
export function atWindow(expr: string, window: string): string {
  return expr.split('$__window').join(window);
}

/**
 * Error ratio over a window from the SLO's own good/bad and total expressions
 * (counts summed, never averaged ratios). A counter series appears only with
 * its first event (no `code="500"` series before the first error), so an
 * empty good/bad result counts as 0 events: `or on() (0 * total)` fills it
 * with total's labels; with any events the left side wins.
 */
export function errorRatioExpr(slo: Pick<Slo, 'query'>, windowMs: DurationMs): string {
  const w = promDuration(windowMs);
  const total = atWindow(slo.query.total, w);
  const orZero = (expr: string) => `((${atWindow(expr, w)}) or on() (0 * (${total})))`;
  if (slo.query.bad !== undefined) {
    return `${orZero(slo.query.bad)} / (${total})`;
  }
  return `1 - ${orZero(slo.query.good!)} / (${total})`;
}

/** Name of the recorded error ratio of a window: `sloledger_slo:error_ratio:rate1h`. */
export function errorRatioRecord(windowMs: DurationMs): string {
  return `sloledger_slo:error_ratio:rate${promDuration(windowMs)}`;
}

/** The recorded series of one SLO: `sloledger_slo:error_ratio:rate1h{slo="checkout/orders"}`. */
export function errorRatioSeries(slo: Pick<Slo, 'id'>, windowMs: DurationMs): string {
  return `${errorRatioRecord(windowMs)}{slo=${promString(slo.id)}}`;
}

/** Burn rate over a window (error ratio / budget, DESIGN.md), as PromQL on the recorded series. */
export function burnExpr(slo: Pick<Slo, 'id' | 'objective'>, windowMs: DurationMs): string {
  return `${errorRatioSeries(slo, windowMs)} / ${budgetLiteral(slo.objective)}`;
}

/** The budget fraction 1 − objective without binary noise: 0.995 → 0.005. */
export function budgetLiteral(objective: number): string {
  return String(Number((1 - objective).toPrecision(12)));
}
