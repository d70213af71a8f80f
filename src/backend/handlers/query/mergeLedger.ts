/**
 * Step 6 of the query pipeline, merge ledger (DESIGN.md "The ledger"):
 * closed periods of the per-period tables come from the ledger where the
 * source no longer holds them, and are checked against it where it does
 * (ledger/merge.ts). SLO periods are replaced in the computations; SLA rows
 * get a merge to apply when they are made — the SLAs' own rows, or for a
 * customer that customer's rows (sla/customerLedger.ts, book 11.2.7).
 */
import { mergeWithLedger, SlaMerge, slaMerger } from '../../ledger/merge';
import { Ledger } from '../../ledger/ledgerService';
import { Outcome } from '../compute/computeShared';
import { customerSlaMerge } from '../sla/customerLedger';
import { QueryPlan } from './plan';

export interface LedgerMerged {
  /** What merging had to say (no record, ledger not read); absent when nothing was read. */
  ledgerNotices?: string[];
  mergeSla?: SlaMerge;
}

export async function mergeLedger(instance: { readonly ledger: Ledger; catalogVersion(): string }, plan: QueryPlan, outcomes: readonly Outcome[]): Promise<LedgerMerged> {
  const out: LedgerMerged = {};
  if (plan.mergeSloLedger) {
    const computations = outcomes.flatMap((o) => ('ok' in o ? [o.ok] : []));
    out.ledgerNotices = await mergeWithLedger(instance.ledger, computations, instance.catalogVersion(), plan.months);
  }
  if (plan.mergeSlaLedger) {
    out.ledgerNotices ??= [];
    const version = instance.catalogVersion();
    const all = await slaMerger(instance.ledger, plan.catalog.slas ?? [], version, out.ledgerNotices);
    const { customer } = plan;
    out.mergeSla = customer ? await customerSlaMerge(all, customer.plan, customer.value, instance.ledger, version, out.ledgerNotices) : all;
  }
  return out;
}
