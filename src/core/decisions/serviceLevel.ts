/**
 * Setting an SLO (book 11.5.4, table 11.9, B:8001-8006): the highest level a
 * dependency ensures — Undefined (neither SLO nor SLA), Low (defined but
 * broken), Medium (SLAs defined and fulfilled), High (SLOs defined and
 * fulfilled). External services expose only SLAs (B:8016), so they reach Medium at best.
 */
import type { AdherenceState } from '../contracts/frameContract';
import { fulfilledShare } from './periodRecord';

export type EnsuredLevel = 'Undefined' | 'Low' | 'Medium' | 'High';

export interface DependencyEvidence {
  service: string;
  /** Adherence of each of its SLOs per period (empty list: no SLOs). */
  sloPeriods: ReadonlyArray<readonly AdherenceState[]>;
  /** Adherence of each of its SLAs per period (empty list: no SLAs). */
  slaPeriods: ReadonlyArray<readonly AdherenceState[]>;
}

export interface LevelVerdict {
  service: string;
  level: EnsuredLevel;
  because: string;
}

/** "Fulfilled" means every objective was defended in at least `share` of its judged periods. */
function defended(sets: ReadonlyArray<readonly AdherenceState[]>, share: number): boolean | null {
  const shares = sets.map((periods) => fulfilledShare(periods.map((adherence) => ({ adherence }))));
  if (shares.every((s) => s === null)) {
    return null;
  }
  return shares.every((s) => s === null || s >= share);
}

/**
 * @param share fraction of periods an objective must be defended in to count as fulfilled (default: all)
 * @example ensuredLevel({ service: 'pay', sloPeriods: [['Fulfilled', 'Fulfilled']], slaPeriods: [] }).level → 'High'
 */
export function ensuredLevel(d: DependencyEvidence, share = 1): LevelVerdict {
  const hasSlo = d.sloPeriods.length > 0;
  const hasSla = d.slaPeriods.length > 0;
  if (!hasSlo && !hasSla) {
    return { service: d.service, level: 'Undefined', because: 'no SLO and no SLA is defined' };
  }
  const slo = hasSlo ? defended(d.sloPeriods, share) : null;
  if (slo === true) {
    return { service: d.service, level: 'High', because: `its ${d.sloPeriods.length} SLOs were defended` };
  }
  const sla = hasSla ? defended(d.slaPeriods, share) : null;
  if (sla === true) {
    return { service: d.service, level: 'Medium', because: hasSlo ? 'its SLAs were defended but SLOs were broken or have no data' : `its ${d.slaPeriods.length} SLAs were defended (no SLOs)` };
  }
  if (slo === null && sla === null) {
    return { service: d.service, level: 'Low', because: 'objectives are defined but no finished period has data yet' };
  }
  return { service: d.service, level: 'Low', because: 'objectives are defined but were broken' };
}
