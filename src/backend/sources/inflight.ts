/**
 * Identical fetches in flight are made once: twenty dashboards refreshing the
 * same SLO at the same moment send one request per (expr, start, end, step).
 * Each caller keeps its own cancellation (./sharedInflight.ts).
 */
import { SharedInflight } from './sharedInflight';
import { CountSource, SourceError, warningsOf, withWarnings } from './types';

export class InflightDedupSource implements CountSource {
  readonly name: string;
  private readonly shared = new SharedInflight<Float64Array>();

  constructor(private readonly inner: CountSource) {
    this.name = inner.name;
  }

  /** Calls answered by joining a fetch already in flight (for tests and the bench). */
  get joined(): number {
    return this.shared.joined;
  }

  get inFlight(): number {
    return this.shared.size;
  }

  async rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal): Promise<Float64Array> {
    const key = JSON.stringify([expr, startMs, endMs, stepMs]);
    const counts = await this.shared.run(key, (s) => this.inner.rangeCounts(expr, startMs, endMs, stepMs, s), signal, () => new SourceError('cancelled', this.name, 'the query was cancelled'));
    // each caller gets its own copy: the arrays are handed to code that may write into them
    return withWarnings(counts.slice(), warningsOf(counts));
  }

  health(signal: AbortSignal): Promise<{ ok: boolean; message: string }> {
    return this.inner.health(signal);
  }
}
