/** The identity labels every frame carries (frameContract SloLabels), as labels and as table columns. */
import { SLO_LABEL_KEYS, SloLabels } from '../../../core/contracts/frameContract';
import { Slo } from '../../../core/model/model';
import { TableColumn } from '../../protocol/frame';

/** The identity labels every frame carries (frameContract SloLabels). */
export function sloLabels(s: Slo): SloLabels {
  return {
    slo: s.id,
    name: s.name,
    service: s.service,
    team: s.team,
    sli: s.sli,
    deployment: s.deployment ?? '',
    endpoint: s.endpoint ?? '',
    objective: String(Number(s.objective.toFixed(6))),
  };
}

/** SloLabels as string columns of a table frame (frameContract: every table carries the identity). */
export function labelColumns(rows: readonly SloLabels[]): TableColumn[] {
  return SLO_LABEL_KEYS.map((k) => ({ name: k, type: 'string' as const, values: rows.map((r) => r[k]) }));
}

export const finite = (v: number | null | undefined): number | null => (v !== null && v !== undefined && Number.isFinite(v) ? v : null);
