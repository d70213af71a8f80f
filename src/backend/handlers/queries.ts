/**
 * Query types → frames (src/core/contracts/frameContract.ts). Each selected SLO is
 * fetched and computed once; the frame builders in ./frames only read the
 * computations. One failing SLO returns its error as a notice (series types)
 * or in its row (tables); the others still answer.
 */
import { QueryType } from '../../core/contracts/frameContract';
import { checkQuery, SloLedgerQueryModel } from '../../core/contracts/queryModel';
import { Slo } from '../../core/model/model';
import { DataQuery, DataResponse } from '../protocol/handlers';
import { Frame, timeSeriesFrame, withNotice } from '../protocol/frame';
import { adhocSlo } from './adhoc';
import { computeShared } from './computeShared';
import { withCustomerLedger } from './customerLedger';
import { customerQuery, withCustomerQuery } from './customerQuery';
import { chooseStep, ComputeOptions, withWindow } from './engine';
import { annotationFrame, deploymentRows, sloAnnotationRows } from './frames/annotations';
import { budgetFrame } from './frames/budget';
import { catalogFrame } from './frames/catalog';
import { withSlaBudgets } from './frames/slaSeries';
import { computed, failures, QueryContext } from './frames/context';
import { endpointsFrame } from './frames/endpoints';
import { adherenceFrame, depletionFrame, exhaustionFrame } from './frames/periodTables';
import { policyAnnotationRows } from './frames/policyAnnotations';
import { policyQueryFrame } from './frames/policy';
import { seriesFrames } from './frames/series';
import { withSourceWarnings } from './frames/sourceWarnings';
import { Instance } from './instance';
import { mergeWithLedger, slaMerger } from '../ledger/merge';
import { judgePolicies, policiesForSelection, policiesForSlos, policySlos } from './policyJudgement';
import { selectSlos } from './selection';
import { queryShapeProblem } from './queryShape';
import { timeRangeProblem } from './timeRangeGuard';

/** Per-period tables read closed periods from the ledger. */
const LEDGER_MERGED: QueryType[] = ['catalog', 'adherence', 'depletion', 'exhaustion'];
/** Per-period tables whose SLA rows read closed periods from the ledger (book 3.3, 11.2.7-11.2.8). */
const SLA_LEDGER_MERGED: QueryType[] = ['adherence', 'depletion', 'exhaustion'];
/** Query types whose frames need the error budget policies judged (book ch. 10). */
const NEEDS_POLICIES: QueryType[] = ['catalog', 'policy', 'episodes'];

export async function runQuery(instance: Instance, query: DataQuery, signal: AbortSignal, wallClockMs = Date.now()): Promise<DataResponse> {
  const shapeProblem = queryShapeProblem(query.json);
  if (shapeProblem) {
    return { frames: [], error: `Bad query: ${shapeProblem}`, status: 400, errorSource: 'plugin' };
  }
  const model = { ...query.json, refId: query.refId, queryType: (query.queryType || query.json.queryType || 'budget') as QueryType } as SloLedgerQueryModel;
  const check = checkQuery(model);
  if (!check.ok) {
    return { frames: [], error: `Incomplete query: ${check.missing}`, status: 400, errorSource: 'plugin' };
  }
  const type = model.queryType!;
  const rangeProblem = timeRangeProblem(query.timeRange);
  if (rangeProblem) {
    return { frames: [], error: rangeProblem, status: 400, errorSource: 'plugin' };
  }
  const { catalog, errors } = await instance.catalogWithDefaults(wallClockMs);
  let slos: Slo[];
  if (type === 'adhoc') {
    const slo = adhocSlo(model.adhoc!, instance.settings.timeZone);
    if (typeof slo === 'string') {
      return { frames: [], error: `Ad hoc: ${slo}`, status: 400, errorSource: 'plugin' };
    }
    slos = [slo];
  } else {
    // a policy query computes the SLOs its policies read (in scope and dependencies), nothing else
    slos = type === 'policy' ? policySlos(catalog, policiesForSelection(catalog, model)) : selectSlos(catalog.slos, model);
  }
  // book 11.2.7: SLAs with a customer label read from their components restricted to the query's customer
  const forCustomer = customerQuery(catalog, slos, model);
  const read = await queryContext(instance, query, model, forCustomer?.plan.slos ?? slos, signal, wallClockMs);
  // closed periods of the customer's SLAs come from the ledger's per-customer rows, as for the indicators/sla-* resources
  const ctx = forCustomer ? await withCustomerLedger(withCustomerQuery(read, forCustomer), forCustomer.plan, forCustomer.customer, instance.ledger, instance.catalogVersion()) : read;
  // newly closed periods are written to the ledger in the background (DESIGN.md "The ledger"); an SLO whose
  // source failed now is left for a later refresh rather than asked again behind the user's back
  if (type !== 'adhoc' && instance.closePeriodsAfterRefresh) {
    void instance.closer.afterRefresh(slos.filter((_, i) => 'ok' in ctx.outcomes[i]), wallClockMs);
  }
  let frames = await buildFrames(type, ctx, instance, signal);
  for (const text of frames[0] ? (forCustomer?.notices ?? []) : []) {
    frames[0] = withNotice(frames[0], { severity: 'warning', text });
  }
  if (ctx.ledgerNotices && ctx.ledgerNotices.length > 0 && frames[0]) {
    frames[0] = withNotice(frames[0], { severity: 'info', text: ctx.ledgerNotices.join('; ') });
  }
  if (type !== 'catalog') {
    frames = withFailureNotices(ctx, frames);
  }
  frames = withSourceWarnings(ctx, frames);
  if (errors.length > 0 && frames[0] && type !== 'adhoc') {
    frames[0] = withNotice(frames[0], { severity: 'warning', text: `${errors.length} catalog errors (see Save & test): first at ${errors[0].file}:${errors[0].line}: ${errors[0].message}` });
  }
  return { frames };
}

