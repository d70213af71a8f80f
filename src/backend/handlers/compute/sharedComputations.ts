/**
 * Identical SLO derivations in flight are made once (issue 9: 20 dashboards
 * refreshing 1,000 SLOs at the same moment). The fetch dedupe below already
 * merged identical requests, but each caller still received its own copy of
 * the buckets and derived its own series: 20 × 1,000 derivations of ≈ 150 KB
 * each, all alive until the slowest query had built its frames. Here the
 * fetch and the range-independent derivation (engine.ts deriveSeries) run
 * once per (SLO, planned buckets, period length, corrections); each query
 * then finishes its own computation (visible range, period figures, "now")
 * on the shared, read-only arrays — once per distinct range while the
 * series are alive (finishOnce), so identical queries also share the period
 * figures.
 *
 * A joined caller sees exactly what the fetch dedupe would have given it (the
 * same fetch's buckets), derived by the same pure code. Each caller keeps its
 * own cancellation: one giving up does not fail the others, and the shared
 * work is aborted only when every caller has.
 */
import { SharedInflight } from '../../sources/sharedInflight';
import { SourceError } from '../../sources/types';
import { DerivedSeries, SloComputation } from './engine';

export class SharedComputations {
  private readonly shared = new SharedInflight<DerivedSeries>();

  /** Derivations started (for tests and the bench). */
  get started(): number {
    return this.shared.started;
  }

  /** Calls answered by joining a derivation already in flight. */
  get joined(): number {
    return this.shared.joined;
  }

  get inFlight(): number {
    return this.shared.size;
  }

  /**
   * Runs `compute` once per key while it is in flight; the signal it gets aborts when every caller has given up.
   * `sourceName` names the source in a caller's cancellation, as the source's own cancellation does.
   */
  share(key: string, compute: (signal: AbortSignal) => Promise<DerivedSeries>, signal: AbortSignal, sourceName: string): Promise<DerivedSeries> {
    return this.shared.run(key, compute, signal, () => new SourceError('cancelled', sourceName, 'the query was cancelled'));
  }
}

// WHY keyed by the derived series: the finished computations live exactly as long as the series they were made from
const finishedBy = new WeakMap<DerivedSeries, Map<string, SloComputation>>();

/**
 * The computation for one range finished on shared series, made once per
 * `rangeKey`; each caller gets its own top-level object and lists (the ledger
 * merge replaces `periods` and sets `ledgerMonths` per query), sharing the
 * read-only arrays inside.
 */
export function finishOnce(derived: DerivedSeries, rangeKey: string, finish: () => SloComputation): SloComputation {
  const c = onceOn(finishedBy, derived, rangeKey, finish);
  return { ...c, periods: [...c.periods], warnings: [...c.warnings] };
}

/** `make()` once per (`owner`, `key`), remembered in `store` as long as `owner` lives. */
export function onceOn<O extends object, K, V>(store: WeakMap<O, Map<K, V>>, owner: O, key: K, make: () => V): V {
  let byKey = store.get(owner);
  if (!byKey) {
    byKey = new Map();
    store.set(owner, byKey);
  }
  let value = byKey.get(key);
  if (value === undefined) {
    value = make();
    byKey.set(key, value);
  }
  return value;
}

/** Everything a shared derivation depends on besides the SLO: the planned buckets, the trailing period and the corrections. */
export function derivationKey(sloKey: string, start: number, end: number, step: number, periodMs: number, correctionsKey: string): string {
  return [sloKey, start, end, step, periodMs, correctionsKey].join('\u0000');
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
