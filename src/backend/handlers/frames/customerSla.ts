/**
 * Per-customer SLA series and rows for the `budget` and `depletion` queries
 * (book 11.2.7, figs. 11.9-11.10: "the SLA error budget depletion graph" with
 * a customer setting). Each SLA the query restricted to its customer
 * (../customerQuery) is computed from its restricted components' buckets
 * (../slaComputation) and drawn or tabled like an SLO, tagged with the customer.
 */
import { SloLabels } from '../../../core/frameContract';
import { Sla } from '../../../core/model';
import { Frame, withNotice } from '../../protocol/frame';
import { restrictedId } from '../customerSlas';
import { SloComputation } from '../engine';
import { slaComputation } from '../slaComputation';
import { budgetFrame } from './budget';
import { computed, QueryContext } from './context';
import { slaLabels } from './sla';

export interface CustomerSla {
  sla: Sla;
  customer: string;
  labels: SloLabels;
  computation: SloComputation;
}

/** The restricted SLAs of the query whose components all computed, each as one computation; notices say why one could not be. */
export function customerSlas(ctx: QueryContext): { slas: CustomerSla[]; notices: string[] } {
  const customer = ctx.customer;
  if (!customer) {
    return { slas: [], notices: [] };
  }
  const byId = new Map(computed(ctx).map((c) => [c.slo.id, c]));
  const slas: CustomerSla[] = [];
  const notices: string[] = [];
  for (const sla of ctx.catalog.slas.filter((s) => customer.restricted.has(s.id))) {
    const parts = sla.components.map((id) => byId.get(id));
    if (parts.some((p) => p === undefined)) {
      continue; // a component failed: its own error notice names it
    }
    const comps = parts as SloComputation[];
    const out = slaComputation(sla, comps, ctx.query.timeRange.fromMs, ctx.query.timeRange.toMs, ctx.nowMs);
    if ('error' in out) {
      notices.push(out.error);
      continue;
    }
    slas.push({ sla, customer: customer.value, labels: slaLabels(sla, comps), computation: out.ok });
  }
  return { slas, notices };
}

/** The SLA's remaining budget series for its customer: named `<sla>{<label>="<customer>"}`, labels with `customer`. */
export function customerSlaBudgetFrame(s: CustomerSla, refId: string, scale: Parameters<typeof budgetFrame>[2]): Frame {
  const frame = budgetFrame(s.computation, refId, scale);
  const [time, value] = frame.fields;
  const custom = frame.meta?.custom as Record<string, unknown> | undefined;
  return {
    ...frame,
    name: restrictedId(s.sla.id, s.sla.customerLabel ?? 'customer', s.customer),
    meta: { ...frame.meta, custom: { ...custom, labels: s.labels, customer: s.customer } },
    fields: [time, { ...value, labels: { ...s.labels, customer: s.customer }, config: { ...value.config, displayNameFromDS: `${s.sla.name} (${s.customer}) remaining budget` } }],
  };
}

/** `budget` frames with a customer: the components' restricted copies drop out, each restricted SLA's series comes in. */
export function withCustomerSlaBudgets(ctx: QueryContext, frames: Frame[]): Frame[] {
  if (!ctx.customer) {
    return frames;
  }
  const copies = ctx.customer.copies;
  const { slas, notices } = customerSlas(ctx);
  const out = [...frames.filter((f) => !copies.has(f.name)), ...slas.map((s) => customerSlaBudgetFrame(s, ctx.query.refId, ctx.model.timeScale))];
  for (const text of out[0] ? notices : []) {
    out[0] = withNotice(out[0], { severity: 'warning', text });
  }
  return out;
}
