/**
 * OpenSLO SLIs (`kind: SLI`, or inline `indicator`) into event-count
 * templates (docs/catalog.md "OpenSLO"): a ratioMetric's good|bad + total, or
 * a thresholdMetric's samples (Prometheus only, each sample an event). A query
 * with `$__window` is used as written; a counter series selector becomes
 * `sum(increase(<selector>[$__window]))`; any other query is read through a
 * subquery, with a warning (write `$__window` for exact counts).
 */
import { isMap, isScalar } from 'yaml';
import { SourceRef } from '../model/model';
import { counterEvents, isSelector } from './foreign';
import { IssueSink } from './issues';
import { DocLookup, Indicator, specOf } from './opensloFields';
import { child, joinPath, MapNode, readString, warnUnknownKeys } from './yamlRead';

/** An SLI's spec (`ratioMetric` or `thresholdMetric`) → its source and queries; undefined (reported) when unreadable. */
export function readSli(spec: MapNode, path: string, sink: IssueSink, docs: DocLookup): Indicator | undefined {
  warnUnknownKeys(spec, ['description', 'ratioMetric', 'thresholdMetric'], path, sink);
  const ratio = child(spec, 'ratioMetric');
  const threshold = child(spec, 'thresholdMetric');
  if ((ratio === undefined) === (threshold === undefined)) {
    sink.error(spec, path, ratio === undefined ? 'required: ratioMetric or thresholdMetric' : 'give ratioMetric or thresholdMetric, not both');
    return undefined;
  }
  if (threshold !== undefined) {
    const metric = readMetricSource(threshold, `${path}.thresholdMetric`, sink, 'samples', docs);
    if (metric && metric.source.type !== 'prometheus') {
      sink.error(threshold, `${path}.thresholdMetric`, 'a thresholdMetric is read from Prometheus sources only (each sample is an event)');
      return undefined;
    }
    return metric && { kind: 'threshold', source: metric.source, query: { total: metric.query } };
  }
  if (!isMap(ratio)) {
    sink.error(ratio, `${path}.ratioMetric`, 'must be a mapping with counter, good or bad, and total');
    return undefined;
  }
  const map = ratio as MapNode;
  const ratioPath = `${path}.ratioMetric`;
  warnUnknownKeys(map, ['counter', 'good', 'bad', 'total', 'raw', 'rawType'], ratioPath, sink);
  if (child(map, 'raw') !== undefined) {
    sink.error(child(map, 'raw'), `${ratioPath}.raw`, 'a precomputed ratio cannot be summed over buckets: give good (or bad) and total event queries');
    return undefined;
  }
  const counterNode = child(map, 'counter');
  const counter = counterNode === undefined || (isScalar(counterNode) && counterNode.value === true) ? 'counter' : 'gauge';
  if (counterNode !== undefined && !(isScalar(counterNode) && typeof counterNode.value === 'boolean')) {
    sink.error(counterNode, `${ratioPath}.counter`, 'must be true (a monotonic counter) or false');
  }
  const hasGood = child(map, 'good') !== undefined;
  const hasBad = child(map, 'bad') !== undefined;
  if (hasGood === hasBad) {
    sink.error(map, `${ratioPath}.${hasGood ? 'bad' : 'good'}`, hasGood ? 'give good or bad together with total, not both' : 'required: good (or bad) together with total');
    return undefined;
  }
  const part = readMetricSource(child(map, hasGood ? 'good' : 'bad'), `${ratioPath}.${hasGood ? 'good' : 'bad'}`, sink, counter, docs);
  const totalNode = child(map, 'total');
  if (totalNode === undefined) {
    sink.error(map, `${ratioPath}.total`, 'required: the total events query');
    return undefined;
  }
  const total = readMetricSource(totalNode, `${ratioPath}.total`, sink, counter, docs);
  if (!part || !total) {
    return undefined;
  }
  if (part.source.type !== total.source.type || part.source.name !== total.source.name) {
    sink.error(totalNode, `${ratioPath}.total`, 'good/bad and total must come from the same data source');
    return undefined;
  }
  const query = hasGood ? { good: part.query, total: total.query } : { bad: part.query, total: total.query };
  return { kind: 'ratio', source: part.source, query };
}

/**
 * `{metricSource: {metricSourceRef?, type?, spec: {query}}}` → a source and
 * an event-count template; `samples` (thresholdMetric) keeps the query as
 * written, to be compared sample by sample.
 */
function readMetricSource(node: unknown, path: string, sink: IssueSink, mode: 'counter' | 'gauge' | 'samples', docs: DocLookup): { source: SourceRef; query: string } | undefined {
  const holder = isMap(node) ? (node as MapNode) : undefined;
  const ms = holder && child(holder, 'metricSource');
  if (!isMap(ms)) {
    sink.error(ms ?? node, `${path}.metricSource`, 'required: metricSource with type (Prometheus or Loki) or metricSourceRef, and spec.query');
    return undefined;
  }
  const map = ms as MapNode;
  const msPath = `${path}.metricSource`;
  warnUnknownKeys(map, ['metricSourceRef', 'type', 'spec'], msPath, sink);
  const ref = readString(map, 'metricSourceRef', msPath, sink, false);
  let type = readString(map, 'type', msPath, sink, false);
  if (ref !== undefined) {
    const ds = docs.find('DataSource', ref);
    if (!ds) {
      sink.error(child(map, 'metricSourceRef'), `${msPath}.metricSourceRef`, `unknown DataSource "${ref}" (declared: ${docs.names('DataSource')})`);
      return undefined;
    }
    type ??= readString(specOf(ds), 'type', joinPath(ds.prefix, 'spec'), ds.sink, true);
  }
  const sourceType = type?.toLowerCase();
  if (sourceType !== 'prometheus' && sourceType !== 'loki') {
    sink.error(child(map, 'type') ?? map, `${msPath}.type`, `${type === undefined ? 'required' : `"${type}" is not read`}: SLO Ledger queries Prometheus-compatible and Loki sources (type: Prometheus or Loki)`);
    return undefined;
  }
  const spec = child(map, 'spec');
  const query = isMap(spec) ? readString(spec as MapNode, 'query', `${msPath}.spec`, sink, true) : undefined;
  if (!isMap(spec)) {
    sink.error(spec ?? map, `${msPath}.spec`, 'required: spec with query');
  }
  if (query === undefined) {
    return undefined;
  }
  const source: SourceRef = { type: sourceType, name: ref };
  const at = child(spec as MapNode, 'query');
  if (query.includes('$__window') || mode === 'samples') {
    return { source, query };
  }
  if (sourceType === 'loki') {
    sink.error(at, `${msPath}.spec.query`, 'a Loki query must contain the $__window placeholder, e.g. sum(count_over_time({app="api"} |= "error" [$__window]))');
    return undefined;
  }
  if (mode === 'counter' && isSelector(query)) {
    return { source, query: counterEvents(query) };
  }
  sink.warning(at, `${msPath}.spec.query`, 'read through a subquery; for exact event counts write the query with $__window, e.g. sum(increase(http_requests_total[$__window]))');
  return { source, query: mode === 'counter' ? `sum(increase((${query})[$__window:]))` : `sum(sum_over_time((${query})[$__window:]))` };
}
