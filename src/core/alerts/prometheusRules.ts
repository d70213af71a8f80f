/**
 * Prometheus recording and alerting rules for the catalog's Prometheus SLOs
 * (`sloledger rules --format prometheus`; `promtool check rules` passes on it).
 *
 * Per SLO, one group:
 * - recording rules `sloledger_slo:error_ratio:rate<w>` for every window the
 *   alerts read (5m 30m 1h 2h 6h 1d 3d and the book rule's window), from the
 *   SLO's own good/bad and total expressions;
 * - `SLOErrorBudgetBurn` page and ticket alerts, multiwindow multi-burn-rate
 *   with the thresholds of its period length (src/core/alerts/thresholds.ts);
 * - `SLOErrorBudgetDepletion`, the book's rule (book 9.2.11): burn(60m) > 2,
 *   in a group evaluated every 5 minutes, `keep_firing_for` the snooze so a
 *   re-breach within 120 minutes does not notify again (the Alertmanager
 *   route's `repeat_interval` carries the rest of the snooze, docs/alerting.md).
 * And one slower group recording the error ratio over the whole period, for
 * the "remaining error budget" of the alert text.
 *
 * Loki and demo SLOs are skipped here (the Grafana-managed rules cover every
 * source); the caller reports them.
 */
import { BOOK_ALERT_DEFAULTS, bookRuleBurnThreshold, multiwindowThresholds, nominalPeriodMs } from './thresholds';
import { formatDuration } from '../periods/duration';
import { BookAlertSpec, Slo } from '../model/model';
import { alertAnnotations, alertLabels, goTemplateLiteral, sloDashboardUrl } from './alertContent';
import { atWindow, burnExpr, errorRatioExpr, errorRatioRecord, promDuration } from './promql';

const MINUTE = 60_000;

export interface PrometheusRule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface PrometheusRuleGroup {
  name: string;
  interval?: string;
  rules: PrometheusRule[];
}

export interface PrometheusRulesFile {
  groups: PrometheusRuleGroup[];
}

export interface RuleOptions {
  /** Which presets to generate (default both). */
  presets?: ReadonlyArray<'multiwindow' | 'book'>;
  /** Grafana's URL for dashboard links in the alert text. */
  grafanaUrl?: string;
}

export interface GeneratedRules<T> {
  file: T;
  /** SLOs left out, with the reason (one bad SLO never hides the others). */
  skipped: Array<{ slo: string; reason: string }>;
}

/** The identity labels a recorded series carries (the alerts select on `slo`). */
const recordLabels = (slo: Slo) => ({ slo: slo.id, service: slo.service, team: slo.team, sli: slo.sli });

/** A Prometheus template number from the alert's value: burn rate, and the same in percent. */
const PROM_LIVE_BURN = '{{ printf "%.1f" $value }}';
const PROM_LIVE_BROKEN = '{{ humanizePercentage $value }}';

function remainingSnippet(slo: Slo, periodMs: number): string {
  const query = `1 - ${burnExpr(slo, periodMs)}`;
  // backquoted Go template string: the PromQL's own double quotes need no escaping
  return `{{ with query \`${query}\` }}{{ . | first | value | humanizePercentage }}{{ else }}unknown (no data over the period yet){{ end }}`;
}

export function prometheusRules(slos: readonly Slo[], options: RuleOptions = {}): GeneratedRules<PrometheusRulesFile> {
  const presets = options.presets ?? ['multiwindow', 'book'];
  const groups: PrometheusRuleGroup[] = [];
  const skipped: GeneratedRules<PrometheusRulesFile>['skipped'] = [];
  for (const slo of slos) {
    if (slo.source.type !== 'prometheus') {
      skipped.push({ slo: slo.id, reason: `its source is ${slo.source.type}: Prometheus rules cannot query it (use --format grafana)` });
      continue;
    }
    try {
      groups.push(...sloGroups(slo, presets, options));
    } catch (error) {
      skipped.push({ slo: slo.id, reason: (error as Error).message });
    }
  }
  return { file: { groups }, skipped };
}

