/** Ledger fixtures for store tests (style habit 6: fresh objects, overrides per case). */
import { LedgerPeriodRecord } from '../../../core/ledger/ledgerRecord';

const DAY = 86_400_000;

export function makeRecord(overrides: Partial<LedgerPeriodRecord> = {}): LedgerPeriodRecord {
  const startMs = overrides.startMs ?? Date.UTC(2026, 0, 1);
  return {
    subjectKind: 'slo',
    subjectId: 'checkout/orders',
    periodKind: 'budget',
    startMs,
    endMs: startMs + 31 * DAY,
    label: '2026-01',
    sli: 0.9992,
    good: 999_200,
    total: 1_000_000,
    endRemaining: 0.2,
    exhaustedAtMs: null,
    timeToExhaustionMs: null,
    // book table 11.3: 70% in 52 h, 50% in 26 h, 25% in 70 h
    avgSpeed: 1.21,
    highestSpeed: 1.92,
    episodes: [
      { startMs: startMs + DAY, endMs: startMs + DAY + 52 * 3_600_000, depletedPct: 70, speedPctPerHour: 70 / 52 },
      { startMs: startMs + 10 * DAY, endMs: startMs + 10 * DAY + 26 * 3_600_000, depletedPct: 50, speedPctPerHour: 50 / 26 },
    ],
    adherence: 'Fulfilled',
    catalogVersion: 'c0ffee000001',
    recordedAtMs: startMs + 31 * DAY + 60_000,
    ...overrides,
  };
}

/** `n` consecutive 30-day periods of one subject. */
export function makeRecords(n: number, overrides: Partial<LedgerPeriodRecord> = {}): LedgerPeriodRecord[] {
  const first = overrides.startMs ?? Date.UTC(2025, 0, 1);
  return Array.from({ length: n }, (_, i) => makeRecord({ ...overrides, startMs: first + i * 30 * DAY, endMs: first + (i + 1) * 30 * DAY, label: `p${i}` }));
}
