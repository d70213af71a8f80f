/**
 * What the foreign dialects (OpenSLO, Sloth, Pyrra) share once they are read:
 * SLOs whose team may be unknown in the document itself. Sloth and Pyrra have
 * no team, OpenSLO no team and no SLI kind, so those come from annotations or
 * labels, else from the service the native catalog already declares, else
 * the service name stands in for its team (DESIGN.md: the team is the lowest
 * level of aggregation, book 11.3, so every SLO needs one).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { Catalog, Origin, Slo } from '../model/model';
import { IssueSink } from './issues';
import { child, joinPath, MapNode } from './yamlRead';

/** An SLO read from a foreign document, before its owner is settled. */
export interface ForeignSlo {
  slo: Omit<Slo, 'team'>;
  /** The team the document names (annotation or label), if any. */
  team?: string;
}

/** A service a foreign document declares (OpenSLO `kind: Service`). */
export interface ForeignService {
  name: string;
  team?: string;
  description?: string;
  origin: Origin;
}

/**
 * Adds foreign services and SLOs to the catalog after every file is read, so
 * a native file anywhere in the directory can declare the service's team.
 */
export function adoptForeign(services: readonly ForeignService[], slos: readonly ForeignSlo[], into: Catalog): void {
  for (const s of services) {
    ensureService(into, s.name, s.team, s.origin, s.description);
  }
  for (const { slo, team } of slos) {
    const service = ensureService(into, slo.service, team, slo.origin);
    into.slos.push({ ...slo, team: team ?? service.team });
  }
}

function ensureService(into: Catalog, name: string, team: string | undefined, origin: Origin, description?: string) {
  const known = into.services.find((s) => s.name === name);
  if (known) {
    return known;
  }
  const owner = team ?? name;
  if (!into.teams.some((t) => t.name === owner)) {
    into.teams.push({ name: owner, origin });
  }
  const service = { name, team: owner, description, deployments: [], dependencies: [], defaults: [], origin };
  into.services.push(service);
  return service;
}

// Tokens of PromQL that are quoted strings: rewrites never touch label values.
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;

/** Applies `rewrite` to the parts of a PromQL text outside its string literals. */
export function rewriteOutsideStrings(query: string, rewrite: (code: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of query.matchAll(QUOTED)) {
    out += rewrite(query.slice(last, m.index)) + m[0];
    last = m.index! + m[0].length;
  }
  return out + rewrite(query.slice(last));
}

/** A bare series selector such as `http_requests_total{code=~"5.."}` (no function, no operator). */
export function isSelector(query: string): boolean {
  return /^[A-Za-z_:][A-Za-z0-9_:]*\s*(\{.*\})?$/s.test(query.trim()) || /^\{.*\}$/s.test(query.trim());
}

/** Events of a counter selector per bucket: `sum(increase(<selector>[$__window]))`. */
export function counterEvents(selector: string): string {
  return `sum(increase(${selector.trim()}[$__window]))`;
}

/** `le="0.4"` in a histogram bucket selector → 400 ms; undefined when absent or `+Inf`. */
export function thresholdMsFromLe(query: string): number | undefined {
  const m = /\ble\s*=\s*"([^"]+)"/.exec(query);
  const seconds = m ? Number(m[1]) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? Number((seconds * 1000).toPrecision(12)) : undefined;
}

/** Percent (Sloth `objective: 99.9`, Pyrra `target: "99.9"`) → ratio without binary noise. */
export function percentToRatio(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

/**
 * A `labels:` mapping as label name → value. OpenSLO also allows a list of
 * values per label; those are joined with commas.
 */
export function readLabels(map: MapNode, path: string, sink: IssueSink, key = 'labels'): Record<string, string> {
  const node = child(map, key);
  if (node === undefined) {
    return {};
  }
  const where = joinPath(path, key);
  if (!isMap(node)) {
    sink.error(node, where, 'must be a mapping of label names to values');
    return {};
  }
  const labels: Record<string, string> = {};
  for (const pair of (node as MapNode).items) {
    const name = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const value = pair.value;
    if (isScalar(value) && value.value !== null && typeof value.value !== 'object') {
      labels[name] = String(value.value);
    } else if (isSeq(value) && value.items.every(isScalar)) {
      labels[name] = value.items.map((v) => String((v as { value: unknown }).value)).join(',');
    } else {
      sink.error(value ?? pair.key, joinPath(where, name), 'must be a text value (or a list of texts)');
    }
  }
  return labels;
}

export function errorCount(sink: IssueSink): number {
  return sink.issues.reduce((n, i) => n + (i.severity === 'error' ? 1 : 0), 0);
}
