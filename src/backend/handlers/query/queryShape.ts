/**
 * The JSON types of a panel's query model, checked before anything reads it:
 * a query saved by an old version, edited by hand or sent by a script may
 * carry `annotationKinds: false` or `teams: "a"`, which would otherwise throw
 * deep inside a frame builder. Answers the first wrong field, named.
 */
import { TIME_SCALES, TimeScale } from '../../../core/contracts/queryModel';

// selection lists also accept one string (selection.ts reads it as a list of one)
type Kind = 'string' | 'number' | 'boolean' | 'string list' | 'string or list' | 'object';

const FIELDS: Record<string, Kind> = {
  queryType: 'string',
  window: 'string',
  timeScale: 'string',
  deploymentQuery: 'string',
  endpointsMode: 'string',
  customer: 'string',
  topN: 'number',
  onlyPremature: 'boolean',
  includeDefaults: 'boolean',
  teams: 'string or list',
  services: 'string or list',
  slis: 'string or list',
  deployments: 'string or list',
  slos: 'string or list',
  annotationKinds: 'string list',
  adhoc: 'object',
};

const ADHOC_FIELDS: Record<string, Kind> = { source: 'string', connection: 'string', good: 'string', bad: 'string', total: 'string', objective: 'number', period: 'string' };

function matches(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'string or list':
      return typeof value === 'string' || matches(value, 'string list');
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === kind;
  }
}

/** "field: must be …" for the first field of the wrong type, or undefined. null and absent mean "not set". */
export function queryShapeProblem(json: Record<string, unknown>): string | undefined {
  // a multi-value $customer variable: SLA rows are read for one customer at a time (book 11.2.7)
  if (Array.isArray(json.customer)) {
    return `customer must be one customer (got ${json.customer.length} values): use a single-value variable, or one query per customer`;
  }
  for (const [field, kind] of Object.entries(FIELDS)) {
    const value = json[field];
    if (value !== undefined && value !== null && !matches(value, kind)) {
      const wanted = { object: 'an object', 'string list': 'a list of strings', 'string or list': 'a string or a list of strings' }[kind as string] ?? `a ${kind}`;
      return `${field} must be ${wanted}`;
    }
  }
  // a template variable left uninterpolated ("$__all", "$scale") reaches us as text: name what is allowed
  if (typeof json.timeScale === 'string' && json.timeScale !== '' && !TIME_SCALES.includes(json.timeScale as TimeScale)) {
    return `timeScale must be one of ${TIME_SCALES.join(', ')} (got "${json.timeScale.slice(0, 40)}")`;
  }
  const adhoc = json.adhoc as Record<string, unknown> | undefined;
  if (adhoc) {
    for (const [field, kind] of Object.entries(ADHOC_FIELDS)) {
      const value = adhoc[field];
      if (value !== undefined && value !== null && !matches(value, kind)) {
        return `adhoc.${field} must be a ${kind}`;
      }
    }
  }
  return undefined;
}
