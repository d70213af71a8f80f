import { parse } from 'yaml';
import { loadCatalog } from '../core/catalog/loadCatalog';
import type { AdhocSpec } from '../core/contracts/queryModel';
import { adhocToYaml, periodToCatalog } from './adhocToYaml';

const makeAdhoc = (overrides: Partial<AdhocSpec> = {}): AdhocSpec => ({
  source: 'prometheus',
  good: 'sum(increase(http_requests_total{service="checkout",code!~"5.."}[$__window]))',
  total: 'sum(increase(http_requests_total{service="checkout"}[$__window]))',
  objective: 99.9,
  period: '28d',
  ...overrides,
});

const load = (text: string) => loadCatalog([{ name: 'snippet.yaml', text }]);

describe('adhocToYaml', () => {
  it('writes a native catalog document the core loader accepts without issues', () => {
    const { catalog, errors, warnings } = load(adhocToYaml(makeAdhoc()));
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(catalog.slos).toHaveLength(1);
    const slo = catalog.slos[0];
    expect(slo).toEqual(
      expect.objectContaining({
        id: 'my-service/adhoc-slo',
        team: 'my-team',
        sli: 'custom',
        objective: 0.999,
        source: { type: 'prometheus' },
        period: { kind: 'rolling', lengthMs: 28 * 86_400_000 },
        query: { good: makeAdhoc().good, bad: undefined, total: makeAdhoc().total },
      })
    );
  });

  it('keeps PromQL quotes, braces and regexes intact', () => {
    const spec = makeAdhoc({ good: 'sum(rate(x{a="b: c",d=~"e|f"}[$__window])) # not a comment' });
    expect(parse(adhocToYaml(spec)).services[0].slos[0].good).toBe(spec.good);
  });

  it('writes bad events instead of good ones when the query counts bad events', () => {
    const spec = makeAdhoc({ good: undefined, bad: 'sum(rate(errors[$__window]))' });
    const slo = load(adhocToYaml(spec)).catalog.slos[0];
    expect(slo.query).toEqual({ good: undefined, bad: spec.bad, total: spec.total });
  });

  it('names the connection when one was picked', () => {
    const slo = load(adhocToYaml(makeAdhoc({ source: 'loki', connection: 'loki-eu' }))).catalog.slos[0];
    expect(slo.source).toEqual({ type: 'loki', name: 'loki-eu' });
  });

  it('uses the names it is given', () => {
    const slo = load(adhocToYaml(makeAdhoc(), { team: 'payments', service: 'checkout', name: 'orders', sli: 'availability' })).catalog.slos[0];
    expect(slo).toEqual(expect.objectContaining({ id: 'checkout/orders', team: 'payments', sli: 'availability' }));
  });

  it.each([
    ['a rolling window', '7d', { kind: 'rolling', lengthMs: 7 * 86_400_000 }],
    ['a calendar month', 'month', { kind: 'calendar', unit: 'month', timeZone: 'UTC' }],
    ['a calendar quarter', 'quarter', { kind: 'calendar', unit: 'quarter', timeZone: 'UTC' }],
    ['four calendar weeks', 'calendar 4w', { kind: 'calendar', unit: '4w', timeZone: 'UTC' }],
    ['no period: the catalog default (28 days rolling)', undefined, { kind: 'rolling', lengthMs: 28 * 86_400_000 }],
  ])('carries %s', (_name, period, expected) => {
    const { catalog, errors } = load(adhocToYaml(makeAdhoc({ period })));
    expect(errors).toEqual([]);
    expect(catalog.slos[0].period).toEqual(expected);
  });

  it('keeps the objective as typed (99.9 or 0.999)', () => {
    expect(parse(adhocToYaml(makeAdhoc({ objective: 0.995 }))).services[0].slos[0].objective).toBe(0.995);
    expect(parse(adhocToYaml(makeAdhoc({ objective: 99.5 }))).services[0].slos[0].objective).toBe(99.5);
  });

  it('says, in a comment, which expressions lack $__window (the catalog requires it)', () => {
    const text = adhocToYaml(makeAdhoc({ good: 'sum(rate(ok[5m]))' }));
    expect(text).toMatch(/^# .*\n# Note: good lacks the \$__window placeholder/m);
    expect(load(text).errors.map((e) => e.path)).toEqual(['services[0].slos[0].good']);
  });

  it('does not change its input', () => {
    const spec = Object.freeze(makeAdhoc());
    adhocToYaml(spec);
    expect(spec).toEqual(makeAdhoc());
  });
});

describe('periodToCatalog', () => {
  it.each([
    ['28d', '28d'],
    [' week ', { calendar: 'week' }],
    ['calendar:month', { calendar: 'month' }],
    ['', undefined],
    ['fortnight', 'fortnight'],
  ])('%j → %j', (input, expected) => {
    expect(periodToCatalog(input)).toEqual(expected);
  });
});
