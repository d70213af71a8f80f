/**
 * Where the recorded states of manual policy conditions come from (book
 * 10.4: the person going on call checks them). The Instance holds one store;
 * the default keeps states in memory, the ledger plugs a durable one in.
 */
import { ManualConditionState } from '../../../core/contracts/resourceContract';

export interface ManualStateStore {
  list(): Promise<ManualConditionState[]>;
}

/** States held in memory for the life of the instance (lost on restart: the ledger's store is durable). */
export class InMemoryManualStateStore implements ManualStateStore {
  private readonly states: ManualConditionState[] = [];

  constructor(initial: readonly ManualConditionState[] = []) {
    this.states.push(...initial);
  }

  async list(): Promise<ManualConditionState[]> {
    return [...this.states];
  }

  /** Records a state (the newest per condition counts). */
  record(state: ManualConditionState): void {
    this.states.push({ ...state });
  }
}
