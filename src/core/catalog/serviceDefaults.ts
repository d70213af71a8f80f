/**
 * A service's default SLOs (book 6.7, table 6.4): at most one per SLI, each a
 * template applied to every discovered endpoint without an explicit SLO for
 * that SLI. The expressions carry `$endpoint` (the endpoint label value goes
 * there, escaped) and `$__window`. Discovery needs the service's
 * `endpointLabel` and `endpointDiscovery` query.
 *
 *   endpointLabel: route
 *   endpointDiscovery: sum by (route) (rate(http_requests_total{service="checkout"}[1h]))
 *   defaults:
 *     - { sli: availability, objective: 90, good: ..., total: ... }        # "90% availability for every endpoint"
 *     - { sli: latency, objective: 80, thresholdMs: 1000, good: ..., total: ... }
 */
import { DefaultSlo, Origin, PeriodSpec, SLI_KINDS, SliKind } from '../model/model';
import { IssueSink } from './issues';
import { readPeriod } from './period';
import { percentToRatio } from './ratio';
import { child, MapNode, readMapList, readNumber, readString, warnUnknownKeys } from './yamlRead';
import { readQuery, readSource } from './sliQuery';

const DEFAULT_KEYS = ['sli', 'objective', 'thresholdMs', 'period', 'source', 'good', 'bad', 'total', 'minEvents'] as const;

type OriginOf = (node: unknown, path: string) => Origin;

export function readServiceDefaults(
  service: MapNode,
  path: string,
  catalogDefaults: { period: PeriodSpec; minEvents: number },
  sink: IssueSink,
  origin: OriginOf
): DefaultSlo[] {
  const out: DefaultSlo[] = [];
  const list = readMapList(service, 'defaults', path, sink);
  if (list.length > 0) {
    for (const key of ['endpointLabel', 'endpointDiscovery']) {
      if (child(service, key) === undefined) {
        sink.error(service, `${path}.${key}`, `required with defaults: ${key === 'endpointLabel' ? 'the label carrying the endpoint, e.g. route' : 'a query returning one series per endpoint, e.g. sum by (route) (rate(http_requests_total{service="checkout"}[1h]))'}`);
      }
    }
  }
  for (const { node, path: at } of list) {
    const before = sink.issues.filter((i) => i.severity === 'error').length;
    warnUnknownKeys(node, DEFAULT_KEYS, at, sink);
    const sli = readString(node, 'sli', at, sink, true);
    if (sli && !SLI_KINDS.includes(sli as SliKind)) {
      sink.error(child(node, 'sli'), `${at}.sli`, `"${sli}" is not an SLI kind (one of ${SLI_KINDS.join(', ')})`);
    }
    if (sli && out.some((d) => d.sli === sli)) {
      sink.error(child(node, 'sli'), `${at}.sli`, `a second default for ${sli}: a service declares one default SLO per SLI (book 6.7)`);
    }
    const value = readNumber(node, 'objective', at, sink);
    const objective = value === undefined ? undefined : percentToRatio(value);
    if (value === undefined && child(node, 'objective') === undefined) {
      sink.error(node, `${at}.objective`, 'required: a percentage such as 90 (book table 6.4: "90% availability for every endpoint")');
    } else if (objective !== undefined && !(objective > 0 && objective < 1)) {
      sink.error(child(node, 'objective'), `${at}.objective`, `${value} is not allowed: use a value above 0 and below 100%`);
    }
    const thresholdMs = readNumber(node, 'thresholdMs', at, sink);
    if (sli === 'latency' && thresholdMs === undefined) {
      sink.error(node, `${at}.thresholdMs`, 'required for a latency default (book table 6.4: "1,000 ms latency in 80% of the cases")');
    }
    const query = readQuery(node, at, sink);
    for (const key of ['good', 'bad', 'total'] as const) {
      const expr = query?.[key];
      if (expr !== undefined && !expr.includes('$endpoint')) {
        sink.error(child(node, key), `${at}.${key}`, 'must contain $endpoint where the endpoint label value goes, e.g. route="$endpoint"');
      }
    }
    const source = readSource(node, at, sink);
    const period = readPeriod(node, at, sink) ?? catalogDefaults.period;
    const minEvents = readNumber(node, 'minEvents', at, sink) ?? catalogDefaults.minEvents;
    const errors = sink.issues.filter((i) => i.severity === 'error').length;
    if (errors > before || !sli || objective === undefined || !query || !source) {
      continue;
    }
    out.push({ sli: sli as SliKind, objective, thresholdMs, query, source, period, minEvents, origin: origin(node, at) });
  }
  return out;
}
