/** SloLabels as string columns of a table frame (frameContract: every table carries the identity). */
import { SLO_LABEL_KEYS, SloLabels } from '../../../core/contracts/frameContract';
import { TableColumn } from '../../protocol/frame';

export function labelColumns(rows: readonly SloLabels[]): TableColumn[] {
  return SLO_LABEL_KEYS.map((k) => ({ name: k, type: 'string' as const, values: rows.map((r) => r[k]) }));
}

export const finite = (v: number | null | undefined): number | null => (v !== null && v !== undefined && Number.isFinite(v) ? v : null);
