/**
 * Step 9 of the query pipeline, frame: the query type's frames
 * (src/core/contracts/frameContract.ts) from the context the steps before made; the
 * builders in ../frames only read it. SLA rows and series come from the
 * computations of their components (frames/sla.ts, frames/slaSeries.ts).
 */
import { QueryType } from '../../../core/contracts/frameContract';
import { Frame } from '../../protocol/frame';
import { chooseStep, withWindow } from '../compute/engine';
import { annotationFrame, deploymentRows, sloAnnotationRows } from '../frames/annotations';
import { budgetFrame } from '../frames/budget';
import { catalogFrame } from '../frames/catalog';
import { QueryContext } from '../frames/context';
import { endpointsFrame } from '../frames/endpoints';
import { adherenceFrame, depletionFrame, exhaustionFrame } from '../frames/periodTables';
import { policyAnnotationRows } from '../frames/policyAnnotations';
import { policyQueryFrame } from '../frames/policy';
import { seriesFrames } from '../frames/series';
import { withSlaBudgets } from '../frames/slaSeries';
import { SourceLookup } from '../sla/customerDiscovery';

export async function buildFrames(type: QueryType, ctx: QueryContext, instance: SourceLookup, signal: AbortSignal): Promise<Frame[]> {
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

/** Deployment annotations (book 11.2.11) from the query's deployment expression on the Prometheus source. */
async function deployments(ctx: QueryContext, instance: SourceLookup, signal: AbortSignal) {
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
