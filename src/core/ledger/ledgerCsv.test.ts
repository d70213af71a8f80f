import { ledgerCsv, LEDGER_CSV_COLUMNS } from './ledgerCsv';
import { LedgerPeriodRecord } from './ledgerRecord';

const JAN = Date.UTC(2026, 0, 1);
const row = (o: Partial<LedgerPeriodRecord> = {}): LedgerPeriodRecord => ({
  subjectKind: 'slo', subjectId: 'checkout/orders', periodKind: 'budget', startMs: JAN, endMs: Date.UTC(2026, 1, 1), label: '2026-01',
  sli: 0.9992, good: 999_200, total: 1_000_000, endRemaining: 0.2, exhaustedAtMs: null, timeToExhaustionMs: null,
  avgSpeed: 1.21, highestSpeed: 1.92, episodes: [{ startMs: JAN, endMs: JAN + 52 * 3_600_000, depletedPct: 70, speedPctPerHour: 1.35 }],
  adherence: 'Fulfilled', catalogVersion: 'v1', recordedAtMs: Date.UTC(2026, 1, 1, 0, 1), ...o,
});

describe('ledger CSV export (book 11.1: audits)', () => {
  it('writes a header and one row per period, empty cells for nulls', () => {
    const lines = ledgerCsv([row(), row({ sli: null, adherence: 'No data', exhaustedAtMs: Date.UTC(2026, 0, 20), timeToExhaustionMs: 19 * 24 * 3_600_000, episodes: [] })]).split('\r\n');
    expect(lines[0]).toBe(LEDGER_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe('slo,checkout/orders,,budget,2026-01,2026-01-01T00:00:00.000Z,2026-02-01T00:00:00.000Z,0.9992,999200,1000000,0.2,Fulfilled,,,1.21,1.92,2026-01-01T00:00:00.000Z/2026-01-03T04:00:00.000Z/70/1.35,v1,2026-02-01T00:01:00.000Z');
    expect(lines[2]).toContain(',No data,2026-01-20T00:00:00.000Z,456,');
    expect(lines).toHaveLength(4);
  });

  it('names the customer of an SLA\'s per-customer row and leaves it empty for the SLA\'s own row', () => {
    const lines = ledgerCsv([row({ subjectKind: 'sla', subjectId: 'login-sla' }), row({ subjectKind: 'sla', subjectId: 'login-sla', customer: 'acme, inc' })]).split('\r\n');
    expect(LEDGER_CSV_COLUMNS.slice(0, 4)).toEqual(['subjectKind', 'subjectId', 'customer', 'periodKind']);
    expect(lines[1]).toMatch(/^sla,login-sla,,budget,2026-01,/);
    expect(lines[2]).toMatch(/^sla,login-sla,"acme, inc",budget,2026-01,/);
  });

  it('quotes cells holding commas or quotes', () => {
    expect(ledgerCsv([row({ subjectId: 'a,"b"' })]).split('\r\n')[1]).toMatch(/^slo,"a,""b""",,budget/);
  });
});
