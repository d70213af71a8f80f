/**
 * Per-customer SLA reads merged with the ledger (book 11.2.7, book 3.3): the
 * SLAs a customer plan restricted read that customer's ledger rows, merged
 * with their live per-customer figures exactly as SLA-level reads merge the
 * SLA's own rows (ledger/merge.ts slaMerger): closed periods the source no
 * longer holds come from the ledger, periods neither holds read "no record"
 * (No data, never Fulfilled), disagreements go to CheckHealth under
 * `<sla>{<label>="<customer>"}`. The other SLAs keep the all-customer merge;
 * a restricted SLA never reads the ledger's all-customer records.
 */
import { SlaMerge, slaMerger } from '../../ledger/merge';
import { Ledger } from '../../ledger/ledgerService';
import { CustomerPlan } from './customerPlan';

/**
 * The SLA merge of a query for one customer: `plan.slas` (restricted ones
 * pointing at their customer copies) read through `others` unless restricted.
 * Ledger problems are pushed onto `notices`.
 */
export async function customerSlaMerge(others: SlaMerge, plan: CustomerPlan, customer: string, ledger: Ledger | undefined, catalogVersion: string, notices: string[]): Promise<SlaMerge> {
  const restricted = plan.slas.filter((s) => plan.restricted.has(s.id) && s.customerLabel);
  // the customer label is per SLA: one read per label (nearly always one)
  const merges = new Map<string, SlaMerge>();
  for (const label of new Set(restricted.map((s) => s.customerLabel as string))) {
    merges.set(label, await slaMerger(ledger, restricted.filter((s) => s.customerLabel === label), catalogVersion, notices, { label, value: customer }));
  }
  return (sla, kind, figures, comps) => {
    const merge = plan.restricted.has(sla.id) && sla.customerLabel ? merges.get(sla.customerLabel) : undefined;
    if (merge) {
      return merge(sla, kind, figures, comps);
    }
    return plan.restricted.has(sla.id) ? figures : others(sla, kind, figures, comps);
  };
}
