/**
 * Golden tests of the Arrow encoding: the schema Grafana's Go decoder sees
 * (names, types, nullability, metadata), the file magic, exact ns timestamps.
 */
import { decodeFrame, hasArrowFileMagic } from './arrowDecode';
import { encodeFrame } from './arrow';
import { Frame, FrameShapeError, tableFrame, timeSeriesFrame } from './frame';

// A realistic epoch where float ms→ns conversion is inexact (PLATFORM.md §4).
const NS = BigInt(1_000_000);
const T0 = Date.UTC(2026, 10, 22, 12, 30, 0, 123);

function makeSeries(overrides: Partial<Parameters<typeof timeSeriesFrame>[0]> = {}): Frame {
  return timeSeriesFrame({
    name: 'checkout-availability',
    times: [T0, T0 + 60_000, T0 + 120_000],
    values: [0.999, null, NaN],
    labels: { slo: 'checkout-availability', team: 'payments' },
    config: { unit: 'percentunit', min: 0, max: 1 },
    ...overrides,
  });
}

describe('encodeFrame', () => {
  it('writes an Arrow IPC file: ARROW1 magic at the head and the tail', () => {
    const bytes = encodeFrame(makeSeries(), 'A');
    expect(Buffer.from(bytes.subarray(0, 6)).toString('latin1')).toBe('ARROW1');
    expect(Buffer.from(bytes.subarray(bytes.length - 6)).toString('latin1')).toBe('ARROW1');
    expect(hasArrowFileMagic(bytes)).toBe(true);
  });

  it('pins the schema of a time series frame (golden)', () => {
    const { schema } = decodeFrame(encodeFrame(makeSeries(), 'A'));
    expect(schema).toEqual({
      metadata: {
        name: 'checkout-availability',
        refId: 'A',
        meta: '{"type":"timeseries-multi","typeVersion":[0,1]}',
      },
      fields: [
        { name: 'time', type: 'Timestamp<NANOSECOND>', nullable: false, metadata: { tstype: 'time' } },
        {
          name: 'value',
          type: 'Float64',
          nullable: true,
          metadata: {
            tstype: 'number',
            labels: '{"slo":"checkout-availability","team":"payments"}',
            config: '{"unit":"percentunit","min":0,"max":1}',
          },
        },
      ],
    });
  });

  it('pins the schema of a table frame with every field type (golden)', () => {
    const frame = tableFrame(
      'catalog',
      [
        { name: 'slo', type: 'string', values: ['a', 'b'] },
        { name: 'note', type: 'string', values: ['x', null] },
        { name: 'remaining', type: 'number', values: [0.5, -0.25], config: { unit: 'percentunit' } },
        { name: 'isDefault', type: 'boolean', values: [true, false] },
        { name: 'periodStart', type: 'time', values: [T0, null] },
      ],
      { refId: 'B' }
    );
    const { schema } = decodeFrame(encodeFrame(frame));
    expect(schema.metadata).toEqual({ name: 'catalog', refId: 'B', meta: '{"type":"table","typeVersion":[0,1]}' });
    expect(schema.fields.map((f) => [f.name, f.type, f.nullable])).toEqual([
      ['slo', 'Utf8', false],
      ['note', 'Utf8', true],
      ['remaining', 'Float64', true],
      ['isDefault', 'Bool', false],
      ['periodStart', 'Timestamp<NANOSECOND>', true],
    ]);
  });

  it('never writes a Dictionary type for strings', () => {
    const frame = tableFrame('t', [{ name: 's', type: 'string', values: ['same', 'same', 'same'] }]);
    expect(decodeFrame(encodeFrame(frame)).schema.fields[0].type).toBe('Utf8');
  });

  it('writes timestamps as exact epoch nanoseconds', () => {
    const { timestampsNs, frame } = decodeFrame(encodeFrame(makeSeries()));
    expect(timestampsNs.time).toEqual([BigInt(T0) * NS, BigInt(T0 + 60_000) * NS, BigInt(T0 + 120_000) * NS]);
    expect(frame.fields[0].values).toEqual([T0, T0 + 60_000, T0 + 120_000]);
  });

  it('round-trips values, nulls, labels, config and meta', () => {
    const input = tableFrame(
      'rows',
      [
        { name: 'n', type: 'number', values: new Float64Array([1.5, NaN, -2]) },
        { name: 's', type: 'string', values: ['α', '', null] },
        { name: 'b', type: 'boolean', values: [true, null, false] },
      ],
      { meta: { notices: [{ severity: 'warning', text: 'few events' }], custom: { kind: 'x' } } }
    );
    const { frame } = decodeFrame(encodeFrame(input, 'Q'));
    expect(frame).toEqual({
      name: 'rows',
      refId: 'Q',
      meta: { type: 'table', typeVersion: [0, 1], notices: [{ severity: 'warning', text: 'few events' }], custom: { kind: 'x' } },
      fields: [
        { name: 'n', type: 'number', values: [1.5, null, -2] },
        { name: 's', type: 'string', values: ['α', '', null] },
        { name: 'b', type: 'boolean', values: [true, null, false] },
      ],
    });
  });

  it('keeps the frame refId over the response key', () => {
    expect(decodeFrame(encodeFrame(makeSeries({ refId: 'own' }), 'A')).frame.refId).toBe('own');
  });

  it('encodes a frame with zero rows', () => {
    const bytes = encodeFrame(makeSeries({ times: [], values: [] }), 'A');
    const { frame, schema } = decodeFrame(bytes);
    expect(frame.fields.map((f) => f.values)).toEqual([[], []]);
    expect(schema.fields).toHaveLength(2);
  });

  it('encodes a frame with no fields', () => {
    expect(decodeFrame(encodeFrame({ name: 'empty', fields: [] })).frame.fields).toEqual([]);
  });

  it.each([
    ['fields of different lengths', { name: 'f', fields: [{ name: 'a', type: 'number', values: [1] }, { name: 'b', type: 'number', values: [] }] }],
    ['a string in a number field', { name: 'f', fields: [{ name: 'a', type: 'number', values: ['1'] }] }],
    ['a number in a string field', { name: 'f', fields: [{ name: 'a', type: 'string', values: [1] }] }],
    ['a non-finite time', { name: 'f', fields: [{ name: 't', type: 'time', values: [Infinity] }] }],
    ['a null in a time field declared non-nullable', { name: 'f', fields: [{ name: 't', type: 'time', values: [null], nullable: false }] }],
  ] as Array<[string, Frame]>)('rejects %s with a FrameShapeError', (_name, frame) => {
    expect(() => encodeFrame(frame)).toThrow(FrameShapeError);
  });

  it('does not mutate its input', () => {
    const frame = Object.freeze(makeSeries());
    const copy = JSON.stringify(frame);
    encodeFrame(frame);
    expect(JSON.stringify(frame)).toBe(copy);
  });

  it('encodes 100k rows quickly', () => {
    const n = 100_000;
    const times = Array.from({ length: n }, (_, i) => T0 + i * 1000);
    const values = Float64Array.from({ length: n }, (_, i) => i / n);
    const started = performance.now();
    const bytes = encodeFrame(timeSeriesFrame({ name: 'big', times, values }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(decodeFrame(bytes).frame.fields[1].values).toHaveLength(n);
  });
});
