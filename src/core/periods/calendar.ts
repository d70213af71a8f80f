/**
 * Calendar error budget periods (book 3.3: "a fixed jumping calendar window
 * [...] the error budget is replenished at the beginning of each period").
 *
 * Units: `week` (ISO week, Monday 00:00), `4w` (four ISO weeks counted from
 * ISO week 1 of the year; the last period of a 53-week year is five weeks
 * long, so every ISO year starts a fresh period), `month`, `quarter`. Periods
 * start at local midnight in the period's IANA time zone, so a Europe/Berlin
 * month is 743 or 745 hours long when it contains a DST change — the instants
 * are exact, computed with Intl (no fixed offsets).
 *
 * Rolling periods (`28d`) are the trailing window ending at "now".
 */
import { CalendarUnit, EpochMs, PeriodInterval, PeriodSpec } from '../model/model';

const DAY_MS = 86_400_000;

/** A civil (wall-clock) date: year, month 1-12, day 1-31. */
interface CivilDate {
  y: number;
  m: number;
  d: number;
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian), exact for any year. */
function daysFromCivil({ y, m, d }: CivilDate): number {
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

function civilFromDays(days: number): CivilDate {
  const dt = new Date(days * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** ISO weekday 1 (Monday) .. 7 (Sunday) of a civil date. */
function isoWeekday(days: number): number {
  // 1970-01-01 was a Thursday (4)
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` at instant t: wall clock read as UTC minus t (ms). */
function zoneOffsetMs(t: EpochMs, timeZone: string): number {
  if (timeZone === 'UTC') {
    return 0; // WHY: the default zone; formatToParts costs microseconds and UTC never has an offset
  }
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) {
    if (p.type !== 'literal') {
      parts[p.type] = Number(p.value);
    }
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(t / 1000) * 1000;
}

/** The local civil date of instant t in `timeZone`. */
export function localDate(t: EpochMs, timeZone: string): CivilDate {
  return civilFromDays(Math.floor((t + zoneOffsetMs(t, timeZone)) / DAY_MS));
}

// WHY a memo: every refresh asks for the same few period boundaries many times per SLO (a pure function of zone and day)
const midnights = new Map<string, Map<number, EpochMs>>();
const MIDNIGHTS_PER_ZONE = 20_000;

/**
 * The instant of local midnight starting civil day `days` in `timeZone`.
 * Two passes settle the offset across a DST change; a midnight that does not
 * exist (a zone that skips 00:00) resolves to the first instant after it.
 */
function localMidnight(days: number, timeZone: string): EpochMs {
  let byDay = midnights.get(timeZone);
  if (!byDay || byDay.size > MIDNIGHTS_PER_ZONE) {
    byDay = new Map();
    midnights.set(timeZone, byDay);
  }
  let t = byDay.get(days);
  if (t === undefined) {
    const wall = days * DAY_MS;
    t = wall - zoneOffsetMs(wall, timeZone);
    t = wall - zoneOffsetMs(t, timeZone);
    byDay.set(days, t);
  }
  return t;
}

/** Monday (in days since epoch) of ISO week 1 of ISO year `y`: the week holding January 4th. */
function isoWeek1Monday(y: number): number {
  const jan4 = daysFromCivil({ y, m: 1, d: 4 });
  return jan4 - (isoWeekday(jan4) - 1);
}

/** ISO week-year and week number of a civil day. */
function isoWeekOf(days: number): { year: number; week: number } {
  const y = civilFromDays(days).y;
  for (const year of [y + 1, y, y - 1]) {
    const w1 = isoWeek1Monday(year);
    if (days >= w1) {
      return { year, week: Math.floor((days - w1) / 7) + 1 };
    }
  }
  /* istanbul ignore next: a day is always on or after week 1 of its year - 1 */
  return { year: y - 1, week: 1 };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Start and end (in civil days) plus label of the calendar period holding civil day `days`. */
function calendarDays(unit: CalendarUnit | 'day', days: number): { start: number; end: number; label: string } {
  const c = civilFromDays(days);
  switch (unit) {
    case 'day':
      return { start: days, end: days + 1, label: `${c.y}-${pad(c.m)}-${pad(c.d)}` };
    case 'week': {
      const start = days - (isoWeekday(days) - 1);
      const { year, week } = isoWeekOf(days);
      return { start, end: start + 7, label: `${year}-W${pad(week)}` };
    }
    case '4w': {
      const { year, week } = isoWeekOf(days);
      const block = Math.min(12, Math.floor((week - 1) / 4));
      const start = isoWeek1Monday(year) + block * 28;
      const end = block === 12 ? isoWeek1Monday(year + 1) : start + 28;
      const lastWeek = (end - isoWeek1Monday(year)) / 7;
      return { start, end, label: `${year}-W${pad(block * 4 + 1)}..W${pad(lastWeek)}` };
    }
    case 'month': {
      const start = daysFromCivil({ y: c.y, m: c.m, d: 1 });
      const end = c.m === 12 ? daysFromCivil({ y: c.y + 1, m: 1, d: 1 }) : daysFromCivil({ y: c.y, m: c.m + 1, d: 1 });
      return { start, end, label: `${c.y}-${pad(c.m)}` };
    }
    case 'quarter': {
      const q = Math.floor((c.m - 1) / 3);
      const start = daysFromCivil({ y: c.y, m: q * 3 + 1, d: 1 });
      const end = q === 3 ? daysFromCivil({ y: c.y + 1, m: 1, d: 1 }) : daysFromCivil({ y: c.y, m: q * 3 + 4, d: 1 });
      return { start, end, label: `${c.y}-Q${q + 1}` };
    }
  }
}

/** A calendar period by unit and zone, holding instant t. */
function calendarPeriodAt(unit: CalendarUnit | 'day', timeZone: string, t: EpochMs): PeriodInterval {
  const today = daysFromCivil(localDate(t, timeZone));
  const p = calendarDays(unit, today);
  return { startMs: localMidnight(p.start, timeZone), endMs: localMidnight(p.end, timeZone), label: p.label };
}

/**
 * The error budget period holding instant `t`.
 * Rolling: the trailing window (t − length, t]. Calendar: the jumping period.
 *
 * @example periodAt({ kind: 'calendar', unit: 'month', timeZone: 'UTC' }, Date.UTC(2026, 2, 15))
 *   → { startMs: Date.UTC(2026, 2, 1), endMs: Date.UTC(2026, 3, 1), label: '2026-03' }
 */
export function periodAt(spec: PeriodSpec, t: EpochMs): PeriodInterval {
  if (spec.kind === 'rolling') {
    return { startMs: t - spec.lengthMs, endMs: t, label: `rolling ${Math.round(spec.lengthMs / DAY_MS)}d` };
  }
  return calendarPeriodAt(spec.unit, spec.timeZone, t);
}

/**
 * Consecutive periods overlapping [fromMs, toMs), oldest first. Rolling
 * specs give back-to-back windows of their length ending at `toMs`
 * (the trailing windows a reader of a rolling SLO compares).
 */
export function periodsBetween(spec: PeriodSpec, fromMs: EpochMs, toMs: EpochMs): PeriodInterval[] {
  if (!(toMs > fromMs)) {
    return [];
  }
  if (spec.kind === 'rolling') {
    const out: PeriodInterval[] = [];
    for (let end = toMs; end > fromMs; end -= spec.lengthMs) {
      out.push(periodAt(spec, end));
    }
    return out.reverse();
  }
  const out: PeriodInterval[] = [];
  let p = periodAt(spec, fromMs);
  while (p.startMs < toMs) {
    out.push(p);
    p = periodAt(spec, p.endMs);
  }
  return out;
}

/** Calendar months (in a zone) overlapping [fromMs, toMs): the monthly time scale of adherence (book 11.2.3). */
export function monthsBetween(timeZone: string, fromMs: EpochMs, toMs: EpochMs): PeriodInterval[] {
  return periodsBetween({ kind: 'calendar', unit: 'month', timeZone }, fromMs, toMs);
}

/** Nominal length of a period spec in ms (calendar: the length of the period holding `t`). */
export function periodLengthAt(spec: PeriodSpec, t: EpochMs): number {
  const p = periodAt(spec, t);
  return p.endMs - p.startMs;
}

/**
 * Days left in the current period (book fig. 11.1: "N days left"), rounded up
 * to whole days; rolling periods never end, so they have none (null).
 */
export function daysLeft(spec: PeriodSpec, nowMs: EpochMs): number | null {
  if (spec.kind === 'rolling') {
    return null;
  }
  const p = periodAt(spec, nowMs);
  return Math.ceil((p.endMs - nowMs) / DAY_MS);
}

/** "28d rolling", "4w calendar (Europe/Berlin)", "month calendar". */
export function periodLabel(spec: PeriodSpec): string {
  if (spec.kind === 'rolling') {
    return `${Math.round(spec.lengthMs / DAY_MS)}d rolling`;
  }
  return spec.timeZone === 'UTC' ? `${spec.unit} calendar` : `${spec.unit} calendar (${spec.timeZone})`;
}

/** Time units of the depletion views (book 11.2.4: hourly, daily, weekly, monthly). */
export type TimeUnit = 'hour' | 'day' | 'week' | 'month';

/**
 * Consecutive time units overlapping [fromMs, toMs) in a zone, oldest first.
 * Hours are whole UTC hours (every zone in use shifts by whole hours at most
 * by 30 or 45 minutes, which an hourly view can ignore); days, weeks and
 * months start at local midnight.
 */
export function unitsBetween(unit: TimeUnit, timeZone: string, fromMs: EpochMs, toMs: EpochMs): PeriodInterval[] {
  if (!(toMs > fromMs)) {
    return [];
  }
  if (unit === 'hour') {
    const out: PeriodInterval[] = [];
    for (let t = Math.floor(fromMs / 3_600_000) * 3_600_000; t < toMs; t += 3_600_000) {
      out.push({ startMs: t, endMs: t + 3_600_000, label: new Date(t).toISOString().slice(0, 13) + 'h' });
    }
    return out;
  }
  const out: PeriodInterval[] = [];
  let p = calendarPeriodAt(unit, timeZone, fromMs);
  while (p.startMs < toMs) {
    out.push(p);
    p = calendarPeriodAt(unit, timeZone, p.endMs);
  }
  return out;
}
