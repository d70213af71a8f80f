/**
 * SLA series and rows for the `budget`, `depletion` and `exhaustion` queries
 * (book 11.2.7, figs. 11.9-11.10: "the SLA error budget depletion graph" and
 * table, with or without a customer). Each SLA whose components the query
 * computed (./sla slasWithComponents, the rule adherence uses) is computed
 * from its components' summed buckets (../sla/slaComputation) and drawn or tabled
 * like an SLO. Without a customer: every such SLA over all customers. With
 * one: the SLAs the query restricted to that customer (../sla/customerQuery).
 * The per-period tables merge closed periods with the ledger exactly as
 * adherence does (ctx.mergeSla: the SLA's own rows, or the customer's).
 */
import { SloLabels } from '../../../core/contracts/frameContract';
import { Sla } from '../../../core/model/model';
import { Frame, withNotice } from '../../protocol/frame';
import { restrictedId } from '../sla/customerPlan';
import { figuresFor, SloComputation } from '../compute/engine';
import { slaComputation } from '../sla/slaComputation';
import { budgetFrame } from './budget';
import { QueryContext } from './context';
import { slaLabels, slasWithComponents } from './sla';
import { scaleIntervals } from './timeScale';

export interface QuerySla {
  sla: Sla;
  /** The customer the figures are for; '' = all customers. */
  customer: string;
  labels: SloLabels;
  computation: SloComputation;
}

/** The query's SLAs, each as one computation (closed periods merged with the ledger when the query reads it); notices say why one could not be. */
export function querySlas(ctx: QueryContext): { slas: QuerySla[]; notices: string[] } {
  const customer = ctx.customer;
  const slas: QuerySla[] = [];
  const notices: string[] = [];
  // with a customer, budget/depletion/exhaustion show only the SLAs computed for that customer (../sla/customerQuery notices the others)
  for (const { sla, comps } of slasWithComponents(ctx).filter(({ sla }) => !customer || customer.restricted.has(sla.id))) {
    const out = slaComputation(sla, comps, ctx.query.timeRange.fromMs, ctx.query.timeRange.toMs, ctx.nowMs);
    if ('error' in out) {
      notices.push(out.error);
      continue;
    }
    slas.push({ sla, customer: customer?.value ?? '', labels: slaLabels(sla, comps), computation: withSlaLedger(ctx, sla, comps, out.ok) });
  }
  return { slas, notices };
}

/**
 * Closed periods from the ledger (book 3.3): the error budget periods of a
 * calendar SLA and, on the monthly time scale, the months — the same two
 * merges slaAdherenceRows makes, so a period the source forgot reads the
 * recorded figures and one nobody holds reads No data, never Fulfilled.
 */
function withSlaLedger(ctx: QueryContext, sla: Sla, comps: SloComputation[], c: SloComputation): SloComputation {
  const merge = ctx.mergeSla;
  if (!merge) {
    return c; // budget series are live (the ledger holds period figures, not curves)
  }
  if (sla.period.kind === 'calendar') {
    c.periods = merge(sla, 'budget', c.periods, comps);
  }
  if (ctx.model.timeScale === 'monthly') {
    c.ledgerMonths = merge(sla, 'month', figuresFor(c, scaleIntervals(c, 'monthly')), comps);
  }
  return c;
}

/** The SLA's remaining budget series: named by its id (`<sla>{<label>="<customer>"}` for a customer), labelled like its rows. */
export function slaBudgetFrame(s: QuerySla, refId: string, scale: Parameters<typeof budgetFrame>[2]): Frame {
  const frame = budgetFrame(s.computation, refId, scale);
  const [time, value] = frame.fields;
  const custom = frame.meta?.custom as Record<string, unknown> | undefined;
  const forCustomer = s.customer !== '';
  return {
    ...frame,
    name: forCustomer ? restrictedId(s.sla.id, s.sla.customerLabel ?? 'customer', s.customer) : s.sla.id,
    meta: { ...frame.meta, custom: { ...custom, labels: s.labels, ...(forCustomer ? { customer: s.customer } : {}) } },
    fields: [
      time,
      {
        ...value,
        labels: { ...s.labels, ...(forCustomer ? { customer: s.customer } : {}) },
        config: { ...value.config, displayNameFromDS: forCustomer ? `${s.sla.name} (${s.customer}) remaining budget` : `${s.sla.name} remaining budget` },
      },
    ],
  };
}

/** `budget` frames: the SLO series (without a customer's restricted copies), then one series per SLA of the query. */
export function withSlaBudgets(ctx: QueryContext, frames: Frame[]): Frame[] {
  const copies = ctx.customer?.copies;
  const { slas, notices } = querySlas(ctx);
  const out = [...frames.filter((f) => !copies?.has(f.name)), ...slas.map((s) => slaBudgetFrame(s, ctx.query.refId, ctx.model.timeScale))];
  for (const text of out[0] ? notices : []) {
    out[0] = withNotice(out[0], { severity: 'warning', text });
  }
  return out;
}
