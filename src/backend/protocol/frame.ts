/**
 * A small data frame model: what handlers return and what `arrow.ts` encodes.
 * It mirrors the parts of Grafana's `data.Frame` this plugin needs and keeps
 * apache-arrow out of handler code.
 *
 * Time values are epoch milliseconds (encoded exactly as nanoseconds).
 */

export type FieldType = 'time' | 'number' | 'string' | 'boolean';

export type FieldValue = number | string | boolean | null;

/** Values of one field: a plain array, or a typed array for large numeric columns. */
export type FieldValues = readonly FieldValue[] | Float64Array | Float32Array | Int32Array | Uint32Array;

/** Grafana FieldConfig (subset; extra keys pass through as JSON). */
export interface FieldConfig {
  displayName?: string;
  displayNameFromDS?: string;
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  interval?: number;
  noValue?: string;
  links?: Array<{ title: string; url: string; targetBlank?: boolean }>;
  custom?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Field {
  name: string;
  type: FieldType;
  values: FieldValues;
  labels?: Record<string, string>;
  config?: FieldConfig;
  /**
   * Force the Arrow nullability flag. Default: number fields are always
   * nullable (missing/NaN → null); others are nullable only when a value is null.
   */
  nullable?: boolean;
}

/** Grafana's FrameType names (SDK data/frame_type.go). */
export type FrameType =
  | 'timeseries-multi'
  | 'timeseries-wide'
  | 'timeseries-long'
  | 'numeric-multi'
  | 'numeric-wide'
  | 'numeric-long'
  | 'table'
  | 'log-lines';

export interface Notice {
  severity: 'info' | 'warning' | 'error';
  text: string;
}

/** Grafana FrameMeta (subset; extra keys pass through as JSON). */
export interface FrameMeta {
  type?: FrameType;
  typeVersion?: [number, number];
  executedQueryString?: string;
  notices?: Notice[];
  custom?: unknown;
  preferredVisualisationType?: string;
  [key: string]: unknown;
}

export interface Frame {
  name: string;
  refId?: string;
  meta?: FrameMeta;
  fields: Field[];
}

/** Thrown when a frame cannot be encoded (fields of different lengths, wrong value types). */
export class FrameShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameShapeError';
  }
}

/** Number of rows; throws FrameShapeError when fields disagree. */
export function frameLength(frame: Frame): number {
  const first = frame.fields[0];
  const length = first ? first.values.length : 0;
  for (const field of frame.fields) {
    if (field.values.length !== length) {
      throw new FrameShapeError(
        `frame "${frame.name}": field "${field.name}" has ${field.values.length} values, field "${first?.name}" has ${length}`
      );
    }
  }
  return length;
}

export interface TimeSeriesInput {
  name: string;
  refId?: string;
  /** Epoch milliseconds, ascending. */
  times: readonly number[];
  /** One value per time; null or NaN = no data. */
  values: ReadonlyArray<number | null> | Float64Array;
  labels?: Record<string, string>;
  config?: FieldConfig;
  meta?: FrameMeta;
  timeName?: string;
  valueName?: string;
}

/**
 * One series as a `timeseries-multi` frame: a non-null time field and a
 * nullable number field carrying the labels (the shape Grafana's alerting
 * and timeseries panel read).
 *
 * @example timeSeriesFrame({ name: 'sli', times: [0, 60000], values: [1, null], labels: { slo: 'a' } })
 */
export function timeSeriesFrame(input: TimeSeriesInput): Frame {
  return {
    name: input.name,
    refId: input.refId,
    meta: { type: 'timeseries-multi', typeVersion: [0, 1], ...input.meta },
    fields: [
      { name: input.timeName ?? 'time', type: 'time', values: input.times },
      { name: input.valueName ?? 'value', type: 'number', values: input.values, labels: input.labels, config: input.config },
    ],
  };
}

export interface TableColumn {
  name: string;
  type: FieldType;
  values: FieldValues;
  config?: FieldConfig;
  labels?: Record<string, string>;
}

/** A table frame: columns in order, meta.type `table`. */
export function tableFrame(name: string, columns: TableColumn[], extra: { refId?: string; meta?: FrameMeta } = {}): Frame {
  return {
    name,
    refId: extra.refId,
    meta: { type: 'table', typeVersion: [0, 1], ...extra.meta },
    fields: columns.map((c) => ({ ...c })),
  };
}

/** Adds a notice to a frame's meta (returns a new frame). */
export function withNotice(frame: Frame, notice: Notice): Frame {
  const notices = [...(frame.meta?.notices ?? []), notice];
  return { ...frame, meta: { ...frame.meta, notices } };
}

/** A table frame as one object per row, keyed by field name (none for a missing or fieldless frame). */
export function frameRows(frame: Frame | undefined): Array<Record<string, unknown>> {
  if (!frame || frame.fields.length === 0) {
    return [];
  }
  const n = frame.fields[0].values.length;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]])));
}
