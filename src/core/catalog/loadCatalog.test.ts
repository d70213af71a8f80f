import fc from 'fast-check';
import { loadCatalog } from './loadCatalog';

const slo = (over: string) => `apiVersion: sloledger/v1
teams:
  - name: payments
services:
  - name: checkout
    team: payments
    slos:
      - name: good-one
        sli: availability
        objective: 99.9
        good: sum(increase(ok[$__window]))
        total: sum(increase(all[$__window]))
${over}`;

const load = (text: string) => loadCatalog([{ name: 'c.yaml', text }]);

describe('loadCatalog (native sloledger/v1)', () => {
  it('loads a valid SLO with the objective as a ratio and the 28d default period', () => {
    const { catalog, errors } = load(slo(''));
    expect(errors).toEqual([]);
    expect(catalog.slos).toHaveLength(1);
    expect(catalog.slos[0]).toMatchObject({ id: 'checkout/good-one', team: 'payments', objective: 0.999, period: { kind: 'rolling', lengthMs: 28 * 86400000 } });
    expect(catalog.slos[0].origin).toMatchObject({ file: 'c.yaml', line: 8, path: 'services[0].slos[0]' });
  });

  it.each([
    [
      'an objective of 100% (book 3.3: zero budget)',
      '      - name: bad\n        sli: availability\n        objective: 100\n        good: g[$__window]\n        total: t[$__window]\n',
      { line: 15, column: 20, path: 'services[0].slos[1].objective' },
      'not allowed',
    ],
    [
      'an expression without $__window',
      '      - name: bad\n        sli: availability\n        objective: 99\n        good: sum(ok)\n        total: t[$__window]\n',
      { line: 16, column: 15, path: 'services[0].slos[1].good' },
      '$__window',
    ],
    [
      'good and bad together',
      '      - name: bad\n        sli: availability\n        objective: 99\n        good: g[$__window]\n        bad: b[$__window]\n        total: t[$__window]\n',
      { line: 17, path: 'services[0].slos[1].bad' },
      'not both',
    ],
    [
      'an unknown SLI kind',
      '      - name: bad\n        sli: happiness\n        objective: 99\n        good: g[$__window]\n        total: t[$__window]\n',
      { line: 14, path: 'services[0].slos[1].sli' },
      'not an SLI kind',
    ],
    [
      'a latency SLO without threshold',
      '      - name: bad\n        sli: latency\n        objective: 95\n        good: g[$__window]\n        total: t[$__window]\n',
      { path: 'services[0].slos[1].thresholdMs' },
      'book 6.3.3',
    ],
  ])('reports %s at its line and keeps the good SLO', (_name, extra, where, text) => {
    const { catalog, errors } = load(slo(extra));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'c.yaml', ...where });
    expect(errors[0].message).toContain(text);
    expect(catalog.slos.map((s) => s.name)).toEqual(['good-one']);
  });

  it('reports an unknown team at the service', () => {
    const { errors, catalog } = load(slo('').replace('team: payments', 'team: nobody'));
    expect(errors).toEqual([expect.objectContaining({ line: 5, path: 'services[0].team', message: 'unknown team "nobody" (declared teams: payments)' })]);
    expect(catalog.slos).toEqual([]);
  });

  it('reports a YAML syntax error at its line instead of throwing', () => {
    const { errors } = load('apiVersion: sloledger/v1\nteams:\n  - name: [unclosed\n');
    expect(errors[0]).toMatchObject({ file: 'c.yaml', severity: 'error' });
    expect(errors[0].message).toMatch(/^YAML syntax/);
    expect(errors[0].line).toBeGreaterThanOrEqual(3);
  });

  it('reports every error at once across SLOs', () => {
    const bad = '      - name: b1\n        sli: x\n        objective: 200\n        good: g\n        total: t[$__window]\n';
    expect(load(slo(bad)).errors.map((e) => e.path)).toEqual(['services[0].slos[1].sli', 'services[0].slos[1].objective', 'services[0].slos[1].good']);
  });

  it('rejects a duplicate SLO across files, naming the first place', () => {
    const result = loadCatalog([
      { name: 'a.yaml', text: slo('') },
      { name: 'b.yaml', text: slo('').replace(/teams:\n {2}- name: payments\n/, '') },
    ]);
    expect(result.errors.map((e) => e.message)).toEqual(['duplicate SLO "checkout/good-one" (first defined at a.yaml:8)']);
  });

  it('warns about unknown keys without failing', () => {
    const { errors, warnings } = load(slo('        objetive: 1\n'.replace(/^/, '')).replace('        good: sum', '        colour: red\n        good: sum'));
    expect(errors).toEqual([]);
    expect(warnings[0].message).toContain('unknown key "colour"');
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = loadCatalog([{ name: 'x.yaml', text: 'apiVersion: sloledger/v1\n' + text }]);
        return Array.isArray(r.errors) && r.errors.every((e) => e.line >= 1 && e.column >= 1);
      }),
      { numRuns: 300 }
    );
  });
});
