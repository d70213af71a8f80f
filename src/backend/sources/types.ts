/**
 * One interface for every place events come from (DESIGN.md "backend sources").
 * A source answers count expressions (with `$__window` already replaced) as
 * one series summed over all returned series: sum counts, never average ratios.
 */
export interface CountSource {
  readonly name: string;
  /**
   * Counts at t = startMs + k·stepMs (k = 1..n), each the count in (t − step, t].
   * Missing points are NaN.
   */
  rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal): Promise<Float64Array>;
  /** Reachability, in words a user can act on. */
  health(signal: AbortSignal): Promise<{ ok: boolean; message: string }>;
}

export type SourceErrorKind = 'unreachable' | 'timeout' | 'http' | 'unauthorized' | 'bad-response' | 'query-error' | 'cancelled';

/** A failure talking to a source; its message never carries secrets. */
export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    readonly source: string,
    message: string,
    readonly status?: number
  ) {
    super(`${source}: ${message}`);
    this.name = 'SourceError';
  }
}
