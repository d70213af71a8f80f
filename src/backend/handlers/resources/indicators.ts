/**
 * `indicators/<name>?from=&to=&team=&service=&sli=&deployment=&slo=&timeScale=&topN=`
 * → IndicatorResponse: the SRE indicators of book 11.2 as tables with the
 * book's columns and sorting. Each one is the matching query type's frame
 * (same engine, same frame builders: no second copy of the math) read as
 * rows, sorted the way the book's table is.
 */
import { IndicatorName, IndicatorResponse } from '../../../core/contracts/resourceContract';
import { SloLedgerQueryModel, TIME_SCALES, TimeScale } from '../../../core/contracts/queryModel';
import { Slo } from '../../../core/model/model';
import { CallResourceResponse, jsonResource } from '../../protocol/handlers';
import { tableFrame } from '../../protocol/frame';
import { catalogFrame } from '../frames/catalog';
import { QueryContext } from '../frames/context';
import { endpointsFrame } from '../frames/endpoints';
import { finite } from '../frames/labels';
import { adherenceFrame, depletionFrame, exhaustionFrame } from '../frames/periodTables';
import { slaAdherenceRows } from '../frames/sla';
import { customerPlan } from '../sla/customerPlan';
import { Instance } from '../instance/instance';
import { resourceContext } from '../query/pipeline';
import { selectSlos } from '../query/selection';
import { frameNotices, frameRows, Row } from './frameRows';
import { rangeParams, selectionParams } from './rangeParams';

const DAY_MS = 86_400_000;

interface IndicatorSpec {
  section: string;
  /** Indicators read off the catalog alone (no SLO is computed). */
  fromCatalog?: (catalog: QueryContext['catalog'], sel: ReturnType<typeof selectionParams>) => { columns: string[]; rows: Row[]; notices: string[] };
  queryType: 'catalog' | 'adherence' | 'depletion' | 'exhaustion' | 'endpoints';
  /** SLA indicators compute the SLOs their SLAs aggregate. */
  slas?: boolean;
  table: (ctx: QueryContext) => { columns: string[]; rows: Row[]; notices: string[] };
}

/** Sorts rows by a key, nulls last. */
const by = (key: string, dir: 1 | -1 = 1) => (a: Row, b: Row) => {
  const x = a[key];
  const y = b[key];
  if (x === null || x === undefined) {
    return y === null || y === undefined ? 0 : 1;
  }
  if (y === null || y === undefined) {
    return -1;
  }
  return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
};
const chain = (...cmps: Array<(a: Row, b: Row) => number>) => (a: Row, b: Row) => cmps.reduce((r, c) => r || c(a, b), 0);

function fromFrame(frame: ReturnType<typeof tableFrame>, keep: (r: Row) => boolean, sort?: (a: Row, b: Row) => number) {
  const { columns, rows } = frameRows(frame);
  const kept = rows.filter(keep);
  return { columns, rows: sort ? kept.sort(sort) : kept, notices: frameNotices(frame) };
}

/** SLA rows per period (book 11.2.6-11.2.8): contractual SLAs and endpoint-level SLAs, Σgood/Σtotal of their SLOs. */
function slaTable(ctx: QueryContext, scale: TimeScale) {
  const rows: Row[] = slaAdherenceRows(ctx, scale === 'monthly' ? 'monthly' : 'period').map((r) => ({
    service: r.labels.service,
    team: r.labels.team,
    sla: r.labels.slo,
    name: r.labels.name,
    level: r.contractual ? 'contractual' : 'endpoint-level',
    objective: Number(r.labels.objective),
    period: r.f.label,
    periodStart: r.f.startMs,
    periodEnd: r.f.endMs,
    state: r.f.adherence,
    sliValue: finite(r.f.sli),
    endRemaining: finite(r.f.endRemaining),
    good: r.f.good,
    total: r.f.total,
    // book 11.2.7: which customer a row is for, when one was chosen (null: the SLA has no customer label)
    ...(ctx.model.customer ? { customer: ctx.catalog.slas.find((s) => s.id === r.labels.slo)?.customerLabel ? ctx.model.customer : null } : {}),
  }));
  const notices: string[] = [];
  for (const sla of ctx.catalog.slas) {
    if (sla.customerLabel && !ctx.model.customer) {
      notices.push(`${sla.id}: figures are over all customers; choose a customer (by label "${sla.customerLabel}") for that customer's figures`);
    }
    if (!rows.some((r) => r.sla === sla.id) && ctx.slos.some((s) => sla.components.includes(s.id))) {
      notices.push(`${sla.id}: not every component SLO could be computed (${sla.components.join(', ')})`);
    }
  }
  if (ctx.catalog.slas.length === 0) {
    notices.push('The catalog defines no SLAs (add `slas:` over SLO ids, see docs/catalog.md)');
  }
  return { columns: rows[0] ? Object.keys(rows[0]) : ['service', 'sla', 'name', 'level', 'objective', 'period', 'state', 'sliValue', 'endRemaining'], rows, notices };
}

