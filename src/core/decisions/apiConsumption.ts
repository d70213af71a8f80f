/**
 * API consumption (book 11.5.1, table 11.6, B:7792-7837): step 1 — does the
 * API have SLOs (no: define them together with the owner team); step 2 —
 * historical adherence; step 3 — depletion. Generally fulfilled with low
 * depletion ⇒ less adaptive capacity needed; broken from time to time or
 * significant depletion ⇒ circuit breakers, bulkheads, backpressure.
 */
import { fulfilledShare, judged, PeriodRecord } from './periodRecord';

export interface ApiStep {
  step: 1 | 2 | 3;
  indicator: string;
  answer: string;
}

export interface ApiConsumptionAdvice {
  steps: ApiStep[];
  verdict: 'define-slos-first' | 'little-adaptive-capacity' | 'invest-in-adaptive-capacity' | 'not-enough-data';
  advice: string;
}

/** Depletion counts as significant when a period ends with less than this much budget left. */
const SIGNIFICANT_END = 0.5;

/**
 * @param sloCount SLOs the API's service defines (step 1)
 * @param periods its SLOs' periods, flattened (steps 2 and 3)
 */
export function apiConsumptionAdvice(sloCount: number, periods: readonly PeriodRecord[]): ApiConsumptionAdvice {
  const step1: ApiStep = { step: 1, indicator: 'SLOs by service (11.2.2)', answer: sloCount === 0 ? 'no SLO is defined' : `${sloCount} SLOs defined` };
  if (sloCount === 0) {
    return { steps: [step1], verdict: 'define-slos-first', advice: 'Ask the owner team to define SLOs together with you before consuming the API.' };
  }
  const j = judged(periods);
  const share = fulfilledShare(periods);
  const speeds = j.map((p) => p.avgSpeed).filter((v): v is number => v !== null);
  const avgSpeed = speeds.length ? speeds.reduce((a, b) => a + b, 0) / speeds.length : null;
  const significant = j.filter((p) => p.exhausted || (p.endRemaining !== null && p.endRemaining < SIGNIFICANT_END)).length;
  const steps: ApiStep[] = [
    step1,
    { step: 2, indicator: 'SLO adherence (11.2.3)', answer: share === null ? 'no finished period with data' : `fulfilled in ${j.filter((p) => p.adherence === 'Fulfilled').length} of ${j.length} periods` },
    {
      step: 3,
      indicator: 'SLO error budget depletion (11.2.4)',
      answer: j.length === 0 ? 'no finished period with data' : `${significant} of ${j.length} periods ended with less than ${SIGNIFICANT_END * 100}% left${avgSpeed === null ? '' : `; average depletion speed ${avgSpeed.toFixed(1)}% per hour`}`,
    },
  ];
  if (share === null) {
    return { steps, verdict: 'not-enough-data', advice: 'The SLOs have no finished period with data yet: decide after one period.' };
  }
  if (share === 1 && significant === 0) {
    return { steps, verdict: 'little-adaptive-capacity', advice: 'SLOs are generally fulfilled and depletion is low: integrate, with less investment in adaptive capacity.' };
  }
  return { steps, verdict: 'invest-in-adaptive-capacity', advice: 'SLOs are broken from time to time or depletion is significant: invest in circuit breakers, bulkheads and backpressure so users get a degraded service when the API is unreliable.' };
}
