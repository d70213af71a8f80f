/**
 * Per-bucket sums of the demo traffic model (demoTraffic.ts) in time
 * proportional to the buckets, not the minutes. Per-minute counts are rounded,
 * so a closed form of the sine would drift; instead:
 * - traffic repeats every day and depends on the seed only via seed mod 140,
 *   so a prefix sum over one day's 1,440 minutes per class gives Σtotal over
 *   any minute range with two look-ups;
 * - the error ratio is constant between incident edges, so a bucket splits
 *   into the few intervals where the set of running incidents is fixed, and
 *   each interval's Σbad = Σ round(total·ratio) comes from a prefix sum of
 *   that ratio's day.
 * Every term is an integer, so the sums equal the minute-by-minute sums exactly.
 */
import { DEMO_INCIDENTS, MINUTE, MINUTES_PER_DAY, TRAFFIC_CLASSES, errorRatio, incidentOffsetMs, ratioOfIncidents, trafficPerMinute } from './demoTraffic';

export type DemoKind = 'good' | 'bad' | 'total';

/** Prefix sums over one day (index i = Σ of minutes 0..i−1 of the day) for one traffic class. */
interface DayTables {
  readonly total: Float64Array;
  /** Per set of running incidents (bit mask), filled on first use. */
  readonly bad: Array<Float64Array | undefined>;
}

// WHY module-wide: the tables are pure functions of the class; at most 140 × 9 × 1,441 doubles (≈ 15 MB), usually far fewer.
const tablesByClass = new Map<number, DayTables>();

const INCIDENT_MINUTES = DEMO_INCIDENTS.map((incident) => ({ period: incident.periodMs / MINUTE, duration: incident.durationMs / MINUTE }));

/**
 * The count of each bucket k (0-based) of [startMs, endMs) at stepMs: the sum
 * over the round(step / 1 min) whole minutes that end at the bucket's end
 * (floored to the minute), as DemoSource has always answered.
 */
export function demoBucketCounts(kind: DemoKind, seed: number, startMs: number, endMs: number, stepMs: number): Float64Array {
  const n = Math.max(0, Math.floor((endMs - startMs) / stepMs));
  const out = new Float64Array(n);
  const perBucket = Math.max(1, Math.round(stepMs / MINUTE));
  const tables = tablesFor(seed % TRAFFIC_CLASSES);
  const incidents = new IncidentCursor(seed);
  for (let k = 0; k < n; k++) {
    const to = Math.floor((startMs + (k + 1) * stepMs) / MINUTE); // exclusive, in minutes since the epoch
    const from = to - perBucket;
    if (from < 0) {
      out[k] = sumMinuteByMinute(kind, seed, from, to); // before 1970 the day tables' indices do not apply; nothing real asks for it
      continue;
    }
    const total = kind === 'bad' ? 0 : rangeSum(tables.total, from, to);
    const bad = kind === 'total' ? 0 : badOverMinutes(tables, incidents, from, to);
    out[k] = kind === 'total' ? total : kind === 'bad' ? bad : total - bad;
  }
  return out;
}

/**
 * The set of running incidents of one SLO at a minute, and the next minute it
 * changes; consecutive buckets mostly fall inside one interval, so it is
 * recomputed only when a bucket reaches past it (or starts before it).
 */
class IncidentCursor {
  private readonly offset: number;
  private from = Infinity;
  private until = -Infinity;
  mask = 0;

  constructor(seed: number) {
    this.offset = incidentOffsetMs(seed) / MINUTE;
  }

  /** Positions the cursor on minute `at`; returns the first minute after `at` with another set of incidents. */
  seek(at: number): number {
    if (at < this.from || at >= this.until) {
      let mask = 0;
      let next = Infinity;
      for (let i = 0; i < INCIDENT_MINUTES.length; i++) {
        const { period, duration } = INCIDENT_MINUTES[i];
        const phase = (at + this.offset) % period;
        const running = phase < duration;
        if (running) {
          mask |= 1 << i;
        }
        next = Math.min(next, at + (running ? duration - phase : period - phase));
      }
      this.mask = mask;
      this.from = at;
      this.until = next;
    }
    return this.until;
  }
}

/** Σbad over [from, to): split where an incident starts or ends, one prefix look-up per interval. */
function badOverMinutes(tables: DayTables, incidents: IncidentCursor, from: number, to: number): number {
  let bad = 0;
  for (let at = from; at < to; ) {
    const next = Math.min(to, incidents.seek(at));
    bad += rangeSum(badTable(tables, incidents.mask), at, next);
    at = next;
  }
  return bad;
}

/** Σ over minutes [from, to) of a day-periodic series given by its one-day prefix sums. */
function rangeSum(prefix: Float64Array, from: number, to: number): number {
  return untilMinute(prefix, to) - untilMinute(prefix, from);
}

function untilMinute(prefix: Float64Array, minute: number): number {
  const days = Math.floor(minute / MINUTES_PER_DAY);
  return days * prefix[MINUTES_PER_DAY] + prefix[minute - days * MINUTES_PER_DAY];
}

function tablesFor(trafficClass: number): DayTables {
  let tables = tablesByClass.get(trafficClass);
  if (!tables) {
    // the class stands in for the seed: traffic reads the seed only as seed mod 140
    tables = { total: prefixOfDay((i) => trafficPerMinute(i * MINUTE, trafficClass)), bad: new Array(1 << DEMO_INCIDENTS.length) };
    tablesByClass.set(trafficClass, tables);
  }
  return tables;
}

function badTable(tables: DayTables, mask: number): Float64Array {
  let table = tables.bad[mask];
  if (!table) {
    const ratio = ratioOfIncidents(mask);
    const total = tables.total;
    table = prefixOfDay((i) => Math.round((total[i + 1] - total[i]) * ratio));
    tables.bad[mask] = table;
  }
  return table;
}

function prefixOfDay(perMinute: (minuteOfDay: number) => number): Float64Array {
  const prefix = new Float64Array(MINUTES_PER_DAY + 1);
  for (let i = 0; i < MINUTES_PER_DAY; i++) {
    prefix[i + 1] = prefix[i] + perMinute(i);
  }
  return prefix;
}

/** The model itself, minute by minute (only for minutes before 1970). */
function sumMinuteByMinute(kind: DemoKind, seed: number, from: number, to: number): number {
  let sum = 0;
  for (let m = from; m < to; m++) {
    const total = trafficPerMinute(m * MINUTE, seed);
    const bad = Math.round(total * errorRatio(m * MINUTE, seed));
    sum += kind === 'total' ? total : kind === 'bad' ? bad : total - bad;
  }
  return sum;
}
