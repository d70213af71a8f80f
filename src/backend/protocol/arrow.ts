/**
 * Encodes a Frame as Arrow IPC *file* bytes, the format Grafana's SDK decodes
 * (`data.UnmarshalArrowFrame`: `ARROW1` magic at both ends; stream format is
 * rejected). Every field is declared explicitly because apache-arrow's
 * inference picks types Grafana rejects or misreads (PLATFORM.md §4):
 * - strings  → Utf8 (inference gives Dictionary<Int32, Utf8>: rejected)
 * - time     → Timestamp(NANOSECOND) built from a BigInt64Array of ms × 1e6
 *              (Grafana reads every timestamp as ns; float conversion is off by up to ~128 ns)
 * - number   → Float64, nullable (null for missing and NaN)
 * - boolean  → Bool
 * Metadata as the Go writer sets it: schema `name`, `refId`, `meta` (JSON);
 * field `tstype`, `labels` (JSON), `config` (JSON).
 */
import {
  Bool,
  DataType,
  Field as ArrowField,
  Float64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampNanosecond,
  Utf8,
  makeBuilder,
  makeData,
  tableToIPC,
  type Data,
} from 'apache-arrow';
import { Field, FieldType, FieldValue, Frame, FrameShapeError, frameLength } from './frame';

const NS_PER_MS = BigInt(1_000_000);

/** Encodes one frame; `refId` fills the frame's refId when it has none (as the Go SDK does). */
export function encodeFrame(frame: Frame, refId?: string): Uint8Array {
  const length = frameLength(frame);
  const fields = frame.fields.map(arrowField);
  const schemaMeta = new Map<string, string>([
    ['name', frame.name],
    ['refId', frame.refId ?? refId ?? ''],
  ]);
  if (frame.meta) {
    schemaMeta.set('meta', JSON.stringify(frame.meta));
  }
  const schema = new Schema(fields, schemaMeta);
  const children = frame.fields.map((field, i) => fieldData(field, fields[i], length));
  // WHY one batch even for zero rows: the file then always carries a record
  // batch, as the Go writer's output does.
  const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children });
  const table = new Table([new RecordBatch(schema, struct)]);
  return tableToIPC(table, 'file');
}

function arrowType(type: FieldType): DataType {
  switch (type) {
    case 'time':
      return new TimestampNanosecond();
    case 'number':
      return new Float64();
    case 'string':
      return new Utf8();
    case 'boolean':
      return new Bool();
  }
}

function arrowField(field: Field): ArrowField {
  const metadata = new Map<string, string>([['tstype', field.type]]);
  if (field.labels) {
    metadata.set('labels', JSON.stringify(field.labels));
  }
  if (field.config) {
    metadata.set('config', JSON.stringify(field.config));
  }
  return new ArrowField(field.name, arrowType(field.type), isNullable(field), metadata);
}

function isNullable(field: Field): boolean {
  if (field.nullable !== undefined) {
    return field.nullable;
  }
  if (field.type === 'number') {
    return true;
  }
  for (let i = 0; i < field.values.length; i++) {
    if (field.values[i] === null || field.values[i] === undefined) {
      return true;
    }
  }
  return false;
}

function fieldData(field: Field, arrow: ArrowField, length: number): Data {
  switch (field.type) {
    case 'time':
      return timeData(field, arrow.nullable, length);
    case 'number':
      return numberData(field, length);
    case 'string':
    case 'boolean':
      return builtData(field, arrow, length);
  }
}

/** Exact ns: BigInt(ms) × 1e6, never through a float. */
function timeData(field: Field, nullable: boolean, length: number): Data {
  const values = new BigInt64Array(length);
  const validity = new Uint8Array(Math.ceil(length / 8));
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    const v = field.values[i];
    if (v === null || v === undefined) {
      nullCount++;
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new FrameShapeError(`time field "${field.name}" row ${i}: expected epoch milliseconds, got ${String(v)}`);
    }
    values[i] = BigInt(Math.round(v)) * NS_PER_MS;
    validity[i >> 3] |= 1 << (i & 7);
  }
  if (nullCount > 0 && !nullable) {
    throw new FrameShapeError(`time field "${field.name}" has ${nullCount} null values but is declared non-nullable`);
  }
  const nullBitmap = nullCount > 0 ? validity : undefined;
  return makeData({ type: new TimestampNanosecond(), length, nullCount, data: values, nullBitmap });
}

/** Float64 with a validity bitmap: null, undefined and NaN are missing values. */
function numberData(field: Field, length: number): Data {
  const values = new Float64Array(length);
  const validity = new Uint8Array(Math.ceil(length / 8));
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    const v = field.values[i] as FieldValue | undefined;
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      nullCount++;
      continue;
    }
    if (typeof v !== 'number') {
      throw new FrameShapeError(`number field "${field.name}" row ${i}: got ${typeof v}`);
    }
    values[i] = v;
    validity[i >> 3] |= 1 << (i & 7);
  }
  return makeData({ type: new Float64(), length, nullCount, data: values, nullBitmap: nullCount > 0 ? validity : undefined });
}

function builtData(field: Field, arrow: ArrowField, length: number): Data {
  const expected = field.type === 'string' ? 'string' : 'boolean';
  const builder = makeBuilder({ type: arrow.type, nullValues: [null, undefined] });
  for (let i = 0; i < length; i++) {
    const v = field.values[i];
    if (v !== null && v !== undefined && typeof v !== expected) {
      throw new FrameShapeError(`${field.type} field "${field.name}" row ${i}: got ${typeof v}`);
    }
    builder.append(v);
  }
  return builder.finish().flush();
}
