/**
 * Default SLO expansion (book 6.7; DESIGN.md "Default SLOs"): every
 * discovered endpoint of a service without an explicit SLO for an SLI gets
 * the service's default SLO for that SLI. Explicit SLOs override defaults.
 * Pure: the endpoint label values come from the caller's discovery.
 */
import { escapeLabelValue } from './labelValue';
import { Service, SliQuery, Slo } from '../model/model';

/**
 * Does an explicit SLO's `endpoint` name this discovered label value? Equal,
 * or equal after a leading method word: `POST /orders` covers `/orders`.
 */
export function endpointMatches(declared: string | undefined, discovered: string): boolean {
  if (declared === undefined) {
    return false;
  }
  const text = declared.trim();
  return text === discovered || text.replace(/^[A-Z]+\s+/, '') === discovered;
}

function fill(query: SliQuery, endpoint: string): SliQuery {
  const value = escapeLabelValue(endpoint);
  const put = (expr: string | undefined) => (expr === undefined ? undefined : expr.split('$endpoint').join(value));
  return { good: put(query.good), bad: put(query.bad), total: put(query.total)! };
}

/**
 * The default SLOs of `service` for its discovered `endpoints`.
 *
 * @param explicit the catalog's explicit SLOs (of any service; only this service's count)
 * @example a service with a 90% availability default and endpoints [/a, /b], where /a has an
 *   explicit availability SLO → one SLO `checkout/default-availability:/b` (isDefault true)
 */
export function expandDefaults(service: Service, endpoints: readonly string[], explicit: readonly Slo[]): Slo[] {
  const own = explicit.filter((s) => s.service === service.name && !s.isDefault);
  const values = [...new Set(endpoints.filter((e) => e.trim() !== ''))].sort();
  const out: Slo[] = [];
  for (const d of service.defaults) {
    for (const endpoint of values) {
      if (own.some((s) => s.sli === d.sli && endpointMatches(s.endpoint, endpoint))) {
        continue; // book 6.7: "Explicit SLOs, if defined, override default SLOs"
      }
      const name = `default-${d.sli}:${endpoint}`;
      out.push({
        id: `${service.name}/${name}`,
        name,
        service: service.name,
        team: service.team,
        sli: d.sli,
        endpoint,
        objective: d.objective,
        thresholdMs: d.thresholdMs,
        period: d.period,
        budgeting: 'occurrences',
        source: d.source,
        query: fill(d.query, endpoint),
        minEvents: d.minEvents,
        description: `Default ${d.sli} SLO of ${service.name} for every endpoint without an explicit one (book 6.7)`,
        labels: {},
        isDefault: true,
        origin: d.origin,
      });
    }
  }
  return out;
}
