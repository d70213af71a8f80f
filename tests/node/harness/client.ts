/**
 * A gRPC client for the backend built from the same embedded `.proto`
 * definitions as the server, with promise-returning calls, plus a raw client
 * that sends arbitrary bytes (malformed requests, methods we do not serve).
 */
import * as grpc from '@grpc/grpc-js';
import { loadPluginServices } from '../../../src/backend/protocol/protos';
import {
  WireCallResourceRequest,
  WireCallResourceResponse,
  WireCheckHealthRequest,
  WireCheckHealthResponse,
  WireCollectMetricsResponse,
  WireQueryDataRequest,
  WireQueryDataResponse,
} from '../../../src/backend/protocol/wire';

type UnaryMethod = (request: unknown, options: grpc.CallOptions, callback: (err: grpc.ServiceError | null, res: unknown) => void) => grpc.ClientUnaryCall;

export interface PluginClient {
  healthCheck(service: string): Promise<{ status: string }>;
  checkHealth(request: WireCheckHealthRequest): Promise<WireCheckHealthResponse>;
  collectMetrics(): Promise<WireCollectMetricsResponse>;
  queryData(request: WireQueryDataRequest, options?: grpc.CallOptions): Promise<WireQueryDataResponse>;
  /** Collects every message of the stream. */
  callResource(request: WireCallResourceRequest): Promise<WireCallResourceResponse[]>;
  shutdown(): Promise<void>;
  /** Sends raw bytes to a method path; resolves with the raw answer or the error status. */
  raw(path: string, body: Buffer): Promise<{ error?: grpc.ServiceError; response?: Buffer }>;
  close(): void;
}

export function connectPlugin(address: string): PluginClient {
  const services = loadPluginServices();
  const creds = grpc.credentials.createInsecure();
  const data = new services.data(address, creds);
  const diagnostics = new services.diagnostics(address, creds);
  const resource = new services.resource(address, creds);
  const health = new services.health(address, creds);
  const controller = new services.controller(address, creds);
  const raw = new grpc.Client(address, creds);
  const all = [data, diagnostics, resource, health, controller, raw];

  const call = <T>(client: grpc.Client, method: string, request: unknown, options: grpc.CallOptions = {}) =>
    new Promise<T>((resolve, reject) => {
      const fn = (client as unknown as Record<string, UnaryMethod>)[method].bind(client);
      fn(request, options, (err, res) => (err ? reject(err) : resolve(res as T)));
    });

  return {
    healthCheck: (service) => call(health, 'Check', { service }),
    checkHealth: (request) => call(diagnostics, 'CheckHealth', request),
    collectMetrics: () => call(diagnostics, 'CollectMetrics', {}),
    queryData: (request, options) => call(data, 'QueryData', request, options),
    callResource: (request) =>
      new Promise((resolve, reject) => {
        const messages: WireCallResourceResponse[] = [];
        const stream = (resource as unknown as { CallResource(r: unknown): grpc.ClientReadableStream<WireCallResourceResponse> }).CallResource(request);
        stream.on('data', (m: WireCallResourceResponse) => messages.push(m));
        stream.on('error', reject);
        stream.on('end', () => resolve(messages));
      }),
    shutdown: () => call<void>(controller, 'Shutdown', {}),
    raw: (path, body) =>
      new Promise((resolve) => {
        raw.makeUnaryRequest<Buffer, Buffer>(
          path,
          (b) => b,
          (b) => b,
          body,
          (error, response) => resolve(error ? { error } : { response })
        );
      }),
    close: () => all.forEach((c) => c.close()),
  };
}
