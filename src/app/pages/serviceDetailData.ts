/**
 * What the service / SLO detail page loads (book 11.2.4): the SLOs of one
 * service, SLI and deployment with their state and periods (`slos/<id>`),
 * each dependency's budget state (`indicators/slos-by-service`), and the
 * error budget policies that apply (`policies`, built by another part of
 * the bundle: until it answers, its error is shown, not hidden).
 */
import type { CatalogResponse, IndicatorResponse, PoliciesResponse, SloStateResponse } from '../../core/contracts/resourceContract';
import { getResource, ResourceParams } from '../resourceClient';
import { ANY_DEPLOYMENT } from '../context';

export interface DependencyState {
  service: string;
  slos: number;
  worstRemaining: number | null;
  states: string[];
  error?: string;
}

export interface ServiceDetail {
  service: string;
  team: string;
  slos: SloStateResponse[];
  dependencies: DependencyState[];
  policies: PoliciesResponse['policies'] | { error: string };
}

export interface DetailRoute {
  service: string;
  sli: string;
  deployment: string;
}

/** SLOs of the route: same service and SLI, and the deployment unless the route says "all". */
export function sloIdsFor(catalog: Pick<CatalogResponse, 'slos'>, r: DetailRoute): string[] {
  return catalog.slos
    .filter((s) => s.service === r.service && s.sli === r.sli && (r.deployment === ANY_DEPLOYMENT || (s.deployment ?? '') === r.deployment))
    .map((s) => s.id);
}

export function dependencyState(service: string, res: IndicatorResponse): DependencyState {
  const remaining = res.rows.map((r) => r.remaining).filter((v): v is number => typeof v === 'number');
  return {
    service,
    slos: res.rows.length,
    worstRemaining: remaining.length ? Math.min(...remaining) : null,
    states: [...new Set(res.rows.map((r) => String(r.burnState ?? 'No data')))],
  };
}

export async function loadServiceDetail(uid: string, r: DetailRoute, params: ResourceParams): Promise<ServiceDetail> {
  const range = { from: params.from, to: params.to };
  const catalog = await getResource<CatalogResponse>(uid, 'catalog', { service: r.service });
  const service = catalog.services.find((s) => s.name === r.service);
  if (!service) {
    throw new Error(`The catalog has no service "${r.service}" (services: ${catalog.services.map((s) => s.name).join(', ') || 'none'})`);
  }
  const ids = sloIdsFor(catalog, r);
  const [slos, dependencies, policies] = await Promise.all([
    Promise.all(ids.map((id) => getResource<SloStateResponse>(uid, `slos/${encodeURIComponent(id)}`, range))),
    Promise.all(
      service.dependencies.map((dep) =>
        getResource<IndicatorResponse>(uid, 'indicators/slos-by-service', { ...range, service: dep }).then(
          (res) => dependencyState(dep, res),
          (e: Error) => ({ service: dep, slos: 0, worstRemaining: null, states: [], error: e.message })
        )
      )
    ),
    getResource<PoliciesResponse>(uid, 'policies', { team: service.team }).then(
      (p) => p.policies.filter((x) => x.scope.services.length === 0 || x.scope.services.includes(r.service)),
      (e: Error) => ({ error: e.message })
    ),
  ]);
  return { service: r.service, team: service.team, slos, dependencies, policies };
}
