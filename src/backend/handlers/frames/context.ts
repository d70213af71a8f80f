/** What every frame builder gets: the query, its model, and the computed SLOs (or their errors). */
import { Catalog, Slo } from '../../../core/model/model';
import { SloLedgerQueryModel } from '../../../core/contracts/queryModel';
import { DataQuery } from '../../protocol/handlers';
import type { Outcome } from '../compute/computeShared';
import { SloComputation } from '../compute/engine';
import type { PolicyJudgement } from '../policy/judgement';
import type { SlaMerge } from '../../ledger/merge';

export interface QueryContext {
  query: DataQuery;
  model: SloLedgerQueryModel;
  catalog: Catalog;
  slos: Slo[];
  outcomes: Outcome[];
  nowMs: number;
  /** Error budget policies judged at nowMs (catalog, policy and episodes queries). */
  policies?: PolicyJudgement;
  /** What merging with the ledger had to say (no record, disagreements). */
  ledgerNotices?: string[];
  /** SLA figures merged with the ledger (closed periods), when the query read it. */
  mergeSla?: SlaMerge;
  /** book 11.2.7: the customer the query asked for (../query/plan, ../sla/customerQuery): which SLAs were restricted, which computations are their components' copies. */
  customer?: { value: string; restricted: ReadonlySet<string>; copies: ReadonlySet<string> };
}

/** Pairs of SLO and computation, skipping the failed ones. */
export function computed(ctx: QueryContext): SloComputation[] {
  return ctx.outcomes.flatMap((o) => ('ok' in o ? [o.ok] : []));
}

/** Failed SLOs with their errors, for notices. */
export function failures(ctx: QueryContext): Array<{ slo: Slo; error: string }> {
  return ctx.outcomes.flatMap((o, i) => ('error' in o ? [{ slo: ctx.slos[i], error: o.error }] : []));
}
