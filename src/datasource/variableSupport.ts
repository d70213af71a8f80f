/**
 * Template variables backed by the resource API: a variable lists one
 * dimension (teams, services, SLIs, deployments, SLOs, endpoints) from
 * `options/<dimension>`, narrowed by a selection that may use other
 * variables, so `service` follows `$team` (book 11.2.1, B:7543 cascading filters).
 */
import { createDataFrame, CustomVariableSupport, DataQueryRequest, DataQueryResponse, FieldType } from '@grafana/data';
import { from, Observable, of } from 'rxjs';
import { catchError, map } from 'rxjs/operators';
import { messageOf } from './errors';
import type { SloLedgerDataSource } from './SloLedgerDataSource';
import { OPTION_DIMENSIONS, OptionDimension, SloLedgerVariableQuery } from './types';
import { VariableQueryEditor } from './query/VariableQueryEditor';

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

export class SloLedgerVariableSupport extends CustomVariableSupport<SloLedgerDataSource, SloLedgerVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: SloLedgerDataSource) {
    super();
  }

  query(request: DataQueryRequest<SloLedgerVariableQuery>): Observable<DataQueryResponse> {
    const query = toVariableQuery(request.targets[0]);
    const { dimension, refId, ...selection } = query;
    return from(this.datasource.fetchOptions(dimension, selection, request.scopedVars)).pipe(
      map((options) => ({
        data: [
          createDataFrame({
            refId,
            fields: [
              { name: 'text', type: FieldType.string, values: options.map((o) => o.label) },
              { name: 'value', type: FieldType.string, values: options.map((o) => o.value) },
            ],
          }),
        ],
      })),
      catchError((error: unknown) => of({ data: [], error: { message: `SLO Ledger: could not list ${dimension}: ${messageOf(error)}` } }))
    );
  }
}
