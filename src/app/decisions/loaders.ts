/** Resource loads the decision workflows share. */
import type { CatalogResponse, IndicatorName, IndicatorResponse, SloStateResponse } from '../../core/contracts/resourceContract';
import { getResource, ResourceParams } from '../resourceClient';

/** At most this many SLOs are loaded one by one (slos/<id>); more are named in a notice. */
export const MAX_SLO_STATES = 40;

export const rangeOf = (p: ResourceParams) => ({ from: p.from, to: p.to });
export const selectionOf = (p: ResourceParams) => ({ team: p.team, service: p.service, sli: p.sli, deployment: p.deployment, slo: p.slo });

export async function loadSloStates(uid: string, params: ResourceParams): Promise<{ catalog: CatalogResponse; states: SloStateResponse[]; notices: string[] }> {
  const catalog = await getResource<CatalogResponse>(uid, 'catalog', selectionOf(params));
  const ids = catalog.slos.map((s) => s.id);
  const notices = ids.length > MAX_SLO_STATES ? [`Only the first ${MAX_SLO_STATES} of ${ids.length} SLOs are read: narrow the filters.`] : [];
  const states = await Promise.all(ids.slice(0, MAX_SLO_STATES).map((id) => getResource<SloStateResponse>(uid, `slos/${encodeURIComponent(id)}`, rangeOf(params))));
  return { catalog, states, notices };
}

export const indicator = (uid: string, name: IndicatorName, params: ResourceParams) => getResource<IndicatorResponse>(uid, `indicators/${name}`, params);
