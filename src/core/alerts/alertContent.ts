/**
 * What every SLO alert says, whichever engine evaluates it (book 6.8.2):
 * endpoint, SLI, SLO, deployment, how far it is broken, the remaining error
 * budget, the snooze, and a runbook link (S001:53: "Every alert should have a
 * runbook"); labels for routing by team (book 7.5.1) and the SLO's incident
 * priority (book 9.2.4, B:5166). Engines differ only in how they template the
 * live numbers, so the caller passes those as template snippets.
 */
import { formatDuration } from '../periods/duration';
import { Slo } from '../model/model';

export type AlertRuleKind = 'multiwindow' | 'book';

/** Labels of an SLO alert: stable per SLO × deployment (book 9.2.11, deduplication by name). */
export function alertLabels(slo: Slo, kind: AlertRuleKind, severity: string, snoozeMs?: number): Record<string, string> {
  const labels: Record<string, string> = {
    severity,
    team: slo.team,
    service: slo.service,
    slo: slo.id,
    sli: slo.sli,
    sloledger_rule: kind,
  };
  if (slo.endpoint) {
    labels.endpoint = slo.endpoint;
  }
  if (slo.deployment) {
    labels.deployment = slo.deployment;
  }
  if (slo.priority) {
    labels.priority = `P${slo.priority.level}`;
  }
  if (snoozeMs !== undefined) {
    labels.sloledger_snooze = formatDuration(snoozeMs);
  }
  return labels;
}

/** Live numbers as engine-specific template snippets (already escaped for that engine). */
export interface LiveNumbers {
  /** Burn rate that fired, e.g. "14.9". */
  burn: string;
  /** Same as a percentage of the sustainable pace, e.g. "1490%" (book 6.8.2: "SLO broken by 500%"). */
  brokenBy: string;
  /** Remaining error budget of the period, e.g. "63%". */
  remaining: string;
}

export interface AlertText {
  /** Where the static texts are escaped for the engine's template language. */
  literal: (text: string) => string;
  live: LiveNumbers;
  /** e.g. "burn(1h) and burn(5m) > 14.4, or burn(6h) and burn(30m) > 6". */
  condition: string;
  /** e.g. "the trailing 28d". */
  budgetWindow: string;
  snoozeMs?: number;
  dashboardUrl?: string;
}

const pct = (ratio: number) => `${Number((ratio * 100).toPrecision(6))}%`;

/** summary, description, runbook_url, dashboard_url, snooze annotations. */
export function alertAnnotations(slo: Slo, text: AlertText): Record<string, string> {
  const L = text.literal;
  const where = [slo.endpoint, slo.deployment ? `in ${slo.deployment}` : ''].filter(Boolean).join(' ');
  const lines = [
    `Endpoint: ${L(slo.endpoint ?? '(not set)')}`,
    `SLI: ${L(slo.sli)}${slo.thresholdMs !== undefined ? ` (within ${slo.thresholdMs} ms)` : ''}`,
    `SLO: ${L(slo.id)}, objective ${pct(slo.objective)} (error budget ${pct(1 - slo.objective)})`,
    `Deployment: ${L(slo.deployment ?? '(all)')}`,
    `How far broken: errors at ${text.live.burn}x the sustainable rate, SLO broken by ${text.live.brokenBy} (${L(text.condition)})`,
    `Remaining error budget over ${L(text.budgetWindow)}: ${text.live.remaining}`,
  ];
  if (slo.priority) {
    lines.push(`Incident priority: P${slo.priority.level}${slo.priority.reason ? ` (${L(slo.priority.reason)})` : ''}`);
  }
  if (text.snoozeMs !== undefined) {
    lines.push(`Snooze: no new notification for ${formatDuration(text.snoozeMs)} after this one (book 9.2.11)`);
  }
  const annotations: Record<string, string> = {
    summary: `${L(slo.service)}: ${L(slo.sli)} SLO ${L(slo.name)}${where ? ` (${L(where)})` : ''} is burning its error budget at ${text.live.burn}x`,
    description: lines.join('\n'),
    runbook_url: slo.runbookUrl ?? '',
  };
  if (text.dashboardUrl) {
    annotations.dashboard_url = text.dashboardUrl;
  }
  if (text.snoozeMs !== undefined) {
    annotations.snooze = formatDuration(text.snoozeMs);
  }
  if (!slo.runbookUrl) {
    delete annotations.runbook_url;
  }
  return annotations;
}

/** Go templates (Prometheus and Grafana alike) read `{{`; a catalog text containing it is written as a template string. */
export function goTemplateLiteral(text: string): string {
  return text.split('{{').join('{{ "{{" }}');
}

/** A link to the SLO detail dashboard (bundled, uid sloledger-slo-detail) for this SLO. */
export function sloDashboardUrl(grafanaUrl: string | undefined, slo: Slo): string | undefined {
  if (!grafanaUrl) {
    return undefined;
  }
  return `${grafanaUrl.replace(/\/+$/, '')}/d/sloledger-slo-detail?var-slo=${encodeURIComponent(slo.id)}`;
}
