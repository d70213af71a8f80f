/**
 * Hostile catalog input (issue 9): random text, random YAML values, mutations
 * of the example catalog, deep nesting, alias bombs, huge files and odd
 * unicode. loadCatalog must never throw or hang, and every problem it reports
 * must be located (file, line ≥ 1, column ≥ 1) and say something.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadCatalog, LoadedCatalog } from '../../../src/core/catalog/loadCatalog';

const example = fs.readFileSync(path.resolve(__dirname, '../../../provisioning/slos/example.yaml'), 'utf8');
const runs = { numRuns: 150 };

function expectLocated(loaded: LoadedCatalog, file = 'f.yaml'): void {
  for (const issue of [...loaded.errors, ...loaded.warnings]) {
    expect(issue.file).toBe(file);
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.column).toBeGreaterThanOrEqual(1);
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

function load(text: string): LoadedCatalog {
  const loaded = loadCatalog([{ name: 'f.yaml', text }]);
  expectLocated(loaded);
  return loaded;
}

describe('hostile catalog input', () => {
  it('never throws on random text, any unicode included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        load(text);
      }),
      runs
    );
  });

  it('never throws on random YAML values under a valid apiVersion, and reports what is wrong', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.string({ unit: 'grapheme', maxLength: 12 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('name', 'team', 'slos', 'objective', 'period', 'source', 'good', 'bad', 'total', 'services', 'teams', 'defaults', 'slas', 'corrections', 'x'), tie('node'), { maxKeys: 5 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('services', 'teams', 'defaults', 'slas', 'corrections', 'other'), value, { maxKeys: 4 }), (doc) => {
        load(stringify({ apiVersion: 'sloledger/v1', ...doc }));
      }),
      runs
    );
  });

  it('never throws on mutations of the example catalog, and keeps the SLOs a mutation did not touch', () => {
    const baseline = loadCatalog([{ name: 'f.yaml', text: example }]).catalog.slos.length;
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom(':', '- ', '{', '}', '[', '"', "'", '&a ', '*a', '!!binary ', '\t', '\n  ', '---\n', '<<: *a', '\u0000', '\uFEFF', '🙂')) }),
      fc.record({ kind: fc.constant('value' as const), line: fc.nat(), text: fc.constantFrom('[]', '{}', '~', '-1', '1e400', 'NaN', '.inf', 'yes', '"99.9"', '[a, b]', '{ a: 1 }', "''", '12345678901234567890') })
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let text = example;
        for (const m of mutations) {
          if (m.kind === 'delete') {
            const at = m.at % text.length;
            text = text.slice(0, at) + text.slice(at + m.length);
          } else if (m.kind === 'insert') {
            const at = m.at % (text.length + 1);
            text = text.slice(0, at) + m.text + text.slice(at);
          } else {
            const lines = text.split('\n');
            const i = m.line % lines.length;
            lines[i] = lines[i].replace(/:\s.*$/, `: ${m.text}`);
            text = lines.join('\n');
          }
        }
        const loaded = load(text);
        expect(loaded.catalog.slos.length).toBeLessThanOrEqual(baseline + 4);
      }),
      runs
    );
  });

  it.each<[string, () => string, (l: LoadedCatalog) => void]>([
    ['10,000 nested flow sequences', () => `apiVersion: sloledger/v1\nservices: ${'['.repeat(10_000)}${']'.repeat(10_000)}`, (l) => expect(l.errors.length).toBeGreaterThan(0)],
    ['2,000 nested block mappings', () => 'apiVersion: sloledger/v1\nservices:\n' + Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n'), (l) => expect(l.errors.length).toBeGreaterThan(0)],
    ['an alias bomb (billion laughs)', () => ['apiVersion: sloledger/v1', 'a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`), 'services: *j'].join('\n'), (l) => expect(l.errors.length + l.warnings.length).toBeGreaterThan(0)],
    ['services given as an alias of a scalar', () => 'apiVersion: sloledger/v1\nx: &x 3\nservices: *x\nteams: *x', (l) => expect(l.errors.length).toBeGreaterThan(0)],
    ['a 4 MB catalog of 8,000 SLOs', () => bigCatalog(8_000), (l) => expect({ slos: l.catalog.slos.length, errors: l.errors }).toEqual({ slos: 8_000, errors: [] })],
    ['a 1 MB single line', () => `apiVersion: sloledger/v1\nservices: "${'x'.repeat(1_000_000)}"`, (l) => expect(l.errors.length).toBeGreaterThan(0)],
    ['wrong types everywhere', () => 'apiVersion: sloledger/v1\ndefaults: 3\nteams: {a: 1}\nservices: [1, "x", [2], {name: [], team: {}, slos: "many"}]\nslas: 7\ncorrections: [null]', (l) => expect(l.errors.map((e) => e.path)).toEqual(expect.arrayContaining([expect.stringMatching(/^defaults/), expect.stringMatching(/^teams/), expect.stringMatching(/^services\[0\]/)]))],
    ['unicode names, RTL marks, zero-width joiners and emoji', () => 'apiVersion: sloledger/v1\nteams:\n  - name: "\u202Eevil\u200D🙂"\nservices:\n  - name: "s\u0000vc"\n    team: "\u202Eevil\u200D🙂"\n    slos:\n      - name: "🙂"\n        sli: availability\n        objective: 99.9\n        good: a[$__window]\n        total: b[$__window]', (l) => expect(l.catalog.slos.map((x) => x.name)).toEqual(['🙂'])],
    ['a byte order mark and CRLF line ends', () => '\uFEFF' + example.replace(/\n/g, '\r\n'), (l) => expect(l.catalog.slos.length).toBe(loadCatalog([{ name: 'f.yaml', text: example }]).catalog.slos.length)],
    ['many documents, most of them broken', () => Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? example : i % 3 === 1 ? '{{{' : 'apiVersion: other/v9')).join('\n---\n'), (l) => expect(l.errors.filter((e) => e.path.startsWith('documents[1]')).length).toBeGreaterThan(0)],
  ])('copes with %s: no throw, bounded time, located issues', (_name, make, check) => {
    const text = make();
    const started = Date.now();
    check(load(text));
    expect(Date.now() - started).toBeLessThan(20_000); // a hang shows as a test timeout; this bounds pathological slowness
  });
});

function bigCatalog(slos: number): string {
  const lines = ['apiVersion: sloledger/v1', 'teams:', '  - name: t', 'services:'];
  for (let s = 0; s < slos / 10; s++) {
    lines.push(`  - name: svc-${s}`, '    team: t', '    slos:');
    for (let k = 0; k < 10; k++) {
      lines.push(`      - name: slo-${k}`, '        sli: availability', '        objective: 99.9', `        good: sum(increase(http_requests_total{service="svc-${s}",code!~"5.."}[$__window]))`, `        total: sum(increase(http_requests_total{service="svc-${s}"}[$__window]))`);
    }
  }
  return lines.join('\n');
}
