/**
 * `options/customers[?sla=<id>]` → OptionsResponse: the customers an SLA with a
 * `customerLabel` can be shown for (book 11.2.7), read as the values that
 * label takes on the series of the SLA's first component's total query;
 * without `sla`, the customers of every SLA that has a customer label.
 */
import { Catalog, Sla } from '../../../core/model/model';
import { OptionsResponse } from '../../../core/contracts/resourceContract';
import { firstSelector } from '../../../core/queries/selectorRewrite';
import { CallResourceResponse, jsonResource } from '../../protocol/handlers';
import { canListLabelValues } from '../../sources/labelValues';
import type { Instance } from '../instance';

const LOOKUP_TIMEOUT_MS = 10_000;

export async function customerOptionsResource(instance: Instance, params: URLSearchParams, signal: AbortSignal, wallClockMs = Date.now()): Promise<CallResourceResponse> {
  const id = params.get('sla');
  const { catalog } = await instance.catalogWithDefaults(wallClockMs);
  if (id === null) {
    // no SLA named: the customers of every SLA with a customer label (the Indicators page's Customer variable)
    const answers = await Promise.all(catalog.slas.filter((s) => s.customerLabel).map((sla) => customersOf(instance, catalog, sla, signal, wallClockMs)));
    const values = [...new Set(answers.flatMap((a) => ('values' in a ? a.values : [])))].sort();
    const failed = answers.flatMap((a) => ('error' in a ? [a.error] : []));
    if (failed.length > 0 && values.length === 0) {
      return jsonResource({ error: `options/customers: ${failed.join('; ')}` }, 502);
    }
    return jsonResource({ values: values.map((v) => ({ value: v, label: v })) } satisfies OptionsResponse);
  }
  const sla = catalog.slas.find((s) => s.id === id);
  if (!sla) {
    return jsonResource({ error: `options/customers: "sla" must name an SLA of the catalog (${catalog.slas.map((s) => s.id).join(', ') || 'none defined'}), got "${id}"` }, 400);
  }
  const answer = await customersOf(instance, catalog, sla, signal, wallClockMs);
  return 'error' in answer ? jsonResource({ error: `options/customers: ${answer.error}` }, answer.status) : jsonResource({ values: answer.values.map((v) => ({ value: v, label: v })) } satisfies OptionsResponse);
}

/** The customers of an SLA for the ledger's per-customer rows (the same discovery as this resource); throws with the reason. */
export async function discoverCustomers(instance: Pick<Instance, 'sourceFor'>, catalog: Catalog, sla: Sla, signal: AbortSignal, atMs: number): Promise<string[]> {
  const answer = await customersOf(instance, catalog, sla, signal, atMs);
  if ('error' in answer) {
    throw new Error(answer.error);
  }
  return answer.values;
}

/** The values an SLA's customer label takes on its first component's series (none without a customer label). */
async function customersOf(instance: Pick<Instance, 'sourceFor'>, catalog: Catalog, sla: Sla, signal: AbortSignal, wallClockMs: number): Promise<{ values: string[] } | { error: string; status: number }> {
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