function sloGroups(slo: Slo, presets: RuleOptions['presets'] & object, options: RuleOptions): PrometheusRuleGroup[] {
  const periodMs = nominalPeriodMs(slo.period);
  const book: BookAlertSpec = slo.alert ?? BOOK_ALERT_DEFAULTS;
  const thresholds = multiwindowThresholds(periodMs);
  const windows = new Set<number>();
  if (presets.includes('multiwindow')) {
    thresholds.forEach((t) => windows.add(t.longMs).add(t.shortMs));
  }
  if (presets.includes('book')) {
    windows.add(book.windowMs);
  }
  const sorted = [...windows].sort((a, b) => a - b);
  const recordings: PrometheusRule[] = sorted.map((w) => ({ record: errorRatioRecord(w), expr: errorRatioExpr(slo, w), labels: recordLabels(slo) }));
  const text = (condition: string, snoozeMs?: number) =>
    alertAnnotations(slo, {
      literal: goTemplateLiteral,
      live: { burn: PROM_LIVE_BURN, brokenBy: PROM_LIVE_BROKEN, remaining: remainingSnippet(slo, periodMs) },
      condition,
      budgetWindow: `the trailing ${promDuration(periodMs)}`,
      snoozeMs,
      dashboardUrl: sloDashboardUrl(options.grafanaUrl, slo),
    });
  // DESIGN.md "Low traffic": burn-rate alerts need the minimum of events in the long window too
  const enough = (longMs: number) => (slo.minEvents > 0 ? ` and on() (${atWindow(slo.query.total, promDuration(longMs))}) >= ${slo.minEvents}` : '');
  const pair = (longMs: number, shortMs: number, factor: number) =>
    `(${burnExpr(slo, longMs)} > ${factor} and ${burnExpr(slo, shortMs)} > ${factor}${enough(longMs)})`;

  const alerts: PrometheusRule[] = [];
  if (presets.includes('multiwindow')) {
    for (const severity of ['page', 'ticket'] as const) {
      const mine = thresholds.filter((t) => t.severity === severity);
      const condition = mine.map((t) => `burn(${promDuration(t.longMs)}) and burn(${promDuration(t.shortMs)}) > ${t.factor}`).join(', or ');
      alerts.push({
        alert: 'SLOErrorBudgetBurn',
        expr: mine.map((t) => pair(t.longMs, t.shortMs, t.factor)).join('\nor\n'),
        labels: alertLabels(slo, 'multiwindow', severity),
        annotations: text(`${condition}, period ${promDuration(periodMs)}`),
      });
    }
  }
  const out: PrometheusRuleGroup[] = [{ name: `sloledger ${slo.id}`, rules: [...recordings, ...alerts] }];
  if (presets.includes('book')) {
    const threshold = bookRuleBurnThreshold(book);
    const w = promDuration(book.windowMs);
    out.push({
      name: `sloledger ${slo.id} budget depletion`,
      interval: promDuration(book.evaluateEveryMs),
      rules: [
        {
          alert: 'SLOErrorBudgetDepletion',
          expr: `${burnExpr(slo, book.windowMs)} > ${threshold}${enough(book.windowMs)}`,
          keep_firing_for: promDuration(book.snoozeMs),
          labels: alertLabels(slo, 'book', 'page', book.snoozeMs),
          annotations: text(`more than ${book.depletionThresholdPct}% of the ${w} budget spent within ${w}, evaluated every ${formatDuration(book.evaluateEveryMs)}`, book.snoozeMs),
        },
      ],
    });
  }
  out.push({
    name: `sloledger ${slo.id} period`,
    interval: promDuration(5 * MINUTE),
    rules: [{ record: errorRatioRecord(periodMs), expr: errorRatioExpr(slo, periodMs), labels: recordLabels(slo) }],
  });
  return out;
}
