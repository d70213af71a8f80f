import {
  BOOK_ALERT_DEFAULTS,
  bookRuleBurnThreshold,
  bookRuleErrorRatio,
  bookRuleFirings,
  bookRulePeriodShare,
  burnRateFactor,
  evaluateMultiwindow,
  multiwindowThresholds,
  nominalPeriodMs,
} from './thresholds';
import { DAY, HOUR } from '../testing/factories';

const MINUTE = 60_000;

describe('multiwindow multi-burn-rate thresholds follow the period length', () => {
  it.each([
    ['30 days: 2% of the budget in 1 h is burn 14.4', 30, [14.4, 6, 3, 1]],
    ['28 days: 2% of the budget in 1 h is burn 13.44', 28, [13.44, 5.6, 2.8, 0.933333333333]],
    ['7 days: the same shares need lower burn rates', 7, [3.36, 1.4, 0.7, 0.233333333333]],
    ['90 days: a quarter needs higher ones', 90, [43.2, 18, 9, 3]],
  ])('%s', (_name, days, expected) => {
    expect(multiwindowThresholds(days * DAY).map((t) => t.factor)).toEqual(expected);
  });

  it('keeps the window pairs of the SRE workbook (page 1h/5m and 6h/30m, ticket 1d/2h and 3d/6h)', () => {
    const pairs = multiwindowThresholds(30 * DAY).map((t) => `${t.severity} ${t.longMs / MINUTE}m/${t.shortMs / MINUTE}m`);
    expect(pairs).toEqual(['page 60m/5m', 'page 360m/30m', 'ticket 1440m/120m', 'ticket 4320m/360m']);
  });

  it('computes a factor as budget share × period / long window', () => {
    expect(burnRateFactor(0.05, 30 * DAY, 6 * HOUR)).toBe(6);
    expect(() => burnRateFactor(0, 30 * DAY, HOUR)).toThrow(/positive budget share/);
  });

  it.each([
    ['a rolling 28d period is 28 days', { kind: 'rolling', lengthMs: 28 * DAY } as const, 28],
    ['a calendar month counts as 30 days (the workbook basis)', { kind: 'calendar', unit: 'month', timeZone: 'UTC' } as const, 30],
    ['four ISO weeks are 28 days', { kind: 'calendar', unit: '4w', timeZone: 'UTC' } as const, 28],
    ['a quarter counts as 90 days', { kind: 'calendar', unit: 'quarter', timeZone: 'UTC' } as const, 90],
  ])('%s', (_name, period, days) => {
    expect(nominalPeriodMs(period)).toBe(days * DAY);
  });
});

describe('evaluating the multiwindow rule at one instant', () => {
  const burns = (values: Record<string, number | null>) => (w: number) => values[`${w / MINUTE}m`] ?? null;

  it.each([
    ['a fast burn on both page windows pages', { '60m': 20, '5m': 30 }, 'page', 1],
    ['a fast long window whose short window has recovered does not page', { '60m': 20, '5m': 2 }, null, 0],
    ['a slow day-long burn opens a ticket', { '1440m': 3.5, '120m': 4 }, 'ticket', 1],
    ['page wins when page and ticket pairs both fire', { '60m': 15, '5m': 15, '1440m': 3.5, '120m': 4 }, 'page', 2],
    ['windows without data never fire', { '60m': null, '5m': 50 }, null, 0],
    ['burning exactly at the threshold does not fire (strictly above)', { '60m': 14.4, '5m': 14.4 }, null, 0],
  ])('%s (30d)', (_name, values, severity, count) => {
    const verdict = evaluateMultiwindow(burns(values), 30 * DAY);
    expect(verdict.severity).toBe(severity);
    expect(verdict.firing).toHaveLength(count);
  });

  it('pages on 28d at a burn that would not page on 30d (13.44 < 14 < 14.4)', () => {
    const b = burns({ '60m': 14, '5m': 14 });
    expect(evaluateMultiwindow(b, 28 * DAY).severity).toBe('page');
    expect(evaluateMultiwindow(b, 30 * DAY).severity).toBeNull();
  });
});

describe("the book's rule (book 9.2.11, table 9.10)", () => {
  it('fires above 200% of the hourly budget, a burn rate of 2', () => {
    expect(bookRuleBurnThreshold(BOOK_ALERT_DEFAULTS)).toBe(2);
  });

  it('means an error ratio above 0.6% over 60 minutes for the 99.7% SLO ("0.3% × 2 = 0.6%")', () => {
    expect(bookRuleErrorRatio(BOOK_ALERT_DEFAULTS, 0.997)).toBe(0.006);
  });

  it('spends 2/672 of a 28-day budget in its window at the threshold', () => {
    expect(bookRulePeriodShare(BOOK_ALERT_DEFAULTS, 28 * DAY)).toBeCloseTo(2 / 672, 12);
  });

  it('has the defaults of table 9.10: 60 min window, every 5 min, snooze 120 min', () => {
    expect(BOOK_ALERT_DEFAULTS).toEqual({ depletionThresholdPct: 200, windowMs: 60 * MINUTE, evaluateEveryMs: 5 * MINUTE, snoozeMs: 120 * MINUTE });
  });

  it('refuses a threshold of 0% with a message naming the field', () => {
    expect(() => bookRuleBurnThreshold({ depletionThresholdPct: 0 })).toThrow(/depletionThresholdPct/);
  });

  const start = Date.UTC(2026, 0, 5, 10, 0);
  // burn 3 from 10:00 to 13:00, 0.5 otherwise
  const incident = (t: number) => (t >= start && t <= start + 3 * HOUR ? 3 : 0.5);

  it('fires at 10:00, is snoozed for 120 minutes, fires again at 12:00 and then stays quiet', () => {
    const firings = bookRuleFirings(incident, start - HOUR, start + 6 * HOUR);
    expect(firings.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['10:00', '12:00']);
  });

  it('without the snooze fires at every 5-minute evaluation of the 3 hours (37 times)', () => {
    expect(bookRuleFirings(incident, start - HOUR, start + 6 * HOUR, { ...BOOK_ALERT_DEFAULTS, snoozeMs: 0 })).toHaveLength(37);
  });

  it('evaluates only on multiples of the interval: a 3-minute spike between evaluations is not seen', () => {
    const spike = (t: number) => (t > start + MINUTE && t < start + 4 * MINUTE ? 10 : 0);
    expect(bookRuleFirings(spike, start, start + HOUR)).toEqual([]);
  });

  it('never fires without data', () => {
    expect(bookRuleFirings(() => null, start, start + DAY)).toEqual([]);
  });
});