/** Computes every selected SLO once for a query (also used by the resources `slos/<id>` and `indicators/<name>`). */
export async function queryContext(instance: Instance, query: DataQuery, model: SloLedgerQueryModel, slos: Slo[], signal: AbortSignal, wallClockMs = Date.now()): Promise<QueryContext> {
  const type = model.queryType!;
  // "now" for projections: the range end, unless it lies in the future
  const nowMs = Math.min(query.timeRange.toMs, wallClockMs);
  const extraPeriods = type === 'catalog' ? 3 : 0;
  const months = model.timeScale === 'monthly' && ['adherence', 'depletion', 'exhaustion'].includes(type);
  const { catalog } = await instance.catalogWithDefaults(wallClockMs);
  // identical queries in flight (20 dashboards refreshing at once) fetch and derive each SLO once (./sharedComputations)
  const options: ComputeOptions = { corrections: catalog.corrections, timeZone: instance.settings.timeZone, extraPeriods, months };
  const outcomes = await Promise.all(slos.map((slo) => computeShared(instance, slo, query.timeRange.fromMs, query.timeRange.toMs, nowMs, options, signal)));
  const ctx: QueryContext = { query, model, catalog, slos, outcomes, nowMs };
  // the ledger: closed periods merged into the per-period tables (DESIGN.md "The ledger")
  if (LEDGER_MERGED.includes(type)) {
    ctx.ledgerNotices = await mergeWithLedger(instance.ledger, computed(ctx), instance.catalogVersion(), months);
  }
  if (SLA_LEDGER_MERGED.includes(type)) {
    ctx.ledgerNotices ??= [];
    ctx.mergeSla = await slaMerger(instance.ledger, catalog.slas ?? [], instance.catalogVersion(), ctx.ledgerNotices);
  }
  if (NEEDS_POLICIES.includes(type) && (type !== 'episodes' || (model.annotationKinds ?? []).includes('policy'))) {
    const policies = type === 'policy' ? policiesForSelection(catalog, model) : policiesForSlos(catalog, slos);
    ctx.policies = await judgePolicies(instance, catalog, nowMs, signal, new Map(slos.map((s, i) => [s.id, outcomes[i]])), policies);
  }
  return ctx;
}

export async function buildFrames(type: QueryType, ctx: QueryContext, instance: Instance, signal: AbortSignal): Promise<Frame[]> {
  switch (type) {
    case 'catalog':
      return [catalogFrame(ctx)];
    case 'adherence':
      return [adherenceFrame(ctx)];
    case 'depletion':
      return [depletionFrame(ctx)];
    case 'exhaustion':
      return [exhaustionFrame(ctx)];
    case 'endpoints':
      return [endpointsFrame(ctx)];
    case 'episodes':
      return [annotationFrame(ctx.query.refId, [...sloAnnotationRows(ctx), ...policyAnnotationRows(ctx.policies?.evaluations ?? [], ctx.query.timeRange.fromMs, ctx.query.timeRange.toMs), ...(await deployments(ctx, instance, signal))])];
    case 'policy':
      return [policyQueryFrame(ctx)];
    case 'budget':
      return withSlaBudgets(ctx, ctx.outcomes.flatMap((o) => ('ok' in o ? [budgetFrame(o.ok, ctx.query.refId, ctx.model.timeScale)] : [])));
    case 'adhoc':
      return ctx.outcomes.flatMap((o) => ('ok' in o ? [...seriesFrames('sli', o.ok, ctx.query.refId), budgetFrame(o.ok, ctx.query.refId, undefined), ...['1h', '6h', '24h'].flatMap((w) => seriesFrames('burnrate', o.ok, ctx.query.refId, w))] : []));
    default:
      return ctx.outcomes.flatMap((o) => ('ok' in o ? seriesFrames(type as 'sli' | 'burnrate', o.ok, ctx.query.refId, ctx.model.window) : []));
  }
}

/** Series queries: a failed SLO becomes an empty frame named after it, carrying its error. Tables: one notice per failure. */
function withFailureNotices(ctx: QueryContext, frames: Frame[]): Frame[] {
  const failed = failures(ctx);
  if (failed.length === 0) {
    return frames;
  }
  const seriesType = ['sli', 'budget', 'burnrate', 'adhoc'].includes(ctx.model.queryType!);
  if (seriesType) {
    return [
      ...frames,
      ...failed.map(({ slo, error }) => withNotice(timeSeriesFrame({ name: slo.id, refId: ctx.query.refId, times: [], values: [], labels: { slo: slo.id } }), { severity: 'error', text: `${slo.id}: ${error}` })),
    ];
  }
  let first = frames[0];
  for (const { slo, error } of failed) {
    first = withNotice(first, { severity: 'error', text: `${slo.id}: ${error}` });
  }
  return [first, ...frames.slice(1)];
}

async function deployments(ctx: QueryContext, instance: Instance, signal: AbortSignal) {
  const expr = ctx.model.deploymentQuery?.trim();
  if (!expr || !(ctx.model.annotationKinds ?? []).includes('deployments')) {
    return [];
  }
  const source = instance.sourceFor({ source: { type: 'prometheus' } });
  if (typeof source === 'string') {
    return [];
  }
  const { fromMs, toMs } = ctx.query.timeRange;
  const step = chooseStep(toMs - fromMs, 1000);
  const start = Math.floor(fromMs / step) * step;
  const values = await source.rangeCounts(withWindow(expr, step), start, Math.ceil(toMs / step) * step, step, signal);
  return deploymentRows(values, start, step, expr);
}
