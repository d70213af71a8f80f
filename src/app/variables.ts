/**
 * The filter variables every page shares (book 11.2.1, table 11.2: team,
 * service, SLI, SLO, deployment, time window, time scale). Scenes keeps each
 * in the URL (`var-team=…`, `from`/`to`), so a page survives reload and can be
 * shared. Dimension lists come from the datasource's `options/<dimension>`
 * resource and cascade: services follow the team, SLIs follow both.
 */
import { CustomVariable, DataSourceVariable, QueryVariable, SceneVariable, SceneVariableSet } from '@grafana/scenes';
import { VariableHide, VariableRefresh, VariableSort } from '@grafana/schema';
import { TIME_SCALES } from '../core/contracts/queryModel';
import { AppContext, DATASOURCE_TYPE } from './context';

export const DS_VARIABLE = 'ds';
/** Every frame query and resource call of the app goes to the chosen SLO Ledger datasource. */
export const DS_REF = { type: DATASOURCE_TYPE, uid: `\${${DS_VARIABLE}}` };

/** The selection dimensions: variable name, resource dimension, query model field, resource parameter. */
export const DIMENSIONS = [
  { name: 'team', label: 'Team', dimension: 'teams', field: 'teams', param: 'team' },
  { name: 'service', label: 'Service', dimension: 'services', field: 'services', param: 'service' },
  { name: 'sli', label: 'SLI', dimension: 'slis', field: 'slis', param: 'sli' },
  { name: 'deployment', label: 'Deployment', dimension: 'deployments', field: 'deployments', param: 'deployment' },
  { name: 'slo', label: 'SLO', dimension: 'slos', field: 'slos', param: 'slo' },
] as const;
export type DimensionName = (typeof DIMENSIONS)[number]['name'];

function datasourceVariable(ctx: AppContext): DataSourceVariable {
  return new DataSourceVariable({ name: DS_VARIABLE, label: 'SLO Ledger', pluginId: DATASOURCE_TYPE, value: ctx.datasourceUid ?? '', text: '', regex: '' });
}

function dimensionVariable(d: (typeof DIMENSIONS)[number], index: number, fixed: Partial<Record<DimensionName, string>>): SceneVariable {
  if (fixed[d.name] !== undefined) {
    // a page's own route fixes it (the detail page's /service/<service>/<sli>/<deployment>)
    return new CustomVariable({ name: d.name, label: d.label, query: fixed[d.name]!, value: fixed[d.name]!, text: fixed[d.name]!, hide: VariableHide.hideVariable });
  }
  // cascade: each list is narrowed by the dimensions before it
  const narrowing = Object.fromEntries(DIMENSIONS.slice(0, index).map((p) => [p.field, [`$${p.name}`]]));
  return new QueryVariable({
    name: d.name,
    label: d.label,
    datasource: DS_REF,
    query: { refId: d.name, dimension: d.dimension, ...narrowing },
    isMulti: true,
    includeAll: true,
    defaultToAll: true,
    allValue: '$__all',
    refresh: VariableRefresh.onTimeRangeChanged,
    sort: VariableSort.alphabeticalAsc,
  });
}

export const timeScaleVariable = () =>
  new CustomVariable({ name: 'timeScale', label: 'Time scale', query: TIME_SCALES.join(','), value: 'period', text: 'period' });

export interface VariableOptions {
  /** Dimensions a route fixes (hidden, constant). */
  fixed?: Partial<Record<DimensionName, string>>;
  /** Leave out dimensions a page does not filter by. */
  omit?: DimensionName[];
  extra?: SceneVariable[];
}

/** The shared variable set: datasource, the five dimensions, time scale, plus a page's extras. */
export function pageVariables(ctx: AppContext, options: VariableOptions = {}): SceneVariableSet {
  const dims = DIMENSIONS.map((d, i) => (options.omit?.includes(d.name) ? null : dimensionVariable(d, i, options.fixed ?? {}))).filter((v): v is SceneVariable => v !== null);
  return new SceneVariableSet({ variables: [datasourceVariable(ctx), ...dims, timeScaleVariable(), ...(options.extra ?? [])] });
}

/** The selection part of a frame query, every dimension bound to its variable (the datasource expands them). */
export function selectionQuery(omit: DimensionName[] = []): Record<string, string[]> {
  return Object.fromEntries(DIMENSIONS.filter((d) => !omit.includes(d.name)).map((d) => [d.field, [`$${d.name}`]]));
}
