/**
 * Looking ahead from "now" (DESIGN.md "Forecast", "Burn-rate state").
 *
 * Time to exhaustion at burn rate β: burning at β = 1 spends the whole budget
 * in one period length P, so a remaining fraction r lasts r · P / β.
 * Example: r = 50%, P = 28 d, β = 2 → 7 days left.
 *
 * Burn-rate state from a short (1 h) and a long (24 h) window:
 * - Critical: the budget is spent (r ≤ 0), or at the short-window burn the
 *   rest runs out before the current period ends (premature exhaustion ahead);
 * - Increasing: burning faster than the budget allows (short > 1) and not slower than over the long window;
 * - Recovering: the long window burned too fast (> 1) but the short one is slower;
 * - Acceptable: otherwise; No data when neither window has events.
 */
export type BurnState = 'Critical' | 'Increasing' | 'Recovering' | 'Acceptable' | 'No data';

/** ms until the remaining budget hits 0 at burn rate `burn`; 0 when already spent; null when not burning or unknown. */
export function timeToExhaustionMs(remaining: number | null, burn: number | null, periodMs: number): number | null {
  if (remaining === null || !Number.isFinite(remaining)) {
    return null;
  }
  if (remaining <= 0) {
    return 0;
  }
  if (burn === null || !Number.isFinite(burn) || burn <= 0) {
    return null;
  }
  return (remaining * periodMs) / burn;
}

export interface BurnStateInput {
  remaining: number | null;
  burnShort: number | null;
  burnLong: number | null;
  periodMs: number;
  /** ms until the current period ends (rolling periods: the period length, they never reset). */
  untilPeriodEndMs: number;
}

export function burnState({ remaining, burnShort, burnLong, periodMs, untilPeriodEndMs }: BurnStateInput): BurnState {
  const short = burnShort !== null && Number.isFinite(burnShort) ? burnShort : null;
  const long = burnLong !== null && Number.isFinite(burnLong) ? burnLong : null;
  if (short === null && long === null && (remaining === null || !Number.isFinite(remaining))) {
    return 'No data';
  }
  if (remaining !== null && Number.isFinite(remaining) && remaining <= 0) {
    return 'Critical';
  }
  const left = timeToExhaustionMs(remaining, short, periodMs);
  if (short !== null && short > 1 && left !== null && left < untilPeriodEndMs) {
    return 'Critical';
  }
  if (short !== null && short > 1 && (long === null || short >= long)) {
    return 'Increasing';
  }
  if (long !== null && long > 1 && (short === null || short < long)) {
    return 'Recovering';
  }
  return 'Acceptable';
}
