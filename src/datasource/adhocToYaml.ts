/**
 * Turns Explore's ad hoc SLO into a native catalog snippet (docs/catalog.md,
 * `apiVersion: sloledger/v1`), so an SLO tried out in Explore becomes a
 * reviewed file in the catalog. Pure; the YAML is written by the `yaml`
 * package, never by string concatenation.
 */
import { Document } from 'yaml';
import type { SliKind } from '../core/model/model';
import type { AdhocSpec } from '../core/contracts/queryModel';

/** Names the ad hoc query does not have; the snippet asks the user to rename them. */
export interface AdhocYamlNames {
  team?: string;
  service?: string;
  name?: string;
  sli?: SliKind;
}

const CALENDAR = ['week', 'month', 'quarter'] as const;

/**
 * The catalog period notation for an ad hoc period: "28d" stays a rolling
 * window; "week" / "month" / "quarter" (or "calendar 4w") become
 * `{calendar: …}` (UTC, the catalog's default time zone). Empty → undefined
 * (catalog default 28d).
 * Anything else is passed through for the catalog validation to report.
 */
export function periodToCatalog(period: string | undefined): string | { calendar: string } | undefined {
  const p = period?.trim();
  if (!p) {
    return undefined;
  }
  if ((CALENDAR as readonly string[]).includes(p)) {
    return { calendar: p };
  }
  const calendar = /^calendar[\s:]+(4w|week|month|quarter)$/.exec(p);
  if (calendar) {
    return { calendar: calendar[1] };
  }
  return p;
}

/**
 * YAML text of one catalog document holding the ad hoc SLO.
 *
 * @example adhocToYaml({ source: 'prometheus', good: 'sum(rate(ok[$__window]))', total: 'sum(rate(all[$__window]))', objective: 99.9 })
 *   → "apiVersion: sloledger/v1\nteams:\n  - name: my-team\nservices: …  objective: 99.9 …"
 */
export function adhocToYaml(spec: AdhocSpec, names: AdhocYamlNames = {}): string {
  const team = names.team?.trim() || 'my-team';
  const service = names.service?.trim() || 'my-service';
  const slo: Record<string, unknown> = {
    name: names.name?.trim() || 'adhoc-slo',
    sli: names.sli ?? 'custom',
    objective: spec.objective,
  };
  const period = periodToCatalog(spec.period);
  if (period !== undefined) {
    slo.period = period;
  }
  slo.source = spec.connection?.trim() ? { type: spec.source, name: spec.connection.trim() } : spec.source;
  const good = spec.good?.trim();
  const bad = spec.bad?.trim();
  if (good) {
    slo.good = good;
  } else if (bad) {
    slo.bad = bad;
  }
  slo.total = spec.total.trim();

  const doc = new Document({
    apiVersion: 'sloledger/v1',
    teams: [{ name: team }],
    services: [{ name: service, team, slos: [slo] }],
  });
  const notes = [' From an Explore ad hoc query: rename team, service and SLO, set sli, then add it to the catalog (docs/catalog.md).'];
  const missing = (['good', 'bad', 'total'] as const).filter((k) => typeof slo[k] === 'string' && !(slo[k] as string).includes('$__window'));
  if (missing.length > 0) {
    notes.push(` Note: ${missing.join(', ')} ${missing.length === 1 ? 'lacks' : 'lack'} the $__window placeholder the catalog requires, e.g. [$__window] as the range.`);
  }
  doc.commentBefore = notes.join('\n');
  return doc.toString({ lineWidth: 0, indentSeq: true });
}
