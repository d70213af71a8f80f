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
 *
 * This file collects the documents and resolves their references into SLOs;
 * ./opensloIndicator reads SLIs into queries, ./opensloFields the other fields.
 */
import { isMap } from 'yaml';
import { BookAlertSpec, SLI_KINDS, SliKind, Slo } from '../model/model';
import { errorCount, ForeignService, ForeignSlo, readLabels } from './foreign';
import { IssueSink } from './issues';
import {
  annotations,
  ANNOTATION,
  Doc,
  DocLookup,
  Indicator,
  Kind,
  KINDS,
  originOf,
  readBudgeting,
  readBurnRateCondition,
  readObjective,
  readTimeWindow,
  slug,
  specOf,
  thresholdQuery,
} from './opensloFields';
import { readSli } from './opensloIndicator';
import { child, joinPath, MapNode, readMapList, readString, warnUnknownKeys } from './yamlRead';

export const OPENSLO_API = 'openslo/v1';

/** Collects OpenSLO documents across files; `resolve` turns them into services and SLOs. */
export class OpenSloDocuments implements DocLookup {
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
      this.slis.set(doc.name, readSli(specOf(doc), joinPath(doc.prefix, 'spec'), doc.sink, this));
    }
    return this.slis.get(doc.name);
  }

  private namedPolicy(doc: Doc): BookAlertSpec | undefined {
    if (!this.policies.has(doc.name)) {
      this.policies.set(doc.name, this.readAlertPolicy(specOf(doc), joinPath(doc.prefix, 'spec'), doc.sink));
    }
    return this.policies.get(doc.name);
  }

  find(kind: Kind, name: string): Doc | undefined {
    return (this.docs.get(kind) ?? []).find((d) => d.name === name);
  }

  names(kind: Kind): string {
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
    return readSli(child(inline as MapNode, 'spec') as MapNode, `${specPath}.indicator.spec`, sink, this);
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
