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
import type { EditorDataSource } from './editorSource';
import { SloLedgerVariableQuery } from './types';
import { toVariableQuery } from './variableQuery';
import { VariableQueryEditor } from './query/VariableQueryEditor';

export { toVariableQuery };

export class SloLedgerVariableSupport extends CustomVariableSupport<EditorDataSource, SloLedgerVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: EditorDataSource) {
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
