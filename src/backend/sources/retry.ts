/**
 * Retries transient failures (429, 5xx, connection refused/reset) with
 * exponential backoff and full jitter, honouring Retry-After, for a bounded
 * number of attempts and never past the call's deadline: a wait that would
 * end after the deadline is not started and the last error is returned.
 */
import { CountSource, SourceError } from './types';

export interface RetryPolicy {
  /** Attempts in total, the first included (1 = no retry). */
  maxAttempts: number;
  /** First backoff; attempt k waits a random time in [0, base·2^(k−1)], capped by maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Time from the first attempt after which no new attempt starts (the query's deadline). */
  deadlineMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5_000, deadlineMs: 30_000 };

/** True for failures that may pass by themselves. */
export function isTransient(error: unknown): error is SourceError {
  if (!(error instanceof SourceError)) {
    return false;
  }
  if (error.kind === 'unreachable') {
    return true;
  }
  return error.status !== undefined && (error.status === 429 || error.status >= 500);
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1), or undefined when none fits before the deadline.
 *
 * @example backoffMs(2, {…DEFAULT_RETRY}, undefined, 0.5) → 200 (half of 200·2¹)
 */
export function backoffMs(attempt: number, policy: RetryPolicy, retryAfterMs: number | undefined, random: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // WHY full jitter: refreshes of many dashboards fail together; spreading their retries avoids a synchronized storm
  const jittered = Math.round(exponential * random);
  return retryAfterMs !== undefined ? Math.max(jittered, retryAfterMs) : jittered;
}

export interface RetryDeps {
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
}

export const realRetryDeps: RetryDeps = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', stop);
        resolve();
      }, ms);
      const stop = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      signal.addEventListener('abort', stop, { once: true });
    }),
  random: Math.random,
};

export class RetryingSource implements CountSource {
  readonly name: string;
  /** Retries made (not counting first attempts), for tests and the bench. */
  retries = 0;

  constructor(
    private readonly inner: CountSource,
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
    private readonly deps: RetryDeps = realRetryDeps
  ) {
    this.name = inner.name;
  }

  rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal): Promise<Float64Array> {
    return this.withRetry(() => this.inner.rangeCounts(expr, startMs, endMs, stepMs, signal), signal);
  }

  health(signal: AbortSignal): Promise<{ ok: boolean; message: string }> {
    return this.inner.health(signal); // health shows the first answer as it is: the user is looking at it
  }

  /** Runs `attempt` under this policy (also the batching layer's merged queries, ./resilient.ts). */
  async withRetry<T>(attempt: () => Promise<T>, signal: AbortSignal): Promise<T> {
    const deadline = this.deps.now() + this.policy.deadlineMs;
    for (let k = 1; ; k++) {
      try {
        return await attempt();
      } catch (error) {
        if (!isTransient(error) || signal.aborted || k >= this.policy.maxAttempts) {
          throw k > 1 && error instanceof SourceError ? this.afterAttempts(error, k) : error;
        }
        const wait = backoffMs(k, this.policy, error.retryAfterMs, this.deps.random());
        if (this.deps.now() + wait >= deadline) {
          throw this.afterAttempts(error, k, `; the next one, in ${(wait / 1000).toFixed(1)} s, would pass the query's deadline`);
        }
        try {
          await this.deps.sleep(wait, signal);
        } catch {
          throw new SourceError('cancelled', this.name, 'the query was cancelled');
        }
        this.retries++;
      }
    }
  }

  private afterAttempts(error: SourceError, attempts: number, why = ''): SourceError {
    const message = error.message.startsWith(`${this.name}: `) ? error.message.slice(this.name.length + 2) : error.message;
    return new SourceError(error.kind, this.name, `${message} (after ${attempts} attempt${attempts === 1 ? '' : 's'}${why})`, error.status, error.retryAfterMs);
  }
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 10.2.3); undefined when absent or unreadable.
 *
 * @example parseRetryAfter('2', 0) → 2000
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim()) * 1000;
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
