import { compareFigures, mergePeriods } from './ledgerMerge';
import { figuresFromRecord, LedgerPeriodRecord, recordFromFigures } from './ledgerRecord';
import { PeriodFigures } from '../budget/periodFigures';

const DAY = 86_400_000;
const JAN = Date.UTC(2026, 0, 1);
const FEB = Date.UTC(2026, 1, 1);
const MAR = Date.UTC(2026, 2, 1);

function makeFigures(overrides: Partial<PeriodFigures> = {}): PeriodFigures {
  return {
    ...figuresFromRecord(makeLedgerRow()),
    ...overrides,
  };
}

function makeLedgerRow(overrides: Partial<LedgerPeriodRecord> = {}): LedgerPeriodRecord {
  return {
    subjectKind: 'slo', subjectId: 's', periodKind: 'budget', startMs: JAN, endMs: FEB, label: '2026-01',
    sli: 0.9992, good: 999_200, total: 1_000_000, endRemaining: 0.2, exhaustedAtMs: null, timeToExhaustionMs: null,
    avgSpeed: null, highestSpeed: null, episodes: [], adherence: 'Fulfilled', catalogVersion: 'v1', recordedAtMs: FEB + 60_000,
    ...overrides,
  };
}

describe('ledger and live figures agree within tolerance', () => {
  it.each([
    ['identical figures', {}, 'v1', null],
    ['an SLI one bucket edge away (Δ 0.00005)', { sli: 0.99925, total: 1_004_000 }, 'v1', null],
    ['a rewritten source', { sli: 0.998, good: 998_000, adherence: 'Broken' as const }, 'v1', 'SLI 99.9200% recorded, 99.8000% live, Fulfilled recorded, Broken live: the source rewrote history'],
    ['a changed catalog', { sli: 0.998, adherence: 'Broken' as const }, 'v2', 'SLI 99.9200% recorded, 99.8000% live, Fulfilled recorded, Broken live: the catalog changed since it was recorded (version v1, now v2)'],
    ['lost events', { total: 900_000 }, 'v1', '1000000 events recorded, 900000 live: the source rewrote history'],
    ['no data live', { sli: null }, 'v1', 'SLI 99.9200% recorded, no data live: the source rewrote history'],
    ['a changed objective (same counts, other verdict)', { adherence: 'Broken' as const }, 'v2', 'Fulfilled recorded, Broken live: the catalog changed since it was recorded (version v1, now v2)'],
  ])('compares %s', (_name, live, version, expected) => {
    expect(compareFigures(makeLedgerRow(), makeFigures(live), version)).toBe(expected);
  });
});

describe('merging ledger rows with live computation', () => {
  const closedLive = (startMs: number, endMs: number, o: Partial<PeriodFigures> = {}) => makeFigures({ startMs, endMs, label: new Date(startMs).toISOString().slice(0, 7), ...o });

  it('takes the ledger for periods the source no longer holds and live figures for the open period', () => {
    const { periods, disagreements } = mergePeriods(
      's',
      [
        { figures: closedLive(JAN, FEB, { sli: 1, adherence: 'Fulfilled', total: 10 }), held: false },
        { figures: closedLive(FEB, MAR), held: true },
        { figures: closedLive(MAR, MAR + 31 * DAY, { finished: false, adherence: 'In progress' }), held: true },
      ],
      [makeLedgerRow()],
      'v1'
    );
    expect(periods.map((p) => [p.figures.label, p.origin, p.figures.adherence])).toEqual([
      ['2026-01', 'ledger', 'Fulfilled'],
      ['2026-02', 'live', 'Fulfilled'],
      ['2026-03', 'live', 'In progress'],
    ]);
    expect(periods[0].figures.total).toBe(1_000_000);
    expect(disagreements).toEqual([]);
  });

  it('shows a closed period that neither holds as no record, never as fulfilled', () => {
    const { periods } = mergePeriods('s', [{ figures: closedLive(JAN, FEB, { sli: 1, adherence: 'Fulfilled' }), held: false }], [], 'v1');
    expect(periods).toMatchObject([{ origin: 'no record', figures: { adherence: 'No data', sli: null, endRemaining: null } }]);
  });

  it('reports a disagreement and keeps the recorded figures when both hold the period', () => {
    const curve = { times: Float64Array.of(JAN + DAY, FEB), remaining: Float64Array.of(0.5, 0.2) };
    const { periods, disagreements } = mergePeriods('s', [{ figures: closedLive(JAN, FEB, { sli: 0.99, adherence: 'Broken', ...curve }), held: true }], [makeLedgerRow()], 'v1');
    expect(periods[0]).toMatchObject({ origin: 'both', figures: { sli: 0.9992, adherence: 'Fulfilled', ...curve } });
    expect(disagreements).toEqual([{ subjectId: 's', label: '2026-01', startMs: JAN, message: 'SLI 99.9200% recorded, 99.0000% live, Fulfilled recorded, Broken live: the source rewrote history' }]);
  });

  it('does not take a recorded month for a quarter that starts the same day (the catalog changed the period)', () => {
    const quarter = closedLive(JAN, Date.UTC(2026, 3, 1), { label: '2026-Q1' });
    const { periods, disagreements } = mergePeriods('s', [{ figures: quarter, held: false }], [makeLedgerRow()], 'v2');
    expect(periods.map((p) => [p.figures.label, p.origin])).toEqual([['2026-01', 'ledger'], ['2026-Q1', 'no record']]);
    expect(disagreements).toEqual([]);
  });

  it('adds ledger periods older than anything computed, oldest first', () => {
    const dec = makeLedgerRow({ startMs: Date.UTC(2025, 11, 1), endMs: JAN, label: '2025-12' });
    const { periods } = mergePeriods('s', [{ figures: closedLive(JAN, FEB), held: true }], [makeLedgerRow(), dec], 'v1');
    expect(periods.map((p) => [p.figures.label, p.origin])).toEqual([['2025-12', 'ledger'], ['2026-01', 'both']]);
  });
});

describe('ledger records', () => {
  it('keep time to exhaustion from the period start (book 11.2.5) and round-trip to figures', () => {
    const f = makeFigures({ exhaustion: { periodStartMs: JAN, atMs: JAN + 19 * DAY, timeToExhaustionMs: 19 * DAY }, endRemaining: -0.3, adherence: 'Broken' });
    const r = recordFromFigures(f, { subjectKind: 'slo', subjectId: 's', periodKind: 'budget' }, 'v1', FEB);
    expect(r).toMatchObject({ exhaustedAtMs: JAN + 19 * DAY, timeToExhaustionMs: 19 * DAY, endRemaining: -0.3, adherence: 'Broken' });
    expect(figuresFromRecord(r).exhaustion).toEqual(f.exhaustion);
  });
});
