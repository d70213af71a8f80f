/**
 * Pyrra `ServiceLevelObjective` resources (`apiVersion: pyrra.dev/v1alpha1`),
 * read into the model so Pyrra users point the catalog at their files.
 *
 * Pyrra names counter metrics; each becomes an event count per bucket,
 * `sum(increase(<metric>[$__window]))` (style habit 4: sum counts).
 * - ratio: `errors` are the bad events, `total` all events;
 * - latency: `success` is the histogram bucket under the threshold (its `le`
 *   gives thresholdMs), `total` the histogram count;
 * - boolGauge: a 0/1 gauge, each sample an event, good when 1.
 * `target` is percent (a string in Pyrra: "99.9"); `window` the rolling
 * period. Pyrra has no service or team: the labels `pyrra.dev/service` and
 * `pyrra.dev/team` give them (else the namespace, else the SLO name), and
 * other `pyrra.dev/` labels travel with the SLO as Pyrra propagates them.
 */
import { isMap, isScalar } from 'yaml';
import { Origin, Slo } from '../model/model';
import { counterEvents, errorCount, ForeignSlo, isSelector, percentToRatio, readLabels, thresholdMsFromLe } from './foreign';
import { IssueSink } from './issues';
import { parseDuration } from '../periods/duration';
import { child, joinPath, MapNode, readString, readStringList, warnUnknownKeys } from './yamlRead';

export const PYRRA_API = 'pyrra.dev/v1alpha1';
export const PYRRA_KIND = 'ServiceLevelObjective';

const LABEL_PREFIX = 'pyrra.dev/';
const INDICATORS = ['ratio', 'latency', 'boolGauge', 'latencyNative'] as const;

/** Reads one Pyrra resource (already known to be apiVersion pyrra.dev/v1alpha1, kind ServiceLevelObjective). */
export function readPyrraDocument(root: MapNode, prefix: string, file: string, sink: IssueSink, out: ForeignSlo[]): void {
  const at = (key: string) => joinPath(prefix, key);
  warnUnknownKeys(root, ['apiVersion', 'kind', 'metadata', 'spec', 'status'], prefix, sink);
  const metadata = mapAt(root, 'metadata', prefix, sink, 'required: metadata with name (and labels pyrra.dev/service, pyrra.dev/team)');
  const spec = mapAt(root, 'spec', prefix, sink, 'required: spec with target, window and indicator');
  if (!metadata || !spec) {
    return;
  }
  const before = errorCount(sink);
  const name = readString(metadata, 'name', at('metadata'), sink, true);
  const allLabels = readLabels(metadata, at('metadata'), sink);
  const labels = Object.fromEntries(
    Object.entries(allLabels)
      .filter(([k]) => k.startsWith(LABEL_PREFIX) && k !== `${LABEL_PREFIX}service` && k !== `${LABEL_PREFIX}team`)
      .map(([k, v]) => [k.slice(LABEL_PREFIX.length), v])
  );
  const specPath = at('spec');
  warnUnknownKeys(spec, ['target', 'window', 'description', 'indicator', 'alerting', 'serviceLevelIndicator'], specPath, sink);
  const objective = readTarget(spec, specPath, sink);
  const lengthMs = readRollingWindow(spec, specPath, sink);
  const indicator = readIndicator(spec, specPath, sink);
  if (errorCount(sink) > before || !name || objective === undefined || lengthMs === undefined || !indicator) {
    return;
  }
  const service = allLabels[`${LABEL_PREFIX}service`] ?? readString(metadata, 'namespace', at('metadata'), sink, false) ?? name;
  const origin: Origin = { file, ...sink.locate(root), path: prefix, format: 'pyrra/v1alpha1' };
  const slo: Omit<Slo, 'team'> = {
    id: `${service}/${name}`,
    name,
    service,
    sli: indicator.sli,
    objective,
    thresholdMs: indicator.thresholdMs,
    period: { kind: 'rolling', lengthMs },
    budgeting: 'occurrences',
    source: { type: 'prometheus' },
    query: indicator.query,
    minEvents: 0,
    description: readString(spec, 'description', specPath, sink, false),
    labels,
    isDefault: false,
    origin,
  };
  out.push({ slo, team: allLabels[`${LABEL_PREFIX}team`] });
}

function mapAt(owner: MapNode, key: string, path: string, sink: IssueSink, missing: string): MapNode | undefined {
  const node = child(owner, key);
  if (!isMap(node)) {
    sink.error(node ?? owner, joinPath(path, key), node === undefined ? missing : 'must be a mapping');
    return undefined;
  }
  return node as MapNode;
}

