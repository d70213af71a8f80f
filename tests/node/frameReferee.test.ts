/**
 * Grafana's own decoder as the referee for our frames (issue 15). The real
 * backend answers QueryData for every query type and its other shapes on the
 * demo source, plus responses naming no SLO and a source outage
 * (tests/referee/frameDump.ts); every frame is then
 *
 * 1. checked against the rules of grafana-plugin-sdk-go `data/arrow.go`
 *    (`UnmarshalArrowFrame`), read with apache-arrow — always;
 * 2. decoded by a program linking the SDK's real `data` package, named by
 *    SLOLEDGER_FRAME_REFEREE (an executable that takes a folder of `*.arrow`
 *    files and prints, as JSON, what `data.UnmarshalArrowFrame` made of each;
 *    it is built outside this repository). What the SDK reads must be what we
 *    meant: same names, types, nullability, values, labels, config and meta.
 *    Skipped with a printed reason when the variable is not set.
 * 3. read, response by response, by grafana/dataplane's sdata readers (what
 *    server-side expressions and alerting use for typed frames), named by
 *    SLOLEDGER_DATAPLANE_REFEREE (an executable taking the same folder).
 *    Skipped with a printed reason when the variable is not set.
 *
 * SLOLEDGER_FRAME_DUMP_DIR keeps the frames in a folder of your choice.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Type, tableFromIPC } from 'apache-arrow';
import {
  ADHERENCE_COLUMNS,
  CATALOG_COLUMNS,
  DEPLETION_COLUMNS,
  EXHAUSTION_COLUMNS,
  POLICY_COLUMNS,
  QUERY_TYPES,
  SLO_LABEL_KEYS,
} from '../../src/core/contracts/frameContract';
import { decodeFrame, hasArrowFileMagic } from '../../src/backend/protocol/arrowDecode';
import { Field, FieldType } from '../../src/backend/protocol/frame';
import { DumpedFrame, DumpedResponse, dumpFrames } from '../referee/frameDump';

jest.setTimeout(240_000);

/** What the SDK's `Field.Type().String()` says for each of our field types (data/field_type.go). */
const SDK_TYPES: Record<FieldType, [string, string]> = {
  time: ['[]time.Time', '[]*time.Time'],
  number: ['[]float64', '[]*float64'],
  string: ['[]string', '[]*string'],
  boolean: ['[]bool', '[]*bool'],
};

/** Arrow types `data/arrow.go` `initializeFrameField` accepts (anything else: "unsupported conversion"). */
const ACCEPTED_ARROW = new Set([Type.Utf8, Type.Int, Type.Float, Type.Bool, Type.Timestamp, Type.Binary]);

/** The table query types' columns from the frame contract (leading columns; SLA/customer columns may follow). */
const TABLE_COLUMNS: Record<string, readonly string[]> = {
  adherence: ADHERENCE_COLUMNS,
  catalog: CATALOG_COLUMNS,
  depletion: DEPLETION_COLUMNS,
  exhaustion: EXHAUSTION_COLUMNS,
  policy: POLICY_COLUMNS,
};

interface RefereeField {
  name: string;
  type: string;
  nullable: boolean;
  len: number;
  labels: Record<string, string> | null;
  config: Record<string, unknown> | null;
  values: unknown[];
}

interface RefereeFrame {
  file: string;
  error?: string;
  name: string;
  refId: string;
  meta: Record<string, unknown> | null;
  fields: RefereeField[];
  sdkJSONError?: string;
  arrowRoundTripError?: string;
}

let dir: string;
let dumped: DumpedFrame[];
let responses: DumpedResponse[];

beforeAll(async () => {
  dir = process.env.SLOLEDGER_FRAME_DUMP_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-frames-'));
  fs.mkdirSync(dir, { recursive: true });
  for (const old of fs.readdirSync(dir).filter((f) => f.endsWith('.arrow'))) {
    fs.rmSync(path.join(dir, old));
  }
  ({ frames: dumped, responses } = await dumpFrames(dir));
});

