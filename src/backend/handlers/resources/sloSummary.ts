/** An SLO as the resource API lists it (CatalogResponse, SloStateResponse). */
import { periodLabel } from '../../../core/periods/calendar';
import { Slo } from '../../../core/model/model';
import { SloSummaryJson } from '../../../core/contracts/resourceContract';

export function sloSummaryJson(s: Slo): SloSummaryJson {
  return {
    id: s.id,
    name: s.name,
    service: s.service,
    team: s.team,
    sli: s.sli,
    endpoint: s.endpoint,
    deployment: s.deployment,
    objective: s.objective,
    periodLabel: periodLabel(s.period),
    isDefault: s.isDefault,
    source: s.source.name ?? s.source.type,
    description: s.description,
    runbookUrl: s.runbookUrl,
  };
}
