/**
 * Step 1 of the query pipeline, check: a query that is malformed, incomplete
 * or over a broken time range answers 400 with the reason before anything is
 * read (./queryShape for the JSON types, core/contracts/queryModel for what each query
 * type needs, ./timeRangeGuard for the range).
 */
import { QueryType } from '../../../core/contracts/frameContract';
import { checkQuery, SloLedgerQueryModel } from '../../../core/contracts/queryModel';
import { DataQuery, DataResponse } from '../../protocol/handlers';
import { queryShapeProblem } from './queryShape';
import { timeRangeProblem } from './timeRangeGuard';

export type Checked = { model: SloLedgerQueryModel; type: QueryType } | { response: DataResponse };

const badRequest = (error: string): { response: DataResponse } => ({ response: { frames: [], error, status: 400, errorSource: 'plugin' } });

/** The query's model with its type settled (`budget` when none is given), or the 400 answer. */
export function checkRequest(query: DataQuery): Checked {
  const shapeProblem = queryShapeProblem(query.json);
  if (shapeProblem) {
    return badRequest(`Bad query: ${shapeProblem}`);
  }
  const model = { ...query.json, refId: query.refId, queryType: (query.queryType || query.json.queryType || 'budget') as QueryType } as SloLedgerQueryModel;
  const check = checkQuery(model);
  if (!check.ok) {
    return badRequest(`Incomplete query: ${check.missing}`);
  }
  const rangeProblem = timeRangeProblem(query.timeRange);
  if (rangeProblem) {
    return badRequest(rangeProblem);
  }
  return { model, type: model.queryType! };
}
