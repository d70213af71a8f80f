/**
 * Endpoint discovery (book 6.7; REQUIREMENTS 2.3: "enumerating endpoints per
 * service from label values or log fields"): a source that can answer an
 * instant query and list the values one label takes across the returned
 * series. Optional beside CountSource; the demo and HTTP sources have it.
 */
import { CountSource } from './types';

export interface LabelValueSource {
  /** Distinct values of `label` over the series `expr` returns at `atMs` (series without the label are skipped). */
  labelValues(expr: string, label: string, atMs: number, signal: AbortSignal): Promise<string[]>;
}

export function canListLabelValues(source: CountSource): source is CountSource & LabelValueSource {
  return typeof (source as Partial<LabelValueSource>).labelValues === 'function';
}

/** Distinct, sorted values of `label` in instant-query series (`metric` labels; Loki log streams carry `stream`). */
export function distinctLabelValues(series: ReadonlyArray<{ metric?: Record<string, string>; stream?: Record<string, string> }>, label: string): string[] {
  return [...new Set(series.map((s) => (s.metric ?? s.stream)?.[label]).filter((v): v is string => typeof v === 'string' && v !== ''))].sort();
}
