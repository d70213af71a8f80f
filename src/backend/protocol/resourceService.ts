/**
 * Resource.CallResource: HTTP-style requests from the frontend. A handler
 * that throws answers with the mapped HTTP status and a JSON body
 * `{"message": …}` — Grafana passes that to the browser, whereas a gRPC
 * error would reach it as an opaque 500.
 */
import { mapError } from './errors';
import { BackendHandlers, jsonResource } from './handlers';
import { Logger } from './logger';
import { toCallResourceRequest } from './requests';
import { toWireResourceMessages } from './responses';
import { WireCallResourceRequest, WireCallResourceResponse } from './wire';

export async function serveCallResource(
  handlers: BackendHandlers,
  wire: WireCallResourceRequest,
  signal: AbortSignal,
  log: Logger
): Promise<WireCallResourceResponse[]> {
  try {
    return toWireResourceMessages(await handlers.callResource(toCallResourceRequest(wire), signal));
  } catch (err) {
    const m = mapError(err);
    log.warn('resource call failed', { path: wire.path, method: wire.method, status: m.status, ...m.log });
    return toWireResourceMessages(jsonResource({ message: m.message }, m.status));
  }
}
