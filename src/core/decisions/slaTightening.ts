/**
 * Setting an SLA (book 11.5.5, table 11.10, B:8041-8065): an SLA can be
 * tightened when all three hold — the incident time to recovery trend goes
 * down (step 1), the SLA was defended in most periods (step 2), and the
 * remaining SLA budget at period ends is significant, "e.g., over 25%"
 * (step 3). An upward TTR trend allows only minimal penalties (B:8061).
 */
import type { Ratio } from '../model/model';
import { direction, slope, TrendDirection } from './trend';
import { fulfilledShare, PeriodRecord } from './periodRecord';

export interface SlaEvidence {
  /** Time to recovery per incident (or per period), oldest first, any unit. */
  timesToRecovery: readonly number[];
  /** The SLA's periods, oldest first. */
  periods: ReadonlyArray<Pick<PeriodRecord, 'adherence' | 'endRemaining'>>;
}

export interface SlaStep {
  step: 1 | 2 | 3;
  indicator: string;
  holds: boolean | null;
  answer: string;
}

export interface SlaAdvice {
  steps: SlaStep[];
  canTighten: boolean;
  ttrTrend: TrendDirection;
  penalty: string;
}

/**
 * @param significant remaining budget that counts as significant (default 25%, B:8051)
 * @param most share of periods that makes "most" (default: more than half)
 */
export function slaTighteningAdvice(e: SlaEvidence, significant = 0.25, most = 0.5): SlaAdvice {
  const ttrTrend = direction(slope(e.timesToRecovery));
  const share = fulfilledShare(e.periods);
  const ends = e.periods.map((p) => p.endRemaining).filter((r): r is Ratio => r !== null && Number.isFinite(r));
  const roomy = ends.filter((r) => r > significant).length;
  const steps: SlaStep[] = [
    {
      step: 1,
      indicator: 'Incident time to recovery trend (11.2.11)',
      holds: ttrTrend === 'unknown' ? null : ttrTrend === 'down',
      answer: ttrTrend === 'unknown' ? 'fewer than two incidents: no trend' : `time to recovery trends ${ttrTrend}`,
    },
    {
      step: 2,
      indicator: 'SLA adherence (11.2.8)',
      holds: share === null ? null : share > most,
      answer: share === null ? 'no finished period with data' : `defended in ${Math.round(share * 100)}% of the periods`,
    },
    {
      step: 3,
      indicator: 'SLA error budget depletion (11.2.7)',
      holds: ends.length === 0 ? null : roomy / ends.length > most,
      answer: ends.length === 0 ? 'no period end with data' : `${roomy} of ${ends.length} periods ended with over ${Math.round(significant * 100)}% of the budget left`,
    },
  ];
  return {
    steps,
    canTighten: steps.every((s) => s.holds === true),
    ttrTrend,
    penalty:
      ttrTrend === 'up'
        ? 'Time to recovery trends up: agree only minimal penalties.'
        : ttrTrend === 'down'
          ? 'Time to recovery trends down: larger penalties are acceptable and may justify a higher price.'
          : 'No time-to-recovery trend yet: keep penalties minimal until there is one.',
  };
}
