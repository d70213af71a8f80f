/**
 * Immutable-bucket cache (DESIGN.md: "past buckets never change: cache them").
 * A bucket ending before now − safetyLag is complete, so its count is kept per
 * (source, expression, step) as one contiguous run of buckets. A refresh then
 * fetches only what the run lacks: usually the few newest buckets.
 *
 * Bounded as an LRU by entry count and by bytes (8 per bucket); a run longer
 * than the byte limit alone is not kept. Answers carrying warnings (partial
 * results) are never cached, and a cached run is never trusted for buckets
 * still inside the safety lag.
 */
import { CountSource, warningsOf, withWarnings } from './types';

export interface BucketCacheLimits {
  maxEntries: number;
  maxBytes: number;
  /** Buckets ending later than now − safetyLagMs may still change (late samples, ingestion delay). */
  safetyLagMs: number;
}

export const DEFAULT_CACHE_LIMITS: BucketCacheLimits = { maxEntries: 10_000, maxBytes: 256 * 1024 * 1024, safetyLagMs: 5 * 60_000 };

/** A contiguous run of complete buckets: values[i] is the count of the bucket ending at (first + i)·step. */
interface Run {
  first: number;
  values: Float64Array;
}

/** The LRU shared by every source of one datasource instance. */
export class BucketStore {
  private readonly runs = new Map<string, Run>();
  private bytesUsed = 0;
  hits = 0;
  misses = 0;

  constructor(readonly limits: BucketCacheLimits = DEFAULT_CACHE_LIMITS) {}

  get entries(): number {
    return this.runs.size;
  }

  get bytes(): number {
    return this.bytesUsed;
  }

  get(key: string): Run | undefined {
    const run = this.runs.get(key);
    if (run) {
      this.runs.delete(key); // re-insert: Map order is the recency order
      this.runs.set(key, run);
    }
    return run;
  }

  set(key: string, run: Run): void {
    this.delete(key);
    if (run.values.byteLength > this.limits.maxBytes || run.values.length === 0 || this.limits.maxEntries < 1) {
      return;
    }
    this.runs.set(key, run);
    this.bytesUsed += run.values.byteLength;
    for (const [oldest, old] of this.runs) {
      if (this.runs.size <= this.limits.maxEntries && this.bytesUsed <= this.limits.maxBytes) {
        break;
      }
      this.runs.delete(oldest);
      this.bytesUsed -= old.values.byteLength;
    }
  }

  clear(): void {
    this.runs.clear();
    this.bytesUsed = 0;
  }

  private delete(key: string): void {
    const old = this.runs.get(key);
    if (old) {
      this.runs.delete(key);
      this.bytesUsed -= old.values.byteLength;
    }
  }
}

export class CachingSource implements CountSource {
  readonly name: string;

  constructor(
    private readonly inner: CountSource,
    private readonly store: BucketStore,
    private readonly now: () => number = Date.now
  ) {
    this.name = inner.name;
  }

  async rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal): Promise<Float64Array> {
    const n = Math.max(0, Math.floor((endMs - startMs) / stepMs));
    if (startMs % stepMs !== 0 || n === 0) {
      return this.inner.rangeCounts(expr, startMs, endMs, stepMs, signal); // unaligned: bucket identities differ, do not mix
    }
    const key = JSON.stringify([this.name, expr, stepMs]);
    const lo = startMs / stepMs + 1; // bucket number of the first point
    const hi = lo + n - 1;
    const complete = Math.floor((this.now() - this.store.limits.safetyLagMs) / stepMs); // last complete bucket number
    const run = this.store.get(key);
    const runLast = run ? run.first + run.values.length - 1 : -Infinity;
    if (!run || run.first > hi || runLast < lo) {
      this.store.misses++;
      const fetched = await this.inner.rangeCounts(expr, startMs, endMs, stepMs, signal);
      if (warningsOf(fetched).length === 0) {
        this.keep(key, lo, fetched.subarray(0, Math.max(0, Math.min(n, complete - lo + 1))));
      }
      return fetched;
    }
    this.store.hits++;
    const out = new Float64Array(n);
    const warnings: string[] = [];
    // the part before the run, then the run, then the part after it
    let before: Float64Array | undefined;
    if (lo < run.first) {
      before = await this.inner.rangeCounts(expr, startMs, (run.first - 1) * stepMs, stepMs, signal);
      out.set(before, 0);
      warnings.push(...warningsOf(before));
    }
    const from = Math.max(lo, run.first);
    const to = Math.min(hi, runLast);
    out.set(run.values.subarray(from - run.first, to - run.first + 1), from - lo);
    let after: Float64Array | undefined;
    if (hi > runLast) {
      after = await this.inner.rangeCounts(expr, runLast * stepMs, endMs, stepMs, signal);
      out.set(after, runLast + 1 - lo);
      warnings.push(...warningsOf(after));
    }
    this.extend(key, run, before && warningsOf(before).length === 0 ? before : undefined, after && warningsOf(after).length === 0 ? after : undefined, complete, lo, n);
    return withWarnings(out, warnings);
  }

  health(signal: AbortSignal): Promise<{ ok: boolean; message: string }> {
    return this.inner.health(signal);
  }

  /** Grows the run with the clean, complete buckets just fetched around it; keeps at most two requests' worth. */
  private extend(key: string, run: Run, before: Float64Array | undefined, after: Float64Array | undefined, complete: number, lo: number, n: number): void {
    const runLast = run.first + run.values.length - 1;
    const first = before ? run.first - before.length : run.first;
    const afterComplete = after ? after.subarray(0, Math.max(0, Math.min(after.length, complete - runLast))) : new Float64Array(0);
    if (!before && afterComplete.length === 0) {
      return;
    }
    const joined = new Float64Array((before?.length ?? 0) + run.values.length + afterComplete.length);
    if (before) {
      joined.set(before, 0);
    }
    joined.set(run.values, before?.length ?? 0);
    joined.set(afterComplete, (before?.length ?? 0) + run.values.length);
    // WHY trim: a dashboard refreshing for days would grow the run forever; older buckets than one more range are rarely asked for
    const keepFrom = Math.max(first, lo - n);
    this.store.set(key, { first: keepFrom, values: joined.slice(keepFrom - first) });
  }

  private keep(key: string, first: number, values: Float64Array): void {
    this.store.set(key, { first, values: values.slice() });
  }
}