/** `target: "99.9"` (percent, a string or a number) → 0.999. */
function readTarget(spec: MapNode, path: string, sink: IssueSink): number | undefined {
  const node = child(spec, 'target');
  const where = `${path}.target`;
  if (node === undefined) {
    sink.error(spec, where, 'required: the objective in percent, e.g. "99.9"');
    return undefined;
  }
  const value = isScalar(node) ? Number(node.value) : NaN;
  if (!(value > 0 && value < 100)) {
    sink.error(node, where, `${JSON.stringify(isScalar(node) ? node.value : null)} is not allowed: a percentage above 0 and below 100, e.g. "99.9"`);
    return undefined;
  }
  return percentToRatio(value);
}

function readRollingWindow(spec: MapNode, path: string, sink: IssueSink): number | undefined {
  const text = readString(spec, 'window', path, sink, true);
  if (text === undefined) {
    return undefined;
  }
  try {
    return parseDuration(text);
  } catch {
    sink.error(child(spec, 'window'), `${path}.window`, `"${text}" is not a window: use units m, h, d or w, e.g. 28d, 4w or 1d12h (no y: a year's length varies)`);
    return undefined;
  }
}

interface Indicator {
  sli: Slo['sli'];
  thresholdMs?: number;
  query: Slo['query'];
}

function readIndicator(spec: MapNode, specPath: string, sink: IssueSink): Indicator | undefined {
  const path = `${specPath}.indicator`;
  const node = mapAt(spec, 'indicator', specPath, sink, `required: an indicator, one of ${INDICATORS.join(', ')}`);
  if (!node) {
    return undefined;
  }
  warnUnknownKeys(node, [...INDICATORS, 'bool_gauge'], path, sink);
  const given = [...INDICATORS, 'bool_gauge'].filter((k) => child(node, k) !== undefined);
  if (given.length !== 1) {
    sink.error(node, path, given.length === 0 ? `give one indicator: ${INDICATORS.join(', ')}` : `give only one indicator (found ${given.join(', ')})`);
    return undefined;
  }
  const kind = given[0];
  const body = mapAt(node, kind, path, sink, '');
  if (!body) {
    return undefined;
  }
  const bodyPath = `${path}.${kind}`;
  if (readStringList(body, 'grouping', bodyPath, sink).length > 0) {
    sink.warning(child(body, 'grouping'), `${bodyPath}.grouping`, 'grouping is not read: the SLO is computed over all series together (write one SLO per group to split it)');
  }
  if (kind === 'latencyNative') {
    sink.error(body, bodyPath, 'native histograms are not read yet: use latency with a classic histogram (success: <name>_bucket{le="..."}, total: <name>_count)');
    return undefined;
  }
  if (kind === 'boolGauge' || kind === 'bool_gauge') {
    warnUnknownKeys(body, ['metric', 'grouping'], bodyPath, sink);
    const metric = readMetric(body, 'metric', bodyPath, sink, false);
    // each sample is an event; a 0/1 gauge sums to its good samples
    return metric ? { sli: 'availability', query: { good: `sum(sum_over_time(${metric}[$__window]))`, total: `sum(count_over_time(${metric}[$__window]))` } } : undefined;
  }
  const numerator = kind === 'ratio' ? 'errors' : 'success';
  warnUnknownKeys(body, [numerator, 'total', 'grouping'], bodyPath, sink);
  const part = readMetric(body, numerator, bodyPath, sink, true);
  const total = readMetric(body, 'total', bodyPath, sink, true);
  if (!part || !total) {
    return undefined;
  }
  if (kind === 'ratio') {
    return { sli: 'availability', query: { bad: counterEvents(part), total: counterEvents(total) } };
  }
  const thresholdMs = thresholdMsFromLe(part);
  if (thresholdMs === undefined) {
    sink.error(child(body, numerator), `${bodyPath}.${numerator}.metric`, 'a latency success metric is a histogram bucket with its threshold, e.g. http_request_duration_seconds_bucket{le="0.4"}');
    return undefined;
  }
  return { sli: 'latency', thresholdMs, query: { good: counterEvents(part), total: counterEvents(total) } };
}

/** `<key>: {metric: <selector>}` (or `metric: <selector>` directly for boolGauge). */
function readMetric(body: MapNode, key: string, path: string, sink: IssueSink, nested: boolean): string | undefined {
  let holder = body;
  let where = path;
  if (nested) {
    const node = mapAt(body, key, path, sink, `required: ${key}: {metric: <series selector>}`);
    if (!node) {
      return undefined;
    }
    warnUnknownKeys(node, ['metric'], `${path}.${key}`, sink);
    holder = node;
    where = `${path}.${key}`;
  }
  const metricKey = nested ? 'metric' : key;
  const metric = readString(holder, metricKey, where, sink, true);
  if (metric !== undefined && !isSelector(metric)) {
    sink.error(child(holder, metricKey), `${where}.${metricKey}`, 'must be a series selector such as http_requests_total{job="api",code=~"5.."} (Pyrra adds the rate itself)');
    return undefined;
  }
  return metric;
}
