/** A table frame as JSON rows (IndicatorResponse): one object per row, keyed by field name; NaN becomes null. */
import { Frame, frameLength } from '../../protocol/frame';

export type Row = Record<string, string | number | boolean | null>;

export function frameRows(frame: Frame): { columns: string[]; rows: Row[] } {
  const n = frameLength(frame);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const row: Row = {};
    for (const f of frame.fields) {
      const v = f.values[i] as string | number | boolean | null | undefined;
      row[f.name] = v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? null : v;
    }
    rows.push(row);
  }
  return { columns: frame.fields.map((f) => f.name), rows };
}

/** The notices a frame carries, as text. */
export function frameNotices(frame: Frame | undefined): string[] {
  return (frame?.meta?.notices ?? []).map((n) => n.text);
}
