/**
 * Diagnostics: CheckHealth (Grafana's "Save & test") and CollectMetrics.
 * A health handler that throws is reported as status ERROR with the mapped,
 * user-safe message — what the user needs on the settings page — rather
 * than a gRPC error Grafana would show as a generic failure.
 */
import { mapError } from './errors';
import { BackendHandlers } from './handlers';
import { Logger } from './logger';
import { processMetrics } from './processMetrics';
import { toCheckHealthRequest } from './requests';
import { toWireHealth } from './responses';
import { WireCheckHealthRequest, WireCheckHealthResponse, WireCollectMetricsResponse } from './wire';

export async function serveCheckHealth(
  handlers: BackendHandlers,
  wire: WireCheckHealthRequest,
  signal: AbortSignal,
  log: Logger
): Promise<WireCheckHealthResponse> {
  try {
    return toWireHealth(await handlers.checkHealth(toCheckHealthRequest(wire), signal));
  } catch (err) {
    const m = mapError(err);
    log.warn('health check failed', { status: m.status, ...m.log });
    return toWireHealth({ status: 'ERROR', message: m.message });
  }
}

/** Process metrics plus whatever the handlers add, in Prometheus text format. */
export async function serveCollectMetrics(handlers: BackendHandlers, signal: AbortSignal): Promise<WireCollectMetricsResponse> {
  const extra = handlers.collectMetrics ? await handlers.collectMetrics(signal) : '';
  return { metrics: { prometheus: Buffer.from(processMetrics() + extra, 'utf8') } };
}