afterAll(() => {
  if (!process.env.SLOLEDGER_FRAME_DUMP_DIR && dir) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function bytesOf(file: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(dir, file)));
}

describe('frames of every query type from the real executable', () => {
  it('covers every query type, each with at least one frame', () => {
    const labels = new Set(dumped.map((d) => d.label));
    expect([...QUERY_TYPES, 'annotations'].filter((t) => !labels.has(t))).toEqual([]);
    // a failing SLO or an empty selection never fails the query (frameContract)
    expect(responses.filter((r) => r.error !== '' || r.status !== 0)).toEqual([]);
  });

  it('follow the rules of SDK data/arrow.go: file format, metadata, accepted types, ns timestamps', () => {
    for (const d of dumped) {
      const bytes = bytesOf(d.file);
      expect({ file: d.file, magic: hasArrowFileMagic(bytes) }).toEqual({ file: d.file, magic: true });
      const table = tableFromIPC(bytes);
      const meta = Object.fromEntries(table.schema.metadata);
      // schema metadata: name, refId and meta (JSON FrameMeta) only
      expect(Object.keys(meta).filter((k) => !['name', 'refId', 'meta'].includes(k))).toEqual([]);
      expect(meta.refId).toBe(d.refId);
      const frameMeta = JSON.parse(meta.meta);
      expect(Array.isArray(frameMeta.typeVersion) && frameMeta.typeVersion.length === 2).toBe(true);
      for (const notice of frameMeta.notices ?? []) {
        expect(['info', 'warning', 'error']).toContain(notice.severity);
      }
      for (const f of table.schema.fields) {
        const where = `${d.file} field ${f.name}`;
        expect({ where, accepted: ACCEPTED_ARROW.has(f.typeId) }).toEqual({ where, accepted: true });
        if (f.typeId === Type.Timestamp) {
          expect({ where, type: String(f.type) }).toEqual({ where, type: 'Timestamp<NANOSECOND>' });
        }
        const keys = [...f.metadata.keys()];
        expect({ where, keys: keys.filter((k) => !['labels', 'config', 'tstype'].includes(k)) }).toEqual({
          where,
          keys: [],
        });
        const labels = f.metadata.get('labels');
        if (labels !== undefined) {
          expect(Object.values(JSON.parse(labels)).every((v) => typeof v === 'string')).toBe(true);
        }
        const config = f.metadata.get('config');
        if (config !== undefined) {
          // the SDK's FieldConfig.decimals is a *uint16: anything else fails the whole frame
          const decimals = JSON.parse(config).decimals;
          expect({
            where,
            decimals: decimals === undefined || (Number.isInteger(decimals) && decimals >= 0 && decimals < 65536),
          }).toEqual({ where, decimals: true });
        }
      }
    }
  });

  it('carry the contract columns of the table query types', () => {
    const columns = (label: string) => TABLE_COLUMNS[label.split('-')[0]];
    for (const d of dumped.filter((x) => columns(x.label))) {
      const names = decodeFrame(bytesOf(d.file)).frame.fields.map((f) => f.name);
      expect({ file: d.file, names: names.slice(0, columns(d.label).length) }).toEqual({
        file: d.file,
        names: [...columns(d.label)],
      });
    }
  });
});

/** The series query types and the name of their value field (frameContract: `time` + one value field). */
const SERIES_VALUE: Record<string, string> = { sli: 'sli', budget: 'remaining', burnrate: 'burnrate' };
/** `budget-outage` → `budget`. */
const seriesType = (label: string) => SERIES_VALUE[label.split('-')[0]] && label.split('-')[0];

