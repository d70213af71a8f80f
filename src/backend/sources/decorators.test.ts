/** The source decorators against a scripted inner source: retry, concurrency limit, in-flight dedupe, bucket cache. */
import { BucketStore, CachingSource, DEFAULT_CACHE_LIMITS } from './bucketCache';
import { InflightDedupSource } from './inflight';
import { backoffMs, DEFAULT_RETRY, parseRetryAfter, RetryDeps, RetryingSource } from './retry';
import { LabelValueSource } from './labelValues';
import { resilient } from './resilient';
import { ConcurrencyLimitedSource, Semaphore } from './semaphore';
import { CountSource, SourceError, warningsOf, withWarnings } from './types';

const MIN = 60_000;
const never = new AbortController().signal;

/** An inner source that records calls and answers bucket k (ending at k·step) with k, or as scripted. */
function scripted(answer?: (call: number, start: number, end: number, step: number) => Promise<Float64Array> | Float64Array) {
  const calls: Array<{ start: number; end: number; step: number; signal: AbortSignal }> = [];
  const source: CountSource = {
    name: 'fake',
    async rangeCounts(_expr, start, end, step, signal) {
      calls.push({ start, end, step, signal });
      if (answer) {
        return answer(calls.length, start, end, step);
      }
      const n = Math.floor((end - start) / step);
      return Float64Array.from({ length: n }, (_, k) => start / step + k + 1);
    },
    async health() {
      return { ok: true, message: 'ok' };
    },
  };
  return { source, calls };
}

const fakeClock = (startMs = 0) => {
  let now = startMs;
  const slept: number[] = [];
  const deps: RetryDeps = { now: () => now, sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    }, random: () => 1 };
  return { deps, slept, advance: (ms: number) => (now += ms) };
};

const http = (status: number, retryAfterMs?: number) => new SourceError('http', 'fake', `answered ${status}`, status, retryAfterMs);

describe('retry', () => {
  it.each<[string, SourceError[], number, number]>([
    ['a 503 then success is retried once', [http(503)], 2, 1],
    ['a 429 twice then success is retried twice', [http(429), http(429)], 3, 2],
    ['connection refused then success is retried', [new SourceError('unreachable', 'fake', 'refused')], 2, 1],
  ])('%s', async (_name, failures, expectedCalls, expectedRetries) => {
    const { source, calls } = scripted((call, s, e, st) => {
      if (call <= failures.length) {throw failures[call - 1];}
      return new Float64Array((e - s) / st).fill(7);
    });
    const clock = fakeClock();
    const retrying = new RetryingSource(source, DEFAULT_RETRY, clock.deps);
    await expect(retrying.rangeCounts('x', 0, 2 * MIN, MIN, never)).resolves.toEqual(new Float64Array([7, 7]));
    expect(calls).toHaveLength(expectedCalls);
    expect(retrying.retries).toBe(expectedRetries);
  });

  it.each<[string, SourceError]>([
    ['a query error (400)', new SourceError('query-error', 'fake', 'parse error', 400)],
    ['an authorization failure (401)', new SourceError('unauthorized', 'fake', 'check the credentials', 401)],
    ['a garbage answer', new SourceError('bad-response', 'fake', 'not JSON', 200)],
    ['a cancellation', new SourceError('cancelled', 'fake', 'cancelled')],
  ])('does not retry %s', async (_name, failure) => {
    const { source, calls } = scripted(() => {
      throw failure;
    });
    await expect(new RetryingSource(source, DEFAULT_RETRY, fakeClock().deps).rangeCounts('x', 0, MIN, MIN, never)).rejects.toBe(failure);
    expect(calls).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last error and the attempt count', async () => {
    const { source, calls } = scripted(() => {
      throw http(500);
    });
    const err = await new RetryingSource(source, DEFAULT_RETRY, fakeClock().deps).rangeCounts('x', 0, MIN, MIN, never).catch((e) => e);
    expect(calls).toHaveLength(3);
    expect(err.message).toBe('fake: answered 500 (after 3 attempts)');
    expect(err.status).toBe(500);
  });

  it('waits exponentially growing, jittered delays, and at least what Retry-After asks', async () => {
    const { source } = scripted((call) => {
      throw call === 1 ? http(503) : http(429, 1_500);
    });
    const clock = fakeClock();
    await new RetryingSource(source, { ...DEFAULT_RETRY, maxAttempts: 3 }, clock.deps).rangeCounts('x', 0, MIN, MIN, never).catch(() => undefined);
    expect(clock.slept).toEqual([200, 1_500]); // random() = 1: 200·2⁰, then max(400, Retry-After 1.5 s)
    expect(backoffMs(3, DEFAULT_RETRY, undefined, 0.5)).toBe(400);
    expect(backoffMs(10, DEFAULT_RETRY, undefined, 1)).toBe(5_000); // capped
  });

  it('never starts a wait that would end past the deadline', async () => {
    const { source, calls } = scripted(() => {
      throw http(429, 60_000);
    });
    const clock = fakeClock();
    const err = await new RetryingSource(source, { ...DEFAULT_RETRY, deadlineMs: 10_000 }, clock.deps).rangeCounts('x', 0, MIN, MIN, never).catch((e) => e);
    expect(calls).toHaveLength(1);
    expect(clock.slept).toEqual([]);
    expect(err.message).toBe("fake: answered 429 (after 1 attempt; the next one, in 60.0 s, would pass the query's deadline)");
  });

  it('stops waiting when the query is cancelled during a backoff', async () => {
    const { source, calls } = scripted(() => {
      throw http(503);
    });
    const controller = new AbortController();
    const retrying = new RetryingSource(source, { ...DEFAULT_RETRY, baseDelayMs: 10_000 });
    const pending = retrying.rangeCounts('x', 0, MIN, MIN, controller.signal).catch((e) => e);
    setTimeout(() => controller.abort(), 20);
    const err = await pending;
    expect(err).toBeInstanceOf(SourceError);
    expect(err.kind).toBe('cancelled');
    expect(calls).toHaveLength(1);
  });

  it.each<[string, string | null, number | undefined]>([
    ['delta seconds', '3', 3_000],
    ['an HTTP date 10 s ahead', new Date(10_000).toUTCString(), 10_000],
    ['nothing', null, undefined],
    ['garbage', 'soon', undefined],
  ])('reads Retry-After given as %s', (_name, header, expected) => {
    expect(parseRetryAfter(header, 0)).toBe(expected);
  });
});

