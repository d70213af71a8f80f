/**
 * How a datasource instance keeps its ledger filled (DESIGN.md "The
 * ledger"): the closer reads the instance's current catalog and sources, and
 * records an SLA with a `customerLabel` once per discovered customer too
 * (book 11.2.7, the discovery behind `options/customers`); a backfill runs
 * shortly after start.
 */
import { LoadedCatalog } from '../../../core/catalog/loadCatalog';
import { Ledger } from '../../ledger/ledgerService';
import { LedgerCloser } from '../../ledger/schedule';
import { discoverCustomers, SourceLookup } from '../sla/customerDiscovery';

/** The backfill waits a little after start so Grafana's first dashboards are not competing with it. */
export const BACKFILL_DELAY_MS = 30_000;

/** What the closer reads of the instance, at each run (the catalog may have changed since start). */
export interface ClosingInputs extends SourceLookup {
  catalog(): LoadedCatalog;
  catalogVersion(): string;
}

export function closerFor(ledger: Ledger, instance: ClosingInputs): LedgerCloser {
  return new LedgerCloser(ledger, {
    catalog: () => instance.catalog().catalog,
    catalogVersion: () => instance.catalogVersion(),
    sourceFor: (s) => instance.sourceFor(s),
    // per-customer SLA rows (book 11.2.7): the customers options/customers offers
    customersOf: (sla, nowMs, signal) => discoverCustomers(instance, instance.catalog().catalog, sla, signal, nowMs),
  });
}

/** Starts the backfill after `delayMs` (null: never; tests call it); the timer does not keep the process alive. */
export function scheduleBackfill(closer: LedgerCloser, delayMs: number | null): NodeJS.Timeout | undefined {
  if (delayMs === null) {
    return undefined;
  }
  const timer = setTimeout(() => void closer.backfill(Date.now()), delayMs);
  timer.unref();
  return timer;
}
