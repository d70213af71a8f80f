/**
 * An SLO's `good`/`bad`/`total` expressions and its `source`, as both an
 * explicit SLO (./native) and a service's default SLO (./serviceDefaults)
 * write them. Query text has one owner (STYLE habit 5): every expression must
 * carry the `$__window` placeholder the query plan fills in.
 */
import { isMap, isScalar } from 'yaml';
import { Slo, SourceRef } from '../model/model';
import { IssueSink } from './issues';
import { child, MapNode, readString, warnUnknownKeys } from './yamlRead';

export function readQuery(node: MapNode, path: string, sink: IssueSink): Slo['query'] | undefined {
  const good = readString(node, 'good', path, sink, false);
  const bad = readString(node, 'bad', path, sink, false);
  const total = readString(node, 'total', path, sink, true);
  let ok = total !== undefined;
  if (good && bad) {
    sink.error(child(node, 'bad'), `${path}.bad`, 'give either good or bad together with total, not both');
    ok = false;
  } else if (!good && !bad) {
    sink.error(node, `${path}.good`, 'required: a good (or bad) events expression together with total');
    ok = false;
  }
  for (const [key, expr] of [['good', good], ['bad', bad], ['total', total]] as const) {
    if (expr !== undefined && !expr.includes('$__window')) {
      sink.error(child(node, key), `${path}.${key}`, 'must contain the $__window placeholder, e.g. sum(increase(http_requests_total[$__window]))');
      ok = false;
    }
  }
  return ok ? { good, bad, total: total! } : undefined;
}

export function readSource(node: MapNode, path: string, sink: IssueSink): SourceRef | undefined {
  const raw = child(node, 'source');
  const allowed = 'prometheus, loki or demo (optionally {type: prometheus, name: <connection>})';
  if (raw === undefined) {
    return { type: 'prometheus' };
  }
  if (isScalar(raw)) {
    const type = String(raw.value);
    if (type === 'prometheus' || type === 'loki' || type === 'demo') {
      return { type };
    }
    sink.error(raw, `${path}.source`, `"${type}" is not a source: use ${allowed}`);
    return undefined;
  }
  if (isMap(raw)) {
    const map = raw as MapNode;
    const type = readString(map, 'type', `${path}.source`, sink, true);
    if (type !== 'prometheus' && type !== 'loki' && type !== 'demo') {
      sink.error(raw, `${path}.source.type`, `use ${allowed}`);
      return undefined;
    }
    warnUnknownKeys(map, ['type', 'name'], `${path}.source`, sink);
    return { type, name: readString(map, 'name', `${path}.source`, sink, false) };
  }
  sink.error(raw, `${path}.source`, `use ${allowed}`);
  return undefined;
}
