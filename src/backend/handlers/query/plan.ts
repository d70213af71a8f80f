/**
 * Step 3 of the query pipeline, plan: what a query computes and reads before
 * anything is fetched — "now" for its projections, the SLOs to compute (the
 * selection plus, for a customer, the restricted copies of the components of
 * that customer's SLAs, book 11.2.7), the compute options its frames need,
 * which ledger reads its frames merge, and which policies it judges.
 */
import { Catalog, ErrorBudgetPolicy, Slo } from '../../../core/model/model';
import { QueryType } from '../../../core/contracts/frameContract';
import { SloLedgerQueryModel } from '../../../core/contracts/queryModel';
import { DataQuery } from '../../protocol/handlers';
import { ComputeOptions } from '../compute/engine';
import { policiesForSelection, policiesForSlos } from '../policy/judgement';
import { CustomerPlan } from '../sla/customerPlan';

/** Per-period tables read closed periods from the ledger. */
const LEDGER_MERGED: QueryType[] = ['catalog', 'adherence', 'depletion', 'exhaustion'];
/** Per-period tables whose SLA rows read closed periods from the ledger (book 3.3, 11.2.7-11.2.8). */
const SLA_LEDGER_MERGED: QueryType[] = ['adherence', 'depletion', 'exhaustion'];
/** Query types whose frames need the error budget policies judged (book ch. 10). */
const NEEDS_POLICIES: QueryType[] = ['catalog', 'policy', 'episodes'];

export interface QueryPlan {
  query: DataQuery;
  model: SloLedgerQueryModel;
  type: QueryType;
  /** The whole catalog: policies and SLA ledger reads see every SLA, as the catalog defines it. */
  catalog: Catalog;
  /** What is computed: the selection, then the customer's copies of SLA components. */
  slos: Slo[];
  /** "Now" for projections: the range end, unless it lies in the future. */
  nowMs: number;
  options: ComputeOptions;
  /** Monthly time scale of a per-period table: calendar months are merged with the ledger too. */
  months: boolean;
  /** The frames read closed SLO periods from the ledger. */
  mergeSloLedger: boolean;
  /** The frames read closed SLA periods from the ledger. */
  mergeSlaLedger: boolean;
  /** The policies to judge; undefined: the frames show none. */
  policies?: ErrorBudgetPolicy[];
  /** book 11.2.7: the customer asked for, its SLAs restricted to it, and the ids of the computed copies. */
  customer?: { value: string; plan: CustomerPlan; copies: ReadonlySet<string> };
}

/** A customer to read the SLAs for: who, and the plan of restricted copies (sla/customerPlan, sla/customerQuery). */
export interface CustomerAsked {
  customer: string;
  plan: CustomerPlan;
}

export function planQuery(
  instance: { settings: { timeZone: string } },
  query: DataQuery,
  model: SloLedgerQueryModel,
  catalog: Catalog,
  selected: Slo[],
  wallClockMs: number,
  customer?: CustomerAsked
): QueryPlan {
  const type = model.queryType!;
  const nowMs = Math.min(query.timeRange.toMs, wallClockMs);
  // the catalog row shows recent adherence: three periods before the range
  const extraPeriods = type === 'catalog' ? 3 : 0;
  const months = model.timeScale === 'monthly' && ['adherence', 'depletion', 'exhaustion'].includes(type);
  const slos = customer?.plan.slos ?? selected;
  const judged = NEEDS_POLICIES.includes(type) && (type !== 'episodes' || (model.annotationKinds ?? []).includes('policy'));
  const ids = new Set(selected.map((s) => s.id));
  return {
    query,
    model,
    type,
    catalog,
    slos,
    nowMs,
    options: { corrections: catalog.corrections, timeZone: instance.settings.timeZone, extraPeriods, months },
    months,
    mergeSloLedger: LEDGER_MERGED.includes(type),
    mergeSlaLedger: SLA_LEDGER_MERGED.includes(type),
    policies: judged ? (type === 'policy' ? policiesForSelection(catalog, model) : policiesForSlos(catalog, slos)) : undefined,
    customer: customer && { value: customer.customer, plan: customer.plan, copies: new Set(slos.map((s) => s.id).filter((id) => !ids.has(id))) },
  };
}
