/**
 * OpenSLO v1 documents (`apiVersion: openslo/v1`): SLO, SLI, Service,
 * DataSource, AlertPolicy and AlertCondition, read into the same model as
 * the native format. Objects refer to each other by name (indicatorRef,
 * metricSourceRef, alertPolicyRef, conditionRef), possibly across files, so
 * documents are collected first and resolved once every file is read.
 *
 * Mapping (docs/catalog.md "OpenSLO"):
 * - ratioMetric good|bad + total → event-count templates. A query with
 *   `$__window` is used as written; a counter series selector becomes
 *   `sum(increase(<selector>[$__window]))`; any other counter query is
 *   wrapped in a subquery (with a warning: write `$__window` for exact counts).
 * - thresholdMetric (Prometheus): every sample is an event, good when it
 *   meets the objective's `op value`; counted with count_over_time.
 * - timeWindow: rolling `28d`, or calendar `1w`, `4w`, `1M`, `1Q` with the
 *   calendar's time zone (periods start on calendar boundaries, book 3.3).
 * - budgetingMethod Occurrences | Timeslices (timeSliceTarget, timeSliceWindow).
 * - one SLO per objective; several objectives get `<name>-<displayName>` names.
 * - an AlertPolicy's burnrate condition becomes the book-style alert: burn
 *   rate r over a lookback of L hours spends r·L·100% of the hourly budget
 *   (book 9.2.11: 200% of the hourly budget within 60 minutes is r = 2, L = 1h).
 * OpenSLO has no team, SLI kind or endpoint: annotations `sloledger.io/team`,
 * `sloledger.io/sli`, `sloledger.io/endpoint`, `sloledger.io/threshold-ms`,
 * `sloledger.io/min-events`, `sloledger.io/runbook-url`,
 * `sloledger.io/priority` (1-5) and `sloledger.io/priority-reason` give them.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { BookAlertSpec, CalendarUnit, Origin, PeriodSpec, SLI_KINDS, SliKind, Slo, SourceRef } from '../model/model';
import { counterEvents, errorCount, ForeignService, ForeignSlo, isSelector, readLabels } from './foreign';
import { IssueSink } from './issues';
import { child, joinPath, MapNode, readMapList, readNumber, readString, warnUnknownKeys } from './yamlRead';

export const OPENSLO_API = 'openslo/v1';
const KINDS = ['SLO', 'SLI', 'Service', 'DataSource', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget'] as const;
type Kind = (typeof KINDS)[number];

const ANNOTATION = 'sloledger.io/';
const DEFAULT_PERIOD: PeriodSpec = { kind: 'rolling', lengthMs: 28 * 86_400_000 };
const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = { m: MINUTE, h: 60 * MINUTE, d: 1440 * MINUTE, w: 10_080 * MINUTE };
const CALENDAR: Record<string, CalendarUnit> = { '1w': 'week', '4w': '4w', '1M': 'month', '1Q': 'quarter' };
const OPS: Record<string, string> = { lte: '<=', gte: '>=', lt: '<', gt: '>' };

/** One OpenSLO document and where it was read. */
interface Doc {
  root: MapNode;
  prefix: string;
  file: string;
  sink: IssueSink;
  name: string;
}

/** Collects OpenSLO documents across files; `resolve` turns them into services and SLOs. */
export class OpenSloDocuments {
  private readonly docs = new Map<Kind, Doc[]>();
  // Named SLIs and alert policies are read once, however many SLOs refer to them: each problem is reported once
  private readonly slis = new Map<string, Indicator | undefined>();
  private readonly policies = new Map<string, BookAlertSpec | undefined>();

  /** Takes one `apiVersion: openslo/v1` document; reports a bad kind or missing name at once. */
  add(root: MapNode, prefix: string, file: string, sink: IssueSink): void {
    const kind = readString(root, 'kind', prefix, sink, true);
    if (kind === undefined) {
      return;
    }
    if (!KINDS.includes(kind as Kind)) {
      sink.error(child(root, 'kind'), joinPath(prefix, 'kind'), `"${kind}" is not an OpenSLO v1 kind (one of ${KINDS.join(', ')})`);
      return;
    }
    warnUnknownKeys(root, ['apiVersion', 'kind', 'metadata', 'spec'], prefix, sink);
    const metadata = child(root, 'metadata');
    const name = isMap(metadata) ? readString(metadata as MapNode, 'name', joinPath(prefix, 'metadata'), sink, true) : undefined;
    if (!isMap(metadata)) {
      sink.error(metadata ?? root, joinPath(prefix, 'metadata'), 'required: metadata with a name');
    }
    if (!isMap(child(root, 'spec'))) {
      sink.error(child(root, 'spec') ?? root, joinPath(prefix, 'spec'), `required: the ${kind} spec (a mapping)`);
      return;
    }
    if (name === undefined) {
      return;
    }
    const list = this.docs.get(kind as Kind) ?? [];
    const first = list.find((d) => d.name === name);
    if (first) {
      sink.error(metadata, joinPath(prefix, 'metadata.name'), `duplicate ${kind} "${name}" (first defined at ${first.file}:${first.sink.locate(first.root).line})`);
      return;
    }
    list.push({ root, prefix, file, sink, name });
    this.docs.set(kind as Kind, list);
  }

