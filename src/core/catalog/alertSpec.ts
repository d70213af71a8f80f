/**
 * An SLO's `alert:` block: the book's own rule (book 9.2.11, table 9.10) with
 * its four parameters; anything left out takes the book's value.
 *
 *   alert: { depletionThresholdPct: 200, window: 60m, evaluateEvery: 5m, snooze: 120m }
 */
import { isMap } from 'yaml';
import { BOOK_ALERT_DEFAULTS } from '../alerts/thresholds';
import { parseDuration } from '../periods/duration';
import { BookAlertSpec } from '../model/model';
import { IssueSink } from './issues';
import { child, MapNode, readNumber, readString, warnUnknownKeys } from './yamlRead';

const ALERT_KEYS = ['depletionThresholdPct', 'window', 'evaluateEvery', 'snooze'] as const;

/** Undefined when the SLO has no `alert:` block (the rule generators then use the book's defaults). */
export function readAlertSpec(slo: MapNode, path: string, sink: IssueSink): BookAlertSpec | undefined {
  const node = child(slo, 'alert');
  if (node === undefined) {
    return undefined;
  }
  const where = `${path}.alert`;
  if (!isMap(node)) {
    sink.error(node, where, 'must be a mapping such as {depletionThresholdPct: 200, window: 60m, evaluateEvery: 5m, snooze: 120m} (book table 9.10)');
    return undefined;
  }
  const map = node as MapNode;
  warnUnknownKeys(map, ALERT_KEYS, where, sink);
  const pct = readNumber(map, 'depletionThresholdPct', where, sink) ?? BOOK_ALERT_DEFAULTS.depletionThresholdPct;
  if (!(pct > 0)) {
    sink.error(child(map, 'depletionThresholdPct'), `${where}.depletionThresholdPct`, `must be above 0 (percent of the window's budget; the book uses 200)`);
  }
  const duration = (key: string, fallback: number): number => {
    const text = readString(map, key, where, sink, false);
    if (text === undefined) {
      return fallback;
    }
    try {
      return parseDuration(text);
    } catch (error) {
      sink.error(child(map, key), `${where}.${key}`, (error as Error).message);
      return fallback;
    }
  };
  const spec: BookAlertSpec = {
    depletionThresholdPct: pct,
    windowMs: duration('window', BOOK_ALERT_DEFAULTS.windowMs),
    evaluateEveryMs: duration('evaluateEvery', BOOK_ALERT_DEFAULTS.evaluateEveryMs),
    snoozeMs: duration('snooze', BOOK_ALERT_DEFAULTS.snoozeMs),
  };
  if (spec.evaluateEveryMs > spec.windowMs) {
    sink.warning(child(map, 'evaluateEvery'), `${where}.evaluateEvery`, 'is longer than the window: some depletion is never evaluated');
  }
  return spec;
}
