/**
 * Native `slas:` and `corrections:` (DESIGN.md "The catalog"):
 * - an SLA (book 11.2.6-11.2.8, ch. 15) aggregates the SLOs it lists by id;
 *   `contractual: true` marks the customer contract, false an endpoint-level SLA;
 * - a correction (maintenance window) is excluded from good, bad and total of
 *   the SLOs or services it names, or of every SLO when it names none.
 */
import { Catalog, Origin, PeriodSpec } from '../model/model';
import { IssueSink } from './issues';
import { readPeriod } from './period';
import { child, MapNode, readMapList, readNumber, readString, readStringList, warnUnknownKeys } from './yamlRead';

const SLA_KEYS = ['id', 'name', 'service', 'contractual', 'objective', 'description', 'components', 'customerLabel', 'period'] as const;
const CORRECTION_KEYS = ['id', 'description', 'start', 'end', 'slos', 'services'] as const;

type OriginOf = (node: unknown, path: string) => Origin;

export function readSlas(root: MapNode, sink: IssueSink, origin: OriginOf, defaultPeriod: PeriodSpec, into: Catalog): void {
  for (const { node, path } of readMapList(root, 'slas', '', sink)) {
    warnUnknownKeys(node, SLA_KEYS, path, sink);
    const name = readString(node, 'name', path, sink, true);
    const objective = readNumber(node, 'objective', path, sink);
    const components = readStringList(node, 'components', path, sink);
    if (objective === undefined && child(node, 'objective') === undefined) {
      sink.error(node, `${path}.objective`, 'required: a percentage such as 99.5 (or the ratio 0.995)');
    }
    const ratio = objective === undefined ? undefined : objective > 1 ? Number((objective / 100).toPrecision(12)) : objective;
    if (ratio !== undefined && !(ratio > 0 && ratio < 1)) {
      sink.error(child(node, 'objective'), `${path}.objective`, `${objective} is not allowed: use a value above 0 and below 100%`);
    }
    if (components.length === 0) {
      sink.error(node, `${path}.components`, 'list the ids of the SLOs this SLA aggregates, e.g. [checkout/orders-availability]');
    }
    const contractualNode = child(node, 'contractual') as { value?: unknown } | undefined;
    if (contractualNode !== undefined && typeof contractualNode.value !== 'boolean') {
      sink.error(contractualNode, `${path}.contractual`, 'must be true (the customer contract) or false (an endpoint-level SLA)');
    }
    if (!name || ratio === undefined || !(ratio > 0 && ratio < 1) || components.length === 0) {
      continue;
    }
    into.slas.push({
      id: readString(node, 'id', path, sink, false) ?? `sla/${name}`,
      name,
      service: readString(node, 'service', path, sink, false),
      contractual: contractualNode?.value === true,
      objective: ratio,
      description: readString(node, 'description', path, sink, false),
      components,
      customerLabel: readString(node, 'customerLabel', path, sink, false),
      period: readPeriod(node, path, sink) ?? defaultPeriod,
      origin: origin(node, path),
    });
  }
}

export function readCorrections(root: MapNode, sink: IssueSink, origin: OriginOf, into: Catalog): void {
  readMapList(root, 'corrections', '', sink).forEach(({ node, path }, index) => {
    warnUnknownKeys(node, CORRECTION_KEYS, path, sink);
    const instant = (key: 'start' | 'end') => {
      const text = readString(node, key, path, sink, true);
      if (text === undefined) {
        return undefined;
      }
      const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
      if (Number.isNaN(ms)) {
        sink.error(child(node, key), `${path}.${key}`, `"${text}" is not an ISO 8601 instant such as 2026-11-21T02:00:00Z`);
        return undefined;
      }
      return ms;
    };
    const startMs = instant('start');
    const endMs = instant('end');
    if (startMs === undefined || endMs === undefined) {
      return;
    }
    if (endMs <= startMs) {
      sink.error(child(node, 'end'), `${path}.end`, 'must be after start');
      return;
    }
    into.corrections.push({
      id: readString(node, 'id', path, sink, false) ?? `correction-${index + 1}`,
      description: readString(node, 'description', path, sink, false) ?? 'maintenance',
      startMs,
      endMs,
      slos: readStringList(node, 'slos', path, sink),
      services: readStringList(node, 'services', path, sink),
      origin: origin(node, path),
    });
  });
}
