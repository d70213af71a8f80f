/**
 * `options/customers?sla=<id>` → OptionsResponse: the customers an SLA with a
 * `customerLabel` can be shown for (book 11.2.7), read as the values that
 * label takes on the series of the SLA's first component's total query.
 */
import { OptionsResponse } from '../../../core/resourceContract';
import { firstSelector } from '../../../core/selectorRewrite';
import { CallResourceResponse, jsonResource } from '../../protocol/handlers';
import { canListLabelValues } from '../../sources/labelValues';
import { Instance } from '../instance';

const LOOKUP_TIMEOUT_MS = 10_000;

export async function customerOptionsResource(instance: Instance, params: URLSearchParams, signal: AbortSignal, wallClockMs = Date.now()): Promise<CallResourceResponse> {
  const id = params.get('sla');
  const { catalog } = await instance.catalogWithDefaults(wallClockMs);
  const sla = catalog.slas.find((s) => s.id === id);
  if (!id || !sla) {
    return jsonResource({ error: `options/customers: "sla" must name an SLA of the catalog (${catalog.slas.map((s) => s.id).join(', ') || 'none defined'}), got "${id ?? ''}"` }, 400);
  }
  if (!sla.customerLabel) {
    return jsonResource({ values: [] } satisfies OptionsResponse);
  }
  const slo = catalog.slos.find((s) => s.id === sla.components[0]);
  if (!slo) {
    return jsonResource({ error: `options/customers: ${sla.id}: its first component "${sla.components[0]}" is not an SLO of the catalog` }, 400);
  }
  const source = instance.sourceFor(slo);
  if (typeof source === 'string') {
    return jsonResource({ error: `options/customers: ${slo.id}: ${source}` }, 502);
  }
  if (!canListLabelValues(source)) {
    return jsonResource({ error: `options/customers: the ${source.name} source cannot list label values` }, 502);
  }
  const language = slo.source.type === 'loki' ? 'logql' : 'promql';
  const selector = firstSelector(slo.query.total, language);
  if ('error' in selector) {
    return jsonResource({ error: `options/customers: ${slo.id}: query.total: ${selector.error}` }, 400);
  }
  const label = sla.customerLabel;
  // the raw series keep the customer label that the SLO's own sum(...) aggregates away
  const query = language === 'logql' ? `sum by (${label}) (count_over_time(${selector.selector}[1h]))` : `group by (${label}) (${selector.selector})`;
  try {
    const values = await source.labelValues(query, label, wallClockMs, AbortSignal.any([signal, AbortSignal.timeout(LOOKUP_TIMEOUT_MS)]));
    return jsonResource({ values: values.map((v) => ({ value: v, label: v })) } satisfies OptionsResponse);
  } catch (e) {
    return jsonResource({ error: `options/customers: ${slo.id}: ${e instanceof Error ? e.message : String(e)}` }, 502);
  }
}
