/**
 * Tightening a dependency's SLO (book 11.5.2, fig. 11.19, B:7852-7856): if
 * most periods end with "some representative error budget remaining" (the
 * book's GET /affil: 20% and 40%), ask the owner team to tighten, with the
 * data; otherwise offer help to make the dependency more reliable.
 */
import type { Ratio } from '../model/model';

export interface TighteningAdvice {
  canAsk: boolean;
  /** Periods ending with at least the representative remaining budget. */
  withRoom: number;
  periods: number;
  advice: string;
}

/**
 * @param endRemaining remaining budget at the end of each finished period (null: no data, ignored)
 * @param representative the least remaining budget that counts as room (default 20%, the book's example)
 * @param most the share of periods that makes "most" (default: more than half)
 * @example tighteningAdvice([0.2, 0.4]).canAsk → true
 */
export function tighteningAdvice(endRemaining: ReadonlyArray<Ratio | null>, representative = 0.2, most = 0.5): TighteningAdvice {
  const data = endRemaining.filter((r): r is number => r !== null && Number.isFinite(r));
  const withRoom = data.filter((r) => r + 1e-12 >= representative).length;
  if (data.length === 0) {
    return { canAsk: false, withRoom: 0, periods: 0, advice: 'No finished period with data: there is nothing to show the owner team yet.' };
  }
  const canAsk = withRoom / data.length > most;
  return {
    canAsk,
    withRoom,
    periods: data.length,
    advice: canAsk
      ? `${withRoom} of ${data.length} periods ended with at least ${Math.round(representative * 100)}% of the budget left: ask the owner team to tighten the SLO, showing this data.`
      : `Only ${withRoom} of ${data.length} periods ended with ${Math.round(representative * 100)}% of the budget left: offer help instead (adaptive capacity for availability, database indices for latency, inner-source work); if refused, consider an alternative service or another user journey.`,
  };
}
