/**
 * Sloth specs (`version: prometheus/v1`, and the Kubernetes form
 * `apiVersion: sloth.slok.dev/v1, kind: PrometheusServiceLevel`), read into
 * the model so Sloth users point the catalog at the files they have.
 *
 * Sloth writes event queries as rates over `{{.window}}`; here each query
 * counts events per bucket, so `{{.window}}` becomes `$__window` and `rate(`
 * becomes `increase(` (the ratio is the same, but counts, minimum events and
 * sums across buckets need events, not events per second; style habit 4).
 * Sloth objectives are percent (99.9), its default SLO period is 30 days.
 * Its alerting section is not read: SLO Ledger derives its own multiwindow
 * burn-rate alerts from the objective (DESIGN.md).
 */
import { isMap } from 'yaml';
import { Origin, Slo } from '../model/model';
import { errorCount, ForeignSlo, percentToRatio, readLabels, rewriteOutsideStrings, thresholdMsFromLe } from './foreign';
import { IssueSink } from './issues';
import { child, joinPath, MapNode, readMapList, readNumber, readString, warnUnknownKeys } from './yamlRead';

export const SLOTH_VERSION = 'prometheus/v1';
export const SLOTH_K8S_API = 'sloth.slok.dev/v1';

const THIRTY_DAYS = 30 * 86_400_000;

/** Key spellings of the two Sloth forms (plain spec: snake_case; Kubernetes CRD: camelCase). */
const KEYS = {
  plain: { error: 'error_query', total: 'total_query', raw: 'error_ratio_query' },
  k8s: { error: 'errorQuery', total: 'totalQuery', raw: 'errorRatioQuery' },
} as const;

const SLO_KEYS = ['name', 'objective', 'description', 'labels', 'sli', 'alerting'] as const;

/**
 * Reads one Sloth document; `prefix` is the path of the spec map inside it
 * ('' for the plain form, 'spec' for the Kubernetes form).
 */
export function readSlothDocument(spec: MapNode, prefix: string, form: 'plain' | 'k8s', file: string, sink: IssueSink, out: ForeignSlo[]): void {
  const origin = (node: unknown, path: string): Origin => ({ file, ...sink.locate(node), path, format: 'sloth/v1' });
  const top = form === 'plain' ? ['version', 'service', 'labels', 'slos'] : ['service', 'labels', 'slos'];
  warnUnknownKeys(spec, top, prefix, sink);
  const service = readString(spec, 'service', prefix, sink, true);
  const labels = readLabels(spec, prefix, sink);
  const slos = readMapList(spec, 'slos', prefix, sink);
  if (slos.length === 0 && child(spec, 'slos') === undefined) {
    sink.error(spec, joinPath(prefix, 'slos'), 'required: a list of SLOs, each with name, objective and sli.events');
  }
  if (!service) {
    return;
  }
  for (const { node, path } of slos) {
    const slo = readSlothSlo(node, path, form, service, labels, sink, origin(node, path));
    if (slo) {
      out.push({ slo, team: slo.labels.team ?? slo.labels.owner });
    }
  }
}

function readSlothSlo(
  node: MapNode,
  path: string,
  form: 'plain' | 'k8s',
  service: string,
  serviceLabels: Record<string, string>,
  sink: IssueSink,
  origin: Origin
): Omit<Slo, 'team'> | undefined {
  const before = errorCount(sink);
  warnUnknownKeys(node, SLO_KEYS, path, sink);
  const name = readString(node, 'name', path, sink, true);
  const objective = readSlothObjective(node, path, sink);
  const labels = { ...serviceLabels, ...readLabels(node, path, sink) };
  const query = readSli(node, path, form, sink);
  if (errorCount(sink) > before || !name || objective === undefined || !query) {
    return undefined;
  }
  // Sloth has no SLI kind: a histogram bucket with `le` in the good/bad query is a latency SLI.
  const thresholdMs = thresholdMsFromLe(query.bad ?? '');
  return {
    id: `${service}/${name}`,
    name,
    service,
    sli: thresholdMs !== undefined ? 'latency' : 'availability',
    objective,
    thresholdMs,
    period: { kind: 'rolling', lengthMs: THIRTY_DAYS },
    budgeting: 'occurrences',
    source: { type: 'prometheus' },
    query,
    minEvents: 0,
    description: readString(node, 'description', path, sink, false),
    labels,
    isDefault: false,
    origin,
  };
}

