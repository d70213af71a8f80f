/**
 * The SLO handlers behind Grafana's plugin protocol: one Instance per
 * datasource (rebuilt when its settings change), queries, health, resources.
 */
import { BackendHandlers, DataResponse, RequestBase } from '../protocol/handlers';
import { BadRequestError } from '../protocol/errors';
import { InstanceCache } from '../protocol/instanceCache';
import { Logger } from '../protocol/logger';
import { DataSourceSettings } from '../protocol/settings';
import { checkInstanceHealth } from './health';
import { Instance } from './instance/instance';
import { runQuery } from './query/pipeline';
import { handleResource } from './resources/router';

export function createHandlers(logger: Logger): BackendHandlers {
  const instances = new InstanceCache<DataSourceSettings, Instance>({
    create: (s) => new Instance(s, { logger }),
    dispose: (i) => i.dispose(),
    onDisposeError: (error) => logger.warn('closing a datasource instance failed', { error: (error as Error).message }),
  });
  const instanceFor = (req: RequestBase): Instance => {
    if (!req.settings) {throw new BadRequestError('this request targets no SLO Ledger datasource instance');}
    const instance = instances.get(req.settings);
    instance.useGrafanaConfig(req.context.grafanaConfig);
    return instance;
  };
  return {
    async checkHealth(request, signal) {
      return checkInstanceHealth(instanceFor(request), signal);
    },
    async queryData(request, signal) {
      const instance = instanceFor(request);
      const out = new Map<string, DataResponse>();
      await Promise.all(
        request.queries.map(async (q) => {
          try {
            out.set(q.refId, await runQuery(instance, q, signal));
          } catch (error) {
            logger.error('query failed', { refId: q.refId, error: (error as Error).message });
            out.set(q.refId, { frames: [], error: error as Error });
          }
        })
      );
      return out;
    },
    async callResource(request, signal) {
      return handleResource(instanceFor(request), request, signal);
    },
    dispose() {
      instances.clear();
    },
  };
}
