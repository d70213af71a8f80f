/**
 * The gRPC server Grafana talks to: pluginv2 Data, Diagnostics and Resource,
 * grpc.health.v1 Health, and go-plugin's GRPCController. Bound to loopback
 * only (the Rust SDK's discipline; the port is printed in the handshake).
 * Methods not served here (Stream, QueryChunkedData, admission, conversion)
 * are answered UNIMPLEMENTED by grpc-js, which Grafana handles.
 */
import * as grpc from '@grpc/grpc-js';
import { callSignal } from './callSignal';
import { serveQueryData } from './dataService';
import { serveCheckHealth, serveCollectMetrics } from './diagnosticsService';
import { mapError } from './errors';
import { BackendHandlers } from './handlers';
import { healthCheck } from './healthService';
import { Logger } from './logger';
import { loadPluginServices } from './protos';
import { serveCallResource } from './resourceService';

export interface PluginServerOptions {
  handlers: BackendHandlers;
  logger: Logger;
  /** Called right after go-plugin's Shutdown RPC has been answered. */
  onShutdownRequest: () => void;
  /** Loopback by default; never a public interface. */
  host?: string;
}

export interface PluginServer {
  port: number;
  /** Lets running calls finish for up to `graceMs`, then closes every connection. */
  stop(graceMs?: number): Promise<void>;
}

/** WHY -1: grpc-js limits received messages to 4 MB by default; Grafana sends whole catalogs in settings. */
export const SERVER_OPTIONS: grpc.ServerOptions = {
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
};

export async function startPluginServer(options: PluginServerOptions): Promise<PluginServer> {
  const { handlers, logger } = options;
  const services = loadPluginServices();
  const server = new grpc.Server(SERVER_OPTIONS);

  server.addService(services.data.service, {
    QueryData: unary(logger, 'QueryData', (req, signal) => serveQueryData(handlers, req, signal, logger)),
  });
  server.addService(services.diagnostics.service, {
    CheckHealth: unary(logger, 'CheckHealth', (req, signal) => serveCheckHealth(handlers, req, signal, logger)),
    CollectMetrics: unary(logger, 'CollectMetrics', (_req, signal) => serveCollectMetrics(handlers, signal)),
  });
  server.addService(services.resource.service, {
    CallResource: serverStream(logger, 'CallResource', (req, signal) => serveCallResource(handlers, req, signal, logger)),
  });
  server.addService(services.health.service, { Check: healthCheck });
  server.addService(services.controller.service, {
    Shutdown: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<object>) => {
      logger.info('shutdown requested by the host');
      callback(null, {});
      // Answer first: go-plugin waits for the reply, then for the process to exit.
      setImmediate(options.onShutdownRequest);
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${options.host ?? '127.0.0.1'}:0`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound)
    );
  });

  return {
    port,
    stop: (graceMs = 1000) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}

type Handler<Req, Res> = (request: Req, signal: AbortSignal) => Promise<Res>;

/** Runs a unary method; anything thrown becomes a mapped gRPC status, never a crash. */
function unary<Req, Res>(log: Logger, method: string, handle: Handler<Req, Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const started = performance.now();
    const { signal, done } = callSignal(call);
    handle(call.request, signal).then(
      (response) => {
        done();
        log.debug('call served', { method, durationMs: Math.round(performance.now() - started) });
        callback(null, response);
      },
      (err: unknown) => {
        done();
        const m = mapError(err);
        log.error('call failed', { method, code: grpc.status[m.grpcCode], ...m.log });
        callback({ code: m.grpcCode, details: m.message });
      }
    );
  };
}

/** Runs a server-streaming method whose handler returns all messages at once. */
function serverStream<Req, Res>(log: Logger, method: string, handle: Handler<Req, Res[]>): grpc.handleServerStreamingCall<Req, Res> {
  return (call) => {
    const started = performance.now();
    const { signal, done } = callSignal(call);
    handle(call.request, signal).then(
      (messages) => {
        done();
        if (!call.cancelled) {
          messages.forEach((message) => call.write(message));
          call.end();
        }
        log.debug('call served', { method, messages: messages.length, durationMs: Math.round(performance.now() - started) });
      },
      (err: unknown) => {
        done();
        const m = mapError(err);
        log.error('call failed', { method, code: grpc.status[m.grpcCode], ...m.log });
        call.emit('error', { code: m.grpcCode, details: m.message });
      }
    );
  };
}
