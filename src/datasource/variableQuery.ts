/**
 * A stored variable query read back, apart from the variable support so its
 * editor (query/VariableQueryEditor) can use it without importing the
 * support that registers the editor (no import circle).
 */
import { OPTION_DIMENSIONS, OptionDimension, SloLedgerVariableQuery } from './types';

/**
 * Reads a stored variable query: the object form, or a bare dimension name
 * ("services") as a provisioning shortcut. Unknown input lists SLOs.
 */
export function toVariableQuery(raw: unknown, refId = 'variable'): SloLedgerVariableQuery {
  if (typeof raw === 'string') {
    const dimension = raw.trim() as OptionDimension;
    return { refId, dimension: OPTION_DIMENSIONS.includes(dimension) ? dimension : 'slos' };
  }
  const q = (raw ?? {}) as Partial<SloLedgerVariableQuery>;
  return { ...q, refId: q.refId || refId, dimension: q.dimension && OPTION_DIMENSIONS.includes(q.dimension) ? q.dimension : 'slos' };
}
