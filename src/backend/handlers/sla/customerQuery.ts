/**
 * The `customer` field of a query (book 11.2.7: "if the contractually agreed
 * SLA with customer A reads ... it refers to all the workflows executed for
 * customer A and only customer A"). The query types of CUSTOMER_QUERY_TYPES
 * read every SLA with a `customerLabel` from its components restricted to
 * that customer, through the same plan as the indicators/sla-* resources
 * (./customerPlan); SLAs without a label keep their all-customer figures and
 * say so in a notice naming them.
 */
import { Catalog, Slo } from '../../../core/model/model';
import { CUSTOMER_QUERY_TYPES, SloLedgerQueryModel } from '../../../core/contracts/queryModel';
import { customerPlan, CustomerPlan } from './customerPlan';

export interface CustomerQuery {
  customer: string;
  plan: CustomerPlan;
  /** The restricted copies of components (computed, but not rows of their own). */
  copies: ReadonlySet<string>;
  /** The restriction's notices and one per SLA of the answer that has no customer label. */
  notices: string[];
}

/** The customer a query asks for: none when empty, "All" (`$__all`) or the type does not take one. */
export function askedCustomer(model: Pick<SloLedgerQueryModel, 'queryType' | 'customer'>): string | undefined {
  const value = typeof model.customer === 'string' ? model.customer.trim() : '';
  const takesIt = CUSTOMER_QUERY_TYPES.includes(model.queryType ?? 'budget');
  return takesIt && value !== '' && value !== '$__all' ? value : undefined;
}

/**
 * What a query computes for its customer: the selected SLOs plus their
 * restricted copies (customerPlan), or undefined when it asks for none.
 *
 * @example customerQuery(catalog, slos, { queryType: 'adherence', customer: 'acme' }).plan.slos
 *   → [...slos, 'accounts/login{customer="acme"}']
 */
export function customerQuery(catalog: Pick<Catalog, 'slas'>, slos: Slo[], model: Pick<SloLedgerQueryModel, 'queryType' | 'customer'>): CustomerQuery | undefined {
  const customer = askedCustomer(model);
  if (customer === undefined) {
    return undefined;
  }
  const plan = customerPlan(catalog, slos, customer);
  const selected = new Set(slos.map((s) => s.id));
  // adherence shows every SLA (this one over all customers); budget, depletion and exhaustion show only the customer's SLAs
  const consequence = model.queryType === 'adherence' ? `its figures are over all customers, not customer "${customer}"` : `it has no figures for customer "${customer}"`;
  const unlabelled = catalog.slas
    .filter((sla) => !sla.customerLabel && sla.components.length > 0 && sla.components.every((id) => selected.has(id)))
    .map((sla) => `${sla.id}: no customer label, so ${consequence} (add customerLabel to the SLA for per-customer figures)`);
  const copies = new Set(plan.slos.map((s) => s.id).filter((id) => !selected.has(id)));
  return { customer, plan, copies, notices: [...plan.notices, ...unlabelled] };
}
