/**
 * An SLO's queries restricted to one customer (book 11.2.7: SLA error budget
 * depletion per customer): every selector of its good/bad/total expressions
 * gets the matcher `<customerLabel>="<customer>"` (./selectorRewrite).
 */
import { Slo, SliQuery } from '../model/model';
import { restrictSelectors } from './selectorRewrite';

export type RestrictedSlo = { slo: Slo } | { error: string };

/** `slo` with its queries restricted to `customer` by `label`; an error names the SLO and the expression that could not be rewritten. */
export function restrictSloToCustomer(slo: Slo, label: string, customer: string): RestrictedSlo {
  const language = slo.source.type === 'loki' ? 'logql' : 'promql';
  const query: SliQuery = { total: '' };
  for (const key of ['good', 'bad', 'total'] as const) {
    const expr = slo.query[key];
    if (expr === undefined) {
      continue;
    }
    const out = restrictSelectors(expr, label, customer, language);
    if ('error' in out) {
      return { error: `${slo.id}: cannot restrict query.${key} to ${label}="${customer}": ${out.error}` };
    }
    query[key] = out.expr;
  }
  return { slo: { ...slo, query } };
}