describe('concurrency limit', () => {
  it('never has more than the limit in flight and serves the waiters in order', async () => {
    const gates: Array<() => void> = [];
    const { source } = scripted(() => new Promise((resolve) => gates.push(() => resolve(new Float64Array(1)))));
    const limited = new ConcurrencyLimitedSource(source, 3);
    const done: number[] = [];
    const all = Array.from({ length: 10 }, (_, i) => limited.rangeCounts(`q${i}`, 0, MIN, MIN, never).then(() => done.push(i)));
    await new Promise((r) => setImmediate(r));
    expect(limited.semaphore.inFlight).toBe(3);
    expect(limited.semaphore.queued).toBe(7);
    while (gates.length > 0) {
      gates.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(all);
    expect(limited.semaphore.peak).toBe(3);
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('lets a cancelled waiter leave the queue without taking a slot', async () => {
    let release!: () => void;
    const { source, calls } = scripted(() => new Promise((resolve) => (release = () => resolve(new Float64Array(1)))));
    const limited = new ConcurrencyLimitedSource(source, 1);
    const first = limited.rangeCounts('a', 0, MIN, MIN, never);
    const controller = new AbortController();
    const second = limited.rangeCounts('b', 0, MIN, MIN, controller.signal).catch((e) => e);
    controller.abort();
    expect((await second).kind).toBe('cancelled');
    release();
    await first;
    expect(calls).toHaveLength(1);
    expect(limited.semaphore.inFlight).toBe(0);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new Semaphore(0)).toThrow('semaphore limit must be a positive integer, got 0');
  });
});

describe('in-flight dedupe', () => {
  it('makes identical concurrent fetches once and gives each caller its own copy', async () => {
    const { source, calls } = scripted();
    const dedupe = new InflightDedupSource(source);
    const answers = await Promise.all(Array.from({ length: 20 }, () => dedupe.rangeCounts('x', 0, 3 * MIN, MIN, never)));
    expect(calls).toHaveLength(1);
    expect(dedupe.joined).toBe(19);
    answers[0][0] = -1;
    expect(Array.from(answers[1])).toEqual([1, 2, 3]);
  });

  it('keeps different ranges apart', async () => {
    const { source, calls } = scripted();
    const dedupe = new InflightDedupSource(source);
    await Promise.all([dedupe.rangeCounts('x', 0, 3 * MIN, MIN, never), dedupe.rangeCounts('x', MIN, 3 * MIN, MIN, never), dedupe.rangeCounts('y', 0, 3 * MIN, MIN, never)]);
    expect(calls).toHaveLength(3);
  });

  it('one caller cancelling does not fail the others; all cancelling aborts the shared request', async () => {
    let finish!: () => void;
    const { source, calls } = scripted(() => new Promise((resolve) => (finish = () => resolve(new Float64Array([5])))));
    const dedupe = new InflightDedupSource(source);
    const a = new AbortController();
    const b = new AbortController();
    const first = dedupe.rangeCounts('x', 0, MIN, MIN, a.signal).catch((e) => e);
    const second = dedupe.rangeCounts('x', 0, MIN, MIN, b.signal);
    a.abort();
    expect((await first).kind).toBe('cancelled');
    expect(calls[0].signal.aborted).toBe(false);
    finish();
    expect(Array.from(await second)).toEqual([5]);

    const c = new AbortController();
    const third = dedupe.rangeCounts('x', 0, MIN, MIN, c.signal).catch((e) => e);
    c.abort();
    expect((await third).kind).toBe('cancelled');
    expect(calls[1].signal.aborted).toBe(true);
    expect(dedupe.inFlight).toBe(0);
  });
});

describe('immutable-bucket cache', () => {
  const now = 1_000 * MIN;
  const limits = { maxEntries: 100, maxBytes: 1 << 20, safetyLagMs: 5 * MIN };

  it('a warm refresh fetches only the buckets after the cached run, and answers the same counts', async () => {
    const { source, calls } = scripted();
    let clock = now;
    const cache = new CachingSource(source, new BucketStore(limits), () => clock);
    const cold = await cache.rangeCounts('x', 400 * MIN, now, MIN, never);
    expect(calls).toEqual([expect.objectContaining({ start: 400 * MIN, end: now })]);
    clock += 2 * MIN; // two minutes later the dashboard refreshes
    const warm = await cache.rangeCounts('x', 402 * MIN, now + 2 * MIN, MIN, never);
    // buckets up to now − 5 min were complete and cached: only the 7 after them are fetched
    expect(calls[1]).toEqual(expect.objectContaining({ start: (now - 5 * MIN), end: now + 2 * MIN }));
    expect(Array.from(warm)).toEqual(Array.from({ length: 600 }, (_, k) => 403 + k));
    expect(cold.length).toBe(600);
  });

  it('fetches a missing leading part as well as the trailing part', async () => {
    const { source, calls } = scripted();
    const cache = new CachingSource(source, new BucketStore(limits), () => now);
    await cache.rangeCounts('x', 500 * MIN, 900 * MIN, MIN, never);
    const wider = await cache.rangeCounts('x', 300 * MIN, 990 * MIN, MIN, never);
    expect(calls.slice(1).map((c) => [c.start / MIN, c.end / MIN])).toEqual([
      [300, 500],
      [900, 990],
    ]);
    expect(Array.from(wider)).toEqual(Array.from({ length: 690 }, (_, k) => 301 + k));
    await cache.rangeCounts('x', 350 * MIN, 950 * MIN, MIN, never);
    expect(calls).toHaveLength(3); // all of it complete and cached now
  });

  it('never caches an answer with warnings (a partial result), and passes the warnings on', async () => {
    const { source, calls } = scripted((_c, s, e, st) => withWarnings(new Float64Array((e - s) / st).fill(1), ['store down']));
    const cache = new CachingSource(source, new BucketStore(limits), () => now);
    const first = await cache.rangeCounts('x', 0, 100 * MIN, MIN, never);
    expect(warningsOf(first)).toEqual(['store down']);
    await cache.rangeCounts('x', 0, 100 * MIN, MIN, never);
    expect(calls).toHaveLength(2);
  });

  it('keeps within its entry and byte limits, evicting the least recently used', async () => {
    const { source } = scripted();
    const store = new BucketStore({ maxEntries: 3, maxBytes: 8 * 250, safetyLagMs: 0 });
    const cache = new CachingSource(source, store, () => now);
    for (const expr of ['a', 'b', 'c', 'd']) {
      await cache.rangeCounts(expr, 0, 50 * MIN, MIN, never);
      expect(store.entries).toBeLessThanOrEqual(3);
    }
    expect(store.entries).toBe(3);
    await cache.rangeCounts('big', 0, 300 * MIN, MIN, never); // 2,400 bytes alone: over the limit, not kept
    expect(store.bytes).toBeLessThanOrEqual(8 * 250);
    for (const expr of ['x1', 'x2', 'x3', 'x4', 'x5']) {
      await cache.rangeCounts(expr, 0, 100 * MIN, MIN, never);
      expect(store.bytes).toBeLessThanOrEqual(8 * 250);
    }
  });

  it('passes unaligned ranges straight through', async () => {
    const { source, calls } = scripted();
    const cache = new CachingSource(source, new BucketStore(limits), () => now);
    await cache.rangeCounts('x', 30_000, 30_000 + 10 * MIN, MIN, never);
    await cache.rangeCounts('x', 30_000, 30_000 + 10 * MIN, MIN, never);
    expect(calls).toHaveLength(2);
  });
});

describe('the resilient chain and endpoint discovery', () => {
  it('passes discovery through, holding one of the connection slots while it runs', async () => {
    let release: () => void = () => undefined;
    let discoveries = 0;
    const inner = {
      name: 'p',
      rangeCounts: () => new Promise<Float64Array>((resolve) => (release = () => resolve(new Float64Array(1)))),
      health: async () => ({ ok: true, message: 'ok' }),
      labelValues: async () => (discoveries++, ['/a']),
    };
    const source = resilient(inner, { maxConcurrency: 1, deadlineMs: 5_000, store: new BucketStore(DEFAULT_CACHE_LIMITS) }) as ReturnType<typeof resilient> & LabelValueSource;
    const fetching = source.rangeCounts('x[$__window]', 0, 60_000, 60_000, new AbortController().signal);
    const discovering = source.labelValues('up', 'route', 0, new AbortController().signal);
    await new Promise((r) => setTimeout(r, 20));
    expect(discoveries).toBe(0); // the only slot is taken by the fetch
    release();
    await fetching;
    expect(await discovering).toEqual(['/a']);
    expect(discoveries).toBe(1);
  });
});
