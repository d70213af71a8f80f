import { closedPeriods, heldFromMs, isRecordable, missingPeriods, sourceHeldPeriod } from './ledgerPeriods';
import { ledgerKeyString } from './ledgerRecord';
import { PeriodSpec } from '../model/model';
import { periodFigures } from '../budget/periodFigures';
import { cumulate } from '../budget/counts';
import { DAY, HOUR, makeBuckets, makeSpec } from '../testing/factories';

const calendar = (unit: 'week' | 'month' | 'quarter' | '4w', timeZone = 'UTC'): PeriodSpec => ({ kind: 'calendar', unit, timeZone });
const iso = (ms: number) => new Date(ms).toISOString();
const show = (ps: ReturnType<typeof closedPeriods>) => ps.map((p) => `${p.periodKind} ${p.interval.label} ${iso(p.interval.startMs)}..${iso(p.interval.endMs)}`);

describe('closed periods the ledger records (book 3.3)', () => {
  it('records the budget periods and months of a monthly SLO that have ended', () => {
    expect(show(closedPeriods(calendar('month'), Date.UTC(2026, 0, 1), Date.UTC(2026, 2, 15)))).toEqual([
      'budget 2026-01 2026-01-01T00:00:00.000Z..2026-02-01T00:00:00.000Z',
      'budget 2026-02 2026-02-01T00:00:00.000Z..2026-03-01T00:00:00.000Z',
      'month 2026-01 2026-01-01T00:00:00.000Z..2026-02-01T00:00:00.000Z',
      'month 2026-02 2026-02-01T00:00:00.000Z..2026-03-01T00:00:00.000Z',
    ]);
  });

  it('records only months for a rolling SLO (a rolling window never closes)', () => {
    const rolling: PeriodSpec = { kind: 'rolling', lengthMs: 28 * DAY };
    expect(closedPeriods(rolling, Date.UTC(2026, 0, 1), Date.UTC(2026, 2, 15)).map((p) => `${p.periodKind} ${p.interval.label}`)).toEqual(['month 2026-01', 'month 2026-02']);
  });

  it('leaves out a period that started before the range (its start was not looked at)', () => {
    expect(closedPeriods(calendar('month'), Date.UTC(2026, 0, 15), Date.UTC(2026, 2, 15)).map((p) => `${p.periodKind} ${p.interval.label}`)).toEqual(['budget 2026-02', 'month 2026-02']);
  });

  it.each([
    // Los Angeles: January ends at 08:00 UTC on February 1st
    ['not yet closed in Los Angeles at 07:00 UTC on Feb 1', 'America/Los_Angeles', Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1, 7), []],
    ['closed in Los Angeles at 08:00 UTC on Feb 1', 'America/Los_Angeles', Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1, 8), ['2026-01 2026-01-01T08:00:00.000Z..2026-02-01T08:00:00.000Z']],
    // Berlin: March 2026 starts in winter time (UTC+1) and ends in summer time (UTC+2, from March 29)
    ['not yet closed in Berlin at 21:59 UTC on Mar 31', 'Europe/Berlin', Date.UTC(2026, 0, 31, 23), Date.UTC(2026, 2, 31, 21, 59), ['2026-02 2026-01-31T23:00:00.000Z..2026-02-28T23:00:00.000Z']],
    ['closed in Berlin at 22:00 UTC on Mar 31, one hour shorter than 31 days', 'Europe/Berlin', Date.UTC(2026, 0, 31, 23), Date.UTC(2026, 2, 31, 22), ['2026-02 2026-01-31T23:00:00.000Z..2026-02-28T23:00:00.000Z', '2026-03 2026-02-28T23:00:00.000Z..2026-03-31T22:00:00.000Z']],
  ])('closes a monthly period by its own zone: %s', (_name, zone, from, now, expected) => {
    const budget = closedPeriods(calendar('month', zone), from, now).filter((p) => p.periodKind === 'budget');
    expect(budget.map((p) => `${p.interval.label} ${iso(p.interval.startMs)}..${iso(p.interval.endMs)}`)).toEqual(expected);
  });

  it('closes the ISO week holding the spring DST change after 167 hours (Europe/Berlin)', () => {
    const weeks = closedPeriods(calendar('week', 'Europe/Berlin'), Date.UTC(2026, 2, 22, 23), Date.UTC(2026, 2, 29, 22)).filter((p) => p.periodKind === 'budget');
    expect(weeks.map((p) => [p.interval.label, (p.interval.endMs - p.interval.startMs) / HOUR])).toEqual([['2026-W13', 167]]);
  });

  it('cuts a rolling SLO\'s months in the fallback zone', () => {
    const rolling: PeriodSpec = { kind: 'rolling', lengthMs: 28 * DAY };
    const [jan] = closedPeriods(rolling, Date.UTC(2025, 11, 31, 23), Date.UTC(2026, 1, 15), 'Europe/Berlin');
    expect(iso(jan.interval.startMs)).toBe('2025-12-31T23:00:00.000Z');
  });
});

