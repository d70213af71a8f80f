/**
 * Reads the page's filters off the scene graph for resource calls: the
 * datasource uid, the time range in epoch ms, and each dimension's values
 * ("All" becomes no filter).
 */
import { MultiValueVariable, sceneGraph, SceneObject } from '@grafana/scenes';
import { ResourceParams } from '../resourceClient';
import { DIMENSIONS, DS_VARIABLE } from '../variables';

function values(obj: SceneObject, name: string): string[] {
  const v = sceneGraph.lookupVariable(name, obj);
  if (!v) {
    return [];
  }
  // "All" with a custom all value: getValue() answers an object (scenes' CustomAllValue), not '$__all'
  if (v instanceof MultiValueVariable && v.hasAllValue()) {
    return [];
  }
  const raw = v.getValue();
  const list = (Array.isArray(raw) ? raw : [raw]).map((x) => String(x ?? '')).filter((x) => x !== '');
  return list.some((x) => x === '$__all' || x === 'All') ? [] : list;
}

/** uid of the chosen SLO Ledger datasource ('' while the variable has not loaded). */
export function datasourceUid(obj: SceneObject): string {
  return values(obj, DS_VARIABLE)[0] ?? '';
}

/** One variable's single value, e.g. the time scale. */
export function variableValue(obj: SceneObject, name: string): string | undefined {
  return values(obj, name)[0];
}

/** from/to and the selection, as the resource API takes them (team=&service=&…, repeated). */
export function selectionParams(obj: SceneObject): ResourceParams {
  const range = sceneGraph.getTimeRange(obj).state.value;
  const params: ResourceParams = { from: range.from.valueOf(), to: range.to.valueOf() };
  for (const d of DIMENSIONS) {
    params[d.param] = values(obj, d.name);
  }
  return params;
}

export const VARIABLE_NAMES = [DS_VARIABLE, ...DIMENSIONS.map((d) => d.name), 'timeScale', 'topN', 'customer', 'ticketsQuery', 'ttrQuery'];

/**
 * A link to another page of the app that keeps this page's time range
 * (`from`/`to` as the URL has them, e.g. "now-28d" or epoch ms), so a drill-down
 * shows the same window the user was looking at.
 *
 * @example withTimeRange('/a/sloledger-app/service/checkout/availability/all', scene) → '…/all?from=now-28d&to=now'
 */
export function withTimeRange(url: string, obj: SceneObject): string {
  const { from, to } = sceneGraph.getTimeRange(obj).state;
  const q = new URLSearchParams({ from, to });
  return `${url}${url.includes('?') ? '&' : '?'}${q}`;
}
