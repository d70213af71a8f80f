/**
 * The decorators every connection gets, outermost first:
 *   cache (complete buckets) → in-flight dedupe → batching → retry → concurrency limit → the source itself.
 * WHY this order: cached buckets never reach the network; identical fetches
 * merge before they queue; what is left of a refresh is merged into fewer
 * queries (./batching.ts), each retried and counted against the limit as one;
 * a retry waits its backoff without holding one of the source's slots.
 */
import { BatchingSource, BatchLimits, DEFAULT_BATCH_LIMITS, SplitQuery } from './batching';
import { BucketStore, CachingSource } from './bucketCache';
import { InflightDedupSource } from './inflight';
import { DEFAULT_RETRY, RetryingSource, RetryPolicy } from './retry';
import { ConcurrencyLimitedSource } from './semaphore';
import { canListLabelValues, LabelValueSource } from './labelValues';
import { canSplitByLabel, CountSource, SourceError } from './types';

export interface ResilienceOptions {
  maxConcurrency: number;
  /** The query's deadline, in ms from its first attempt: retries never start after it. */
  deadlineMs: number;
  store: BucketStore;
  retry?: Partial<RetryPolicy>;
  now?: () => number;
  /** Merging of queries that differ in one label's value (./batching.ts); false: every expression asked alone. Default on. */
  batching?: Partial<BatchLimits> | false;
}

export interface ResilientSource extends CountSource {
  readonly limiter: ConcurrencyLimitedSource;
  readonly retrying: RetryingSource;
  readonly dedupe: InflightDedupSource;
  readonly batching: BatchingSource;
}

export function resilient(source: CountSource, options: ResilienceOptions): ResilientSource {
  const limiter = new ConcurrencyLimitedSource(source, options.maxConcurrency);
  const retrying = new RetryingSource(limiter, { ...DEFAULT_RETRY, deadlineMs: options.deadlineMs, ...options.retry });
  const cancelledWaiting = () => new SourceError('cancelled', source.name, 'the query was cancelled while waiting for a free connection slot');
  const split: SplitQuery | undefined =
    options.batching !== false && canSplitByLabel(source)
      ? (expr, label, startMs, endMs, stepMs, signal, filters) =>
          retrying.withRetry(() => limiter.semaphore.run(() => source.rangeCountsBy(expr, label, startMs, endMs, stepMs, signal, filters), signal, cancelledWaiting), signal)
      : undefined;
  const batching = new BatchingSource(retrying, split, { ...DEFAULT_BATCH_LIMITS, ...(options.batching || {}) });
  const dedupe = new InflightDedupSource(batching);
  const cache = new CachingSource(dedupe, options.store, options.now);
  const out: ResilientSource = Object.assign(cache, { limiter, retrying, dedupe, batching });
  // Endpoint discovery (book 6.7): an instant query once per refresh with its own timeout, not retried or cached,
  // but it takes one of the connection's slots like every other request
  if (canListLabelValues(source)) {
    const labelValues: LabelValueSource['labelValues'] = (expr, label, atMs, signal) =>
      limiter.semaphore.run(() => source.labelValues(expr, label, atMs, signal), signal, () => new SourceError('cancelled', source.name, 'endpoint discovery was cancelled while waiting for a free connection slot'));
    Object.assign(out, { labelValues });
  }
  return out;
}
