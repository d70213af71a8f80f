/**
 * Per-customer SLA reads merged with the ledger (book 11.2.7, book 3.3): the
 * SLAs a customer plan restricted read that customer's ledger rows, merged
 * with their live per-customer figures exactly as SLA-level reads merge the
 * SLA's own rows (ledger/merge.ts slaMerger): closed periods the source no
 * longer holds come from the ledger, periods neither holds read "no record"
 * (No data, never Fulfilled), disagreements go to CheckHealth under
 * `<sla>{<label>="<customer>"}`. The other SLAs keep the context's merge.
 */
import { slaMerger } from '../../ledger/merge';
import { Ledger } from '../../ledger/ledgerService';
import { CustomerPlan } from './customerPlan';
import { QueryContext } from '../frames/context';

export async function withCustomerLedger(ctx: QueryContext, plan: CustomerPlan, customer: string, ledger: Ledger | undefined, catalogVersion: string): Promise<QueryContext> {
  const others = ctx.mergeSla;
  if (!others) {
    // this query type reads no ledger for SLAs at all
    return ctx;
  }
  const restricted = ctx.catalog.slas.filter((s) => plan.restricted.has(s.id) && s.customerLabel);
  const notices = ctx.ledgerNotices ?? [];
  // the customer label is per SLA: one read per label (nearly always one)
  const merges = new Map<string, Awaited<ReturnType<typeof slaMerger>>>();
  for (const label of new Set(restricted.map((s) => s.customerLabel as string))) {
    merges.set(label, await slaMerger(ledger, restricted.filter((s) => s.customerLabel === label), catalogVersion, notices, { label, value: customer }));
  }
  return {
    ...ctx,
    ledgerNotices: notices,
    mergeSla: (sla, kind, figures, comps) => {
      const merge = plan.restricted.has(sla.id) && sla.customerLabel ? merges.get(sla.customerLabel) : undefined;
      return merge ? merge(sla, kind, figures, comps) : others(sla, kind, figures, comps);
    },
  };
}
