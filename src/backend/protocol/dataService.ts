/**
 * Data.QueryData: every refId gets an answer. A handler that throws, settings
 * that do not parse, or a frame that does not encode become per-refId errors
 * (Grafana shows them on the query), never a failed gRPC call.
 */
import { mapError } from './errors';
import { BackendHandlers } from './handlers';
import { Logger } from './logger';
import { ConvertedQueryData, toQueryDataRequest } from './requests';
import { mappedErrorResponse, toWireDataResponse } from './responses';
import { WireDataResponse, WireQueryDataRequest, WireQueryDataResponse } from './wire';

export async function serveQueryData(
  handlers: BackendHandlers,
  wire: WireQueryDataRequest,
  signal: AbortSignal,
  log: Logger
): Promise<WireQueryDataResponse> {
  const refIds = (wire.queries ?? []).map((q) => q.refId ?? '');
  const responses: Record<string, WireDataResponse> = {};
  const failAll = (ids: string[], err: unknown, what: string) => {
    const m = mapError(err);
    log.warn(what, { refIds: ids, status: m.status, ...m.log });
    ids.forEach((refId) => (responses[refId] = mappedErrorResponse(m)));
  };

  let converted: ConvertedQueryData | undefined;
  try {
    converted = toQueryDataRequest(wire);
  } catch (err) {
    failAll(refIds, err, 'query request rejected');
  }
  if (converted) {
    for (const [refId, response] of converted.rejected) {
      responses[refId] = toWireDataResponse(refId, response, log);
    }
    const { queries } = converted.request;
    try {
      const results = queries.length > 0 ? await handlers.queryData(converted.request, signal) : new Map();
      for (const [refId, response] of results) {
        responses[refId] = toWireDataResponse(refId, response, log);
      }
    } catch (err) {
      failAll(queries.map((q) => q.refId), err, 'query handler failed');
    }
  }
  for (const refId of refIds) {
    if (!responses[refId]) {
      log.error('the query handler returned no result for a query', { refId });
      responses[refId] = { frames: [], error: 'the backend returned no result for this query', status: 500, errorSource: 'plugin' };
    }
  }
  return { responses };
}
