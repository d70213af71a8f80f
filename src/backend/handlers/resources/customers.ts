/**
 * `options/customers[?sla=<id>]` → OptionsResponse: the customers an SLA with a
 * `customerLabel` can be shown for (book 11.2.7), read as the values that
 * label takes on the series of the SLA's first component's total query;
 * without `sla`, the customers of every SLA that has a customer label.
 */
import { OptionsResponse } from '../../../core/contracts/resourceContract';
import { CallResourceResponse, jsonResource } from '../../protocol/handlers';
import { customersOf } from '../sla/customerDiscovery';
import type { Instance } from '../instance/instance';

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
