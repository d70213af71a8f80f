/**
 * Grafana-managed alert rules as a file-provisioning document
 * (`provisioning/alerting/*.yaml`, apiVersion 1), built from the SLO Ledger
 * datasource's `burnrate` and `budget` queries, so they work for every
 * source (Prometheus, Loki, demo) with the datasource's own math.
 *
 * Each rule selects exactly one SLO: Grafana's math expressions join two
 * results by labels, and the burn-rate series of two windows differ in their
 * `window` label; with one series on each side Grafana combines them
 * regardless (docs/alerting.md). Rule labels carry the SLO's identity.
 *
 * Optional per-team contact points and notification policies route alerts by
 * the owning team (book 7.5.1: "#team-1-slo-breaches"); a nested route per
 * snooze value repeats notifications no sooner than the snooze (book 9.2.11).
 */
import { BOOK_ALERT_DEFAULTS, bookRuleBurnThreshold, multiwindowThresholds, nominalPeriodMs } from './thresholds';
import { formatDuration } from '../periods/duration';
import { BookAlertSpec, DurationMs, Slo } from '../model/model';
import { alertAnnotations, alertLabels, goTemplateLiteral, sloDashboardUrl } from './alertContent';
import { GeneratedRules } from './prometheusRules';
import { promDuration } from './promql';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The burn-rate windows the datasource's `burnrate` query offers (README "query types"). */
export const DATASOURCE_BURN_WINDOWS: Readonly<Record<string, DurationMs>> = Object.freeze({
  '5m': 5 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '6h': 6 * HOUR,
  '24h': DAY,
  '3d': 3 * DAY,
});

const EXPR = { type: '__expr__', uid: '__expr__' };

export interface GrafanaQuery {
  refId: string;
  queryType?: string;
  relativeTimeRange: { from: number; to: number };
  datasourceUid: string;
  model: Record<string, unknown>;
}

export interface GrafanaRule {
  uid: string;
  title: string;
  condition: string;
  data: GrafanaQuery[];
  noDataState: 'OK' | 'NoData' | 'Alerting' | 'KeepLast';
  execErrState: 'OK' | 'Error' | 'Alerting' | 'KeepLast';
  for: string;
  keepFiringFor?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  isPaused: boolean;
}

export interface GrafanaRuleGroup {
  orgId: number;
  name: string;
  folder: string;
  interval: string;
  rules: GrafanaRule[];
}

export interface GrafanaContactPoint {
  orgId: number;
  name: string;
  receivers: Array<{ uid: string; type: 'webhook'; settings: { url: string } }>;
}

export interface GrafanaRoute {
  receiver?: string;
  object_matchers?: string[][];
  group_by?: string[];
  repeat_interval?: string;
  routes?: GrafanaRoute[];
}

export interface GrafanaAlertingFile {
  apiVersion: 1;
  groups: GrafanaRuleGroup[];
  contactPoints?: GrafanaContactPoint[];
  policies?: Array<GrafanaRoute & { orgId: number; receiver: string }>;
}

export interface GrafanaRuleOptions {
  /** uid of the provisioned SLO Ledger datasource. */
  datasourceUid: string;
  /** Folder title the rules go to. */
  folder: string;
  orgId?: number;
  presets?: ReadonlyArray<'multiwindow' | 'book'>;
  grafanaUrl?: string;
  /** Per-team webhook contact points: `{team}` in the URL is replaced by the team name. */
  teamWebhook?: string;
}

/** A rule uid Grafana accepts (≤ 40 of [A-Za-z0-9_-]), stable for an SLO and rule kind. */
export function ruleUid(sloId: string, kind: string): string {
  let h = 2166136261;
  for (const ch of `${sloId}|${kind}`) {
    h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  }
  const hash = h.toString(36).padStart(7, '0');
  const slug = sloId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `slo-${kind}-${slug}`.slice(0, 40 - hash.length - 1) + '-' + hash;
}

function windowKey(ms: DurationMs): string | undefined {
  return Object.keys(DATASOURCE_BURN_WINDOWS).find((k) => DATASOURCE_BURN_WINDOWS[k] === ms);
}

function datasourceQuery(refId: string, uid: string, slo: Slo, model: Record<string, unknown>): GrafanaQuery {
  return {
    refId,
    queryType: String(model.queryType),
    relativeTimeRange: { from: 600, to: 0 },
    datasourceUid: uid,
    model: { refId, datasource: { type: 'sloledger-datasource', uid }, slos: [slo.id], intervalMs: 60_000, maxDataPoints: 43_200, ...model },
  };
}

const reduceLast = (refId: string, of: string): GrafanaQuery => ({
  refId,
  relativeTimeRange: { from: 0, to: 0 },
  datasourceUid: '__expr__',
  model: { refId, type: 'reduce', expression: of, reducer: 'last', settings: { mode: 'dropNN' }, datasource: EXPR },
});

const math = (refId: string, expression: string): GrafanaQuery => ({
  refId,
  relativeTimeRange: { from: 0, to: 0 },
  datasourceUid: '__expr__',
  model: { refId, type: 'math', expression, datasource: EXPR },
});

/** Queries for burn over `windows` (reduced to their last value as `last_<w>`) and the remaining budget (`remaining`). */
function burnAndBudgetQueries(slo: Slo, uid: string, windows: string[]): GrafanaQuery[] {
  return [
    ...windows.map((w) => datasourceQuery(`burn_${w}`, uid, slo, { queryType: 'burnrate', window: w })),
    datasourceQuery('budget', uid, slo, { queryType: 'budget' }),
    ...windows.map((w) => reduceLast(`last_${w}`, `burn_${w}`)),
    reduceLast('remaining', 'budget'),
  ];
}

