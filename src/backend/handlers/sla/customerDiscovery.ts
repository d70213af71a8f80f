/**
 * The customers of an SLA with a `customerLabel` (book 11.2.7): the values
 * that label takes on the series of the SLA's first component's total query.
 * One discovery for the `options/customers` resource and for the ledger's
 * per-customer rows (ledger/schedule.ts `customersOf`).
 */
import { Catalog, Sla, Slo } from '../../../core/model/model';
import { firstSelector } from '../../../core/queries/selectorRewrite';
import { canListLabelValues } from '../../sources/labelValues';
import { CountSource } from '../../sources/types';

const LOOKUP_TIMEOUT_MS = 10_000;

/** Where an SLO's source is found (the datasource instance's `sourceFor`). */
export interface SourceLookup {
  sourceFor(slo: Pick<Slo, 'source'>): CountSource | string;
}

/** The customers of an SLA for the ledger's per-customer rows (the same discovery as `options/customers`); throws with the reason. */
export async function discoverCustomers(instance: SourceLookup, catalog: Catalog, sla: Sla, signal: AbortSignal, atMs: number): Promise<string[]> {
  const answer = await customersOf(instance, catalog, sla, signal, atMs);
  if ('error' in answer) {
    throw new Error(answer.error);
  }
  return answer.values;
}

/** The values an SLA's customer label takes on its first component's series (none without a customer label). */
export async function customersOf(instance: SourceLookup, catalog: Catalog, sla: Sla, signal: AbortSignal, wallClockMs: number): Promise<{ values: string[] } | { error: string; status: number }> {
  if (!sla.customerLabel) {
    return { values: [] };
  }
  const slo = catalog.slos.find((s) => s.id === sla.components[0]);
  if (!slo) {
    return { error: `${sla.id}: its first component "${sla.components[0]}" is not an SLO of the catalog`, status: 400 };
  }
  const source = instance.sourceFor(slo);
  if (typeof source === 'string') {
    return { error: `${slo.id}: ${source}`, status: 502 };
  }
  if (!canListLabelValues(source)) {
    return { error: `the ${source.name} source cannot list label values`, status: 502 };
  }
  const language = slo.source.type === 'loki' ? 'logql' : 'promql';
  const selector = firstSelector(slo.query.total, language);
  if ('error' in selector) {
    return { error: `${slo.id}: query.total: ${selector.error}`, status: 400 };
  }
  const label = sla.customerLabel;
  // the raw series keep the customer label that the SLO's own sum(...) aggregates away
  const query = language === 'logql' ? `sum by (${label}) (count_over_time(${selector.selector}[1h]))` : `group by (${label}) (${selector.selector})`;
  try {
    return { values: await source.labelValues(query, label, wallClockMs, AbortSignal.any([signal, AbortSignal.timeout(LOOKUP_TIMEOUT_MS)])) };
  } catch (e) {
    return { error: `${slo.id}: ${e instanceof Error ? e.message : String(e)}`, status: 502 };
  }
}
