/**
 * The query path, one step after the other (README.md in ../ has the
 * picture): a Grafana query → its frames (src/core/contracts/frameContract.ts).
 *
 *   check → select → plan → fetch → compute → merge ledger → judge → record → frame → notices
 *
 * Each step is a module of this folder named after it. SLAs and customers are
 * not wrappers around the path: a customer's restricted SLA components are
 * planned (./plan) and computed like any SLO, and their ledger rows are read
 * in the merge (./mergeLedger); SLA rows are summed from their components'
 * computations by the frames. One failing SLO returns its error as a notice
 * (series types) or in its row (tables); the others still answer.
 */
import { Catalog, Slo } from '../../../core/model/model';
import { SloLedgerQueryModel } from '../../../core/contracts/queryModel';
import { DataQuery, DataResponse } from '../../protocol/handlers';
import { QueryContext } from '../frames/context';
import type { Instance } from '../instance/instance';
import { customerQuery } from '../sla/customerQuery';
import { checkRequest } from './check';
import { computeAll } from './compute';
import { fetchAll } from './fetch';
import { buildFrames } from './frames';
import { judge } from './judge';
import { mergeLedger } from './mergeLedger';
import { withNotices } from './notices';
import { CustomerAsked, planQuery, QueryPlan } from './plan';
import { recordClosedPeriods } from './record';
import { selectQuerySlos } from './select';

export async function runQuery(instance: Instance, query: DataQuery, signal: AbortSignal, wallClockMs = Date.now()): Promise<DataResponse> {
  // check: a malformed query answers 400 before anything is read
  const checked = checkRequest(query);
  if ('response' in checked) {
    return checked.response;
  }
  const { model, type } = checked;
  // select: the catalog with its default SLOs (book 6.7), and the SLOs asked about
  const selected = await selectQuerySlos(instance, model, type, wallClockMs);
  if ('response' in selected) {
    return selected.response;
  }
  // plan: book 11.2.7, SLAs with a customer label read from their components restricted to the query's customer
  const forCustomer = customerQuery(selected.catalog, selected.slos, model);
  const plan = planQuery(instance, query, model, selected.catalog, selected.slos, wallClockMs, forCustomer);
  // fetch → compute → merge ledger → judge
  const ctx = await computePlan(instance, plan, signal);
  // record: in the background, never awaited by the answer
  recordClosedPeriods(instance, type, selected.slos, ctx.outcomes, wallClockMs);
  // frame, then what the answer must say beside its figures
  const frames = await buildFrames(type, ctx, instance, signal);
  return { frames: withNotices(type, ctx, frames, forCustomer?.notices ?? [], selected.errors) };
}

/**
 * The steps from fetch to judge for a plan: the context every frame builder
 * reads. The resources `slos/<id>` and `indicators/<name>` go through it too,
 * so they answer exactly what the matching query would.
 */
export async function computePlan(instance: Instance, plan: QueryPlan, signal: AbortSignal): Promise<QueryContext> {
  // fetch: one fetch per SLO, shared with identical queries in flight
  const fetched = await fetchAll(instance, plan, signal);
  // compute: each SLO's figures over the range at "now"
  const outcomes = computeAll(plan, fetched);
  // merge ledger: closed periods from the ledger (must precede judging: policies read the merged periods)
  const ledger = await mergeLedger(instance, plan, outcomes);
  // judge: the error budget policies the frames show (book ch. 10)
  const policies = await judge(instance, plan, outcomes, signal);
  return queryContext(plan, outcomes, ledger, policies);
}

/** The plan and what the steps made, as the frame builders read it; a customer's SLAs point at their restricted components. */
function queryContext(plan: QueryPlan, outcomes: QueryContext['outcomes'], ledger: Awaited<ReturnType<typeof mergeLedger>>, policies: QueryContext['policies']): QueryContext {
  const { query, model, slos, nowMs, customer } = plan;
  const catalog: Catalog = customer ? { ...plan.catalog, slas: customer.plan.slas } : plan.catalog;
  const ctx: QueryContext = { query, model, catalog, slos, outcomes, nowMs };
  if (policies) {
    ctx.policies = policies;
  }
  if (ledger.ledgerNotices) {
    ctx.ledgerNotices = ledger.ledgerNotices;
  }
  if (ledger.mergeSla) {
    ctx.mergeSla = ledger.mergeSla;
  }
  if (customer) {
    ctx.customer = { value: customer.value, restricted: customer.plan.restricted, copies: customer.copies };
  }
  return ctx;
}

/**
 * A resource's context: the SLOs it chose computed as a query of `model`'s
 * type over `query`'s range would compute them, with the catalog (and its
 * default SLOs) of the instance; `customer` restricts the SLAs as in a query.
 */
export async function resourceContext(instance: Instance, query: DataQuery, model: SloLedgerQueryModel, slos: Slo[], signal: AbortSignal, wallClockMs: number, customer?: CustomerAsked): Promise<QueryContext> {
  const { catalog } = await instance.catalogWithDefaults(wallClockMs);
  return computePlan(instance, planQuery(instance, query, model, catalog, slos, wallClockMs, customer), signal);
}