describe('missing periods', () => {
  it('lists the closed periods the ledger lacks, so a re-run writes nothing twice', () => {
    const closed = closedPeriods(calendar('month'), Date.UTC(2026, 0, 1), Date.UTC(2026, 3, 1)).filter((p) => p.periodKind === 'budget');
    const recorded = new Set([ledgerKeyString({ subjectKind: 'slo', subjectId: 's', periodKind: 'budget', startMs: Date.UTC(2026, 1, 1) })]);
    expect(missingPeriods({ subjectKind: 'slo', subjectId: 's' }, closed, recorded).map((p) => p.interval.label)).toEqual(['2026-01', '2026-03']);
    expect(missingPeriods({ subjectKind: 'slo', subjectId: 'other' }, closed, recorded)).toHaveLength(3);
  });

  it("keeps an SLA's own periods and each customer's apart (book 11.2.7): one recorded never hides another", () => {
    const closed = closedPeriods(calendar('month'), Date.UTC(2026, 0, 1), Date.UTC(2026, 2, 1)).filter((p) => p.periodKind === 'budget');
    const sla = { subjectKind: 'sla' as const, subjectId: 'sla/login-sla' };
    const recorded = new Set([ledgerKeyString({ ...sla, customer: 'acme', periodKind: 'budget', startMs: Date.UTC(2026, 0, 1) })]);
    const labels = (customer?: string) => missingPeriods({ ...sla, customer }, closed, recorded).map((p) => p.interval.label);
    expect([labels(), labels('acme'), labels('globex')]).toEqual([['2026-01', '2026-02'], ['2026-02'], ['2026-01', '2026-02']]);
  });
});

describe('what the source still holds', () => {
  const START = Date.UTC(2026, 0, 1);
  const held = (from: number) => {
    const b = makeBuckets(START, 24 * 62, 1000);
    const total = b.total.map((v, i) => (START + i * HOUR < from ? NaN : v));
    return { ...b, total };
  };

  it.each([
    ['all buckets answered', START, START],
    ['data only from Jan 20 (beyond retention before)', Date.UTC(2026, 0, 20), Date.UTC(2026, 0, 20)],
  ])('finds the first answered bucket: %s', (_name, from, expected) => {
    expect(heldFromMs(held(from))).toBe(expected);
  });

  it('answers null when the source answered nothing', () => {
    expect(heldFromMs(held(Infinity))).toBeNull();
    expect(sourceHeldPeriod(null, HOUR, { startMs: START })).toBe(false);
  });

  it('records a finished period only when the source held it from its start', () => {
    const spec = makeSpec({ period: calendar('month') });
    const b = held(Date.UTC(2026, 0, 20));
    const figures = periodFigures(cumulate(b), spec, [
      { startMs: START, endMs: Date.UTC(2026, 1, 1), label: '2026-01' },
      { startMs: Date.UTC(2026, 1, 1), endMs: Date.UTC(2026, 2, 1), label: '2026-02' },
      { startMs: Date.UTC(2026, 2, 1), endMs: Date.UTC(2026, 3, 1), label: '2026-03' },
    ], Date.UTC(2026, 2, 3));
    const from = heldFromMs(b);
    expect(figures.map((f) => [f.label, isRecordable(f, from, HOUR, Date.UTC(2026, 2, 3))])).toEqual([
      // January looks complete to the math (buckets reach back) but the source lost its first 19 days
      ['2026-01', false],
      ['2026-02', true],
      ['2026-03', false],
    ]);
  });
});
