import { loadCatalog } from './loadCatalog';

const load = (...texts: string[]) => loadCatalog(texts.map((text, i) => ({ name: `p${i + 1}.yaml`, text })));

const errorsSlo = `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: pyrra-api-errors
  namespace: monitoring
  labels:
    prometheus: k8s
    role: alert-rules
    pyrra.dev/team: observability
    pyrra.dev/tier: "1"
spec:
  target: "99"
  window: 2w
  description: Pyrra's API requests and response errors over time grouped by route.
  indicator:
    ratio:
      errors:
        metric: http_requests_total{job="pyrra",code=~"5.."}
      total:
        metric: http_requests_total{job="pyrra"}
`;

const latencySlo = `apiVersion: pyrra.dev/v1alpha1
kind: ServiceLevelObjective
metadata:
  name: checkout-latency
  labels:
    pyrra.dev/service: checkout
spec:
  target: "95"
  window: 4w
  indicator:
    latency:
      success:
        metric: http_request_duration_seconds_bucket{job="checkout",le="0.4"}
      total:
        metric: http_request_duration_seconds_count{job="checkout"}
`;

describe('Pyrra ServiceLevelObjective resources', () => {
  it('reads a ratio indicator: errors are bad events, counters as increase over $__window', () => {
    const { catalog, errors, warnings } = load(errorsSlo);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(catalog.slos).toEqual([
      expect.objectContaining({
        id: 'monitoring/pyrra-api-errors',
        service: 'monitoring',
        team: 'observability',
        sli: 'availability',
        objective: 0.99,
        period: { kind: 'rolling', lengthMs: 14 * 86_400_000 },
        labels: { tier: '1' },
        query: { bad: 'sum(increase(http_requests_total{job="pyrra",code=~"5.."}[$__window]))', total: 'sum(increase(http_requests_total{job="pyrra"}[$__window]))' },
        origin: expect.objectContaining({ file: 'p1.yaml', line: 1, format: 'pyrra/v1alpha1' }),
      }),
    ]);
  });

  it('reads a latency indicator with its threshold from le, service from pyrra.dev/service', () => {
    const { catalog, errors } = load(latencySlo);
    expect(errors).toEqual([]);
    expect(catalog.slos[0]).toMatchObject({ id: 'checkout/checkout-latency', team: 'checkout', sli: 'latency', thresholdMs: 400, objective: 0.95, period: { kind: 'rolling', lengthMs: 28 * 86_400_000 } });
    expect(catalog.slos[0].query.good).toBe('sum(increase(http_request_duration_seconds_bucket{job="checkout",le="0.4"}[$__window]))');
  });

  it('takes the team of a service the native catalog declares', () => {
    const native = 'apiVersion: sloledger/v1\nteams:\n  - name: payments\nservices:\n  - name: checkout\n    team: payments\n';
    const { catalog, errors } = load(native, latencySlo);
    expect(errors).toEqual([]);
    expect(catalog.slos[0].team).toBe('payments');
    expect(catalog.services.map((s) => s.name)).toEqual(['checkout']);
  });

  it('reads a compound Prometheus window such as 1d12h', () => {
    const { catalog, errors } = load(errorsSlo.replace('window: 2w', 'window: 1d12h'));
    expect(errors).toEqual([]);
    expect(catalog.slos[0].period).toEqual({ kind: 'rolling', lengthMs: 36 * 3_600_000 });
  });

  it('reads a boolGauge: every sample an event, good when 1', () => {
    const probe = errorsSlo.replace(/ {4}ratio:\n[\s\S]*$/, '    boolGauge:\n      metric: probe_success{job="blackbox"}\n');
    const { catalog, errors } = load(probe);
    expect(errors).toEqual([]);
    expect(catalog.slos[0].query).toEqual({ good: 'sum(sum_over_time(probe_success{job="blackbox"}[$__window]))', total: 'sum(count_over_time(probe_success{job="blackbox"}[$__window]))' });
  });

  it('warns that grouping is not read, and still loads', () => {
    const grouped = errorsSlo + '      grouping:\n        - route\n';
    const { errors, warnings } = load(grouped);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ line: 22, path: 'spec.indicator.ratio.grouping', message: expect.stringContaining('one SLO per group') })]);
  });

  it.each([
    ['a target of 100', (s: string) => s.replace('target: "99"', 'target: "100"'), { line: 12, column: 11, path: 'spec.target' }, 'below 100'],
    ['a window in years', (s: string) => s.replace('window: 2w', 'window: 1y'), { line: 13, path: 'spec.window' }, 'not a window'],
    ['an expression where a series selector belongs', (s: string) => s.replace('metric: http_requests_total{job="pyrra"}', 'metric: sum(rate(http_requests_total{job="pyrra"}[5m]))'), { line: 20, path: 'spec.indicator.ratio.total.metric' }, 'series selector'],
    ['two indicators at once', (s: string) => s + '    boolGauge:\n      metric: up\n', { line: 16, path: 'spec.indicator' }, 'only one indicator'],
    ['a native histogram latency', (s: string) => s.replace(/ {4}ratio:\n[\s\S]*$/, '    latencyNative:\n      latency: 1s\n      total:\n        metric: x\n'), { line: 17, path: 'spec.indicator.latencyNative' }, 'native histograms'],
    ['a wrong kind', (s: string) => s.replace('kind: ServiceLevelObjective', 'kind: SLO'), { line: 2, path: 'kind' }, 'kind: ServiceLevelObjective'],
  ])('reports %s at its place; the other SLO still loads', (_name, breakIt, where, text) => {
    const { catalog, errors } = load(breakIt(errorsSlo), latencySlo);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'p1.yaml', ...where });
    expect(errors[0].message).toContain(text);
    expect(catalog.slos.map((s) => s.name)).toEqual(['checkout-latency']);
  });
});
