/**
 * Allocating SRE capacity to a team (book 11.5.6, table 11.11, B:8093-8098):
 * signs of need are low adherence by period, under-manned on-call rotations,
 * a growing ticket trend and a growing time to recovery. "The data alone
 * should not determine personnel and budget allocation decisions directly!"
 */
import type { AdherenceState } from '../contracts/frameContract';
import { averageGrowthRate, direction, slope } from './trend';
import { fulfilledShare } from './periodRecord';

export interface TeamEvidence {
  team: string;
  adherence: readonly AdherenceState[];
  /** People on the team's on-call rotation; undefined when unknown. */
  onCallPeople?: number;
  /** Tickets per period, oldest first (empty: unknown). */
  tickets: readonly number[];
  /** Time to recovery per incident, oldest first (empty: unknown). */
  timesToRecovery: readonly number[];
}

export interface CapacitySign {
  step: 1 | 2 | 3 | 4;
  indicator: string;
  sign: boolean | null;
  answer: string;
}

/** Below this share of fulfilled periods, adherence is "low". */
const LOW_ADHERENCE = 0.75;
/** book 11.2.10 with S001:74: at least two people on call at any time, primary and backup. */
const MIN_ON_CALL = 2;

export function sreCapacitySigns(t: TeamEvidence): { signs: CapacitySign[]; count: number; note: string } {
  const share = fulfilledShare(t.adherence.map((adherence) => ({ adherence })));
  const growth = averageGrowthRate(t.tickets);
  const ttr = direction(slope(t.timesToRecovery));
  const signs: CapacitySign[] = [
    { step: 1, indicator: 'SLO adherence (11.2.3)', sign: share === null ? null : share < LOW_ADHERENCE, answer: share === null ? 'no finished period with data' : `${Math.round(share * 100)}% of periods fulfilled` },
    {
      step: 2,
      indicator: 'On-call rotations by team (11.2.10)',
      sign: t.onCallPeople === undefined ? null : t.onCallPeople < MIN_ON_CALL,
      answer: t.onCallPeople === undefined ? 'no rotation recorded for the team' : `${t.onCallPeople} people on call`,
    },
    { step: 3, indicator: 'Customer support ticket trend (11.2.9)', sign: growth === null ? null : growth > 0, answer: growth === null ? 'no ticket counts' : `tickets grow ${Math.round(growth * 100)}% per period on average` },
    { step: 4, indicator: 'Incident time to recovery trend (11.2.11)', sign: ttr === 'unknown' ? null : ttr === 'up', answer: ttr === 'unknown' ? 'fewer than two incidents' : `time to recovery trends ${ttr}` },
  ];
  return { signs, count: signs.filter((s) => s.sign === true).length, note: 'The data alone should not determine personnel and budget decisions (book 11.5.6): discuss it with the team, and re-run this check in a few months.' };
}
