import type { EqualityMatcher } from './countShape';

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
    readonly status?: number,
    /** From the server's Retry-After header (429/503), when it sent one. */
    readonly retryAfterMs?: number
  ) {
    super(`${source}: ${message}`);
    this.name = 'SourceError';
  }
}

// WHY a side table: counts stay a plain Float64Array for the pure core, while a
// partial answer (Prometheus `warnings`, Loki's) still reaches the frame notices.
const warningTable = new WeakMap<Float64Array, readonly string[]>();

/** Attaches a source's warnings to the counts it answered; returns the counts. */
export function withWarnings(counts: Float64Array, warnings: readonly string[]): Float64Array {
  if (warnings.length > 0) {
    warningTable.set(counts, [...(warningTable.get(counts) ?? []), ...warnings]);
  }
  return counts;
}

/** The warnings a source attached to these counts (a partial answer), if any. */
export function warningsOf(counts: Float64Array): readonly string[] {
  return warningTable.get(counts) ?? [];
}

/** A label matcher the split applies to the answered series itself (./countShape.ts reads it). */
export type SeriesFilter = EqualityMatcher;

/** Counts answered per value of one label, each value's series summed, with the answer's warnings. */
export interface LabelSplitCounts {
  byValue: Map<string, Float64Array>;
  warnings: string[];
  /** The most series one value had in one answer (1 for `sum by (label) (...)`); absent: 1. */
  seriesPerValue?: number;
  /** Per filter asked for, in its order: the same split of only the series it selects (undefined: not to be read). */
  filtered?: Array<{ byValue: Map<string, Float64Array>; seriesPerValue: number } | undefined>;
}

/** A source that can answer one query split by a label's values (Prometheus; ./batching.ts merges queries with it). */
export interface LabelSplitSource extends CountSource {
  splitsByLabel(): boolean;
  rangeCountsBy(expr: string, label: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal, filters?: readonly SeriesFilter[]): Promise<LabelSplitCounts>;
}

export function canSplitByLabel(source: CountSource): source is LabelSplitSource {
  const s = source as Partial<LabelSplitSource>;
  return typeof s.rangeCountsBy === 'function' && typeof s.splitsByLabel === 'function' && s.splitsByLabel();
}
