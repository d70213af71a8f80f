import { makeCatalogSlo } from '../testing/sloFactory';
import { PrometheusRule, prometheusRules } from './prometheusRules';
import { errorRatioExpr, promDuration } from './promql';

const DAY = 86_400_000;

const rulesOf = (file: ReturnType<typeof prometheusRules>['file']) => file.groups.flatMap((g) => g.rules);
const alert = (rules: PrometheusRule[], name: string, severity: string) => rules.find((r) => r.alert === name && r.labels?.severity === severity)!;

describe('Prometheus rules for an SLO', () => {
  it("writes the book's rule for table 9.10: burn(1h) > 2 on a 0.3% budget, every 5 minutes, kept firing for the 120-minute snooze", () => {
    const { file } = prometheusRules([makeCatalogSlo()]);
    const group = file.groups.find((g) => g.name.endsWith('budget depletion'))!;
    expect(group.interval).toBe('5m');
    expect(group.rules[0]).toMatchObject({
      alert: 'SLOErrorBudgetDepletion',
      expr: 'sloledger_slo:error_ratio:rate1h{slo="data/get-data-availability"} / 0.003 > 2',
      keep_firing_for: '2h',
      labels: { severity: 'page', team: 'team-1', slo: 'data/get-data-availability', sloledger_rule: 'book', sloledger_snooze: '2h', endpoint: 'GET /api/data/{tenant}' },
    });
    expect(group.rules[0].annotations!.snooze).toBe('2h');
  });

  it.each([
    ['a 28-day rolling period pages at 13.44 and 5.6', { kind: 'rolling', lengthMs: 28 * DAY } as const, ['13.44', '5.6'], ['2.8', '0.933333333333']],
    ['a 30-day rolling period pages at 14.4 and 6', { kind: 'rolling', lengthMs: 30 * DAY } as const, ['14.4', '6'], ['3', '1']],
    ['a calendar month uses the 30-day basis', { kind: 'calendar', unit: 'month', timeZone: 'UTC' } as const, ['14.4', '6'], ['3', '1']],
  ])('%s', (_name, period, page, ticket) => {
    const rules = rulesOf(prometheusRules([makeCatalogSlo({ period })]).file);
    for (const [severity, factors] of [['page', page], ['ticket', ticket]] as const) {
      const expr = alert(rules, 'SLOErrorBudgetBurn', severity).expr;
      for (const f of factors) {
        expect(expr).toContain(`> ${f} and`);
      }
    }
  });

  it('records the error ratio of every window the alerts read, and of the whole period for the remaining budget', () => {
    const rules = rulesOf(prometheusRules([makeCatalogSlo()]).file);
    expect(rules.filter((r) => r.record).map((r) => r.record)).toEqual(
      ['5m', '30m', '1h', '2h', '6h', '1d', '3d', '28d'].map((w) => `sloledger_slo:error_ratio:rate${w}`)
    );
  });

  it('builds the error ratio from bad/total, or from 1 − good/total, with the window in place of $__window', () => {
    const good = makeCatalogSlo({ query: { good: 'sum(increase(ok[$__window]))', total: 'sum(increase(all[$__window]))' } });
    expect(errorRatioExpr(good, 3_600_000)).toBe('1 - ((sum(increase(ok[1h]))) or on() (0 * (sum(increase(all[1h]))))) / (sum(increase(all[1h])))');
    expect(errorRatioExpr(makeCatalogSlo(), 300_000)).toBe(
      '((sum(increase(http_requests_total{service="data",code=~"5.."}[5m]))) or on() (0 * (sum(increase(http_requests_total{service="data"}[5m]))))) / (sum(increase(http_requests_total{service="data"}[5m])))'
    );
  });

  it('requires the minimum of events in the long window when the SLO sets one (DESIGN.md "Low traffic")', () => {
    const withMin = alert(rulesOf(prometheusRules([makeCatalogSlo({ minEvents: 100 })]).file), 'SLOErrorBudgetBurn', 'page').expr;
    const without = alert(rulesOf(prometheusRules([makeCatalogSlo()]).file), 'SLOErrorBudgetBurn', 'page').expr;
    expect(withMin).toContain('and on() (sum(increase(http_requests_total{service="data"}[1h]))) >= 100');
    expect(without).not.toContain('on()');
  });

  it('carries the alert content of book 6.8.2: endpoint, SLI, SLO, deployment, how far broken, remaining budget, runbook, priority', () => {
    const slo = makeCatalogSlo({ deployment: 'prod-eu', runbookUrl: 'https://runbooks.example.com/data', priority: { level: 2, reason: 'customer data' } });
    const page = alert(rulesOf(prometheusRules([slo], { grafanaUrl: 'http://grafana:3000/' }).file), 'SLOErrorBudgetBurn', 'page');
    const d = page.annotations!.description;
    expect(d).toContain('Endpoint: GET /api/data/{tenant}');
    expect(d).toContain('SLI: availability');
    expect(d).toContain('objective 99.7% (error budget 0.3%)');
    expect(d).toContain('Deployment: prod-eu');
    expect(d).toContain('SLO broken by {{ humanizePercentage $value }}');
    expect(d).toContain('{{ with query `1 - sloledger_slo:error_ratio:rate28d{slo="data/get-data-availability"} / 0.003` }}');
    expect(page.annotations!.runbook_url).toBe('https://runbooks.example.com/data');
    expect(page.annotations!.dashboard_url).toBe('http://grafana:3000/d/sloledger-slo-detail?var-slo=data%2Fget-data-availability');
    expect(page.labels).toMatchObject({ priority: 'P2', deployment: 'prod-eu' });
  });

  it('escapes a catalog text containing {{ so the template still parses', () => {
    const page = alert(rulesOf(prometheusRules([makeCatalogSlo({ endpoint: 'GET /{{weird}}' })]).file), 'SLOErrorBudgetBurn', 'page');
    expect(page.annotations!.description).toContain('Endpoint: GET /{{ "{{" }}weird}}');
  });

  it('uses the alert block of the SLO for the book rule', () => {
    const slo = makeCatalogSlo({ alert: { depletionThresholdPct: 300, windowMs: 30 * 60_000, evaluateEveryMs: 60_000, snoozeMs: 60 * 60_000 } });
    const group = prometheusRules([slo]).file.groups.find((g) => g.name.endsWith('budget depletion'))!;
    expect(group).toMatchObject({ interval: '1m', rules: [{ expr: 'sloledger_slo:error_ratio:rate30m{slo="data/get-data-availability"} / 0.003 > 3', keep_firing_for: '1h' }] });
  });

  it('skips Loki and demo SLOs with the reason, and still writes the Prometheus ones', () => {
    const { file, skipped } = prometheusRules([makeCatalogSlo({ id: 'a/logs', source: { type: 'loki' } }), makeCatalogSlo({ id: 'b/demo', source: { type: 'demo' } }), makeCatalogSlo()]);
    expect(skipped.map((s) => s.slo)).toEqual(['a/logs', 'b/demo']);
    expect(skipped[0].reason).toContain('use --format grafana');
    expect(file.groups.map((g) => g.name)).toEqual([
      'sloledger data/get-data-availability',
      'sloledger data/get-data-availability budget depletion',
      'sloledger data/get-data-availability period',
    ]);
  });

  it('can write only one preset', () => {
    const book = rulesOf(prometheusRules([makeCatalogSlo()], { presets: ['book'] }).file);
    expect(book.filter((r) => r.alert).map((r) => r.alert)).toEqual(['SLOErrorBudgetDepletion']);
    expect(book.filter((r) => r.record).map((r) => r.record)).toEqual(['sloledger_slo:error_ratio:rate1h', 'sloledger_slo:error_ratio:rate28d']);
  });

  it.each([
    [300_000, '5m'],
    [86_400_000, '1d'],
    [28 * DAY, '28d'],
    [90 * 60_000, '90m'],
    [45_000, '45s'],
  ])('writes %d ms as the PromQL duration %s', (ms, text) => {
    expect(promDuration(ms)).toBe(text);
  });
});
