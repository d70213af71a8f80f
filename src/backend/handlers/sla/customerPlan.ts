/**
 * Per-customer SLA figures (book 11.2.7: "SLA error budget depletion ... per
 * customer"): an SLA with a `customerLabel` is read from copies of its
 * component SLOs whose queries select only that customer
 * (core/queries/customerRestriction); its SLI stays Σgood / Σtotal of those
 * components. SLAs without a customer label are untouched.
 */
import { restrictSloToCustomer } from '../../../core/queries/customerRestriction';
import { Catalog, Sla, Slo } from '../../../core/model/model';

export interface CustomerPlan {
  /** The SLOs to compute: the selection plus the restricted copies. */
  slos: Slo[];
  /** The SLAs to read: restricted ones point at the copies. */
  slas: Sla[];
  /** Ids of the SLAs computed for the customer. */
  restricted: Set<string>;
  /** One per SLA that could not be restricted (the others still are). */
  notices: string[];
}

/** The id of a component's copy for one customer, readable in notices: `checkout/orders{customer="acme"}`. */
export const restrictedId = (sloId: string, label: string, customer: string) => `${sloId}{${label}=${JSON.stringify(customer)}}`;

export function customerPlan(catalog: Pick<Catalog, 'slas'>, slos: Slo[], customer: string): CustomerPlan {
  const byId = new Map(slos.map((s) => [s.id, s]));
  const copies = new Map<string, Slo>();
  const slas: Sla[] = [];
  const restricted = new Set<string>();
  const notices: string[] = [];
  for (const sla of catalog.slas) {
    const label = sla.customerLabel;
    if (!label) {
      slas.push(sla);
      continue;
    }
    const parts = sla.components.map((id) => byId.get(id));
    if (parts.some((p) => p === undefined)) {
      slas.push(sla); // not selected: the SLA yields no row either way
      continue;
    }
    const outs = (parts as Slo[]).map((slo) => restrictSloToCustomer(slo, label, customer));
    const failed = outs.flatMap((o) => ('error' in o ? [o.error] : []));
    if (failed.length > 0) {
      notices.push(`${sla.id}: no figures for customer "${customer}": ${failed.join('; ')}`);
      continue;
    }
    const ids = outs.map((o) => {
      const slo = (o as { slo: Slo }).slo;
      const id = restrictedId(slo.id, label, customer);
      copies.set(id, { ...slo, id });
      return id;
    });
    slas.push({ ...sla, components: ids });
    restricted.add(sla.id);
  }
  return { slos: [...slos, ...copies.values()], slas, restricted, notices };
}