  /** Resolves references and converts every SLO; a bad SLO is reported and skipped. */
  resolve(services: ForeignService[], slos: ForeignSlo[]): void {
    for (const doc of this.docs.get('Service') ?? []) {
      const spec = specOf(doc);
      warnUnknownKeys(spec, ['description'], joinPath(doc.prefix, 'spec'), doc.sink);
      services.push({
        name: doc.name,
        team: annotations(doc).team,
        description: readString(spec, 'description', joinPath(doc.prefix, 'spec'), doc.sink, false),
        origin: originOf(doc, doc.root, doc.prefix),
      });
    }
    for (const doc of this.docs.get('SLO') ?? []) {
      slos.push(...this.readSlo(doc));
    }
    // objects no SLO refers to are still checked, so their mistakes show before someone uses them
    for (const doc of this.docs.get('SLI') ?? []) {
      this.namedSli(doc);
    }
    for (const doc of this.docs.get('AlertPolicy') ?? []) {
      this.namedPolicy(doc);
    }
  }

  private namedSli(doc: Doc): Indicator | undefined {
    if (!this.slis.has(doc.name)) {
      this.slis.set(doc.name, this.readSli(specOf(doc), joinPath(doc.prefix, 'spec'), doc.sink));
    }
    return this.slis.get(doc.name);
  }

  private namedPolicy(doc: Doc): BookAlertSpec | undefined {
    if (!this.policies.has(doc.name)) {
      this.policies.set(doc.name, this.readAlertPolicy(specOf(doc), joinPath(doc.prefix, 'spec'), doc.sink));
    }
    return this.policies.get(doc.name);
  }

  private find(kind: Kind, name: string): Doc | undefined {
    return (this.docs.get(kind) ?? []).find((d) => d.name === name);
  }

  private names(kind: Kind): string {
    return (this.docs.get(kind) ?? []).map((d) => d.name).join(', ') || 'none';
  }

