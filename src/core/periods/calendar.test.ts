import { daysLeft, periodAt, periodLabel, periodsBetween, unitsBetween } from './calendar';
import { PeriodSpec } from '../model/model';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const cal = (unit: 'week' | '4w' | 'month' | 'quarter', timeZone = 'UTC'): PeriodSpec => ({ kind: 'calendar', unit, timeZone });

describe('calendar periods (book 3.3: fixed jumping windows)', () => {
  it.each([
    ['a UTC month', cal('month'), Date.UTC(2026, 2, 15), Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1), '2026-03'],
    ['a UTC quarter', cal('quarter'), Date.UTC(2026, 4, 20), Date.UTC(2026, 3, 1), Date.UTC(2026, 6, 1), '2026-Q2'],
    ['the last quarter rolls into the next year', cal('quarter'), Date.UTC(2026, 11, 31), Date.UTC(2026, 9, 1), Date.UTC(2027, 0, 1), '2026-Q4'],
    ['an ISO week starts on Monday', cal('week'), Date.UTC(2026, 10, 25, 13), Date.UTC(2026, 10, 23), Date.UTC(2026, 10, 30), '2026-W48'],
    ['4w starts at ISO week 1, which may begin in December', cal('4w'), Date.UTC(2026, 0, 1), Date.UTC(2025, 11, 29), Date.UTC(2026, 0, 26), '2026-W01..W04'],
    ['the last 4w of a 53-week ISO year is five weeks long', cal('4w'), Date.UTC(2026, 11, 30), Date.UTC(2026, 10, 30), Date.UTC(2027, 0, 4), '2026-W49..W53'],
    ['a week at the year boundary belongs to its ISO year', cal('week'), Date.UTC(2027, 0, 2), Date.UTC(2026, 11, 28), Date.UTC(2027, 0, 4), '2026-W53'],
  ])('%s', (_name, spec, t, start, end, label) => {
    expect(periodAt(spec, t)).toEqual({ startMs: start, endMs: end, label });
  });

  it('starts a Europe/Berlin month at local midnight and keeps it 743 h long across the spring DST change', () => {
    const p = periodAt(cal('month', 'Europe/Berlin'), Date.UTC(2026, 2, 15));
    expect(new Date(p.startMs).toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(new Date(p.endMs).toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect((p.endMs - p.startMs) / HOUR).toBe(31 * 24 - 1);
  });

  it('gives a New York November 721 h (fall back on Nov 1)', () => {
    const p = periodAt(cal('month', 'America/New_York'), Date.UTC(2026, 10, 10));
    expect(new Date(p.startMs).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect((p.endMs - p.startMs) / HOUR).toBe(30 * 24 + 1);
  });

  it('assigns an instant just before local midnight to the earlier period', () => {
    // 2026-03-31T22:30Z is 00:30 on April 1 in Berlin, 2026-03-31T21:30Z is 23:30 on March 31
    expect(periodAt(cal('month', 'Europe/Berlin'), Date.UTC(2026, 2, 31, 22, 30)).label).toBe('2026-04');
    expect(periodAt(cal('month', 'Europe/Berlin'), Date.UTC(2026, 2, 31, 21, 30)).label).toBe('2026-03');
  });

  it('lists consecutive periods overlapping a range, oldest first, without gaps', () => {
    const ps = periodsBetween(cal('month'), Date.UTC(2026, 0, 20), Date.UTC(2026, 3, 1));
    expect(ps.map((p) => p.label)).toEqual(['2026-01', '2026-02', '2026-03']);
    for (let i = 1; i < ps.length; i++) {
      expect(ps[i].startMs).toBe(ps[i - 1].endMs);
    }
  });

  it('lists 13 four-week periods in a 53-week ISO year', () => {
    const ps = periodsBetween(cal('4w'), Date.UTC(2025, 11, 29), Date.UTC(2027, 0, 4));
    expect(ps).toHaveLength(13);
    expect(ps[12].endMs).toBe(Date.UTC(2027, 0, 4));
  });

  it('lists rolling periods as back-to-back trailing windows ending at the range end', () => {
    const spec: PeriodSpec = { kind: 'rolling', lengthMs: 28 * DAY };
    const to = Date.UTC(2026, 10, 23);
    const ps = periodsBetween(spec, to - 60 * DAY, to);
    expect(ps).toHaveLength(3);
    expect(ps[2]).toEqual({ startMs: to - 28 * DAY, endMs: to, label: 'rolling 28d' });
    expect(ps[0].endMs).toBe(ps[1].startMs);
  });

  it('counts the days left in the current period (book fig. 11.1), rounding up; rolling periods have none', () => {
    expect(daysLeft(cal('month'), Date.UTC(2026, 10, 23, 12))).toBe(8);
    expect(daysLeft(cal('month'), Date.UTC(2026, 10, 30, 23))).toBe(1);
    expect(daysLeft({ kind: 'rolling', lengthMs: 28 * DAY }, 0)).toBeNull();
  });

  it('labels periods for people', () => {
    expect(periodLabel({ kind: 'rolling', lengthMs: 28 * DAY })).toBe('28d rolling');
    expect(periodLabel(cal('4w'))).toBe('4w calendar');
    expect(periodLabel(cal('month', 'Europe/Berlin'))).toBe('month calendar (Europe/Berlin)');
  });

  it('lists local days, ISO weeks and whole hours as time units', () => {
    const days = unitsBetween('day', 'Europe/Berlin', Date.UTC(2026, 2, 28, 12), Date.UTC(2026, 2, 30, 12));
    expect(days.map((d) => d.label)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect((days[1].endMs - days[1].startMs) / HOUR).toBe(23); // the spring DST day
    expect(unitsBetween('hour', 'UTC', Date.UTC(2026, 0, 1, 0, 30), Date.UTC(2026, 0, 1, 3))).toHaveLength(3);
    expect(unitsBetween('week', 'UTC', Date.UTC(2026, 10, 23), Date.UTC(2026, 10, 30))[0].label).toBe('2026-W48');
  });

  it('keeps each zone its own midnights when zones are asked alternately (the midnights are memoized per zone)', () => {
    const t = Date.UTC(2026, 2, 15);
    const starts = ['Europe/Berlin', 'America/New_York', 'UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/New_York'].map((z) => new Date(periodAt(cal('month', z), t).startMs).toISOString());
    expect(starts).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-01T05:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-02-28T23:00:00.000Z', '2026-02-28T18:30:00.000Z', '2026-03-01T05:00:00.000Z']);
  });
});
