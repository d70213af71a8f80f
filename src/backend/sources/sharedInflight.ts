/**
 * Work in flight shared by every caller asking for the same key (twenty
 * dashboards refreshing the same SLOs at once). Each caller keeps its own
 * cancellation: one giving up does not fail the others, and the shared work
 * is aborted only when every caller has. Used for identical fetches
 * (./inflight.ts) and identical SLO derivations
 * (handlers/compute/sharedComputations.ts).
 */
interface Entry<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiting: number;
}

export class SharedInflight<T> {
  private readonly inflight = new Map<string, Entry<T>>();
  /** Works started (for tests and the benches). */
  started = 0;
  /** Calls answered by joining a work already in flight. */
  joined = 0;

  get size(): number {
    return this.inflight.size;
  }

  /**
   * Runs `start` once per key while it is in flight; the signal it gets aborts when every caller has given up.
   * `cancelled` is the error a caller whose own signal aborts gets.
   */
  run(key: string, start: (signal: AbortSignal) => Promise<T>, signal: AbortSignal, cancelled: () => Error): Promise<T> {
    if (signal.aborted) {
      return Promise.reject(cancelled());
    }
    let entry = this.inflight.get(key);
    if (entry) {
      this.joined++;
    } else {
      this.started++;
      const controller = new AbortController();
      const created = { controller, waiting: 0 } as Entry<T>;
      // WHY registered before `start` runs, and an async wrapper: a synchronous throw becomes a rejection every caller sees
      this.inflight.set(key, created);
      created.promise = (async () => start(controller.signal))();
      const forget = () => {
        if (this.inflight.get(key) === created) {
          this.inflight.delete(key);
        }
      };
      created.promise.then(forget, forget);
      entry = created;
    }
    return this.wait(key, entry, signal, cancelled);
  }

  private wait(key: string, entry: Entry<T>, signal: AbortSignal, cancelled: () => Error): Promise<T> {
    entry.waiting++;
    return new Promise((resolve, reject) => {
      let settled = false;
      const leave = () => {
        signal.removeEventListener('abort', onAbort);
        settled = true;
        entry.waiting--;
      };
      const onAbort = () => {
        if (settled) {
          return;
        }
        leave();
        reject(cancelled());
        if (entry.waiting === 0) {
          // nobody wants the answer any more: stop the work, and let a later caller start afresh
          if (this.inflight.get(key) === entry) {
            this.inflight.delete(key);
          }
          entry.controller.abort();
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          if (!settled) {
            leave();
            resolve(value);
          }
        },
        (error: unknown) => {
          if (!settled) {
            leave();
            reject(error);
          }
        }
      );
    });
  }
}
