/**
 * Backend frames as the frontend receives them from Grafana: each frame goes
 * through the Arrow IPC bytes the plugin sends over gRPC (encodeFrame), is
 * decoded back, and is written as Grafana's DataFrameJSON (schema + values),
 * the body of `/api/ds/query`. So the preview shows what a real Grafana shows.
 */
import { encodeFrame } from '../../src/backend/protocol/arrow';
import { decodeFrame } from '../../src/backend/protocol/arrowDecode';
import { Frame } from '../../src/backend/protocol/frame';

export interface DataFrameJson {
  schema: {
    name: string;
    refId?: string;
    meta?: unknown;
    fields: Array<{ name: string; type: string; labels?: Record<string, string>; config?: unknown }>;
  };
  data: { values: unknown[][] };
}

export function toDataFrameJson(frame: Frame, refId: string): DataFrameJson {
  const { frame: decoded } = decodeFrame(encodeFrame(frame, refId));
  return {
    schema: {
      name: decoded.name,
      refId: decoded.refId,
      meta: decoded.meta,
      fields: decoded.fields.map((f) => ({ name: f.name, type: f.type, labels: f.labels, config: f.config ?? {} })),
    },
    data: { values: decoded.fields.map((f) => Array.from(f.values as ArrayLike<unknown>)) },
  };
}
