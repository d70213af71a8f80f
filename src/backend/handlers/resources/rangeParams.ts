/**
 * `from` / `to` of a resource request: epoch milliseconds, as the app sends
 * them from its time range. Missing `to` is now; missing `from` reaches back
 * `defaultSpanMs`. Bad values are errors naming the parameter.
 */
import { SloSelection } from '../../../core/contracts/queryModel';

export type RangeResult = { fromMs: number; toMs: number } | { error: string };

export function rangeParams(params: URLSearchParams, nowMs: number, defaultSpanMs: number): RangeResult {
  const read = (name: string): number | undefined | string => {
    const raw = params.get(name);
    if (raw === null || raw === '') {
      return undefined;
    }
    const n = Number(raw);
    return Number.isFinite(n) && n >= 0 ? n : `"${name}" must be epoch milliseconds, got "${raw}"`;
  };
  const to = read('to');
  const from = read('from');
  if (typeof to === 'string') {
    return { error: to };
  }
  if (typeof from === 'string') {
    return { error: from };
  }
  const toMs = to ?? nowMs;
  const fromMs = from ?? toMs - defaultSpanMs;
  if (fromMs >= toMs) {
    return { error: `"from" (${fromMs}) must be before "to" (${toMs})` };
  }
  return { fromMs, toMs };
}

/** The selection parameters (team, service, sli, deployment, slo; repeatable). */
export function selectionParams(params: URLSearchParams): Required<Omit<SloSelection, 'includeDefaults'>> {
  return { teams: params.getAll('team'), services: params.getAll('service'), slis: params.getAll('sli'), deployments: params.getAll('deployment'), slos: params.getAll('slo') };
}
