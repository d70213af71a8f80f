/**
 * Decodes Arrow IPC file bytes back into a Frame plus a plain description of
 * the Arrow schema. Used by tests (golden schemas, round trips) and the test
 * harness; the plugin itself only encodes.
 */
import { Table, Type, tableFromIPC } from 'apache-arrow';
import { Field, FieldType, FieldValue, Frame } from './frame';

export interface ArrowFieldDescription {
  name: string;
  /** apache-arrow's type text, e.g. `Timestamp<NANOSECOND>`, `Float64`, `Utf8`, `Bool`. */
  type: string;
  nullable: boolean;
  metadata: Record<string, string>;
}

export interface ArrowSchemaDescription {
  metadata: Record<string, string>;
  fields: ArrowFieldDescription[];
}

export interface DecodedFrame {
  frame: Frame;
  schema: ArrowSchemaDescription;
  /** Raw epoch-ns values of each time field, by field name (exactness checks). */
  timestampsNs: Record<string, Array<bigint | null>>;
}

const MAGIC = 'ARROW1';

/** True when the bytes start and end with the Arrow file magic `ARROW1`. */
export function hasArrowFileMagic(bytes: Uint8Array): boolean {
  const text = (from: number) => Buffer.from(bytes.subarray(from, from + MAGIC.length)).toString('latin1');
  return bytes.length >= 2 * MAGIC.length && text(0) === MAGIC && text(bytes.length - MAGIC.length) === MAGIC;
}

/** Decodes one Arrow file written by `encodeFrame`. Throws on stream-format or foreign types. */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  if (!hasArrowFileMagic(bytes)) {
    throw new Error('not an Arrow IPC file (ARROW1 magic missing)');
  }
  const table = tableFromIPC(bytes);
  const schemaMeta = Object.fromEntries(table.schema.metadata);
  const schema: ArrowSchemaDescription = {
    metadata: schemaMeta,
    fields: table.schema.fields.map((f) => ({
      name: f.name,
      type: String(f.type),
      nullable: f.nullable,
      metadata: Object.fromEntries(f.metadata),
    })),
  };
  const timestampsNs: Record<string, Array<bigint | null>> = {};
  const fields: Field[] = table.schema.fields.map((f, i) => {
    const type = frameType(f.typeId, String(f.type));
    const raw = columnValues(table, i, type);
    if (type === 'time') {
      timestampsNs[f.name] = raw as Array<bigint | null>;
    }
    const values: FieldValue[] = type === 'time' ? (raw as Array<bigint | null>).map(nsToMs) : (raw as FieldValue[]);
    const field: Field = { name: f.name, type, values };
    const labels = f.metadata.get('labels');
    const config = f.metadata.get('config');
    if (labels !== undefined) {
      field.labels = JSON.parse(labels);
    }
    if (config !== undefined) {
      field.config = JSON.parse(config);
    }
    return field;
  });
  const frame: Frame = { name: schemaMeta.name ?? '', refId: schemaMeta.refId, fields };
  if (schemaMeta.meta !== undefined) {
    frame.meta = JSON.parse(schemaMeta.meta);
  }
  return { frame, schema, timestampsNs };
}

function frameType(typeId: Type, text: string): FieldType {
  switch (typeId) {
    case Type.Timestamp:
      return 'time';
    case Type.Float:
    case Type.Int:
      return 'number';
    case Type.Utf8:
      return 'string';
    case Type.Bool:
      return 'boolean';
    default:
      throw new Error(`unexpected Arrow type ${text}`);
  }
}

/** Reads a column from the underlying buffers so int64 timestamps stay exact bigints. */
function columnValues(table: Table, index: number, type: FieldType): Array<FieldValue | bigint> {
  const out: Array<FieldValue | bigint> = [];
  const vector = table.getChildAt(index);
  if (!vector) {
    return out;
  }
  for (const data of vector.data) {
    for (let i = 0; i < data.length; i++) {
      if (!data.getValid(i)) {
        out.push(null);
      } else if (type === 'time') {
        out.push((data.values as BigInt64Array)[data.offset + i]);
      } else {
        const v = vector.get(out.length);
        out.push(typeof v === 'bigint' ? Number(v) : (v as FieldValue));
      }
    }
  }
  return out;
}

function nsToMs(ns: bigint | null): number | null {
  return ns === null ? null : Number(ns / BigInt(1_000_000));
}
