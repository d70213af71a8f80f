import { nextClosingMs } from './closer';

const GRACE = 10 * 60_000;

describe('when the next period closes for the ledger', () => {
  it.each([
    ['a Berlin month in March: Berlin midnight of April 1st (summer time) plus the grace', { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' }, Date.UTC(2026, 2, 15), Date.UTC(2026, 2, 31, 22) + GRACE],
    ['a rolling SLO: the end of the UTC month', { kind: 'rolling', lengthMs: 28 * 86_400_000 }, Date.UTC(2026, 2, 15), Date.UTC(2026, 3, 1) + GRACE],
    ['an ISO week ending before the month does', { kind: 'calendar', unit: 'week', timeZone: 'UTC' }, Date.UTC(2026, 2, 15, 12), Date.UTC(2026, 2, 16) + GRACE],
    ['within the grace after a month ended: that month, still to be recorded', { kind: 'calendar', unit: 'month', timeZone: 'UTC' }, Date.UTC(2026, 3, 1, 0, 5), Date.UTC(2026, 3, 1) + GRACE],
    ['just after the grace: the next month', { kind: 'calendar', unit: 'month', timeZone: 'UTC' }, Date.UTC(2026, 3, 1, 0, 10), Date.UTC(2026, 4, 1) + GRACE],
  ] as const)('%s', (_name, spec, now, expected) => {
    expect(nextClosingMs(spec as never, now)).toBe(expected);
  });
});