  private readSlo(doc: Doc): ForeignSlo[] {
    const { sink } = doc;
    const before = errorCount(sink);
    const spec = specOf(doc);
    const specPath = joinPath(doc.prefix, 'spec');
    warnUnknownKeys(spec, ['description', 'service', 'indicator', 'indicatorRef', 'timeWindow', 'budgetingMethod', 'objectives', 'alertPolicies'], specPath, sink);
    const service = readString(spec, 'service', specPath, sink, true);
    const notes = annotations(doc);
    const indicator = this.indicatorOf(spec, specPath, sink);
    const period = readTimeWindow(spec, specPath, sink);
    const budgeting = readBudgeting(spec, specPath, sink);
    const alert = this.alertOf(spec, specPath, sink);
    const objectives = readMapList(spec, 'objectives', specPath, sink);
    if (objectives.length === 0 && errorCount(sink) === before) {
      sink.error(child(spec, 'objectives') ?? spec, `${specPath}.objectives`, 'required: at least one objective with target (0.995) or targetPercent (99.5)');
    }
    if (indicator?.kind === 'threshold' && objectives.length > 1) {
      sink.error(child(spec, 'objectives'), `${specPath}.objectives`, 'a thresholdMetric SLO takes exactly one objective (OpenSLO v1)');
    }
    const sli = notes.sli ?? 'custom';
    if (!SLI_KINDS.includes(sli as SliKind)) {
      sink.error(doc.root, joinPath(doc.prefix, `metadata.annotations.${ANNOTATION}sli`), `"${sli}" is not an SLI kind (one of ${SLI_KINDS.join(', ')})`);
    }
    const thresholdMs = notes['threshold-ms'] === undefined ? undefined : Number(notes['threshold-ms']);
    if (sli === 'latency' && !(thresholdMs! > 0)) {
      sink.error(doc.root, joinPath(doc.prefix, `metadata.annotations.${ANNOTATION}threshold-ms`), 'a latency SLO needs its threshold in ms, e.g. "400" (book 6.3.3)');
    }
    const minEvents = notes['min-events'] === undefined ? 0 : Number(notes['min-events']);
    const priority = notes.priority === undefined ? undefined : Number(notes.priority);
    if (priority !== undefined && !(Number.isInteger(priority) && priority >= 1 && priority <= 5)) {
      sink.error(doc.root, joinPath(doc.prefix, `metadata.annotations.${ANNOTATION}priority`), 'must be a whole number from 1 (highest) to 5 (book 9.2.4)');
    }
    const parsed = objectives.map((o, index) => ({
      index,
      label: readString(o.node, 'displayName', o.path, sink, false) ?? readString(o.node, 'name', o.path, sink, false),
      ...readObjective(o.node, o.path, budgeting, indicator?.kind, sink),
    }));
    const metadataPath = joinPath(doc.prefix, 'metadata');
    const metadata = child(doc.root, 'metadata') as MapNode;
    const description = readString(spec, 'description', specPath, sink, false) ?? readString(metadata, 'displayName', metadataPath, sink, false);
    const labels = readLabels(metadata, metadataPath, sink);
    if (errorCount(sink) > before || !service || !indicator || !period || !budgeting) {
      return [];
    }
    return parsed.flatMap(({ index, label, target, timeslice, op, value }) => {
      if (target === undefined) {
        return [];
      }
      const objective = objectives[index];
      const name = objectives.length > 1 ? `${doc.name}-${slug(label ?? String(index + 1))}` : doc.name;
      const query = indicator.kind === 'threshold' ? thresholdQuery(indicator.query, op!, value!) : indicator.query;
      const slo: Omit<Slo, 'team'> = {
        id: `${service}/${name}`,
        name,
        service,
        sli: sli as SliKind,
        endpoint: notes.endpoint,
        objective: target,
        thresholdMs,
        period,
        budgeting,
        timeslice,
        source: indicator.source,
        query,
        minEvents: Number.isFinite(minEvents) ? minEvents : 0,
        priority: priority === undefined ? undefined : { level: priority, reason: notes['priority-reason'] },
        description,
        runbookUrl: notes['runbook-url'],
        labels,
        alert,
        isDefault: false,
        origin: originOf(doc, objectives.length > 1 ? objective.node : doc.root, objectives.length > 1 ? objective.path : doc.prefix),
      };
      return [{ slo, team: notes.team }];
    });
  }

  /** The SLI, inline (`indicator`) or by name (`indicatorRef`). */
  private indicatorOf(spec: MapNode, specPath: string, sink: IssueSink): Indicator | undefined {
    const inline = child(spec, 'indicator');
    const ref = readString(spec, 'indicatorRef', specPath, sink, false);
    if ((inline === undefined) === (ref === undefined)) {
      sink.error(spec, `${specPath}.indicator`, inline === undefined ? 'required: indicator (an inline SLI) or indicatorRef (the name of an SLI)' : 'give indicator or indicatorRef, not both');
      return undefined;
    }
    if (ref !== undefined) {
      const sli = this.find('SLI', ref);
      if (!sli) {
        sink.error(child(spec, 'indicatorRef'), `${specPath}.indicatorRef`, `unknown SLI "${ref}" (declared SLIs: ${this.names('SLI')})`);
        return undefined;
      }
      return this.namedSli(sli);
    }
    if (!isMap(inline) || !isMap(child(inline as MapNode, 'spec'))) {
      sink.error(inline, `${specPath}.indicator`, 'must be an SLI: {metadata: {name}, spec: {ratioMetric | thresholdMetric}}');
      return undefined;
    }
    return this.readSli(child(inline as MapNode, 'spec') as MapNode, `${specPath}.indicator.spec`, sink);
  }

