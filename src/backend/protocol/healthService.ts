/**
 * grpc.health.v1.Health/Check, which go-plugin's Ping() calls with service
 * "plugin". The empty name means "the server as a whole" in gRPC's health
 * protocol; unknown names answer NOT_FOUND as that protocol specifies.
 */
import { status as GrpcStatus, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';

export const HEALTH_SERVICE_NAMES: readonly string[] = ['plugin', ''];

export function healthCheck(
  call: ServerUnaryCall<{ service?: string }, unknown>,
  callback: sendUnaryData<{ status: string }>
): void {
  const service = call.request?.service ?? '';
  if (HEALTH_SERVICE_NAMES.includes(service)) {
    callback(null, { status: 'SERVING' });
  } else {
    callback({ code: GrpcStatus.NOT_FOUND, details: `unknown service "${service}"` });
  }
}
