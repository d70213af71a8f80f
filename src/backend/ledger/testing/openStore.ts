/** Opens a store by kind for tests and the second test process. */
import { PostgresLedger } from '../postgres';
import { SqliteLedger } from '../sqlite';
import { LedgerStore } from '../store';

export function openStore(kind: string, target: string): LedgerStore {
  if (kind === 'sqlite') {
    return new SqliteLedger(target);
  }
  if (kind === 'postgres') {
    return new PostgresLedger({ connectionString: target });
  }
  throw new Error(`unknown store kind "${kind}" (sqlite or postgres)`);
}
