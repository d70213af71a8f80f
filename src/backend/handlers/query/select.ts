/**
 * Step 2 of the query pipeline, select: the catalog with its default SLOs
 * (book 6.7) and the SLOs the query asks about — the one typed in Explore
 * (`adhoc`), the ones its policies read (`policy`), or the selection by the
 * book's dimensions (./selection, book 11.2.1).
 */
import { LoadedCatalog } from '../../../core/catalog/loadCatalog';
import { QueryType } from '../../../core/contracts/frameContract';
import { Catalog, Slo } from '../../../core/model/model';
import { SloLedgerQueryModel } from '../../../core/contracts/queryModel';
import { DataResponse } from '../../protocol/handlers';
import { policiesForSelection, policySlos } from '../policy/judgement';
import { adhocSlo } from './adhoc';
import { selectSlos } from './selection';

export interface Selected {
  catalog: Catalog;
  /** Catalog errors, noticed on the answer (see Save & test). */
  errors: LoadedCatalog['errors'];
  slos: Slo[];
}

export async function selectQuerySlos(instance: { catalogWithDefaults(nowMs: number): Promise<LoadedCatalog>; settings: { timeZone: string } }, model: SloLedgerQueryModel, type: QueryType, wallClockMs: number): Promise<Selected | { response: DataResponse }> {
  const { catalog, errors } = await instance.catalogWithDefaults(wallClockMs);
  if (type === 'adhoc') {
    const slo = adhocSlo(model.adhoc!, instance.settings.timeZone);
    if (typeof slo === 'string') {
      return { response: { frames: [], error: `Ad hoc: ${slo}`, status: 400, errorSource: 'plugin' } };
    }
    return { catalog, errors, slos: [slo] };
  }
  // a policy query computes the SLOs its policies read (in scope and dependencies), nothing else
  const slos = type === 'policy' ? policySlos(catalog, policiesForSelection(catalog, model)) : selectSlos(catalog.slos, model);
  return { catalog, errors, slos };
}
