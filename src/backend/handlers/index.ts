/**
 * WIRING POINT — TEMPORARY. The protocol layer (../protocol) calls the
 * handlers created here. This minimal version exists only so the protocol
 * can be tested end to end; it will be replaced by the real SLO handlers
 * (query types, health of the configured sources, the resource API).
 */
import { BackendHandlers, DataResponse, jsonResource } from '../protocol/handlers';
import { tableFrame } from '../protocol/frame';
import { Logger } from '../protocol/logger';

export function createHandlers(logger: Logger): BackendHandlers {
  return {
    async checkHealth() {
      return { status: 'OK', message: 'SLO Ledger backend is running' };
    },

    async queryData(request) {
      const out = new Map<string, DataResponse>();
      for (const query of request.queries) {
        out.set(query.refId, {
          frames: [
            tableFrame('echo', [
              { name: 'refId', type: 'string', values: [query.refId] },
              { name: 'queryType', type: 'string', values: [query.queryType] },
            ]),
          ],
        });
      }
      logger.debug('echoed queries', { count: request.queries.length, fromAlert: request.fromAlert });
      return out;
    },

    async callResource(request) {
      return jsonResource({ path: request.path, method: request.method }, 200);
    },
  };
}
