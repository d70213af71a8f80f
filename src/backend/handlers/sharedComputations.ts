/**
 * Identical SLO computations in flight are made once (issue 9: 20 dashboards
 * refreshing 1,000 SLOs at the same moment). The fetch dedupe below already
 * merges identical requests, but each caller still received its own copy of
 * the buckets and derived its own series: 20 × 1,000 derivations of ≈ 150 KB
 * each, all alive until the slowest query had built its frames. Here one
 * computation per (SLO, range, "now", options) is fetched and derived once;
 * every caller gets its own shallow copy, so per-query edits of the top-level
 * fields (the ledger merge replaces `periods` and sets `ledgerMonths`) stay
 * local, while the typed arrays — read-only after derivation — are shared.
 *
 * A joined caller sees exactly what the fetch dedupe would have given it (the
 * same fetch's buckets), derived by the same pure code. Each caller keeps its
 * own cancellation: one giving up does not fail the others, and the shared
 * computation is aborted only when every caller has.
 */
import { SourceError } from '../sources/types';
import { SloComputation } from './engine';

interface Shared {
  promise: Promise<SloComputation>;
  controller: AbortController;
  waiting: number;
}

export class SharedComputations {
  private readonly inflight = new Map<string, Shared>();
  /** Computations started (for tests and the bench). */
  started = 0;
  /** Calls answered by joining a computation already in flight. */
  joined = 0;

  get inFlight(): number {
    return this.inflight.size;
  }

  /**
   * Runs `compute` once per key while it is in flight; the signal it gets aborts when every caller has given up.
   * `sourceName` names the source in a caller's cancellation, as the source's own cancellation does.
   */
  share(key: string, compute: (signal: AbortSignal) => Promise<SloComputation>, signal: AbortSignal, sourceName: string): Promise<SloComputation> {
    if (signal.aborted) {
      return Promise.reject(cancelled(sourceName));
    }
    let shared = this.inflight.get(key);
    if (shared) {
      this.joined++;
    } else {
      this.started++;
      const controller = new AbortController();
      // WHY a microtask first: a synchronous throw in compute becomes a rejection every caller sees
      const promise = Promise.resolve().then(() => compute(controller.signal));
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
    return this.wait(key, shared, signal, sourceName);
  }

  private wait(key: string, shared: Shared, signal: AbortSignal, sourceName: string): Promise<SloComputation> {
    shared.waiting++;
    return new Promise((resolve, reject) => {
      let settled = false;
      const leave = () => {
        signal.removeEventListener('abort', onAbort);
        settled = true;
        shared.waiting--;
      };
      const onAbort = () => {
        if (settled) {
          return;
        }
        leave();
        reject(cancelled(sourceName));
        if (shared.waiting === 0) {
          // nobody wants the answer any more: stop it, and let a later caller start afresh
          if (this.inflight.get(key) === shared) {
            this.inflight.delete(key);
          }
          shared.controller.abort();
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (c) => {
          if (!settled) {
            leave();
            resolve(ownCopy(c));
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

/** The caller's own top-level object and lists; the typed arrays inside are shared (nothing writes into them). */
function ownCopy(c: SloComputation): SloComputation {
  return { ...c, periods: [...c.periods], warnings: [...c.warnings], ...(c.ledgerMonths ? { ledgerMonths: [...c.ledgerMonths] } : {}) };
}

function cancelled(sourceName: string): SourceError {
  return new SourceError('cancelled', sourceName, 'the query was cancelled');
}

/** Everything a computation depends on besides the SLO: the range, "now" and the options. */
export function computationKey(sloKey: string, fromMs: number, toMs: number, nowMs: number, optionsKey: string): string {
  return `${sloKey}\u0000${fromMs}\u0000${toMs}\u0000${nowMs}\u0000${optionsKey}`;
}

const sloKeys = new WeakMap<object, string>();

/** An SLO's definition as a key (cached per object: catalogs are reused between refreshes). */
export function sloKey(slo: object): string {
  let key = sloKeys.get(slo);
  if (key === undefined) {
    key = JSON.stringify(slo);
    sloKeys.set(slo, key);
  }
  return key;
}
