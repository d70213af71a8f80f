/**
 * When closing runs: a backfill of every SLO and SLA when the instance starts,
 * and after a refresh once one of the refreshed SLOs has a period that ended
 * since it was last checked. Both go to the ledger's background queue: a
 * query response never waits for a ledger write.
 */
import { Catalog, Correction, Sla, Slo } from '../../core/model/model';
import { CountSource } from '../sources/types';
import { BACKFILL_LOOKBACK_MS, closeSla, closeSlo, nextClosingMs, verifySlo } from './closer';
import { Ledger } from './ledgerService';

/** The refresh path closes what ended recently; older gaps are the backfill's. */
export const REFRESH_LOOKBACK_MS = 100 * 86_400_000;

/**
 * SLOs closed side by side. WHY: their fetches are then asked in the same turn, so a Prometheus connection merges
 * them into few queries (../sources/batching.ts: 1,000 SLOs' closings were 2,000 requests one after the other);
 * bounded, so a large catalog holds at most this many SLOs' buckets at once.
 */
export const CLOSING_CONCURRENCY = 50;

export interface CloserInputs {
  catalog(): Catalog;
  catalogVersion(): string;
  sourceFor(slo: Slo): CountSource | string;
  /**
   * The customers an SLA with a `customerLabel` has now (the discovery behind
   * options/customers); each gets its own rows (book 11.2.7). Absent: no
   * per-customer rows.
   */
  customersOf?(sla: Sla, nowMs: number, signal: AbortSignal): Promise<string[]>;
}

export class LedgerCloser {
  /** Per subject: when its next period closes (nothing to do on a refresh before then). */
  private readonly dueAt = new Map<string, number>();
  /** Rows written since start (CheckHealth and tests read it). */
  written = 0;

  constructor(
    private readonly ledger: Ledger,
    private readonly inputs: CloserInputs
  ) {}

  /** Queues a backfill of every SLO and SLA of the catalog. */
  backfill(nowMs: number): Promise<void> {
    const catalog = this.inputs.catalog();
    return this.run('backfill', catalog.slos, catalog.slas ?? [], nowMs, BACKFILL_LOOKBACK_MS, true);
  }

  /** After a refresh: queues closing for the SLOs (and SLAs over them) whose newest closed period is not checked yet. */
  afterRefresh(slos: readonly Slo[], nowMs: number): Promise<void> | undefined {
    const due = slos.filter((s) => this.isDue(`slo|${s.id}`, nowMs));
    if (due.length === 0) {
      return undefined;
    }
    const ids = new Set(due.map((s) => s.id));
    const slas = (this.inputs.catalog().slas ?? []).filter((sla) => sla.components.some((id) => ids.has(id)) && this.isDue(`sla|${sla.id}`, nowMs));
    return this.run('close', due, slas, nowMs, REFRESH_LOOKBACK_MS);
  }

  /** The customers to record an SLA for: none without a customer label; a failed discovery is one failure, retried later. */
  private async customers(sla: Sla, nowMs: number, signal: AbortSignal, failures: string[]): Promise<string[]> {
    if (!sla.customerLabel || !this.inputs.customersOf || signal.aborted) {
      return [];
    }
    try {
      // '' is no customer: the ledger keeps the SLA's own row under it
      return [...new Set(await this.inputs.customersOf(sla, nowMs, signal))].filter((c) => c !== '').sort();
    } catch (error) {
      failures.push(`SLA ${sla.id}: customers not discovered: ${(error as Error).message}`);
      return [];
    }
  }

  private isDue(key: string, nowMs: number): boolean {
    return nowMs >= (this.dueAt.get(key) ?? -Infinity);
  }

  private run(name: string, slos: readonly Slo[], slas: readonly Sla[], nowMs: number, lookbackMs: number, verify = false): Promise<void> {
    // mark before running so a burst of refreshes queues one job
    for (const s of slos) {
      this.dueAt.set(`slo|${s.id}`, nextClosingMs(s.period, nowMs));
    }
    for (const s of slas) {
      this.dueAt.set(`sla|${s.id}`, nextClosingMs(s.period, nowMs));
    }
    return this.ledger.background(name, async (store, signal) => {
      const catalog = this.inputs.catalog();
      const env = {
        store,
        signal,
        nowMs,
        lookbackMs,
        sourceFor: (s: Slo) => this.inputs.sourceFor(s),
        corrections: catalog.corrections ?? ([] as Correction[]),
        catalogVersion: this.inputs.catalogVersion(),
      };
      const failures: string[] = [];
      // one bad SLO never hides the others: each is closed on its own, CLOSING_CONCURRENCY at a time
      const closeOne = async (slo: Slo) => {
        await closeSlo(env, slo).then((n) => (this.written += n), (e: Error) => failures.push(`${slo.id}: ${e.message}`));
        if (verify && !signal.aborted) {
          // what was recorded before this start must still agree with the source where it holds it
          await verifySlo(env, slo).then(
            (v) => this.ledger.noteDisagreements(slo.id, v.checked, v.disagreements),
            (e: Error) => failures.push(`${slo.id}: ${e.message}`)
          );
        }
      };
      for (let i = 0; i < slos.length; i += CLOSING_CONCURRENCY) {
        await Promise.all(slos.slice(i, i + CLOSING_CONCURRENCY).map(closeOne));
      }
      const byId = new Map(catalog.slos.map((s) => [s.id, s]));
      for (const sla of slas) {
        await closeSla(env, sla, byId).then((n) => (this.written += n), (e: Error) => failures.push(`SLA ${sla.id}: ${e.message}`));
        for (const customer of await this.customers(sla, nowMs, signal, failures)) {
          // one customer's failure (a query that cannot be restricted) never hides the other customers
          await closeSla(env, sla, byId, customer).then((n) => (this.written += n), (e: Error) => failures.push(`SLA ${sla.id} ${e.message}`));
        }
      }
      if (failures.length > 0) {
        // closing is retried at the next refresh
        for (const s of slos) {
          this.dueAt.delete(`slo|${s.id}`);
        }
        // an SLA (or one of its customers) that failed is retried too
        for (const s of slas) {
          this.dueAt.delete(`sla|${s.id}`);
        }
        throw new Error(failures.slice(0, 5).join('; '));
      }
    });
  }
}
