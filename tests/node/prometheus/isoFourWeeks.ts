/**
 * The `4w` calendar period (DESIGN.md: four ISO weeks counted from ISO week 1
 * of the year; book 3.3 "a period of four calendar weeks starting from the
 * first calendar week of a year"), worked out here independently of
 * src/core/periods/calendar so the real-Prometheus suite has its own referee.
 *
 * src/core counts days from the Monday of the week holding January 4th; this
 * file uses the other textbook rule instead: a week belongs to the ISO year
 * of its Thursday, and its number is which Thursday of that year it holds.
 * Weeks 49..52 (or ..53 in a long ISO year) form the year's 13th period, so
 * every ISO year starts a fresh one. UTC only.
 */
import { PeriodInterval } from '../../../src/core/model/model';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** Monday 00:00 UTC of the week holding instant t. */
function mondayOf(t: number): number {
  const day = Math.floor(t / DAY) * DAY;
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return day - sinceMonday * DAY;
}

/** ISO week-year and week number of the week starting on `monday`: by its Thursday. */
export function isoWeekOfMonday(monday: number): { year: number; week: number } {
  const thursday = monday + 3 * DAY;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: Math.floor((thursday - Date.UTC(year, 0, 1)) / WEEK) + 1 };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The 4w period (UTC) holding instant t, with the label src/core gives it ("2026-W49..W53"). */
export function fourWeekPeriodHolding(t: number): PeriodInterval {
  const monday = mondayOf(t);
  const { year, week } = isoWeekOfMonday(monday);
  const block = Math.min(12, Math.floor((week - 1) / 4));
  const startMs = monday - (week - 1 - 4 * block) * WEEK;
  let endMs = startMs + 4 * WEEK;
  if (block === 12) {
    // the last period runs to the first week whose Thursday lies in the next year
    while (isoWeekOfMonday(endMs).year === year) {
      endMs += WEEK;
    }
  }
  return { startMs, endMs, label: `${year}-W${pad(4 * block + 1)}..W${pad(isoWeekOfMonday(endMs - WEEK).week)}` };
}
