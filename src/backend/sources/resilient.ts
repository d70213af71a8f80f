/**
 * The decorators every connection gets, outermost first:
 *   cache (complete buckets) → in-flight dedupe → retry → concurrency limit → the source itself.
 * WHY this order: cached buckets never reach the network; identical fetches
 * merge before they queue; a retry waits its backoff without holding one of
 * the source's slots.
 */
import { BucketStore, CachingSource } from './bucketCache';
import { InflightDedupSource } from './inflight';
import { DEFAULT_RETRY, RetryingSource, RetryPolicy } from './retry';
import { ConcurrencyLimitedSource } from './semaphore';
import { canListLabelValues } from './labelValues';
import { CountSource } from './types';

export interface ResilienceOptions {
  maxConcurrency: number;
  /** The query's deadline, in ms from its first attempt: retries never start after it. */
  deadlineMs: number;
  store: BucketStore;
  retry?: Partial<RetryPolicy>;
  now?: () => number;
}

export interface ResilientSource extends CountSource {
  readonly limiter: ConcurrencyLimitedSource;
  readonly retrying: RetryingSource;
  readonly dedupe: InflightDedupSource;
}

export function resilient(source: CountSource, options: ResilienceOptions): ResilientSource {
  const limiter = new ConcurrencyLimitedSource(source, options.maxConcurrency);
  const retrying = new RetryingSource(limiter, { ...DEFAULT_RETRY, deadlineMs: options.deadlineMs, ...options.retry });
  const dedupe = new InflightDedupSource(retrying);
  const cache = new CachingSource(dedupe, options.store, options.now);
  const out: ResilientSource = Object.assign(cache, { limiter, retrying, dedupe });
  // Endpoint discovery (book 6.7) is an instant query once per refresh with its own timeout: pass it through.
  if (canListLabelValues(source)) {
    Object.assign(out, { labelValues: source.labelValues.bind(source) });
  }
  return out;
}
