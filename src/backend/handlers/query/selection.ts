/** SLO selection by the book's dimensions (11.2.1): empty lists select everything. */
import { Slo } from '../../../core/model/model';
import { SloSelection } from '../../../core/contracts/queryModel';

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);

export function selectSlos(slos: Slo[], sel: SloSelection): Slo[] {
  const match = (wanted: unknown, value: string | undefined) => {
    const list = asList(wanted);
    return list.length === 0 || list.includes('$__all') || (value !== undefined && list.includes(value));
  };
  return slos.filter(
    (s) =>
      match(sel.teams, s.team) &&
      match(sel.services, s.service) &&
      match(sel.slis, s.sli) &&
      match(sel.deployments, s.deployment ?? '') &&
      (match(sel.slos, s.id) || match(sel.slos, s.name)) &&
      (sel.includeDefaults !== false || !s.isDefault)
  );
}