describe('series frames, healthy and failing', () => {
  it('each response that names no SLO answers no frames and no error (the data plane\'s "No Data")', () => {
    for (const r of responses.filter((x) => x.label.endsWith('-nomatch'))) {
      expect(r).toMatchObject({ frames: 0, error: '' });
    }
  });

  it('a source outage is reported per SLO: an error notice, and the others still answer', () => {
    for (const label of ['sli-outage', 'budget-outage', 'burnrate-outage']) {
      const frames = dumped.filter((d) => d.label === label).map((d) => decodeFrame(bytesOf(d.file)).frame);
      const failing = frames.filter((f) => (f.meta?.notices ?? []).some((n) => n.severity === 'error'));
      expect({ label, failing: failing.map((f) => f.name) }).toEqual({
        label,
        failing: [label.startsWith('burnrate') ? 'billing/invoices 1h' : 'billing/invoices'],
      });
      expect(frames.length).toBeGreaterThan(1);
    }
  });

  it("every series frame is the query type's metric with the SLO's identity labels, a failing SLO's frame too", () => {
    for (const d of dumped.filter((x) => seriesType(x.label))) {
      const frame = decodeFrame(bytesOf(d.file)).frame;
      const type = seriesType(d.label)!;
      const value = frame.fields[1];
      const keys = [...SLO_LABEL_KEYS, ...(type === 'burnrate' ? ['window'] : [])].sort();
      expect({
        file: d.file,
        fields: frame.fields.map((f) => f.name),
        labels: Object.keys(value?.labels ?? {})
          .filter((k) => k !== 'customer')
          .sort(),
      }).toEqual({
        file: d.file,
        fields: ['time', SERIES_VALUE[type]],
        labels: keys,
      });
    }
  });
});

const dataplane = process.env.SLOLEDGER_DATAPLANE_REFEREE;
if (!dataplane) {
  console.warn(
    'frameReferee: SLOLEDGER_DATAPLANE_REFEREE is not set (a program running grafana/dataplane sdata readers on the dumped responses); that reading was skipped'
  );
}

interface DataplaneResult {
  label: string;
  frames: number;
  type: string;
  canReadError?: string;
  error?: string;
  warning?: string;
  refs: number;
  metrics: Array<{ name: string; labels: Record<string, string> | null }>;
  remainder: string[];
}

(dataplane ? describe : describe.skip)(
  'responses as grafana/dataplane reads them (server-side expressions, alerting)',
  () => {
    let results: DataplaneResult[];

    beforeAll(() => {
      results = JSON.parse(execFileSync(dataplane!, [dir], { maxBuffer: 1 << 28, encoding: 'utf8' }));
      fs.writeFileSync(path.join(dir, 'dataplane.json'), JSON.stringify(results, null, 1));
    });

    it('reads every series response as timeseries-multi: one metric per frame, nothing left over, one metric name per response', () => {
      const series = results
        .filter((r) => seriesType(r.label) || r.label === 'adhoc')
        .filter((r) => !r.label.endsWith('-nomatch'));
      expect(series.length).toBeGreaterThan(0);
      for (const r of series) {
        expect({
          label: r.label,
          type: r.type,
          canRead: r.canReadError,
          error: r.error,
          warning: r.warning,
          refs: r.refs,
          remainder: r.remainder,
        }).toEqual({
          label: r.label,
          type: 'timeseries-multi',
          canRead: undefined,
          error: undefined,
          warning: undefined,
          refs: r.frames,
          remainder: [],
        });
        for (const m of r.metrics) {
          expect({ label: r.label, missing: SLO_LABEL_KEYS.filter((k) => !(k in (m.labels ?? {}))) }).toEqual({
            label: r.label,
            missing: [],
          });
        }
        if (r.label !== 'adhoc') {
          expect({ label: r.label, names: [...new Set(r.metrics.map((m) => m.name))] }).toEqual({
            label: r.label,
            names: [SERIES_VALUE[seriesType(r.label)!]],
          });
        }
      }
    });

    it('reads a response naming no SLO as No Data (no frame, no error), and tables as no data plane type', () => {
      for (const r of results.filter((x) => x.label.endsWith('-nomatch'))) {
        expect({ label: r.label, frames: r.frames, canRead: r.canReadError }).toEqual({
          label: r.label,
          frames: 0,
          canRead: 'untyped no data response',
        });
      }
      for (const r of results.filter(
        (x) => TABLE_COLUMNS[x.label] || ['episodes', 'annotations', 'endpoints'].includes(x.label)
      )) {
        expect({ label: r.label, canRead: r.canReadError }).toEqual({
          label: r.label,
          canRead: 'unsupported frame type table',
        });
      }
    });
  }
);

