/**
 * Hostile template variable values (issue 9): whatever a variable holds, the
 * formatted text stays inside its double-quoted matcher and, read back as the
 * string literal and then as an anchored regex (multi-value), matches exactly
 * the chosen values.
 */
import fc from 'fast-check';
import { formatExpressionValue } from './templateVariables';

/** Reads back the body of a Go-syntax double-quoted literal, failing on an unescaped quote (an injection). */
function unquote(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') {
      throw new Error(`unescaped quote at ${i}: the value closed the matcher`);
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[++i];
    const known: Record<string, string> = { '\\': '\\', '"': '"', n: '\n', r: '\r', t: '\t' };
    if (!(next in known)) {
      throw new Error(`escape \\${next} at ${i} is not valid in a PromQL string`);
    }
    out += known[next];
  }
  return out;
}

const hostile = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('"', '\\', '"}', '\\"', 'a.b', '.*', '(x|y)', '${x}', '\n', '`', "'", '{a="b"}', ') or vector(1) or ('));

describe('template variable values inside PromQL/LogQL matchers', () => {
  it('a single value reads back as itself and never closes the quote', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        expect(unquote(formatExpressionValue(value))).toBe(value);
      }),
      { numRuns: 300 }
    );
  });

  it('several values become an anchored alternation matching exactly those values', () => {
    fc.assert(
      fc.property(fc.uniqueArray(hostile, { minLength: 2, maxLength: 5 }), hostile, (values, other) => {
        // PromQL anchors =~ regexes: ^(?:…)$
        const regex = new RegExp(`^(?:${unquote(formatExpressionValue(values))})$`, 'su');
        for (const v of values) {
          expect(regex.test(v)).toBe(true);
        }
        expect(regex.test(other)).toBe(values.includes(other));
      }),
      { numRuns: 300 }
    );
  });
});