  private readSli(spec: MapNode, path: string, sink: IssueSink): Indicator | undefined {
    warnUnknownKeys(spec, ['description', 'ratioMetric', 'thresholdMetric'], path, sink);
    const ratio = child(spec, 'ratioMetric');
    const threshold = child(spec, 'thresholdMetric');
    if ((ratio === undefined) === (threshold === undefined)) {
      sink.error(spec, path, ratio === undefined ? 'required: ratioMetric or thresholdMetric' : 'give ratioMetric or thresholdMetric, not both');
      return undefined;
    }
    if (threshold !== undefined) {
      const metric = this.readMetricSource(threshold, `${path}.thresholdMetric`, sink, 'samples');
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
    const part = this.readMetricSource(child(map, hasGood ? 'good' : 'bad'), `${ratioPath}.${hasGood ? 'good' : 'bad'}`, sink, counter);
    const totalNode = child(map, 'total');
    if (totalNode === undefined) {
      sink.error(map, `${ratioPath}.total`, 'required: the total events query');
      return undefined;
    }
    const total = this.readMetricSource(totalNode, `${ratioPath}.total`, sink, counter);
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
  private readMetricSource(node: unknown, path: string, sink: IssueSink, mode: 'counter' | 'gauge' | 'samples'): { source: SourceRef; query: string } | undefined {
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
      const ds = this.find('DataSource', ref);
      if (!ds) {
        sink.error(child(map, 'metricSourceRef'), `${msPath}.metricSourceRef`, `unknown DataSource "${ref}" (declared: ${this.names('DataSource')})`);
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

  /** The first burnrate condition of the SLO's alert policies, as the book-style alert. */
  private alertOf(spec: MapNode, specPath: string, sink: IssueSink): BookAlertSpec | undefined {
    for (const { node, path } of readMapList(spec, 'alertPolicies', specPath, sink)) {
      const ref = readString(node, 'alertPolicyRef', path, sink, false);
      let alert: BookAlertSpec | undefined;
      if (ref !== undefined) {
        const doc = this.find('AlertPolicy', ref);
        if (!doc) {
          sink.error(child(node, 'alertPolicyRef'), `${path}.alertPolicyRef`, `unknown AlertPolicy "${ref}" (declared: ${this.names('AlertPolicy')})`);
          continue;
        }
        alert = this.namedPolicy(doc);
      } else if (isMap(child(node, 'spec'))) {
        alert = this.readAlertPolicy(child(node, 'spec') as MapNode, `${path}.spec`, sink);
      } else {
        sink.error(node, path, 'must be {alertPolicyRef: <name>} or an inline AlertPolicy with spec');
        continue;
      }
      if (alert) {
        return alert;
      }
    }
    return undefined;
  }

  private readAlertPolicy(spec: MapNode, path: string, sink: IssueSink): BookAlertSpec | undefined {
    warnUnknownKeys(spec, ['description', 'alertWhenNoData', 'alertWhenResolved', 'alertWhenBreaching', 'conditions', 'notificationTargets'], path, sink);
    for (const { node, path: cPath } of readMapList(spec, 'conditions', path, sink)) {
      const ref = readString(node, 'conditionRef', cPath, sink, false);
      let condition: { spec: MapNode; path: string; sink: IssueSink } | undefined;
      if (ref !== undefined) {
        const doc = this.find('AlertCondition', ref);
        if (!doc) {
          sink.error(child(node, 'conditionRef'), `${cPath}.conditionRef`, `unknown AlertCondition "${ref}" (declared: ${this.names('AlertCondition')})`);
          continue;
        }
        condition = { spec: specOf(doc), path: joinPath(doc.prefix, 'spec'), sink: doc.sink };
      } else if (isMap(child(node, 'spec'))) {
        condition = { spec: child(node, 'spec') as MapNode, path: `${cPath}.spec`, sink };
      } else {
        sink.error(node, cPath, 'must be {conditionRef: <name>} or an inline AlertCondition with spec');
        continue;
      }
      const alert = readBurnRateCondition(condition.spec, condition.path, condition.sink);
      if (alert) {
        return alert;
      }
    }
    return undefined;
  }
}

interface Indicator {
  kind: 'ratio' | 'threshold';
  source: SourceRef;
  query: Slo['query'];
}

function specOf(doc: Doc): MapNode {
  return child(doc.root, 'spec') as MapNode;
}

function originOf(doc: Doc, node: unknown, path: string): Origin {
  return { file: doc.file, ...doc.sink.locate(node), path, format: 'openslo/v1' };
}

/** `metadata.annotations` with the `sloledger.io/` prefix, keyed without it. */
function annotations(doc: Doc): Record<string, string> {
  const metadata = child(doc.root, 'metadata') as MapNode;
  const all = readLabels(metadata, joinPath(doc.prefix, 'metadata'), doc.sink, 'annotations');
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(ANNOTATION)).map(([k, v]) => [k.slice(ANNOTATION.length), v]));
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'objective';
}

/** OpenSLO duration shorthand with m, h, d, w → ms (M, Q, Y only name calendar windows). */
function shorthandMs(text: string): number | undefined {
  const m = /^(\d+)([mhdw])$/.exec(text.trim());
  return m && Number(m[1]) > 0 ? Number(m[1]) * UNIT_MS[m[2]] : undefined;
}

function readTimeWindow(spec: MapNode, specPath: string, sink: IssueSink): PeriodSpec | undefined {
  const node = child(spec, 'timeWindow');
  const path = `${specPath}.timeWindow`;
  if (node === undefined) {
    return DEFAULT_PERIOD;
  }
  const windows = readMapList(spec, 'timeWindow', specPath, sink);
  if (!isSeq(node) || windows.length !== 1) {
    sink.error(node, path, 'must be a list of exactly one time window, e.g. [{duration: 28d, isRolling: true}]');
    return undefined;
  }
  const { node: w, path: wPath } = windows[0];
  warnUnknownKeys(w, ['duration', 'isRolling', 'calendar'], wPath, sink);
  const duration = readString(w, 'duration', wPath, sink, true);
  const calendarNode = child(w, 'calendar');
  const rollingNode = child(w, 'isRolling');
  const rolling = isScalar(rollingNode) ? rollingNode.value === true : calendarNode === undefined;
  if (duration === undefined) {
    return undefined;
  }
  if (rolling) {
    const ms = shorthandMs(duration);
    if (ms === undefined) {
      sink.error(child(w, 'duration'), `${wPath}.duration`, `"${duration}" is not a rolling window: use a whole number of m, h, d or w, e.g. 28d`);
    }
    return ms === undefined ? undefined : { kind: 'rolling', lengthMs: ms };
  }
  const unit = CALENDAR[duration];
  if (!unit) {
    sink.error(child(w, 'duration'), `${wPath}.duration`, `"${duration}" is not a calendar window here: use 1w, 4w, 1M or 1Q (book 3.3)`);
    return undefined;
  }
  let timeZone = 'UTC';
  if (isMap(calendarNode)) {
    warnUnknownKeys(calendarNode as MapNode, ['startTime', 'timeZone'], `${wPath}.calendar`, sink);
    timeZone = readString(calendarNode as MapNode, 'timeZone', `${wPath}.calendar`, sink, false) ?? 'UTC';
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      sink.error(child(calendarNode as MapNode, 'timeZone'), `${wPath}.calendar.timeZone`, `unknown IANA time zone "${timeZone}" (e.g. UTC, America/New_York)`);
      return undefined;
    }
  }
  return { kind: 'calendar', unit, timeZone };
}

function readBudgeting(spec: MapNode, specPath: string, sink: IssueSink): Slo['budgeting'] | undefined {
  const text = readString(spec, 'budgetingMethod', specPath, sink, true);
  if (text === 'Occurrences' || text === 'Timeslices') {
    return text === 'Occurrences' ? 'occurrences' : 'timeslices';
  }
  if (text !== undefined) {
    sink.error(child(spec, 'budgetingMethod'), `${specPath}.budgetingMethod`, `"${text}" is not read: use Occurrences or Timeslices`);
  }
  return undefined;
}

interface ObjectiveRead {
  target?: number;
  timeslice?: Slo['timeslice'];
  op?: string;
  value?: number;
}

function readObjective(node: MapNode, path: string, budgeting: Slo['budgeting'] | undefined, kind: Indicator['kind'] | undefined, sink: IssueSink): ObjectiveRead {
  warnUnknownKeys(node, ['displayName', 'name', 'op', 'value', 'target', 'targetPercent', 'timeSliceTarget', 'timeSliceWindow', 'indicator', 'indicatorRef', 'compositeWeight'], path, sink);
  const ratio = readNumber(node, 'target', path, sink);
  const percent = readNumber(node, 'targetPercent', path, sink);
  let target: number | undefined;
  if ((ratio === undefined) === (percent === undefined)) {
    sink.error(node, `${path}.target`, ratio === undefined ? 'required: target (e.g. 0.995) or targetPercent (e.g. 99.5)' : 'give target or targetPercent, not both');
  } else if (ratio !== undefined && !(ratio > 0 && ratio < 1)) {
    sink.error(child(node, 'target'), `${path}.target`, `${ratio} is not allowed: a ratio above 0 and below 1 (book 3.3: a 100% SLO leaves no error budget)`);
  } else if (percent !== undefined && !(percent > 0 && percent < 100)) {
    sink.error(child(node, 'targetPercent'), `${path}.targetPercent`, `${percent} is not allowed: a percentage above 0 and below 100`);
  } else {
    target = ratio ?? Number((percent! / 100).toPrecision(12));
  }
  let timeslice: Slo['timeslice'];
  if (budgeting === 'timeslices') {
    const sliceTarget = readNumber(node, 'timeSliceTarget', path, sink);
    const windowNode = child(node, 'timeSliceWindow');
    // OpenSLO: a bare number of timeSliceWindow is minutes
    const lengthMs = isScalar(windowNode) ? (typeof windowNode.value === 'number' ? windowNode.value * MINUTE : shorthandMs(String(windowNode.value))) : undefined;
    if (sliceTarget === undefined || !(sliceTarget > 0 && sliceTarget <= 1)) {
      sink.error(child(node, 'timeSliceTarget') ?? node, `${path}.timeSliceTarget`, 'Timeslices need timeSliceTarget, a ratio above 0 and at most 1 (a slice is good when its SLI reaches it)');
    }
    if (!(lengthMs! > 0)) {
      sink.error(windowNode ?? node, `${path}.timeSliceWindow`, 'Timeslices need timeSliceWindow, e.g. 5m (a bare number is minutes)');
    }
    if (sliceTarget !== undefined && sliceTarget > 0 && sliceTarget <= 1 && lengthMs! > 0) {
      timeslice = { lengthMs: lengthMs!, target: sliceTarget };
    }
  }
  let op: string | undefined;
  let value: number | undefined;
  if (kind === 'threshold') {
    const opText = readString(node, 'op', path, sink, true);
    op = opText === undefined ? undefined : OPS[opText];
    if (opText !== undefined && op === undefined) {
      sink.error(child(node, 'op'), `${path}.op`, `"${opText}" is not an operator: use lte, gte, lt or gt`);
    }
    value = readNumber(node, 'value', path, sink);
    if (value === undefined && child(node, 'value') === undefined) {
      sink.error(node, `${path}.value`, 'required for a thresholdMetric: the value each sample is compared with');
    }
  }
  return { target, timeslice, op, value };
}

/** thresholdMetric: each sample is an event; good when `<query> op value` holds. */
function thresholdQuery(query: Slo['query'], op: string, value: number): Slo['query'] {
  const q = query.total;
  return { good: `sum(count_over_time((${q} ${op} ${value})[$__window:]))`, total: `sum(count_over_time((${q})[$__window:]))` };
}

function readBurnRateCondition(spec: MapNode, path: string, sink: IssueSink): BookAlertSpec | undefined {
  warnUnknownKeys(spec, ['description', 'severity', 'condition'], path, sink);
  const condition = child(spec, 'condition');
  if (!isMap(condition)) {
    sink.error(condition ?? spec, `${path}.condition`, 'required: {kind: burnrate, threshold, lookbackWindow, alertAfter}');
    return undefined;
  }
  const map = condition as MapNode;
  const cPath = `${path}.condition`;
  warnUnknownKeys(map, ['kind', 'op', 'threshold', 'lookbackWindow', 'alertAfter'], cPath, sink);
  const kind = readString(map, 'kind', cPath, sink, false) ?? 'burnrate';
  if (kind !== 'burnrate') {
    sink.error(child(map, 'kind'), `${cPath}.kind`, `"${kind}" is not an alert condition kind: use burnrate`);
    return undefined;
  }
  const threshold = readNumber(map, 'threshold', cPath, sink);
  const lookback = readString(map, 'lookbackWindow', cPath, sink, true);
  const windowMs = lookback === undefined ? undefined : shorthandMs(lookback);
  if (threshold === undefined || !(threshold > 0)) {
    sink.error(child(map, 'threshold') ?? map, `${cPath}.threshold`, 'required: the burn rate above which to alert, e.g. 2');
  }
  if (lookback !== undefined && windowMs === undefined) {
    sink.error(child(map, 'lookbackWindow'), `${cPath}.lookbackWindow`, `"${lookback}" is not a window: use m, h, d or w, e.g. 1h`);
  }
  if (threshold === undefined || !(threshold > 0) || windowMs === undefined) {
    return undefined;
  }
  // burn rate r over L hours spends r · L hourly budgets (book 9.2.11: 200% within 60 minutes ⇔ r = 2, L = 1h)
  return { depletionThresholdPct: Number((threshold * (windowMs / (60 * MINUTE)) * 100).toPrecision(12)), windowMs, evaluateEveryMs: 5 * MINUTE, snoozeMs: 120 * MINUTE };
}