const live = (burnRef: string) => ({
  burn: `{{ with $values.${burnRef} }}{{ printf "%.1f" .Value }}{{ end }}`,
  brokenBy: `{{ with $values.${burnRef} }}{{ humanizePercentage .Value }}{{ end }}`,
  remaining: '{{ with $values.remaining }}{{ humanizePercentage .Value }}{{ else }}unknown{{ end }}',
});

export function grafanaAlertRules(slos: readonly Slo[], options: GrafanaRuleOptions): GeneratedRules<GrafanaAlertingFile> {
  const orgId = options.orgId ?? 1;
  const presets = options.presets ?? ['multiwindow', 'book'];
  const groups = new Map<string, GrafanaRuleGroup>();
  const skipped: GeneratedRules<GrafanaAlertingFile>['skipped'] = [];
  const group = (name: string, interval: string) => {
    if (!groups.has(name)) {
      groups.set(name, { orgId, name, folder: options.folder, interval, rules: [] });
    }
    return groups.get(name)!;
  };

  for (const slo of slos) {
    const periodMs = nominalPeriodMs(slo.period);
    const base = {
      noDataState: 'OK' as const, // no data is not an outage; the datasource's health reports missing data
      execErrState: 'Error' as const,
      for: '0s',
      isPaused: false,
    };
    const text = (condition: string, burnRef: string, snoozeMs?: number) =>
      alertAnnotations(slo, {
        literal: goTemplateLiteral,
        live: live(burnRef),
        condition,
        budgetWindow: slo.period.kind === 'rolling' ? `the trailing ${promDuration(periodMs)}` : 'the current period',
        snoozeMs,
        dashboardUrl: sloDashboardUrl(options.grafanaUrl, slo),
      });
    if (presets.includes('multiwindow')) {
      for (const severity of ['page', 'ticket'] as const) {
        const pairs = multiwindowThresholds(periodMs).filter((t) => t.severity === severity);
        const keys = pairs.map((t) => [windowKey(t.longMs)!, windowKey(t.shortMs)!]);
        const expression = keys.map(([l, s], i) => `(\${last_${l}} > ${pairs[i].factor} && \${last_${s}} > ${pairs[i].factor})`).join(' || ');
        const condition = keys.map(([l, s], i) => `burn(${l}) and burn(${s}) > ${pairs[i].factor}`).join(', or ');
        group(`${slo.team} burn rate`, '1m').rules.push({
          uid: ruleUid(slo.id, severity),
          title: `${slo.id} burn rate ${severity}`,
          condition: 'firing',
          data: [...burnAndBudgetQueries(slo, options.datasourceUid, [...new Set(keys.flat())]), math('firing', expression)],
          ...base,
          labels: alertLabels(slo, 'multiwindow', severity),
          annotations: text(`${condition}, period ${promDuration(periodMs)}`, `last_${keys[0][0]}`),
        });
      }
    }
    if (presets.includes('book')) {
      const book: BookAlertSpec = slo.alert ?? BOOK_ALERT_DEFAULTS;
      const w = windowKey(book.windowMs);
      if (w === undefined) {
        skipped.push({ slo: slo.id, reason: `alert.window ${formatDuration(book.windowMs)} is not a burnrate window of the datasource (${Object.keys(DATASOURCE_BURN_WINDOWS).join(', ')})` });
        continue;
      }
      const every = formatDuration(book.evaluateEveryMs);
      group(`${slo.team} budget depletion every ${every}`, every).rules.push({
        uid: ruleUid(slo.id, 'book'),
        title: `${slo.id} budget depletion`,
        condition: 'firing',
        data: [...burnAndBudgetQueries(slo, options.datasourceUid, [w]), math('firing', `\${last_${w}} > ${bookRuleBurnThreshold(book)}`)],
        ...base,
        keepFiringFor: formatDuration(book.snoozeMs),
        labels: alertLabels(slo, 'book', 'page', book.snoozeMs),
        annotations: text(`more than ${book.depletionThresholdPct}% of the ${w} budget spent within ${w}, evaluated every ${every}`, `last_${w}`, book.snoozeMs),
      });
    }
  }
  const file: GrafanaAlertingFile = { apiVersion: 1, groups: [...groups.values()] };
  if (options.teamWebhook) {
    Object.assign(file, teamRouting(slos, orgId, options.teamWebhook));
  }
  return { file, skipped };
}

/** One webhook contact point per team and a policy tree routing by `team`, repeating no sooner than each snooze. */
function teamRouting(slos: readonly Slo[], orgId: number, webhook: string): Pick<GrafanaAlertingFile, 'contactPoints' | 'policies'> {
  const teams = [...new Set(slos.map((s) => s.team))].sort();
  const snoozes = [...new Set(slos.map((s) => (s.alert ?? BOOK_ALERT_DEFAULTS).snoozeMs))].sort((a, b) => a - b);
  const receiver = (team: string) => `${team}-slo-breaches`;
  return {
    contactPoints: teams.map((team) => ({
      orgId,
      name: receiver(team),
      receivers: [{ uid: ruleUid(team, 'team'), type: 'webhook' as const, settings: { url: webhook.split('{team}').join(encodeURIComponent(team)) } }],
    })),
    policies: [
      {
        orgId,
        receiver: 'grafana-default-email',
        group_by: ['grafana_folder', 'alertname'],
        routes: teams.map((team) => ({
          receiver: receiver(team),
          object_matchers: [['team', '=', team]],
          group_by: ['alertname', 'slo', 'severity'],
          routes: snoozes.map((ms) => ({ object_matchers: [['sloledger_snooze', '=', formatDuration(ms)]], repeat_interval: formatDuration(ms) })),
        })),
      },
    ],
  };
}
