/**
 * One datasource's ledger at run time: the store opened and migrated on first
 * use, a serial queue of background writes that never delays a query
 * response, and what CheckHealth reports (the store, its last error, and
 * disagreements between the ledger and live computation).
 */
import { Disagreement } from '../../core/ledger/ledgerMerge';
import { LedgerStore } from './store';

/** After a failed open, wait this long before trying again (a database that was down may be back). */
const RETRY_OPEN_MS = 60_000;

export interface LedgerLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

export class Ledger {
  private opened?: Promise<LedgerStore>;
  private openError?: { message: string; atMs: number };
  private queue: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();
  private lastWriteError?: string;
  private closed = false;
  /** Disagreements by subject and period start, replaced when a period agrees again. */
  readonly disagreements = new Map<string, Disagreement>();
  description = 'not opened yet';
  private described = false;

  constructor(
    private readonly openStore: () => LedgerStore,
    private readonly logger?: LedgerLogger,
    private readonly clock: () => number = Date.now
  ) {}

  /** Background tasks stop when the ledger closes. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** The migrated store; rejects with a message a user can act on. */
  ready(): Promise<LedgerStore> {
    if (this.closed) {
      return Promise.reject(new Error('the ledger is closed'));
    }
    if (this.openError && this.clock() - this.openError.atMs < RETRY_OPEN_MS) {
      return Promise.reject(new Error(this.openError.message));
    }
    if (!this.opened) {
      this.opened = (async () => {
        const store = this.openStore();
        this.description = store.description;
        this.described = true;
        try {
          await store.migrate();
        } catch (error) {
          await store.close().catch(() => undefined);
          throw error;
        }
        return store;
      })();
      this.opened.then(
        () => (this.openError = undefined),
        (error: unknown) => {
          const where = this.described ? ` (${this.description})` : '';
          this.openError = { message: `cannot open the ledger${where}: ${(error as Error).message}`, atMs: this.clock() };
          this.opened = undefined;
        }
      );
    }
    return this.opened.catch((error: unknown) => {
      throw new Error(this.openError?.message ?? (error as Error).message);
    });
  }

  /** Runs `task` after the ones queued before it; failures are kept for CheckHealth and logged, never thrown. */
  background(name: string, task: (store: LedgerStore, signal: AbortSignal) => Promise<void>): Promise<void> {
    const run = async () => {
      if (this.closed) {
        return;
      }
      try {
        await task(await this.ready(), this.abort.signal);
        this.lastWriteError = undefined;
      } catch (error) {
        if (this.abort.signal.aborted) {
          return;
        }
        this.lastWriteError = `${name}: ${(error as Error).message}`;
        this.logger?.warn('ledger task failed', { task: name, error: (error as Error).message });
      }
    };
    this.queue = this.queue.then(run);
    return this.queue;
  }

  /** Resolves when every queued task has finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  noteDisagreements(subjectId: string, startsChecked: readonly number[], found: readonly Disagreement[]): void {
    for (const start of startsChecked) {
      this.disagreements.delete(`${subjectId}|${start}`);
    }
    for (const d of found) {
      this.disagreements.set(`${d.subjectId}|${d.startMs}`, d);
    }
  }

  /** Problems for CheckHealth, empty when the ledger works and agrees with the sources. */
  async problems(): Promise<string[]> {
    const out: string[] = [];
    try {
      await this.ready();
    } catch (error) {
      out.push((error as Error).message);
    }
    if (this.lastWriteError) {
      out.push(`ledger write failed: ${this.lastWriteError}`);
    }
    const list = [...this.disagreements.values()];
    out.push(...list.slice(0, 10).map((d) => `ledger disagrees with live computation for ${d.subjectId} ${d.label}: ${d.message}`));
    if (list.length > 10) {
      out.push(`… and ${list.length - 10} more ledger disagreements`);
    }
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    await this.queue.catch(() => undefined);
    const store = await this.opened?.catch(() => undefined);
    await store?.close();
  }
}
