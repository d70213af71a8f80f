/**
 * Errors are data, mapped once (STYLE.md habit 8). Code below the protocol
 * layer throws typed errors carrying a user-safe message and context; this
 * module is the one boundary that turns any thrown value into what Grafana
 * shows: a message, an HTTP-like status, an error source and a gRPC code.
 *
 * Contract of every PluginError: `message` is shown to users and must never
 * contain secrets; `context` goes to the plugin log only (redacted).
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { FrameShapeError } from './frame';

/** Grafana's error source: who is to blame (SDK experimental/status). */
export type ErrorSource = 'plugin' | 'downstream';

export interface PluginErrorOptions {
  context?: Record<string, unknown>;
  cause?: unknown;
}

export class PluginError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly source: ErrorSource,
    readonly context: Record<string, unknown> = {},
    options: { cause?: unknown } = {}
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request itself is wrong (bad query JSON, invalid settings, unknown query type): 400. */
export class BadRequestError extends PluginError {
  constructor(message: string, options: PluginErrorOptions = {}) {
    super(message, 400, 'downstream', options.context, options);
  }
}

/** The caller lacks the role for this action (e.g. writes need Editor): 403. */
export class ForbiddenError extends PluginError {
  constructor(message: string, options: PluginErrorOptions = {}) {
    super(message, 403, 'downstream', options.context, options);
  }
}

/** A named thing (SLO, resource path) does not exist: 404. */
export class NotFoundError extends PluginError {
  constructor(message: string, options: PluginErrorOptions = {}) {
    super(message, 404, 'downstream', options.context, options);
  }
}

/** A request to Prometheus, Loki or another upstream failed: 502 Bad Gateway. */
export class DownstreamRequestError extends PluginError {
  constructor(message: string, options: PluginErrorOptions = {}) {
    super(message, 502, 'downstream', options.context, options);
  }
}

/** An upstream did not answer in time: 504 Gateway Timeout. */
export class DeadlineError extends PluginError {
  constructor(message: string, options: PluginErrorOptions = {}) {
    super(message, 504, 'downstream', options.context, options);
  }
}

/** The caller went away (gRPC call cancelled): nobody reads the answer. */
export class CancelledError extends PluginError {
  constructor(message = 'request cancelled', options: PluginErrorOptions = {}) {
    super(message, 499, 'downstream', options.context, options);
  }
}

export interface MappedError {
  /** Safe to show to users. */
  message: string;
  /** HTTP-like status for DataResponse.status and resource responses. */
  status: number;
  source: ErrorSource;
  grpcCode: GrpcStatus;
  /** For the log line: the original error and its context (log through redact). */
  log: Record<string, unknown>;
}

export const INTERNAL_ERROR_MESSAGE = 'internal error in the SLO Ledger backend (details in the Grafana server log)';

/**
 * Maps any thrown value once. Unknown errors become a generic 500 so that
 * stack traces and library messages (which may echo URLs or tokens) never
 * reach users; their details go to the log.
 *
 * @example mapError(new DeadlineError('Prometheus did not answer within 30s')).status // 504
 */
export function mapError(err: unknown): MappedError {
  if (err instanceof PluginError) {
    return mapped(err.message, err.status, err.source, { error: err, ...err.context });
  }
  if (err instanceof FrameShapeError) {
    return mapped(err.message, 500, 'plugin', { error: err });
  }
  if (isNamed(err, 'TimeoutError')) {
    return mapped('the request timed out', 504, 'downstream', { error: err });
  }
  if (isNamed(err, 'AbortError')) {
    return mapped('request cancelled', 499, 'downstream', { error: err });
  }
  return mapped(INTERNAL_ERROR_MESSAGE, 500, 'plugin', { error: err instanceof Error ? err : String(err), stack: stackOf(err) });
}

/** gRPC code matching an HTTP-like status. */
export function grpcCodeForStatus(status: number): GrpcStatus {
  switch (status) {
    case 400:
      return GrpcStatus.INVALID_ARGUMENT;
    case 401:
      return GrpcStatus.UNAUTHENTICATED;
    case 403:
      return GrpcStatus.PERMISSION_DENIED;
    case 404:
      return GrpcStatus.NOT_FOUND;
    case 499:
      return GrpcStatus.CANCELLED;
    case 501:
      return GrpcStatus.UNIMPLEMENTED;
    case 502:
    case 503:
      return GrpcStatus.UNAVAILABLE;
    case 504:
      return GrpcStatus.DEADLINE_EXCEEDED;
    default:
      return GrpcStatus.INTERNAL;
  }
}

function mapped(message: string, status: number, source: ErrorSource, log: Record<string, unknown>): MappedError {
  return { message, status, source, grpcCode: grpcCodeForStatus(status), log };
}

function isNamed(err: unknown, name: string): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === name;
}

function stackOf(err: unknown): string | undefined {
  return err instanceof Error ? err.stack : undefined;
}
