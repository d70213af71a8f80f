/**
 * The pieces of OpenSLO documents that need no cross-references: a document's
 * metadata (annotations `sloledger.io/*`, origin), and the fields of an SLO
 * (timeWindow → period, budgetingMethod, objectives with target/targetPercent,
 * Timeslices and thresholds) and of an AlertCondition (burnrate → the book's
 * alert, 9.2.11). ./openslo collects and resolves the documents.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { BookAlertSpec, CalendarUnit, Origin, PeriodSpec, Slo, SourceRef } from '../model/model';
import { readLabels } from './foreign';
import { IssueSink } from './issues';
import { child, joinPath, MapNode, readMapList, readNumber, readString, warnUnknownKeys } from './yamlRead';

export const KINDS = ['SLO', 'SLI', 'Service', 'DataSource', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget'] as const;
export type Kind = (typeof KINDS)[number];

export const ANNOTATION = 'sloledger.io/';
const DEFAULT_PERIOD: PeriodSpec = { kind: 'rolling', lengthMs: 28 * 86_400_000 };
const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = { m: MINUTE, h: 60 * MINUTE, d: 1440 * MINUTE, w: 10_080 * MINUTE };
const CALENDAR: Record<string, CalendarUnit> = { '1w': 'week', '4w': '4w', '1M': 'month', '1Q': 'quarter' };
const OPS: Record<string, string> = { lte: '<=', gte: '>=', lt: '<', gt: '>' };

/** One OpenSLO document and where it was read. */
export interface Doc {
  root: MapNode;
  prefix: string;
  file: string;
  sink: IssueSink;
  name: string;
}

/** Named documents by kind, for references (indicatorRef, metricSourceRef, alertPolicyRef, conditionRef). */
export interface DocLookup {
  find(kind: Kind, name: string): Doc | undefined;
  /** The declared names of a kind, for error messages ("none" when there are none). */
  names(kind: Kind): string;
}

export interface Indicator {
  kind: 'ratio' | 'threshold';
  source: SourceRef;
  query: Slo['query'];
}

export function specOf(doc: Doc): MapNode {
  return child(doc.root, 'spec') as MapNode;
}

export function originOf(doc: Doc, node: unknown, path: string): Origin {
  return { file: doc.file, ...doc.sink.locate(node), path, format: 'openslo/v1' };
}

/** `metadata.annotations` with the `sloledger.io/` prefix, keyed without it. */
export function annotations(doc: Doc): Record<string, string> {
  const metadata = child(doc.root, 'metadata') as MapNode;
  const all = readLabels(metadata, joinPath(doc.prefix, 'metadata'), doc.sink, 'annotations');
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(ANNOTATION)).map(([k, v]) => [k.slice(ANNOTATION.length), v]));
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'objective';
}

/** OpenSLO duration shorthand with m, h, d, w → ms (M, Q, Y only name calendar windows). */
function shorthandMs(text: string): number | undefined {
  const m = /^(\d+)([mhdw])$/.exec(text.trim());
  return m && Number(m[1]) > 0 ? Number(m[1]) * UNIT_MS[m[2]] : undefined;
}

export function readTimeWindow(spec: MapNode, specPath: string, sink: IssueSink): PeriodSpec | undefined {
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

export function readBudgeting(spec: MapNode, specPath: string, sink: IssueSink): Slo['budgeting'] | undefined {
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

export function readObjective(node: MapNode, path: string, budgeting: Slo['budgeting'] | undefined, kind: Indicator['kind'] | undefined, sink: IssueSink): ObjectiveRead {
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
export function thresholdQuery(query: Slo['query'], op: string, value: number): Slo['query'] {
  const q = query.total;
  return { good: `sum(count_over_time((${q} ${op} ${value})[$__window:]))`, total: `sum(count_over_time((${q})[$__window:]))` };
}

export function readBurnRateCondition(spec: MapNode, path: string, sink: IssueSink): BookAlertSpec | undefined {
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
