/** Error budget period notation of the catalog (book 3.3: rolling or calendar). */
import { isMap, isScalar } from 'yaml';
import { CalendarUnit, PeriodSpec } from '../model/model';
import { IssueSink } from './issues';
import { child, MapNode } from './yamlRead';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const CALENDAR_UNITS: readonly CalendarUnit[] = ['week', '4w', 'month', 'quarter'];

/** "28d" → 28 days in ms; undefined when not of the form <n><m|h|d|w>. */
export function parseWindow(text: string): number | undefined {
  const m = /^(\d+)([mhdw])$/.exec(text.trim());
  return m && Number(m[1]) > 0 ? Number(m[1]) * UNIT_MS[m[2]] : undefined;
}

/**
 * `period: 28d` (rolling) or `period: { calendar: 4w|month|quarter|week, timeZone: Europe/Berlin }`.
 * Returns undefined (with a located error) when invalid.
 */
export function readPeriod(owner: MapNode, path: string, sink: IssueSink): PeriodSpec | undefined {
  const node = child(owner, 'period');
  if (node === undefined) {
    return undefined;
  }
  const where = `${path}.period`;
  if (isScalar(node)) {
    const ms = parseWindow(String(node.value));
    if (ms === undefined) {
      sink.error(node, where, `"${String(node.value)}" is not a period: use a rolling window like 28d or {calendar: 4w|month|quarter|week}`);
      return undefined;
    }
    return { kind: 'rolling', lengthMs: ms };
  }
  if (isMap(node)) {
    const map = node as MapNode;
    const unit = String((child(map, 'calendar') as { value?: unknown } | undefined)?.value ?? '');
    if (!CALENDAR_UNITS.includes(unit as CalendarUnit)) {
      sink.error(node, `${where}.calendar`, `must be one of ${CALENDAR_UNITS.join(', ')}`);
      return undefined;
    }
    const tzNode = child(map, 'timeZone');
    const timeZone = isScalar(tzNode) ? String(tzNode.value) : 'UTC';
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      sink.error(tzNode, `${where}.timeZone`, `unknown IANA time zone "${timeZone}" (e.g. UTC, Europe/Berlin)`);
      return undefined;
    }
    return { kind: 'calendar', unit: unit as CalendarUnit, timeZone };
  }
  sink.error(node, where, 'must be a rolling window like 28d or {calendar: month}');
  return undefined;
}