const SPECS: Record<IndicatorName, IndicatorSpec> = {
  // book 11.2.2: the services at risk first (least remaining budget), then by service
  'slos-by-service': { section: '11.2.2', queryType: 'catalog', table: (ctx) => fromFrame(catalogFrame(ctx), () => true, chain(by('remaining'), by('service'), by('slo'))) },
  // book 11.2.3: SLO × period, by service and SLO, periods in time order
  'slo-adherence': { section: '11.2.3', queryType: 'adherence', table: (ctx) => fromFrame(adherenceFrame(ctx), (r) => r.kind === 'slo', chain(by('service'), by('slo'), by('periodStart'))) },
  // book 11.2.4, fig. 11.5: end-of-period budget, average and highest depletion speed; least budget left first
  'slo-depletion': { section: '11.2.4', queryType: 'depletion', table: (ctx) => fromFrame(depletionFrame(ctx, { slas: false }), () => true, chain(by('endRemaining'), by('highestSpeed', -1))) },
  // book 11.2.5: periods exhausted early, fastest exhaustion first
  'premature-exhaustion': { section: '11.2.5', queryType: 'exhaustion', table: (ctx) => fromFrame(exhaustionFrame(ctx, { slas: false }), () => true, chain(by('timeToExhaustionMs'), by('endRemaining'))) },
  // book 11.2.6: each SLA's current period, by service
  'slas-by-service': {
    section: '11.2.6',
    queryType: 'adherence',
    slas: true,
    table: (ctx) => {
      const t = slaTable(ctx, 'period');
      const latest = new Map<string, Row>();
      for (const r of t.rows) {
        latest.set(String(r.sla), r);
      }
      return { ...t, rows: [...latest.values()].sort(chain(by('service'), by('level'), by('sla'))) };
    },
  },
  // book 11.2.7: contractual vs endpoint-level rows, least budget left first
  'sla-depletion': { section: '11.2.7', queryType: 'adherence', slas: true, table: (ctx) => { const t = slaTable(ctx, ctx.model.timeScale ?? 'period'); return { ...t, rows: t.rows.sort(chain(by('level'), by('endRemaining'))) }; } },
  // book 11.2.8: SLA × period
  'sla-adherence': { section: '11.2.8', queryType: 'adherence', slas: true, table: (ctx) => { const t = slaTable(ctx, ctx.model.timeScale ?? 'period'); return { ...t, rows: t.rows.sort(chain(by('service'), by('sla'), by('periodStart'))) }; } },
  // book 11.2.10, fig. 11.14: rotation, covered services, number of people — per team (never per person, book 11.3)
  'on-call-rotations': { section: '11.2.10', queryType: 'catalog', fromCatalog: onCallRotations, table: () => ({ columns: [], rows: [], notices: [] }) },
  // book 11.2.12 / 11.2.13: lowest availability / lowest share within the latency threshold first (the frame sorts)
  'least-available-endpoints': { section: '11.2.12', queryType: 'endpoints', table: (ctx) => fromFrame(endpointsFrame(ctx), () => true) },
  'slowest-endpoints': { section: '11.2.13', queryType: 'endpoints', table: (ctx) => fromFrame(endpointsFrame(ctx), () => true) },
};

export const INDICATOR_NAMES = Object.keys(SPECS) as IndicatorName[];

