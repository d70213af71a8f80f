/**
 * The ledger-backed store of manual policy condition states (book 10.5,
 * table 10.2: conditions a person on call checks at each shift rotation).
 * Policy evaluation reads it through the `ManualStateStore` interface the
 * Instance holds: `list()` answers the latest state of every condition.
 */
import { ManualConditionState } from '../../core/contracts/resourceContract';
import { Ledger } from './ledgerService';

/** Structurally the policy evaluation's ManualStateStore. */
export interface LedgerManualStateStore {
  list(): Promise<ManualConditionState[]>;
}

/** Latest state per (policy, condition); an unavailable ledger reads as no states (conditions not met), never as an error. */
export function ledgerManualStates(ledger: Ledger): LedgerManualStateStore {
  return {
    async list() {
      try {
        return await (await ledger.ready()).latestManualStates();
      } catch {
        return [];
      }
    },
  };
}
