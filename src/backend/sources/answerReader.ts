/**
 * Reads a Prometheus/Loki HTTP API answer from its bytes, as JSON.parse would,
 * except that a `values` list of `[timestamp, "value"]` pairs becomes two
 * Float64Arrays (`PointColumns`) instead of an array of small arrays.
 *
 * WHY: a cold refresh's answers hold millions of points; parsed by JSON.parse
 * each is an array, a number and a string for the collector, and reading
 * them was a third of the backend's CPU in bench:backend's load case (issue
 * 16). Here a point costs two number reads and no allocation.
 *
 * Numbers read exactly as Number() reads them: a plain decimal whose digits
 * m are below 2^53 is m / 10^k (both exact doubles, one correctly rounded
 * division: the same double as a correctly rounded parse, Clinger's fast path); anything else (an exponent,
 * more digits, NaN, +Inf, a value that is not a string) is handed to Number()
 * or, for a list that is not exactly pairs, the list is read as plain JSON.
 * Whatever is not valid JSON throws a SyntaxError naming the byte offset.
 */

/** A series' points: `ts[i]` as the JSON number of the pair (seconds), `values[i]` as Number(value string). */
export class PointColumns {
  constructor(
    readonly ts: Float64Array,
    readonly values: Float64Array
  ) {}

  get length(): number {
    return this.ts.length;
  }
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];
/** 2^53: below it every integer is a double, and so is each partial m·10 + digit on the way to it. */
const EXACT_INTEGERS = 9007199254740992;
/** A number token as JSON writes it (RFC 8259), nothing more. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const [QUOTE, COMMA, COLON, OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT, BACKSLASH, MINUS, DOT] = [34, 44, 58, 91, 93, 123, 125, 92, 45, 46];

/** The answer as JSON.parse would give it, `values` pair lists as PointColumns. */
export function readAnswer(bytes: Uint8Array): unknown {
  return new AnswerReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).document();
}

class AnswerReader {
  private i = 0;
  /** Scratch columns for one pair list, grown as needed and copied out at its end. */
  private ts = new Float64Array(1024);
  private vs = new Float64Array(1024);

  /** The whole answer as latin1 text, made on first need (one copy, no decoding). */
  private text: string | undefined;

  constructor(private readonly b: Buffer) {}

  private latin1(): string {
    return (this.text ??= this.b.toString('latin1'));
  }

  document(): unknown {
    const v = this.value('');
    this.space();
    if (this.i !== this.b.length) {
      this.fail('unexpected data after the JSON value');
    }
    return v;
  }

  private fail(what: string): never {
    throw new SyntaxError(`${what} at byte ${this.i}`);
  }

  private space(): void {
    const b = this.b;
    while (this.i < b.length && (b[this.i] === 32 || b[this.i] === 10 || b[this.i] === 13 || b[this.i] === 9)) {
      this.i++;
    }
  }

  /** One JSON value; `key` is the member name it is the value of ('' elsewhere). */
  private value(key: string): unknown {
    this.space();
    const c = this.b[this.i];
    if (c === OPEN_OBJECT) {
      return this.object();
    }
    if (c === OPEN_ARRAY) {
      return (key === 'values' && this.pairs()) || this.array();
    }
    if (c === QUOTE) {
      return this.string();
    }
    if (c === MINUS || (c >= 48 && c <= 57)) {
      return this.number();
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.b.toString('latin1', this.i, this.i + word.length) === word) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail(this.i >= this.b.length ? 'unexpected end of the answer' : 'unexpected character');
  }

