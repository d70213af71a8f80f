/**
 * Adds one equality matcher `label="value"` to every vector selector of a
 * PromQL expression, or to every stream selector of a LogQL expression, by
 * walking the expression's tokens (strings, brackets, braces) — never by
 * pasting text at a guessed position. Used to restrict an SLA's component
 * SLOs to one customer (book 11.2.7: per-customer SLA error budget depletion).
 *
 * Anything the walker cannot place with confidence (unbalanced quotes or
 * braces, a selector that already matches the label, no selector at all) is
 * an error rather than a silently wrong query.
 */
import { escapeLabelValue } from './labelValue';

export type QueryLanguage = 'promql' | 'logql';

export type RewriteResult = { expr: string } | { error: string };

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const IDENT_START = /[a-zA-Z_:]/;
const IDENT_PART = /[a-zA-Z0-9_:]/;
// PromQL words that are not metric names (aggregation modifiers, set and vector-matching operators, number words)
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan', 'atan2']);
// after these a parenthesised list holds label names, not series
const LABEL_LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

/** Index just past the string literal opening at `i` (PromQL/LogQL: "..." and '...' with escapes, `...` raw), or -1 if unterminated. */
function skipString(expr: string, i: number): number {
  const quote = expr[i];
  for (let j = i + 1; j < expr.length; j++) {
    if (quote !== '`' && expr[j] === '\\') {
      j++;
    } else if (expr[j] === quote) {
      return j + 1;
    }
  }
  return -1;
}

/** Index of the closer matching the opener at `i` (strings skipped), or -1. */
function matchClose(expr: string, i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < expr.length; j++) {
    const c = expr[j];
    if (c === '"' || c === "'" || c === '`') {
      const end = skipString(expr, j);
      if (end < 0) {
        return -1;
      }
      j = end - 1;
    } else if (c === open) {
      depth++;
    } else if (c === close && --depth === 0) {
      return j;
    }
  }
  return -1;
}

/** True when the matcher list (text between the braces) already has a matcher on `label`. */
function matchesLabel(body: string, label: string): boolean {
  const withoutStrings = body.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  return new RegExp(`(^|,)\\s*${label}\\s*(=~|!~|!=|=)`).test(withoutStrings);
}

/** Where one selector sits: [start, end) of its text; `braceAt` is its `{` (absent for a bare metric name). */
interface SelectorSpan {
  start: number;
  end: number;
  braceAt?: number;
}

/** Every vector (PromQL) or stream (LogQL) selector of `expr`, in order. */
function findSelectors(expr: string, language: QueryLanguage): { spans: SelectorSpan[] } | { error: string } {
  const spans: SelectorSpan[] = [];
  let lastWord: { start: number; end: number } | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    const word = lastWord;
    lastWord = undefined;
    if (c === '"' || c === "'" || c === '`') {
      const end = skipString(expr, i);
      if (end < 0) {
        return { error: `unterminated string at character ${i + 1}` };
      }
      i = end - 1;
    } else if (c === '#' && language === 'promql') {
      const eol = expr.indexOf('\n', i);
      i = eol < 0 ? expr.length : eol;
    } else if (c === '[') {
      // range and subquery durations ([$__window], [1h:5m]) hold no selector
      const end = matchClose(expr, i, '[', ']');
      if (end < 0) {
        return { error: `unbalanced "[" at character ${i + 1}` };
      }
      i = end;
    } else if (c === '{') {
      const end = matchClose(expr, i, '{', '}');
      if (end < 0) {
        return { error: `unbalanced "{" at character ${i + 1}` };
      }
      spans.push({ start: word && language === 'promql' ? word.start : i, end: end + 1, braceAt: i });
      i = end;
    } else if (c === '$') {
      // a template variable ($__window, $endpoint) outside strings: not a metric name
      while (i + 1 < expr.length && /[a-zA-Z0-9_]/.test(expr[i + 1])) {
        i++;
      }
    } else if (/[0-9.]/.test(c)) {
      // numbers and durations (0.5, 1e3, 5m, 0x1f)
      while (i + 1 < expr.length && /[a-zA-Z0-9_.]/.test(expr[i + 1])) {
        i++;
      }
    } else if (IDENT_START.test(c)) {
      let end = i + 1;
      while (end < expr.length && IDENT_PART.test(expr[end])) {
        end++;
      }
      const name = expr.slice(i, end);
      let next = end;
      while (next < expr.length && /\s/.test(expr[next])) {
        next++;
      }
      const start = i;
      i = end - 1;
      if (language === 'logql') {
        // LogQL: bare words are functions, parsers and label filters (`| json | status >= 500`); only braces select streams
        continue;
      }
      if (LABEL_LIST_KEYWORDS.has(name.toLowerCase())) {
        if (expr[next] === '(') {
          const close = matchClose(expr, next, '(', ')');
          if (close < 0) {
            return { error: `unbalanced "(" at character ${next + 1}` };
          }
          i = close;
        }
        continue;
      }
      if (/^(by|without)\b/i.test(expr.slice(next)) || KEYWORDS.has(name.toLowerCase()) || expr[next] === '(') {
        continue; // an aggregation written `sum by (...) (...)`, a keyword, or a function call
      }
      if (expr[next] === '{') {
        lastWord = { start, end };
        i = next - 1; // the `{` branch takes the matcher list
        continue;
      }
      spans.push({ start, end });
    }
  }
  return { spans };
}

/**
 * The first selector of `expr` as text (`http_requests_total{service="a"}`),
 * e.g. to ask a source which values a label takes on the series an SLO reads.
 */
export function firstSelector(expr: string, language: QueryLanguage): { selector: string } | { error: string } {
  const found = findSelectors(expr, language);
  if ('error' in found) {
    return found;
  }
  const first = found.spans[0];
  return first ? { selector: expr.slice(first.start, first.end) } : { error: language === 'logql' ? 'no stream selector {...} found' : 'no metric selector found' };
}

/**
 * `expr` with `label="value"` in every selector.
 *
 * @example restrictSelectors('sum(increase(http_requests_total{service="a"}[$__window]))', 'customer', 'acme', 'promql')
 *   → { expr: 'sum(increase(http_requests_total{service="a",customer="acme"}[$__window]))' }
 */
export function restrictSelectors(expr: string, label: string, value: string, language: QueryLanguage): RewriteResult {
  if (!LABEL_NAME.test(label)) {
    return { error: `"${label}" is not a valid label name` };
  }
  const found = findSelectors(expr, language);
  if ('error' in found) {
    return found;
  }
  const matcher = `${label}="${escapeLabelValue(value)}"`;
  const inserts: Array<{ at: number; text: string }> = [];
  for (const span of found.spans) {
    if (span.braceAt === undefined) {
      inserts.push({ at: span.end, text: `{${matcher}}` });
      continue;
    }
    const body = expr.slice(span.braceAt + 1, span.end - 1);
    if (matchesLabel(body, label)) {
      return { error: `the selector {${body}} already matches label "${label}"` };
    }
    const trimmed = body.trim();
    inserts.push({ at: span.end - 1, text: trimmed === '' || trimmed.endsWith(',') ? matcher : `,${matcher}` });
  }
  if (inserts.length === 0) {
    return { error: language === 'logql' ? 'no stream selector {...} found' : 'no metric selector found' };
  }
  let out = expr;
  for (const { at, text } of inserts.reverse()) {
    out = out.slice(0, at) + text + out.slice(at);
  }
  return { expr: out };
}
