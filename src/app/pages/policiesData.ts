/**
 * What the error budget policies page loads (book ch. 10): every policy with
 * its state (`policies?team=`) and the release gate of each service in its
 * scope per environment (`gates/<service>?environment=`). Both resources are
 * built by other parts of the bundle; their errors are kept and shown.
 */
import type { CatalogResponse, GateResponse, PoliciesResponse, PolicyStateJson } from '../../core/contracts/resourceContract';
import { getResource, ResourceParams } from '../resourceClient';

export interface GateRow {
  service: string;
  environment: string;
  decision?: GateResponse['decision'];
  reasons: string[];
  error?: string;
}

export interface PolicyView {
  policy: PolicyStateJson;
  gates: GateRow[];
}

/** Services a policy covers: its own list, else every service of its teams. */
export function servicesInScope(p: PolicyStateJson, catalog: Pick<CatalogResponse, 'services'>): Array<{ name: string; deployments: string[] }> {
  return catalog.services
    .filter((s) => (p.scope.services.length > 0 ? p.scope.services.includes(s.name) : p.scope.teams.includes(s.team)))
    .map((s) => ({ name: s.name, deployments: s.deployments }));
}

export async function loadPolicies(uid: string, params: ResourceParams): Promise<PolicyView[]> {
  const [policies, catalog] = await Promise.all([getResource<PoliciesResponse>(uid, 'policies', { team: params.team }), getResource<CatalogResponse>(uid, 'catalog', {})]);
  return Promise.all(
    policies.policies.map(async (policy) => {
      const targets = servicesInScope(policy, catalog).flatMap((s) => (s.deployments.length ? s.deployments : ['']).map((environment) => ({ service: s.name, environment })));
      const gates = await Promise.all(
        targets.map(({ service, environment }) =>
          getResource<GateResponse>(uid, `gates/${encodeURIComponent(service)}`, { environment }).then(
            (g): GateRow => ({ service, environment: environment || 'any', decision: g.decision, reasons: g.reasons }),
            (e: Error): GateRow => ({ service, environment: environment || 'any', reasons: [], error: e.message })
          )
        )
      );
      return { policy, gates };
    })
  );
}
