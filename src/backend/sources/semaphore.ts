/**
 * Bounded concurrency per source: at most `limit` requests in flight to one
 * Prometheus/Loki, the rest wait in FIFO order. A waiter whose query is
 * cancelled leaves the queue without ever taking a slot.
 */
import { CountSource, SourceError } from './types';

export class Semaphore {
  private active = 0;
  private readonly waiters: Array<{ grant: () => void }> = [];
  /** Most requests ever in flight at once (for tests and the bench). */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`semaphore limit must be a positive integer, got ${limit}`);
    }
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiters.length;
  }

  /** Runs `task` once a slot is free; rejects with `onAbort()` if `signal` aborts while waiting. */
  async run<T>(task: () => Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
    await this.acquire(signal, onAbort);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal, onAbort: () => Error): Promise<void> {
    if (signal.aborted) {
      return Promise.reject(onAbort());
    }
    if (this.active < this.limit) {
      this.take();
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal.removeEventListener('abort', abandon);
          this.take();
          resolve();
        },
      };
      const abandon = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) {
          this.waiters.splice(i, 1);
        }
        reject(onAbort());
      };
      signal.addEventListener('abort', abandon, { once: true });
      this.waiters.push(waiter);
    });
  }

  private take(): void {
    this.active++;
    this.peak = Math.max(this.peak, this.active);
  }

  private release(): void {
    this.active--;
    this.waiters.shift()?.grant();
  }
}

/** A CountSource whose requests pass through a semaphore of `limit` slots. */
export class ConcurrencyLimitedSource implements CountSource {
  readonly name: string;
  readonly semaphore: Semaphore;

  constructor(
    private readonly inner: CountSource,
    limit: number
  ) {
    this.name = inner.name;
    this.semaphore = new Semaphore(limit);
  }

  rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal): Promise<Float64Array> {
    return this.semaphore.run(() => this.inner.rangeCounts(expr, startMs, endMs, stepMs, signal), signal, () => this.cancelled());
  }

  health(signal: AbortSignal): Promise<{ ok: boolean; message: string }> {
    return this.semaphore.run(() => this.inner.health(signal), signal, () => this.cancelled());
  }

  private cancelled(): SourceError {
    return new SourceError('cancelled', this.name, 'the query was cancelled while waiting for a free connection slot');
  }
}