export async function indicatorResource(instance: Instance, name: string, params: URLSearchParams, signal: AbortSignal, wallClockMs = Date.now()): Promise<CallResourceResponse> {
  const spec = SPECS[name as IndicatorName];
  if (!spec) {
    return jsonResource({ error: `no indicator "${name}" (known: ${INDICATOR_NAMES.join(', ')})` }, 404);
  }
  const range = rangeParams(params, wallClockMs, 90 * DAY_MS);
  if ('error' in range) {
    return jsonResource({ error: `indicators/${name}: ${range.error}` }, 400);
  }
  const scale = params.get('timeScale');
  if (scale && !TIME_SCALES.includes(scale as TimeScale)) {
    return jsonResource({ error: `indicators/${name}: "timeScale" must be one of ${TIME_SCALES.join(', ')}, got "${scale}"` }, 400);
  }
  const topN = params.get('topN');
  if (topN !== null && !(Number.isInteger(Number(topN)) && Number(topN) > 0)) {
    return jsonResource({ error: `indicators/${name}: "topN" must be a whole number above 0, got "${topN}"` }, 400);
  }
  const selection = selectionParams(params);
  if (spec.fromCatalog) {
    const t = spec.fromCatalog(instance.catalog().catalog, selection);
    return jsonResource({ indicator: name as IndicatorName, section: spec.section, ...t } satisfies IndicatorResponse);
  }
  const model: SloLedgerQueryModel = {
    refId: name,
    queryType: spec.queryType,
    ...selection,
    timeScale: (scale as TimeScale) || 'period',
    onlyPremature: name === 'premature-exhaustion' ? params.get('onlyPremature') !== 'false' : undefined,
    topN: topN ? Number(topN) : undefined,
    endpointsMode: name === 'slowest-endpoints' ? 'slowest' : 'least-available',
    customer: (spec.slas && params.get('customer')) || undefined,
  };
  const { catalog, errors } = instance.catalog();
  const slos = spec.slas ? slaComponents(catalog.slos, catalog.slas, selection) : selectSlos(catalog.slos, model);
  const query = { refId: name, queryType: spec.queryType, maxDataPoints: 1000, intervalMs: 60_000, timeRange: range, json: {} };
  const plan = model.customer ? customerPlan(catalog, slos, model.customer) : undefined;
  const computedSlos = plan?.slos ?? slos;
  // one customer's closed periods come from the ledger's rows for that customer (book 11.2.7, 3.3)
  const ctx = await resourceContext(instance, query, model, slos, signal, wallClockMs, plan && { customer: model.customer!, plan });
  const table = spec.table(ctx);
  table.notices.push(...(plan?.notices ?? []));
  const failures = ctx.outcomes.flatMap((o, i) => ('error' in o ? [`${computedSlos[i].id}: ${o.error}`] : []));
  const notices = [...table.notices.filter((n) => !failures.some((f) => n === f)), ...failures];
  if (errors.length > 0) {
    notices.push(`${errors.length} catalog errors: first at ${errors[0].file}:${errors[0].line}: ${errors[0].message}`);
  }
  if (slos.length === 0) {
    notices.push('No SLO matches the selection');
  }
  const out: IndicatorResponse = { indicator: name as IndicatorName, section: spec.section, columns: table.columns, rows: table.rows, notices };
  return jsonResource(out);
}

/** The SLOs the selected SLAs aggregate: SLAs are selected by service (their own or their components') and team. */
function slaComponents(slos: Slo[], slas: QueryContext['catalog']['slas'], sel: ReturnType<typeof selectionParams>): Slo[] {
  const byId = new Map(slos.map((s) => [s.id, s]));
  const want = (list: string[], v: string | undefined) => list.length === 0 || list.includes('$__all') || (v !== undefined && list.includes(v));
  const ids = new Set<string>();
  for (const sla of slas) {
    const parts = sla.components.map((id) => byId.get(id)).filter((s): s is Slo => !!s);
    const service = sla.service ?? parts[0]?.service;
    if (want(sel.services, service) && want(sel.teams, parts[0]?.team)) {
      sla.components.forEach((id) => ids.add(id));
    }
  }
  return slos.filter((s) => ids.has(s.id));
}

/** On-call rotations by team (book 11.2.10) from the catalog's team facts; a team without a rotation is called out (B:7622). */
function onCallRotations(catalog: QueryContext['catalog'], sel: ReturnType<typeof selectionParams>) {
  const want = (list: string[], v: string) => list.length === 0 || list.includes('$__all') || list.includes(v);
  const rows: Row[] = [];
  const notices: string[] = [];
  for (const team of catalog.teams.filter((t) => want(sel.teams, t.name))) {
    const services = catalog.services.filter((s) => s.team === team.name && want(sel.services, s.name)).map((s) => s.name);
    if (!team.onCall) {
      notices.push(`${team.name}: no on-call rotation recorded in the catalog — without one, reliability is endangered (book 11.2.10)`);
    }
    rows.push({ team: team.name, rotation: team.onCall?.rotation ?? null, services: services.join(', '), people: team.onCall?.members ?? null, chatChannel: team.onCall?.chatChannel ?? null });
  }
  rows.sort(by('team'));
  return { columns: ['team', 'rotation', 'services', 'people', 'chatChannel'], rows, notices };
}
