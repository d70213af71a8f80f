/**
 * The 4w shapes of the 35-day history (tests/node/realPrometheus35d.test.ts):
 * two more services on the same counter, placed relative to 4w calendar
 * periods (./isoFourWeeks) so every run sees the same shapes whatever the date.
 *
 * - `closed`: the last 4w period closed at "end"; both services have a 6-hour
 *   incident 20 days into it, so its period-end budget is not just background.
 * - `open` and `nowMs`: a 4w period seen from 10 days after its start, the
 *   "now" of the open-period projections. It is the current period at "end" when
 *   that is at least 10 days old, else the one before (then `open` = `closed`,
 *   whose later part the projections never read).
 *   · `burning4w` spent about half its budget in an 11-hour incident on day 3 and
 *     burns at 4 over the last 3 hours: 46 % left (57 % of a five-week period), and
 *     at that pace gone in ≈ 0.46 · 28 d / 4 = 3.2 days, well before the period
 *     ends 18 (or 25) days later; priority 3 by book table 9.5 either way.
 *   · `calm4w` had a 3-hour incident on day 2 (≈ 9 % of the budget) and burns at
 *     the background 0.1: exhaustion ≈ 245 days away, after the period ends.
 */
import { PeriodInterval } from '../../../src/core/model/model';
import { fourWeekPeriodHolding } from './isoFourWeeks';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** How far into the open period its "now" is: long past the first day, when a young period borrows the previous total. */
export const OPEN_ELAPSED_MS = 10 * DAY;
export const FOUR_WEEK_SERVICES = ['burning4w', 'calm4w'] as const;
export type FourWeekService = (typeof FOUR_WEEK_SERVICES)[number];

export interface FourWeekIncident {
  name: string;
  startMs: number;
  endMs: number;
  badPerMinute: number;
}

export interface FourWeekPlan {
  closed: PeriodInterval;
  open: PeriodInterval;
  nowMs: number;
  incidents: Record<FourWeekService, FourWeekIncident[]>;
}

export function fourWeekPlan(endMs: number): FourWeekPlan {
  const current = fourWeekPeriodHolding(endMs);
  const closed = fourWeekPeriodHolding(current.startMs - 1);
  const open = current.startMs + OPEN_ELAPSED_MS <= endMs ? current : closed;
  const nowMs = open.startMs + OPEN_ELAPSED_MS;
  const closedIncident = (badPerMinute: number): FourWeekIncident => ({ name: 'closed-period incident', startMs: closed.startMs + 20 * DAY, endMs: closed.startMs + 20 * DAY + 6 * HOUR, badPerMinute });
  return {
    closed,
    open,
    nowMs,
    incidents: {
      burning4w: [
        // a sample at t counts the minute ending at t: (now − 3 h, now]
        { name: 'current burn', startMs: nowMs - 3 * HOUR + 60_000, endMs: nowMs + 60_000, badPerMinute: 40 },
        { name: 'big incident', startMs: open.startMs + 3 * DAY, endMs: open.startMs + 3 * DAY + 11 * HOUR, badPerMinute: 300 },
        closedIncident(100),
      ],
      calm4w: [{ name: 'early incident', startMs: open.startMs + 2 * DAY, endMs: open.startMs + 2 * DAY + 3 * HOUR, badPerMinute: 200 }, closedIncident(60)],
    },
  };
}
