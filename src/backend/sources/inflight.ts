/**
 * Identical fetches in flight are made once: twenty dashboards refreshing the
 * same SLO at the same moment send one request per (expr, start, end, step).
 * Each caller keeps its own cancellation: one caller giving up does not fail
 * the others, and the shared request is aborted only when every caller has.
 */
import { CountSource, SourceError, warningsOf, withWarnings } from './types';

interface Shared {
  promise: Promise<Float64Array>;
  controller: AbortController;
  waiting: number;
}

export class InflightDedupSource implements CountSource {
  readonly name: string;
  private readonly inflight = new Map<string, Shared>();
  /** Calls answered by joining a fetch already in flight (for tests and the bench). */
  joined = 0;

  constructor(private readonly inner: CountSource) {
    this.name = inner.name;
  }

  get inFlight(): number {
    return this.inflight.size;
  }

  rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal): Promise<Float64Array> {
    if (signal.aborted) {
      return Promise.reject(this.cancelled());
    }
    const key = JSON.stringify([expr, startMs, endMs, stepMs]);
    let shared = this.inflight.get(key);
    if (shared) {
      this.joined++;
    } else {
      const controller = new AbortController();
      const promise = this.inner.rangeCounts(expr, startMs, endMs, stepMs, controller.signal);
      const entry: Shared = { promise, controller, waiting: 0 };
      shared = entry;
      this.inflight.set(key, entry);
      const forget = () => {
        if (this.inflight.get(key) === entry) {
          this.inflight.delete(key);
        }
      };
      promise.then(forget, forget);
    }
    return this.wait(key, shared, signal);
  }

  health(signal: AbortSignal): Promise<{ ok: boolean; message: string }> {
    return this.inner.health(signal);
  }

  private wait(key: string, shared: Shared, signal: AbortSignal): Promise<Float64Array> {
    shared.waiting++;
    return new Promise((resolve, reject) => {
      let settled = false;
      const leave = () => {
        signal.removeEventListener('abort', onAbort);
        settled = true;
      };
      const onAbort = () => {
        if (settled) {
          return;
        }
        leave();
        reject(this.cancelled());
        if (--shared.waiting === 0) {
          // nobody wants the answer any more: stop the request, and let a later caller start a fresh one
          if (this.inflight.get(key) === shared) {
            this.inflight.delete(key);
          }
          shared.controller.abort();
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (counts) => {
          if (!settled) {
            leave();
            shared.waiting--;
            // each caller gets its own copy: the arrays are handed to code that may write into them
            resolve(withWarnings(counts.slice(), warningsOf(counts)));
          }
        },
        (error) => {
          if (!settled) {
            leave();
            shared.waiting--;
            reject(error);
          }
        }
      );
    });
  }

  private cancelled(): SourceError {
    return new SourceError('cancelled', this.name, 'the query was cancelled');
  }
}
