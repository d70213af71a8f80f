import { loadCatalog } from './loadCatalog';

const load = (...texts: string[]) => loadCatalog(texts.map((text, i) => ({ name: `o${i + 1}.yaml`, text })));

/** An OpenSLO SLO with an inline ratio SLI; `spec` lines replace the defaults by key. */
const sloDoc = (over: { name?: string; spec?: string; annotations?: string } = {}) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${over.name ?? 'search-availability'}
  annotations:
    sloledger.io/sli: availability
    sloledger.io/team: discovery
${over.annotations ?? ''}spec:
  service: search
${
  over.spec ??
  `  indicator:
    metadata:
      name: search-ok
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="search",code=~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="search"}
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.999
`
}`;

describe('OpenSLO v1 documents', () => {
  it('reads an SLO with an inline ratioMetric into the model, counters as increase over $__window', () => {
    const { catalog, errors, warnings } = load(sloDoc());
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(catalog.slos).toEqual([
      expect.objectContaining({
        id: 'search/search-availability',
        team: 'discovery',
        sli: 'availability',
        objective: 0.999,
        period: { kind: 'rolling', lengthMs: 28 * 86_400_000 },
        budgeting: 'occurrences',
        source: { type: 'prometheus', name: undefined },
        query: { bad: 'sum(increase(http_requests_total{job="search",code=~"5.."}[$__window]))', total: 'sum(increase(http_requests_total{job="search"}[$__window]))' },
        origin: expect.objectContaining({ file: 'o1.yaml', line: 1, format: 'openslo/v1' }),
      }),
    ]);
    // the service and team are created for a catalog that declares neither
    expect(catalog.services.map((s) => [s.name, s.team])).toEqual([['search', 'discovery']]);
    expect(catalog.teams.map((t) => t.name)).toEqual(['discovery']);
  });

  it('resolves indicatorRef, metricSourceRef and alertPolicyRef across files, in any order', () => {
    const slo = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-latency
  annotations:
    sloledger.io/sli: latency
    sloledger.io/threshold-ms: "300"
spec:
  service: api
  indicatorRef: api-fast
  budgetingMethod: Occurrences
  objectives:
    - targetPercent: 95
  alertPolicies:
    - alertPolicyRef: fast-burn
`;
    const defs = `apiVersion: openslo/v1
kind: SLI
metadata:
  name: api-fast
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        metricSourceRef: mimir-eu
        spec:
          query: sum(increase(http_request_duration_seconds_bucket{job="api",le="0.3"}[$__window]))
    total:
      metricSource:
        metricSourceRef: mimir-eu
        spec:
          query: sum(increase(http_request_duration_seconds_count{job="api"}[$__window]))
---
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: mimir-eu
spec:
  type: Prometheus
  connectionDetails:
    url: http://127.0.0.1:9009/prometheus
---
apiVersion: openslo/v1
kind: AlertCondition
metadata:
  name: burn-14x
spec:
  severity: page
  condition:
    kind: burnrate
    threshold: 14.4
    lookbackWindow: 1h
    alertAfter: 5m
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata:
  name: fast-burn
spec:
  alertWhenBreaching: true
  conditions:
    - conditionRef: burn-14x
`;
    const { catalog, errors } = load(slo, defs);
    expect(errors).toEqual([]);
    expect(catalog.slos[0]).toMatchObject({
      id: 'api/api-latency',
      team: 'api',
      sli: 'latency',
      thresholdMs: 300,
      objective: 0.95,
      period: { kind: 'rolling', lengthMs: 28 * 86_400_000 },
      source: { type: 'prometheus', name: 'mimir-eu' },
      query: { good: expect.stringContaining('le="0.3"'), total: expect.stringContaining('_count') },
      // burn rate 14.4 over 1 h spends 1440% of the hourly budget
      alert: { depletionThresholdPct: 1440, windowMs: 3_600_000 },
    });
  });

  it.each([
    ['a calendar month in a time zone', '    - duration: 1M\n      calendar:\n        startTime: 2026-01-01 00:00:00\n        timeZone: Europe/Berlin\n', { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' }],
    ['a calendar quarter without a time zone (UTC)', '    - duration: 1Q\n      isRolling: false\n      calendar: {startTime: 2026-01-01 00:00:00}\n', { kind: 'calendar', unit: 'quarter', timeZone: 'UTC' }],
    ['four ISO weeks', '    - duration: 4w\n      isRolling: false\n', { kind: 'calendar', unit: '4w', timeZone: 'UTC' }],
    ['a rolling week', '    - duration: 1w\n      isRolling: true\n', { kind: 'rolling', lengthMs: 7 * 86_400_000 }],
  ])('reads the time window %s', (_name, window, period) => {
    const doc = sloDoc().replace('    - duration: 28d\n      isRolling: true\n', window);
    const { catalog, errors } = load(doc);
    expect(errors).toEqual([]);
    expect(catalog.slos[0].period).toEqual(period);
  });

  it('reads Timeslices with the slice target and window (a bare number is minutes)', () => {
    const doc = sloDoc().replace('budgetingMethod: Occurrences', 'budgetingMethod: Timeslices').replace('    - target: 0.999\n', '    - target: 0.99\n      timeSliceTarget: 0.95\n      timeSliceWindow: 5\n');
    const { catalog, errors } = load(doc);
    expect(errors).toEqual([]);
    expect(catalog.slos[0]).toMatchObject({ budgeting: 'timeslices', objective: 0.99, timeslice: { lengthMs: 300_000, target: 0.95 } });
  });

  it('reads a thresholdMetric: each sample is an event, good when it meets op value', () => {
    const spec = `  indicator:
    metadata: {name: queue-lag}
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: max(kafka_consumergroup_lag{group="billing"})
  budgetingMethod: Occurrences
  objectives:
    - op: lte
      value: 1000
      target: 0.99
`;
    const { catalog, errors } = load(sloDoc({ name: 'billing-lag', spec }));
    expect(errors).toEqual([]);
    expect(catalog.slos[0].query).toEqual({
      good: 'sum(count_over_time((max(kafka_consumergroup_lag{group="billing"}) <= 1000)[$__window:]))',
      total: 'sum(count_over_time((max(kafka_consumergroup_lag{group="billing"}))[$__window:]))',
    });
  });

  it('makes one SLO per objective, named after each objective', () => {
    const doc = sloDoc().replace('    - target: 0.999\n', '    - displayName: Fast enough\n      target: 0.9\n    - displayName: Nearly always\n      targetPercent: 99\n');
    const { catalog, errors } = load(doc);
    expect(errors).toEqual([]);
    expect(catalog.slos.map((s) => [s.id, s.objective])).toEqual([
      ['search/search-availability-fast-enough', 0.9],
      ['search/search-availability-nearly-always', 0.99],
    ]);
  });

  it('wraps a counter query that is not a selector in a subquery and says so', () => {
    const doc = sloDoc().replace('query: http_requests_total{job="search"}', 'query: sum by (job) (http_requests_total{job="search"})');
    const { catalog, errors, warnings } = load(doc);
    expect(errors).toEqual([]);
    expect(catalog.slos[0].query.total).toBe('sum(increase((sum by (job) (http_requests_total{job="search"}))[$__window:]))');
    expect(warnings).toEqual([expect.objectContaining({ line: 25, column: 22, path: 'spec.indicator.spec.ratioMetric.total.metricSource.spec.query', message: expect.stringContaining('$__window') })]);
  });

  it.each([
    ['a target of 1 (book 3.3: no budget)', (d: string) => d.replace('target: 0.999', 'target: 1'), { line: 31, column: 15, path: 'spec.objectives[0].target' }, 'not allowed'],
    ['target and targetPercent together', (d: string) => d.replace('target: 0.999', 'target: 0.999\n      targetPercent: 99.9'), { line: 31, path: 'spec.objectives[0].target' }, 'not both'],
    ['an unsupported budgeting method', (d: string) => d.replace('Occurrences', 'RatioTimeslices'), { line: 29, path: 'spec.budgetingMethod' }, 'Occurrences or Timeslices'],
    ['a source type that is not Prometheus or Loki', (d: string) => d.replace('type: Prometheus', 'type: Datadog'), { line: 18, column: 19, path: 'spec.indicator.spec.ratioMetric.bad.metricSource.type' }, '"Datadog" is not read'],
    ['a rolling window in months', (d: string) => d.replace('duration: 28d', 'duration: 1M'), { line: 27, path: 'spec.timeWindow[0].duration' }, 'not a rolling window'],
    ['a calendar window of 2 months', (d: string) => d.replace('duration: 28d\n      isRolling: true', 'duration: 2M\n      isRolling: false'), { line: 27, path: 'spec.timeWindow[0].duration' }, '1w, 4w, 1M or 1Q'],
    ['good and bad together', (d: string) => d.replace('        bad:', '        good:\n          metricSource: {type: Prometheus, spec: {query: up}}\n        bad:'), { path: 'spec.indicator.spec.ratioMetric.bad' }, 'not both'],
    ['a raw precomputed ratio', (d: string) => d.replace('        bad:', '        raw:\n          metricSource: {type: Prometheus, spec: {query: ratio}}\n        bad:'), { line: 17, path: 'spec.indicator.spec.ratioMetric.raw' }, 'cannot be summed'],
    ['an unknown SLI kind annotation', (d: string) => d.replace('sloledger.io/sli: availability', 'sloledger.io/sli: happiness'), { path: 'metadata.annotations.sloledger.io/sli' }, 'not an SLI kind'],
  ])('reports %s at its place and still loads the other SLO', (_name, breakIt, where, text) => {
    const { catalog, errors } = load(breakIt(sloDoc()) + '---\n' + sloDoc({ name: 'search-other' }));
    expect(errors).toHaveLength(1);
    const path = where.path.startsWith('spec') || where.path.startsWith('metadata') ? `documents[0].${where.path}` : where.path;
    expect(errors[0]).toMatchObject({ file: 'o1.yaml', ...where, path });
    expect(errors[0].message).toContain(text);
    expect(catalog.slos.map((s) => s.name)).toEqual(['search-other']);
  });

  it('names the declared SLIs when indicatorRef points nowhere', () => {
    const spec = '  indicatorRef: serach-ok\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99\n';
    const sli = 'apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: search-ok\nspec:\n  ratioMetric:\n    good: {metricSource: {type: Prometheus, spec: {query: ok}}}\n    total: {metricSource: {type: Prometheus, spec: {query: all}}}\n';
    const { errors } = load(sloDoc({ spec }), sli);
    expect(errors).toEqual([expect.objectContaining({ file: 'o1.yaml', line: 10, column: 17, path: 'spec.indicatorRef', message: 'unknown SLI "serach-ok" (declared SLIs: search-ok)' })]);
  });

  it('reports an unknown kind and a duplicate name, each at its document', () => {
    const { errors } = load('apiVersion: openslo/v1\nkind: Objective\nmetadata: {name: x}\nspec: {}\n---\n' + sloDoc() + '---\n' + sloDoc());
    expect(errors.map((e) => [e.path, e.line, e.message.slice(0, 30)])).toEqual([
      ['documents[0].kind', 2, '"Objective" is not an OpenSLO '],
      ['documents[2].metadata.name', 41, 'duplicate SLO "search-availabi'],
    ]);
  });

  it('reports a broken SLI once, however many SLOs refer to it, and checks SLIs no SLO uses', () => {
    const sli = (name: string) => `apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: ${name}\nspec:\n  ratioMetric:\n    good: {metricSource: {type: Graphite, spec: {query: ok}}}\n    total: {metricSource: {type: Prometheus, spec: {query: all}}}\n`;
    const spec = '  indicatorRef: shared-sli\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99\n';
    const { catalog, errors } = load(sloDoc({ name: 'one', spec }) + '---\n' + sloDoc({ name: 'two', spec }), sli('shared-sli') + '---\n' + sli('unused-sli'));
    expect(catalog.slos).toEqual([]);
    expect(errors.map((e) => [e.file, e.path])).toEqual([
      ['o2.yaml', 'documents[0].spec.ratioMetric.good.metricSource.type'],
      ['o2.yaml', 'documents[1].spec.ratioMetric.good.metricSource.type'],
    ]);
  });
});