const referee = process.env.SLOLEDGER_FRAME_REFEREE;
if (!referee) {
  console.warn(
    'frameReferee: SLOLEDGER_FRAME_REFEREE is not set (a program linking grafana-plugin-sdk-go data.UnmarshalArrowFrame); the SDK decoding was skipped'
  );
}

(referee ? describe : describe.skip)('frames of every query type as grafana-plugin-sdk-go decodes them', () => {
  let decoded: Map<string, RefereeFrame>;

  beforeAll(() => {
    const out = execFileSync(referee!, [dir], { maxBuffer: 1 << 28, encoding: 'utf8' });
    fs.writeFileSync(path.join(dir, 'referee.json'), out);
    decoded = new Map((JSON.parse(out) as RefereeFrame[]).map((f) => [f.file, f]));
  });

  it('decodes every frame without an error, and re-encodes it as JSON and Arrow', () => {
    const failures = dumped
      .map((d) => decoded.get(d.file))
      .filter((f) => !f || f.error || f.sdkJSONError || f.arrowRoundTripError);
    expect(failures).toEqual([]);
    expect(decoded.size).toBe(dumped.length);
  });

  it('reads the names, types, nullability, values, labels, config and meta we meant', () => {
    let fieldsChecked = 0;
    for (const d of dumped) {
      const ours = decodeFrame(bytesOf(d.file));
      const sdk = decoded.get(d.file)!;
      expect({ file: d.file, name: sdk.name, refId: sdk.refId }).toEqual({
        file: d.file,
        name: ours.frame.name,
        refId: d.refId,
      });
      // the SDK re-marshals FrameMeta: keys it does not know are dropped, an info severity is its zero value
      expect({ file: d.file, meta: sdk.meta }).toEqual({ file: d.file, meta: sdkMeta(ours.frame.meta) });
      expect(sdk.fields.map((f) => f.name)).toEqual(ours.frame.fields.map((f) => f.name));
      ours.frame.fields.forEach((field, i) => {
        const got = sdk.fields[i];
        const where = `${d.file} field ${field.name}`;
        const nullable = ours.schema.fields[i].nullable;
        expect({ where, type: got.type, nullable: got.nullable }).toEqual({
          where,
          type: SDK_TYPES[field.type][nullable ? 1 : 0],
          nullable,
        });
        expect({ where, labels: got.labels ?? undefined }).toEqual({ where, labels: field.labels });
        expect({ where, config: got.config ?? undefined }).toEqual({ where, config: field.config });
        expect({ where, values: got.values }).toEqual({
          where,
          values: expectedValues(field, ours.timestampsNs[field.name]),
        });
        fieldsChecked++;
      });
    }
    console.log(`frameReferee: ${dumped.length} frames, ${fieldsChecked} fields decoded by the SDK and compared`);
  });
});

/** Our meta as the SDK's FrameMeta marshals it back (data/frame_meta.go: omitempty keys, severity info = 0 omitted). */
function sdkMeta(meta: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!meta) {
    return null;
  }
  const out: Record<string, unknown> = { ...meta };
  if (Array.isArray(meta.notices)) {
    out.notices = meta.notices.map((n: Record<string, unknown>) => {
      const { severity, ...rest } = n;
      return severity === 'info' ? rest : n;
    });
  }
  return out;
}

/** Values as the referee prints them: time as exact ns, NaN/Inf as text, null as null. */
function expectedValues(field: Field, ns: Array<bigint | null> | undefined): unknown[] {
  if (field.type === 'time') {
    return (ns ?? []).map((v) => (v === null ? null : { ns: String(v) }));
  }
  return Array.from(field.values as ArrayLike<unknown>, (v) => v);
}
