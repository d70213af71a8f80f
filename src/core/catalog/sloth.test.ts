import { loadCatalog } from './loadCatalog';
import { slothToTemplate } from './sloth';

const load = (text: string) => loadCatalog([{ name: 'sloth.yaml', text }]);

const spec = `version: "prometheus/v1"
service: "myservice"
labels:
  owner: "myteam"
  tier: "2"
slos:
  - name: "requests-availability"
    objective: 99.9
    description: "Common SLO based on availability for HTTP request responses."
    sli:
      events:
        error_query: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
        total_query: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
    alerting:
      name: MyServiceHighErrorRate
      page_alert:
        labels:
          severity: pageteam
      ticket_alert:
        labels:
          severity: "slack"
  - name: "requests-latency"
    objective: 99
    sli:
      events:
        error_query: |
          sum(rate(http_request_duration_seconds_count{job="myservice"}[{{ .window }}]))
          -
          sum(rate(http_request_duration_seconds_bucket{job="myservice",le="0.25"}[{{ .window }}]))
        total_query: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{ .window }}]))
`;

describe('Sloth prometheus/v1 specs', () => {
  it('reads every SLO as bad/total event counts over $__window, 30-day period, team from the owner label', () => {
    const { catalog, errors, warnings } = load(spec);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(catalog.slos.map((s) => s.id)).toEqual(['myservice/requests-availability', 'myservice/requests-latency']);
    expect(catalog.slos[0]).toMatchObject({
      team: 'myteam',
      sli: 'availability',
      objective: 0.999,
      period: { kind: 'rolling', lengthMs: 30 * 86_400_000 },
      labels: { owner: 'myteam', tier: '2' },
      query: {
        bad: 'sum(increase(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[$__window]))',
        total: 'sum(increase(http_request_duration_seconds_count{job="myservice"}[$__window]))',
      },
      origin: { file: 'sloth.yaml', line: 7, path: 'slos[0]', format: 'sloth/v1' },
    });
    // a histogram bucket with le in the error query makes it a latency SLI with its threshold
    expect(catalog.slos[1]).toMatchObject({ sli: 'latency', thresholdMs: 250, objective: 0.99 });
  });

  it('reads the Kubernetes form (PrometheusServiceLevel, camelCase keys)', () => {
    const k8s = `apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: sloth-slo-home-wifi
  namespace: monitoring
spec:
  service: "home-wifi"
  labels:
    team: "network"
  slos:
    - name: "good-wifi-client-satisfaction"
      objective: 95
      sli:
        events:
          errorQuery: sum_over_time((count(ubnt_client_satisfaction_ratio < 0.75))[{{.window}}:]) OR on() vector(0)
          totalQuery: sum_over_time((count(ubnt_client_satisfaction_ratio))[{{.window}}:])
`;
    const { catalog, errors } = load(k8s);
    expect(errors).toEqual([]);
    expect(catalog.slos[0]).toMatchObject({ id: 'home-wifi/good-wifi-client-satisfaction', team: 'network', objective: 0.95, origin: { path: 'spec.slos[0]' } });
    expect(catalog.slos[0].query.total).toBe('sum_over_time((count(ubnt_client_satisfaction_ratio))[$__window:])');
  });

  it.each([
    ['rate( inside a label value stays', 'sum(rate(x{path="/rate(limit)"}[{{.window}}]))', 'sum(increase(x{path="/rate(limit)"}[$__window]))'],
    ['irate is not rate', 'irate(x[{{.window}}])', 'irate(x[$__window])'],
    ['spaces in the placeholder', 'sum(rate(x[{{ .window }}]))', 'sum(increase(x[$__window]))'],
  ])('rewrites queries structurally: %s', (_name, query, expected) => {
    expect(slothToTemplate(query)).toBe(expected);
  });

  it.each([
    ['an objective of 100', (s: string) => s.replace('objective: 99.9', 'objective: 100'), { line: 8, column: 16, path: 'slos[0].objective' }, 'below 100'],
    ['a query without {{.window}}', (s: string) => s.replace('code=~"(5..|429)"}[{{.window}}]', 'code=~"(5..|429)"}[5m]'), { line: 12, path: 'slos[0].sli.events.error_query' }, '{{.window}}'],
    ['a raw error ratio', (s: string) => s.replace(/ {6}events:\n {8}error_query: .*\n {8}total_query: .*\n {4}alerting/, '      raw:\n        error_ratio_query: x\n    alerting'), { line: 12, path: 'slos[0].sli.raw' }, 'cannot be summed'],
    ['a missing total query', (s: string) => s.replace(/ {8}total_query: sum\(rate\(http_request_duration_seconds_count\{job="myservice"\}\[\{\{\.window\}\}\]\)\)\n/, ''), { line: 12, path: 'slos[0].sli.events.total_query' }, 'required'],
  ])('reports %s at its place and keeps the other SLO', (_name, breakIt, where, text) => {
    const { catalog, errors } = load(breakIt(spec));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'sloth.yaml', ...where });
    expect(errors[0].message).toContain(text);
    expect(catalog.slos.map((s) => s.name)).toEqual(['requests-latency']);
  });
});