/** Sloth objectives are percent: 99.9 means 0.999; 100 leaves no budget (book 3.3.3). */
function readSlothObjective(node: MapNode, path: string, sink: IssueSink): number | undefined {
  const value = readNumber(node, 'objective', path, sink);
  if (value === undefined) {
    if (child(node, 'objective') === undefined) {
      sink.error(node, `${path}.objective`, 'required: the objective in percent, e.g. 99.9');
    }
    return undefined;
  }
  if (!(value > 0 && value < 100)) {
    sink.error(child(node, 'objective'), `${path}.objective`, `${value} is not allowed: Sloth objectives are percent above 0 and below 100`);
    return undefined;
  }
  return percentToRatio(value);
}

function readSli(node: MapNode, path: string, form: 'plain' | 'k8s', sink: IssueSink): Slo['query'] | undefined {
  const keys = KEYS[form];
  const sliPath = `${path}.sli`;
  const sli = child(node, 'sli');
  if (!isMap(sli)) {
    sink.error(sli ?? node, sliPath, `required: sli.events with ${keys.error} and ${keys.total}`);
    return undefined;
  }
  const sliMap = sli as MapNode;
  warnUnknownKeys(sliMap, ['events', 'raw', 'plugin'], sliPath, sink);
  if (child(sliMap, 'raw') !== undefined) {
    sink.error(child(sliMap, 'raw'), `${sliPath}.raw`, `a precomputed error ratio cannot be summed over buckets: use events with ${keys.error} and ${keys.total}`);
    return undefined;
  }
  if (child(sliMap, 'plugin') !== undefined) {
    sink.error(child(sliMap, 'plugin'), `${sliPath}.plugin`, `Sloth SLI plugins are not read: write the plugin's queries as events with ${keys.error} and ${keys.total}`);
    return undefined;
  }
  const events = child(sliMap, 'events');
  if (!isMap(events)) {
    sink.error(events ?? sli, `${sliPath}.events`, `required: a mapping with ${keys.error} and ${keys.total}`);
    return undefined;
  }
  const eventsMap = events as MapNode;
  const eventsPath = `${sliPath}.events`;
  warnUnknownKeys(eventsMap, [keys.error, keys.total], eventsPath, sink);
  const error = readWindowQuery(eventsMap, keys.error, eventsPath, sink);
  const total = readWindowQuery(eventsMap, keys.total, eventsPath, sink);
  return error && total ? { bad: error, total } : undefined;
}

/** A Sloth query with `{{.window}}`, as an event-count template with `$__window`. */
function readWindowQuery(map: MapNode, key: string, path: string, sink: IssueSink): string | undefined {
  const text = readString(map, key, path, sink, true);
  if (text === undefined) {
    return undefined;
  }
  if (!/\{\{\s*\.window\s*\}\}/.test(text)) {
    sink.error(child(map, key), joinPath(path, key), 'must contain the {{.window}} placeholder, e.g. sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))');
    return undefined;
  }
  return slothToTemplate(text);
}

/** `sum(rate(x[{{.window}}]))` → `sum(increase(x[$__window]))`; label values are left alone. */
export function slothToTemplate(query: string): string {
  return rewriteOutsideStrings(query, (code) => code.replace(/\{\{\s*\.window\s*\}\}/g, '$$__window').replace(/(^|[^A-Za-z0-9_:])rate\s*\(/g, '$1increase('));
}
