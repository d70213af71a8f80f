/**
 * Turns a gRPC server call's lifetime into an AbortSignal: it aborts when the
 * client cancels (Grafana's request context ends, the browser navigates
 * away) or when the call's deadline passes, so handlers stop outgoing work.
 */
import type { Deadline } from '@grpc/grpc-js';
import { CancelledError, DeadlineError } from './errors';

export interface CallSignal {
  signal: AbortSignal;
  /** Stops the deadline timer; call when the response is sent. */
  done(): void;
}

/** The part of a grpc-js server call this needs (unary and streaming calls both have it). */
export interface CancellableCall {
  cancelled: boolean;
  on(event: 'cancelled', listener: () => void): unknown;
  getDeadline(): Deadline;
}

export function callSignal(call: CancellableCall): CallSignal {
  const controller = new AbortController();
  const cancel = () => controller.abort(new CancelledError('the caller cancelled the request'));
  if (call.cancelled) {
    cancel();
  }
  call.on('cancelled', cancel);
  let timer: NodeJS.Timeout | undefined;
  const deadline = toMs(call.getDeadline());
  if (Number.isFinite(deadline)) {
    const delay = Math.max(0, deadline - Date.now());
    timer = setTimeout(() => controller.abort(new DeadlineError('the request deadline passed')), delay);
    timer.unref();
  }
  return {
    signal: controller.signal,
    done: () => clearTimeout(timer),
  };
}

function toMs(deadline: Deadline): number {
  return deadline instanceof Date ? deadline.getTime() : deadline;
}
