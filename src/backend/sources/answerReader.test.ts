/**
 * The answer reader (./answerReader.ts) against JSON.parse as the referee:
 * for any document it gives what JSON.parse gives (same numbers to the bit,
 * -0 and NaN included), `values` pair lists as columns holding Number() of
 * each part, and it refuses what JSON.parse refuses.
 */
import fc from 'fast-check';
import { PointColumns, readAnswer } from './answerReader';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** Walks both results together; a PointColumns must stand where JSON.parse has a list of pairs. */
function expectSame(got: unknown, want: unknown, path = '$'): void {
  if (got instanceof PointColumns) {
    expect({ path, isList: Array.isArray(want) }).toEqual({ path, isList: true });
    const pairs = want as unknown[][];
    expect({ path, length: got.length }).toEqual({ path, length: pairs.length });
    pairs.forEach((p, i) => {
      if (!Object.is(got.ts[i], Number(p[0])) || !Object.is(got.values[i], Number(p[1]))) {
        throw new Error(`${path}[${i}]: read ${got.ts[i]}, ${got.values[i]} where Number() gives ${Number(p[0])}, ${Number(p[1])} (${JSON.stringify(p)})`);
      }
    });
    return;
  }
  if (typeof want === 'number') {
    if (!Object.is(got, want)) {
      throw new Error(`${path}: read ${String(got)}, JSON.parse gives ${want}`);
    }
    return;
  }
  if (Array.isArray(want)) {
    expect({ path, isList: Array.isArray(got), length: (got as unknown[]).length }).toEqual({ path, isList: true, length: want.length });
    want.forEach((w, i) => expectSame((got as unknown[])[i], w, `${path}[${i}]`));
    return;
  }
  if (want !== null && typeof want === 'object') {
    expect({ path, keys: Object.keys(got as object) }).toEqual({ path, keys: Object.keys(want) });
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    for (const k of Object.keys(want)) {
      expectSame((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], `${path}.${k}`);
    }
    return;
  }
  expect({ path, value: got }).toEqual({ path, value: want });
}

const check = (text: string) => expectSame(readAnswer(bytes(text)), JSON.parse(text));

/** Value strings as engines write them, and strings Number() reads in its own ways. */
const valueString = fc.oneof(
  fc.double().map(String),
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.tuple(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.integer({ min: 0, max: 12 })).map(([x, digits]) => x.toFixed(digits)),
  fc.constantFrom('NaN', '+Inf', '-Inf', 'Infinity', '-0', '0', '0.1', '1e-7', '1.5e+06', '123456789012345678', '0.000000000000000123', '9007199254740993', '', ' 5', '5 ', '0x10', '.5', '5.', '007', '-', '1_0', '１', 'ünï', '\u00a05', '60000.00000000659', '60000.000000013206', '9007199254740991', '9007199254740992', '9007199254740993', '0.9007199254740993', '-900719925474099.3')
);
const timestamp = fc.oneof(
  fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }).map(String),
  fc.tuple(fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }), fc.integer({ min: 0, max: 999 })).map(([s, ms]) => `${s}.${String(ms).padStart(3, '0').replace(/0+$/, '') || '0'}`),
  fc.constantFrom('1.7e9', '0', '-1', '1791507600.5', '1e400')
);
const pairList = fc.array(fc.tuple(timestamp, valueString), { maxLength: 20 }).map((ps) => `[${ps.map(([t, v]) => `[${t},${JSON.stringify(v)}]`).join(',')}]`);
const labels = fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'code', '0', '10')), fc.oneof(fc.string(), fc.string({ unit: 'binary' })), { maxKeys: 5 });
const matrix = fc
  .array(fc.tuple(labels, pairList), { maxLength: 6 })
  .map((rs) => `{"status":"success","data":{"resultType":"matrix","result":[${rs.map(([m, v]) => `{"metric":${JSON.stringify(m)},"values":${v}}`).join(',')}]},"warnings":["a \\"quoted\\" warning"]}`);

describe('the answer reader', () => {
  it('reads any JSON document as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, '\t'), (v, indent) => check(JSON.stringify(v, null, indent))),
      { numRuns: 500 }
    );
  });

  it('reads matrix answers, their value strings as Number() does, to the bit', () => {
    fc.assert(fc.property(matrix, check), { numRuns: 500 });
    // and pretty-printed (whitespace inside the pairs): read as plain lists, still the same
    fc.assert(fc.property(matrix, (text) => check(JSON.stringify(JSON.parse(text), null, 1))), { numRuns: 100 });
  });

  it('turns a list of [number, "string"] pairs under "values" into columns, and nothing else', () => {
    const got = readAnswer(bytes('{"values":[[1791507600,"60000"],[1791511200.25,"0.1"],[1791514800,"NaN"]],"value":[1,"2"],"other":[[1,"2"]]}')) as Record<string, unknown>;
    expect(got.values).toBeInstanceOf(PointColumns);
    const cols = got.values as PointColumns;
    expect([...cols.ts]).toEqual([1791507600, 1791511200.25, 1791514800]);
    expect([...cols.values]).toEqual([60000, 0.1, NaN]);
    expect(got.value).toEqual([1, '2']);
    expect(got.other).toEqual([[1, '2']]);
    // Loki's streams (nanosecond strings), numbers as values, an empty list: plain lists
    for (const text of ['{"values":[["1700000000000000000","a log line"]]}', '{"values":[[1,2]]}', '{"values":[]}', '{"values":[[1,"2"],3]}']) {
      expect(readAnswer(bytes(text))).toEqual(JSON.parse(text));
    }
  });

  it('refuses what JSON.parse refuses, naming the byte', () => {
    const broken = ['', ' ', '{', '{"a":1,}', '[1,]', '{"a" 1}', '"abc', '01', '1.', '.5', '+1', '-', '1e', 'tru', 'nul', '{"a":1}x', '"a\u0001b"', '"\\x41"', '{"values":[[1,"2"],]}', '{"values":[[01,"2"]]}', '{"values":[[1,"2"]', '\ufeff{}', 'NaN', '[1 2]'];
    for (const text of broken) {
      expect(() => JSON.parse(text)).toThrow();
      expect(() => readAnswer(bytes(text))).toThrow(/at byte \d+|JSON/);
    }
  });

  it('keeps a member named __proto__ as data, as JSON.parse does', () => {
    const got = readAnswer(bytes('{"metric":{"__proto__":{"polluted":"yes"},"code":"200"}}')) as { metric: Record<string, unknown> };
    expect(Object.keys(got.metric)).toEqual(['__proto__', 'code']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(got.metric)).toBe(Object.prototype);
  });
});