  private object(): Record<string, unknown> {
    this.i++; // {
    const out: Record<string, unknown> = {};
    this.space();
    if (this.b[this.i] === CLOSE_OBJECT) {
      this.i++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.b[this.i] !== QUOTE) {
        this.fail('expected a member name');
      }
      const name = this.string();
      this.space();
      if (this.b[this.i++] !== COLON) {
        this.fail('expected ":"');
      }
      const v = this.value(name);
      // WHY defineProperty: a member named __proto__ is data, as JSON.parse makes it, not the object's prototype
      Object.defineProperty(out, name, { value: v, writable: true, enumerable: true, configurable: true });
      this.space();
      const next = this.b[this.i++];
      if (next === CLOSE_OBJECT) {
        return out;
      }
      if (next !== COMMA) {
        this.fail('expected "," or "}"');
      }
    }
  }

  private array(): unknown[] {
    this.i++; // [
    const out: unknown[] = [];
    this.space();
    if (this.b[this.i] === CLOSE_ARRAY) {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(''));
      this.space();
      const next = this.b[this.i++];
      if (next === CLOSE_ARRAY) {
        return out;
      }
      if (next !== COMMA) {
        this.fail('expected "," or "]"');
      }
    }
  }

  private string(): string {
    const b = this.b;
    const start = ++this.i;
    let escaped = false;
    for (; this.i < b.length; this.i++) {
      const c = b[this.i];
      if (c === QUOTE) {
        const end = this.i++;
        // WHY JSON.parse for escapes and control characters: its rules (\u pairs, invalid escapes) exactly
        return escaped ? (JSON.parse(b.toString('utf8', start - 1, end + 1)) as string) : b.toString('utf8', start, end);
      }
      if (c === BACKSLASH) {
        escaped = true;
        this.i++;
      } else if (c < 32) {
        escaped = true; // a raw control character: JSON.parse refuses it, and so do we
      }
    }
    return this.fail('unterminated string');
  }

  /** A JSON number token, read as JSON.parse reads it. */
  private number(): number {
    const b = this.b;
    const start = this.i;
    while (this.i < b.length && isNumberByte(b[this.i])) {
      this.i++;
    }
    const token = b.toString('latin1', start, this.i);
    if (!JSON_NUMBER.test(token)) {
      this.i = start;
      this.fail('invalid number');
    }
    return Number(token);
  }

  /**
   * A `values` list read straight into columns when every element is exactly `[number,"string"]` with no
   * whitespace inside (as Prometheus, Mimir, Thanos, VictoriaMetrics and Loki write matrices); null, with the
   * position unchanged, for anything else, which is then read as a plain array.
   */
  private pairs(): PointColumns | null {
    const b = this.b;
    const start = this.i;
    let i = start + 1;
    let n = 0;
    if (b[i] === CLOSE_ARRAY) {
      return null; // an empty list stays an empty array
    }
    for (;;) {
      if (b[i] !== OPEN_ARRAY) {
        return this.notPairs(start);
      }
      const tsStart = i + 1;
      let j = tsStart;
      while (j < b.length && isNumberByte(b[j])) {
        j++;
      }
      if (j === tsStart || b[j] !== COMMA || b[j + 1] !== QUOTE) {
        return this.notPairs(start);
      }
      const ts = decimal(b, tsStart, j, true);
      if (ts === undefined) {
        return this.notPairs(start);
      }
      const vStart = j + 2;
      let k = vStart;
      let bits = 0;
      while (k < b.length && b[k] !== QUOTE && b[k] !== BACKSLASH && b[k] >= 32) {
        bits |= b[k++];
      }
      if (b[k] !== QUOTE || b[k + 1] !== CLOSE_ARRAY) {
        return this.notPairs(start);
      }
      if (n === this.ts.length) {
        this.grow();
      }
      this.ts[n] = ts;
      const v = decimal(b, vStart, k, false);
      // WHY a slice of the body's latin1 text: reading a long value (increase() answers 16–17 digits) from it
      // costs half of decoding each value's bytes; a value with a non-ASCII byte is decoded as UTF-8
      this.vs[n] = v !== undefined ? v : bits < 128 ? Number(this.latin1().slice(vStart, k)) : Number(b.toString('utf8', vStart, k));
      n++;
      i = k + 2;
      if (b[i] === COMMA) {
        i++;
      } else if (b[i] === CLOSE_ARRAY) {
        this.i = i + 1;
        return new PointColumns(this.ts.slice(0, n), this.vs.slice(0, n));
      } else {
        return this.notPairs(start);
      }
    }
  }

  private notPairs(start: number): null {
    this.i = start;
    return null;
  }

  private grow(): void {
    const ts = new Float64Array(this.ts.length * 2);
    const vs = new Float64Array(this.vs.length * 2);
    ts.set(this.ts);
    vs.set(this.vs);
    this.ts = ts;
    this.vs = vs;
  }
}

function isNumberByte(c: number): boolean {
  return (c >= 48 && c <= 57) || c === MINUS || c === DOT || c === 43 || c === 101 || c === 69; // digits - . + e E
}

/**
 * The number written in bytes [start, end) when it is a plain decimal of digits below 2^53. Otherwise: for a JSON
 * number token (`json`), Number() of it, or undefined if it is not a valid one; for a value string, undefined (the
 * caller reads it with Number()). Exact: see the file comment.
 */
function decimal(b: Buffer, start: number, end: number, json: boolean): number | undefined {
  let i = start;
  const negative = b[i] === MINUS;
  if (negative) {
    i++;
  }
  let m = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (fraction >= 0) {
        fraction++;
      }
    } else if (c === DOT && fraction < 0 && digits > 0) {
      fraction = 0;
    } else {
      digits = Infinity; // an exponent, a sign or a word: the slow path
      break;
    }
  }
  const leadingZero = b[negative ? start + 1 : start] === 48 && end - start > (negative ? 2 : 1) && b[negative ? start + 2 : start + 1] !== DOT;
  if (digits > 0 && digits <= 16 && m < EXACT_INTEGERS && fraction !== 0 && !leadingZero) {
    const v = fraction > 0 ? m / POW10[fraction] : m;
    return negative ? -v : v;
  }
  if (!json) {
    return undefined; // the caller reads it with Number()
  }
  const text = b.toString('latin1', start, end);
  return JSON_NUMBER.test(text) ? Number(text) : undefined;
}
