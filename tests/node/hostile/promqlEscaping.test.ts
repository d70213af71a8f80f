/**
 * The real PromQL parser (promtool, Debian's Prometheus) accepts every ad hoc
 * expression built from hostile template variable values, one value or
 * several: a value can neither break the string literal nor produce an
 * escape PromQL rejects. Skipped with a printed reason without promtool.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { formatExpressionValue } from '../../../src/datasource/templateVariables';

const available = spawnSync('which', ['promtool']).status === 0;
if (!available) {
  console.warn('promqlEscaping: promtool not installed, skipped (CI installs the Debian prometheus package)');
}

// Printable unicode and the characters that matter to PromQL strings and regexes (RE2 rejects invalid UTF-8 and NUL is pointless).
const value = fc.oneof(
  fc.string({ unit: fc.oneof(fc.constantFrom(...'"\\\'`{}[]()|.*+?^$,=~! \t\n'.split('')), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), fc.constantFrom('é', '🙂', '\u202E')), maxLength: 16 }),
  fc.constantFrom('x"} or vector(1) or {a="', '\\', '\\"', 'a.b')
);

(available ? describe : describe.skip)('hostile variable values through promtool', () => {
  it('every generated expression parses', () => {
    const single = fc.sample(value, { numRuns: 150, seed: 9 });
    const multi = fc.sample(fc.uniqueArray(value, { minLength: 2, maxLength: 4 }), { numRuns: 150, seed: 10 });
    // one value is matched literally (=), several as the alternation (=~), as the editor's help says
    const exprs = [...single.map((v) => `sum(rate(http_requests_total{route="${formatExpressionValue(v)}"}[5m]))`), ...multi.map((v) => `sum(rate(http_requests_total{route=~"${formatExpressionValue(v)}"}[5m]))`)];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-escape-'));
    const file = path.join(dir, 'rules.yml');
    fs.writeFileSync(file, stringify({ groups: [{ name: 'escaping', rules: exprs.map((expr, i) => ({ record: `escaped_${i}`, expr })) }] }));
    let output = '';
    try {
      output = execFileSync('promtool', ['check', 'rules', file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? '') + String((error as { stderr?: string }).stderr ?? '');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(output).toContain(`SUCCESS: ${exprs.length} rules found`);
  });
});
