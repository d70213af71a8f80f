/**
 * The one PromQL shape the batching layer (./batching.ts) may merge:
 *
 *   sum(FN(METRIC{MATCHERS}[RANGE]))        FN: increase | rate | count_over_time | sum_over_time
 *
 * written exactly so (no `by`/`without`, offset, `@`, subquery, binary
 * operator or second aggregation). Anything else parses to null and is asked
 * as it is. Label values are unquoted here and quoted again by `quote`, so a
 * value with quotes, backslashes or regex characters survives the round trip.
 */
import { quotedLabelValue } from '../../core/queries/labelValue';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

export interface CountShape {
  fn: string;
  /** '' when the metric is named by a `__name__` matcher inside the braces. */
  metric: string;
  matchers: Matcher[];
  /** The range as written, e.g. `3600s`. */
  range: string;
}

const RANGE_FUNCTIONS = new Set(['increase', 'rate', 'count_over_time', 'sum_over_time']);
const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const DURATION = /^(?:[0-9]+(?:ms|[smhdwy]))+$/;

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  skip(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) {
      this.i++;
    }
  }

  take(token: string): boolean {
    this.skip();
    if (this.s.startsWith(token, this.i)) {
      this.i += token.length;
      return true;
    }
    return false;
  }

  match(re: RegExp): string | null {
    this.skip();
    const m = re.exec(this.s.slice(this.i));
    if (!m) {
      return null;
    }
    this.i += m[0].length;
    return m[0];
  }

  peek(): string {
    this.skip();
    return this.s[this.i] ?? '';
  }

  done(): boolean {
    this.skip();
    return this.i === this.s.length;
  }

  /** A quoted string literal, unquoted; null when it is not one we read exactly. */
  string(): string | null {
    this.skip();
    const quote = this.s[this.i];
    if (quote === '`') {
      const end = this.s.indexOf('`', this.i + 1);
      if (end < 0) {
        return null;
      }
      const raw = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      return raw;
    }
    if (quote !== '"' && quote !== "'") {
      return null;
    }
    let out = '';
    for (let j = this.i + 1; j < this.s.length; j++) {
      const c = this.s[j];
      if (c === quote) {
        this.i = j + 1;
        return out;
      }
      if (c === '\n') {
        return null;
      }
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[++j];
      const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
      if (e in simple) {
        out += simple[e];
      } else if (e === quote) {
        out += e;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(j + 1, j + 5))) {
        out += String.fromCharCode(parseInt(this.s.slice(j + 1, j + 5), 16));
        j += 4;
      } else {
        return null; // \x, octal, \U: bytes we would have to reinterpret; ask such an expression as it is
      }
    }
    return null;
  }
}

/** The expression's shape, or null when it is not exactly `sum(FN(selector[range]))`. */
export function parseCountShape(expr: string): CountShape | null {
  const r = new Reader(expr);
  if (r.match(/^sum\b/) === null || !r.take('(')) {
    return null;
  }
  const fn = r.match(/^[a-z_]+/);
  if (fn === null || !RANGE_FUNCTIONS.has(fn) || !r.take('(')) {
    return null;
  }
  const metric = r.peek() === '{' ? '' : r.match(METRIC);
  if (metric === null) {
    return null;
  }
  const matchers: Matcher[] = [];
  if (r.take('{')) {
    while (!r.take('}')) {
      const name = r.match(LABEL);
      const op = r.match(/^(=~|!~|!=|=)/) as MatchOp | null;
      const value = name !== null && op !== null ? r.string() : null;
      if (name === null || op === null || value === null) {
        return null;
      }
      matchers.push({ name, op, value });
      if (!r.take(',') && r.peek() !== '}') {
        return null;
      }
    }
  }
  if (metric === '' && !matchers.some((m) => m.name === '__name__' && m.op === '=')) {
    return null;
  }
  if (!r.take('[')) {
    return null;
  }
  const range = r.match(/^[0-9a-z]+/);
  if (range === null || !DURATION.test(range) || !r.take(']') || !r.take(')') || !r.take(')') || !r.done()) {
    return null;
  }
  return { fn, metric, matchers, range };
}

/** A matcher read against a series' labels here: string comparisons only, so exactly as Prometheus reads it. */
export type EqualityMatcher = Matcher & { op: '=' | '!=' };

/** Whether a series with these labels is one the matcher selects (a missing label reads as empty, as in PromQL). */
export function selectsLabels(m: EqualityMatcher, labels: Record<string, string>): boolean {
  const equal = (labels[m.name] ?? '') === m.value;
  return m.op === '=' ? equal : !equal;
}

/** The selector's matchers, written back. */
export function selector(shape: Pick<CountShape, 'metric'>, matchers: readonly Matcher[]): string {
  return `${shape.metric}{${matchers.map((m) => `${m.name}${m.op}${quotedLabelValue(m.value)}`).join(',')}}`;
}
