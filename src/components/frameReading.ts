/**
 * Reading data frames of the documented shapes (src/core/contracts/frameContract.ts)
 * in panels: fields by name, tolerant of missing columns (older frames) so a
 * panel shows empty cells instead of failing.
 */
import type { DataFrame, Field } from '@grafana/data';

export function fieldByName(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

/** The values of a column as an array, or `length` nulls when the column is missing. */
export function column<T = unknown>(frame: DataFrame, name: string): Array<T | null> {
  const f = fieldByName(frame, name);
  if (!f) {
    return new Array(frame.length ?? 0).fill(null);
  }
  return Array.from(f.values as ArrayLike<T | null>);
}

export const asNumber = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const asString = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
