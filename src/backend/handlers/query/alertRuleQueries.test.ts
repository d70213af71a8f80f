/**
 * The Grafana-managed rules that `sloledger rules --format grafana` writes,
 * answered by the real handlers the way Grafana's alert evaluation asks
 * (FromAlert, the rule's relative time range): each datasource query returns
 * exactly one series with a finite last value — what the rules' reduce and
 * math nodes rely on (one series on each side, docs/alerting.md) — and
 * evaluating the math on those values agrees with src/core/alerts/thresholds.ts.
 */
import { BOOK_ALERT_DEFAULTS, evaluateMultiwindow } from '../../../core/alerts/thresholds';
import { grafanaAlertRules } from '../../../core/alerts/grafanaRules';
import { loadCatalog } from '../../../core/catalog/loadCatalog';
import { Frame } from '../../protocol/frame';
import { DataSourceSettings } from '../../protocol/settings';
import { errorRatio, parseDemoExpression } from '../../sources/demo';
import { createHandlers } from '../index';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 30, 12, 0);
const { seed } = parseDemoExpression('demo_good{slo="accounts-login"}');
/** 40 minutes into the demo's fast outage (≈ 4% errors for 2 h, sources/demo.ts) before NOW. */
const IN_OUTAGE = (() => {
  for (let m = NOW; m > NOW - 10 * 86_400_000; m -= MINUTE) {
    if (errorRatio(m, seed) >= 0.04 && errorRatio(m - MINUTE, seed) < 0.04) {
      return m + 40 * MINUTE;
    }
  }
  throw new Error('no demo outage in the 10 days before NOW');
})();
const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as never;
const context = { orgId: 1, pluginId: 'sloledger-datasource', pluginVersion: '', userAgent: '', apiVersion: '', namespace: '', grafanaConfig: {} };
const signal = new AbortController().signal;

const CATALOG = `
apiVersion: sloledger/v1
teams: [{ name: identity }]
services:
  - name: accounts
    team: identity
    slos:
      - name: login
        sli: availability
        objective: 99.9
        period: 28d
        source: demo
        good: demo_good{slo="accounts-login"}[$__window]
        total: demo_total{slo="accounts-login"}[$__window]
`;

function settings(): DataSourceSettings {
  return { id: 1, uid: 'sloledger', name: 'SLO Ledger', url: '', user: '', database: '', basicAuthEnabled: false, basicAuthUser: '', jsonData: { demo: true, catalogYaml: CATALOG }, decryptedSecureJsonData: {}, lastUpdatedMS: 1, apiVersion: '' };
}

const handlers = createHandlers(logger);
const { catalog } = loadCatalog([{ name: 'c.yaml', text: CATALOG }]);
const rules = grafanaAlertRules(catalog.slos, { datasourceUid: 'sloledger', folder: 'SLO Ledger' }).file.groups.flatMap((g) => g.rules);

/** Runs a rule's datasource queries as Grafana's evaluation would; the last value of each refId's single series. */
async function lastValues(rule: (typeof rules)[number], now = NOW): Promise<Record<string, number>> {
  const queries = rule.data
    .filter((d) => d.datasourceUid === 'sloledger')
    .map((d) => ({
      refId: d.refId,
      queryType: String(d.model.queryType),
      maxDataPoints: Number(d.model.maxDataPoints),
      intervalMs: Number(d.model.intervalMs),
      timeRange: { fromMs: now - d.relativeTimeRange.from * 1000, toMs: now - d.relativeTimeRange.to * 1000 },
      json: d.model,
    }));
  const res = await handlers.queryData({ context, settings: settings(), headers: {}, fromAlert: true, queries }, signal);
  const out: Record<string, number> = {};
  for (const q of queries) {
    const frames: Frame[] = res.get(q.refId)!.frames;
    expect({ refId: q.refId, frames: frames.length, error: res.get(q.refId)!.error }).toEqual({ refId: q.refId, frames: 1, error: undefined });
    const numbers = frames[0].fields.filter((f) => f.type === 'number');
    expect(numbers).toHaveLength(1);
    const values = Array.from(numbers[0].values as ArrayLike<number>).filter((v) => v !== null && Number.isFinite(v));
    expect(values.length).toBeGreaterThan(0);
    out[q.refId] = values[values.length - 1];
  }
  return out;
}

describe('generated Grafana rules against the real handlers', () => {
  it('answer every query of the page, ticket and book rules with one series each', async () => {
    expect(rules.map((r) => r.title)).toEqual(['accounts/login burn rate page', 'accounts/login burn rate ticket', 'accounts/login budget depletion']);
    for (const rule of rules) {
      const values = await lastValues(rule);
      expect(Object.keys(values).sort()).toEqual(rule.data.filter((d) => d.datasourceUid === 'sloledger').map((d) => d.refId).sort());
    }
  });

  it.each([
    ['40 minutes into an outage: page and the book rule fire', IN_OUTAGE, true],
    ['a quiet afternoon: no page', NOW, false],
  ])("fire exactly when src/core/alerts/thresholds.ts says so, from the datasource's burn rates: %s", async (_name, now, pages) => {
    const [page, ticket, book] = rules;
    const burns = { ...(await lastValues(page, now)), ...(await lastValues(ticket, now)), ...(await lastValues(book, now)) };
    const byWindow = (ms: number) => burns[`burn_${{ 300000: '5m', 1800000: '30m', 3600000: '1h', 7200000: '2h', 21600000: '6h', 86400000: '24h', 259200000: '3d' }[ms]}`] ?? null;
    const verdict = evaluateMultiwindow(byWindow, 28 * 86_400_000);
    // the rules' own math, with ${last_<w>} read as the last burn of <w>
    const evaluate = (rule: (typeof rules)[number]) => {
      const expr = String(rule.data.find((d) => d.refId === 'firing')!.model.expression);
      const js = expr.replace(/\$\{last_(\w+)\}/g, (_m, w) => String(burns[`burn_${w}`]));
      expect(js).toMatch(/^[\d.\s()<>&|e+-]+$/); // only numbers and operators left
      // eslint-disable-next-line no-new-func -- evaluating the rule's own arithmetic, checked above
      return Function(`"use strict"; return (${js});`)() as boolean;
    };
    expect(evaluate(page)).toBe(pages);
    expect(evaluate(page)).toBe(verdict.firing.some((f) => f.severity === 'page'));
    expect(evaluate(ticket)).toBe(verdict.firing.some((f) => f.severity === 'ticket'));
    expect(evaluate(book)).toBe(burns.burn_1h > BOOK_ALERT_DEFAULTS.depletionThresholdPct / 100);
    expect(evaluate(book)).toBe(pages || burns.burn_1h > 2);
    expect(burns.budget).toBeLessThanOrEqual(1);
  });
});
