/**
 * Reads merge the ledger (closed periods) with live computation (DESIGN.md
 * "The ledger"): where both exist they must agree within tolerance, else the
 * disagreement is reported (the catalog changed, or the source rewrote
 * history). A closed period that neither the ledger nor the source holds is
 * "no record": shown as No data, never as Fulfilled.
 */
import { figuresFromRecord, LedgerPeriodRecord } from './ledgerRecord';
import { PeriodFigures } from '../budget/periodFigures';

export interface MergeTolerance {
  /** Largest accepted |SLI(ledger) − SLI(live)|. */
  sli: number;
  /** Largest accepted relative difference of total events (bucket edges move totals a little). */
  totalRelative: number;
}

/** Live figures are accurate to one bucket width at period edges; these bounds leave room for that. */
export const DEFAULT_TOLERANCE: MergeTolerance = { sli: 1e-4, totalRelative: 0.01 };

export type PeriodOrigin = 'ledger' | 'live' | 'both' | 'no record';

export interface LiveFigures {
  figures: PeriodFigures;
  /** The source held the whole period (ledgerPeriods.sourceHeldPeriod). */
  held: boolean;
}

export interface Disagreement {
  subjectId: string;
  label: string;
  startMs: number;
  message: string;
}

export interface MergedPeriod {
  figures: PeriodFigures;
  origin: PeriodOrigin;
}

/** Why two figures of the same period differ, or null when they agree within tolerance. */
export function compareFigures(ledger: LedgerPeriodRecord, live: PeriodFigures, currentCatalogVersion: string, tol: MergeTolerance = DEFAULT_TOLERANCE): string | null {
  const problems: string[] = [];
  if ((ledger.sli === null) !== (live.sli === null)) {
    problems.push(`SLI ${fmt(ledger.sli)} recorded, ${fmt(live.sli)} live`);
  } else if (ledger.sli !== null && live.sli !== null && Math.abs(ledger.sli - live.sli) > tol.sli) {
    problems.push(`SLI ${fmt(ledger.sli)} recorded, ${fmt(live.sli)} live`);
  }
  const scale = Math.max(ledger.total, live.total, 1);
  if (Math.abs(ledger.total - live.total) / scale > tol.totalRelative) {
    problems.push(`${ledger.total} events recorded, ${live.total} live`);
  }
  // an adherence flip counts on its own: the objective may have changed while the counts did not
  if (ledger.adherence !== live.adherence) {
    problems.push(`${ledger.adherence} recorded, ${live.adherence} live`);
  }
  if (problems.length === 0) {
    return null;
  }
  const why =
    ledger.catalogVersion !== currentCatalogVersion
      ? `the catalog changed since it was recorded (version ${ledger.catalogVersion}, now ${currentCatalogVersion})`
      : 'the source rewrote history';
  return `${problems.join(', ')}: ${why}`;
}

/**
 * Merges one subject's periods, oldest first. `live` holds the live figures
 * by period start; `records` the ledger rows of the same period kind.
 * Live figures of an open period always win (the ledger has none).
 */
export function mergePeriods(
  subjectId: string,
  live: readonly LiveFigures[],
  records: readonly LedgerPeriodRecord[],
  currentCatalogVersion: string,
  tol: MergeTolerance = DEFAULT_TOLERANCE
): { periods: MergedPeriod[]; disagreements: Disagreement[] } {
  // a period is the same period when start and end match (a catalog that changed the period length makes other periods)
  const byInterval = new Map(records.map((r) => [intervalKey(r), r]));
  const disagreements: Disagreement[] = [];
  const periods: MergedPeriod[] = [];
  const seen = new Set<string>();
  for (const { figures, held } of live) {
    seen.add(intervalKey(figures));
    const record = byInterval.get(intervalKey(figures));
    if (!figures.finished) {
      periods.push({ figures, origin: 'live' });
    } else if (record && held) {
      const message = compareFigures(record, figures, currentCatalogVersion, tol);
      if (message) {
        disagreements.push({ subjectId, label: record.label, startMs: record.startMs, message });
      }
      // the ledger is the record of what was reported when the period closed; the live curve stays for finer views
      periods.push({ figures: { ...figuresFromRecord(record), times: figures.times, remaining: figures.remaining }, origin: 'both' });
    } else if (record) {
      periods.push({ figures: figuresFromRecord(record), origin: 'ledger' });
    } else if (held) {
      periods.push({ figures, origin: 'live' });
    } else {
      periods.push({ figures: noRecord(figures), origin: 'no record' });
    }
  }
  for (const r of records) {
    if (!seen.has(intervalKey(r))) {
      periods.push({ figures: figuresFromRecord(r), origin: 'ledger' });
    }
  }
  periods.sort((a, b) => a.figures.startMs - b.figures.startMs || a.figures.endMs - b.figures.endMs);
  return { periods, disagreements };
}

/** A closed period nobody holds: its partial live figures must not read as met. */
function noRecord(f: PeriodFigures): PeriodFigures {
  return { ...f, complete: false, adherence: 'No data', sli: null, endRemaining: null, exhaustion: null, episodes: [], avgSpeed: null, highestSpeed: null };
}

/** "start-end" of a period: identity of a period across ledger and live figures. */
export function intervalKey(p: { startMs: number; endMs: number }): string {
  return `${p.startMs}-${p.endMs}`;
}

function fmt(v: number | null): string {
  return v === null ? 'no data' : `${(v * 100).toFixed(4)}%`;
}
