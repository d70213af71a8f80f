import { makeCatalogSlo } from '../testing/sloFactory';
import { GrafanaRule, grafanaAlertRules, ruleUid } from './grafanaRules';

const DAY = 86_400_000;
const options = { datasourceUid: 'sloledger', folder: 'SLO Ledger' };
const rules = (file: ReturnType<typeof grafanaAlertRules>['file']) => file.groups.flatMap((g) => g.rules);
const byRef = (rule: GrafanaRule, refId: string) => rule.data.find((d) => d.refId === refId)!;

describe('Grafana-managed alert rules from the datasource burnrate queries', () => {
  it('pages on 28d when burn(1h) and burn(5m) > 13.44, or burn(6h) and burn(30m) > 5.6', () => {
    const page = rules(grafanaAlertRules([makeCatalogSlo()], options).file).find((r) => r.labels.severity === 'page' && r.labels.sloledger_rule === 'multiwindow')!;
    expect(page.condition).toBe('firing');
    expect(byRef(page, 'firing').model.expression).toBe('(${last_1h} > 13.44 && ${last_5m} > 13.44) || (${last_6h} > 5.6 && ${last_30m} > 5.6)');
    expect(byRef(page, 'burn_1h')).toMatchObject({
      datasourceUid: 'sloledger',
      queryType: 'burnrate',
      model: { queryType: 'burnrate', window: '1h', slos: ['data/get-data-availability'], datasource: { type: 'sloledger-datasource', uid: 'sloledger' } },
    });
    expect(byRef(page, 'last_1h').model).toMatchObject({ type: 'reduce', expression: 'burn_1h', reducer: 'last', settings: { mode: 'dropNN' } });
    expect(byRef(page, 'remaining').model).toMatchObject({ type: 'reduce', expression: 'budget' });
  });

  it('opens tickets on 30d at burn 3 over 24h/2h and burn 1 over 3d/6h', () => {
    const ticket = rules(grafanaAlertRules([makeCatalogSlo({ period: { kind: 'rolling', lengthMs: 30 * DAY } })], options).file).find((r) => r.labels.severity === 'ticket')!;
    expect(byRef(ticket, 'firing').model.expression).toBe('(${last_24h} > 3 && ${last_2h} > 3) || (${last_3d} > 1 && ${last_6h} > 1)');
  });

  it("evaluates the book's rule every 5 minutes in its own group and keeps it firing for the 2h snooze", () => {
    const { file } = grafanaAlertRules([makeCatalogSlo()], options);
    const group = file.groups.find((g) => g.name === 'team-1 budget depletion every 5m')!;
    expect(group.interval).toBe('5m');
    expect(group.rules[0]).toMatchObject({ keepFiringFor: '2h', labels: { sloledger_rule: 'book', sloledger_snooze: '2h' }, annotations: { snooze: '2h' } });
    expect(byRef(group.rules[0], 'firing').model.expression).toBe('${last_1h} > 2');
  });

  it('says how far the SLO is broken and the remaining budget with Grafana template values', () => {
    const page = rules(grafanaAlertRules([makeCatalogSlo()], options).file)[0];
    expect(page.annotations.description).toContain('SLO broken by {{ with $values.last_1h }}{{ humanizePercentage .Value }}{{ end }}');
    expect(page.annotations.description).toContain('Remaining error budget over the trailing 28d: {{ with $values.remaining }}{{ humanizePercentage .Value }}{{ else }}unknown{{ end }}');
  });

  it('skips a book rule whose window the datasource does not offer, naming the windows that exist', () => {
    const slo = makeCatalogSlo({ alert: { depletionThresholdPct: 200, windowMs: 45 * 60_000, evaluateEveryMs: 300_000, snoozeMs: 7_200_000 } });
    const { skipped, file } = grafanaAlertRules([slo], options);
    expect(skipped[0].reason).toContain('alert.window 45m is not a burnrate window of the datasource (5m, 30m, 1h, 2h, 6h, 24h, 3d)');
    expect(rules(file)).toHaveLength(2); // page and ticket still written
  });

  it('covers every source, Loki and demo included', () => {
    const { file, skipped } = grafanaAlertRules([makeCatalogSlo({ id: 'a/logs', source: { type: 'loki' } }), makeCatalogSlo({ id: 'b/demo', source: { type: 'demo' } })], options);
    expect(skipped).toEqual([]);
    expect(rules(file)).toHaveLength(6);
  });

  it('gives every rule a unique uid Grafana accepts (≤ 40 of [A-Za-z0-9_-])', () => {
    const slos = ['checkout/orders-availability', 'checkout/orders-availability@prod-eu', 'a-very-long-service-name/an-even-longer-slo-name-for-testing'].map((id) => makeCatalogSlo({ id }));
    const uids = rules(grafanaAlertRules(slos, options).file).map((r) => r.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const uid of uids) {
      expect(uid).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    }
    expect(ruleUid('x/y', 'page')).toBe(ruleUid('x/y', 'page'));
  });

  it('routes by team to a per-team webhook contact point and repeats no sooner than the snooze (book 7.5.1, 9.2.11)', () => {
    const slos = [makeCatalogSlo(), makeCatalogSlo({ id: 'b/x', team: 'team-2' })];
    const { file } = grafanaAlertRules(slos, { ...options, teamWebhook: 'http://workload:8080/alerts/{team}' });
    expect(file.contactPoints!.map((c) => [c.name, c.receivers[0].settings.url])).toEqual([
      ['team-1-slo-breaches', 'http://workload:8080/alerts/team-1'],
      ['team-2-slo-breaches', 'http://workload:8080/alerts/team-2'],
    ]);
    expect(file.policies![0].routes![0]).toEqual({
      receiver: 'team-1-slo-breaches',
      object_matchers: [['team', '=', 'team-1']],
      group_by: ['alertname', 'slo', 'severity'],
      routes: [{ object_matchers: [['sloledger_snooze', '=', '2h']], repeat_interval: '2h' }],
    });
  });

  it('writes no routing unless a webhook is given (provisioned policies replace the whole tree)', () => {
    const { file } = grafanaAlertRules([makeCatalogSlo()], options);
    expect(file.contactPoints).toBeUndefined();
    expect(file.policies).toBeUndefined();
  });
});
