/**
 * Query types → frames (src/core/frameContract.ts). One failing SLO returns
 * its error as a notice on its own frame; the others still answer.
 */
import { QueryType } from '../../core/frameContract';
import { checkQuery, SloLedgerQueryModel } from '../../core/queryModel';
import { Slo } from '../../core/model';
import { DataQuery, DataResponse } from '../protocol/handlers';
import { Frame, tableFrame, timeSeriesFrame, withNotice } from '../protocol/frame';
import { computeSlo, periodLengthMs, SloComputation } from './engine';
import { Instance } from './instance';
import { selectSlos, sloLabels } from './selection';

const BUILT: QueryType[] = ['catalog', 'sli', 'budget', 'burnrate'];

export async function runQuery(instance: Instance, query: DataQuery, signal: AbortSignal): Promise<DataResponse> {
  const model = { ...query.json, refId: query.refId, queryType: (query.queryType || query.json.queryType || 'budget') as QueryType } as SloLedgerQueryModel;
  const check = checkQuery(model);
  if (!check.ok) {
    return { frames: [], error: `Incomplete query: ${check.missing}`, status: 400, errorSource: 'plugin' };
  }
  const type = model.queryType!;
  if (!BUILT.includes(type)) {
    return { frames: [], error: `The "${type}" query type is not built yet (available: ${BUILT.join(', ')})`, status: 501, errorSource: 'plugin' };
  }
  const { catalog, errors } = instance.catalog();
  const slos = selectSlos(catalog.slos, model);
  const results = await Promise.all(slos.map((slo) => computeOne(instance, slo, query, signal)));
  const frames = type === 'catalog' ? [catalogFrame(slos, results, query.timeRange.toMs)] : results.flatMap((r, i) => seriesFrames(type, slos[i], r, query, model));
  if (errors.length > 0 && frames[0]) {
    frames[0] = withNotice(frames[0], { severity: 'warning', text: `${errors.length} catalog errors (see Save & test): first at ${errors[0].file}:${errors[0].line}: ${errors[0].message}` });
  }
  return { frames };
}

type Outcome = { ok: SloComputation } | { error: string };

async function computeOne(instance: Instance, slo: Slo, query: DataQuery, signal: AbortSignal): Promise<Outcome> {
  const source = instance.sourceFor(slo);
  if (typeof source === 'string') {return { error: source };}
  try {
    return { ok: await computeSlo(slo, source, query.timeRange.fromMs, query.timeRange.toMs, signal) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function seriesFrames(type: QueryType, slo: Slo, outcome: Outcome, query: DataQuery, model: SloLedgerQueryModel): Frame[] {
  const labels = { ...sloLabels(slo) } as Record<string, string>;
  if ('error' in outcome) {
    return [withNotice(timeSeriesFrame({ name: slo.id, refId: query.refId, times: [], values: [], labels }), { severity: 'error', text: `${slo.id}: ${outcome.error}` })];
  }
  const { series, firstVisible } = outcome.ok;
  const times = Array.from(series.times.subarray(firstVisible));
  const pick = (a: Float64Array) => a.subarray(firstVisible);
  if (type === 'sli') {
    return [timeSeriesFrame({ name: slo.id, refId: query.refId, times, values: pick(series.sli), labels, valueName: 'sli', config: { unit: 'percentunit', displayNameFromDS: `${slo.name} SLI` } })];
  }
  if (type === 'burnrate') {
    const window = model.window ?? '1h';
    const values = series.burn[window];
    if (!values) {
      return [withNotice(timeSeriesFrame({ name: slo.id, refId: query.refId, times: [], values: [], labels }), { severity: 'error', text: `burn-rate window ${window} is not one of ${Object.keys(series.burn).join(', ')}` })];
    }
    return [timeSeriesFrame({ name: slo.id, refId: query.refId, times, values: pick(values), labels: { ...labels, window }, valueName: 'burnrate', config: { displayNameFromDS: `${slo.name} burn rate ${window}` } })];
  }
  return [
    timeSeriesFrame({
      name: slo.id,
      refId: query.refId,
      times,
      values: pick(series.remaining),
      labels,
      valueName: 'remaining',
      config: { unit: 'percentunit', displayNameFromDS: `${slo.name} remaining budget` },
      meta: { custom: { kind: 'budget', labels: sloLabels(slo), periods: [], episodes: [], exhaustions: [], periodEndRemaining: [] } },
    }),
  ];
}

function last(a: Float64Array | undefined): number | null {
  if (!a || a.length === 0) {return null;}
  const v = a[a.length - 1];
  return Number.isFinite(v) ? v : null;
}

/** "SLOs by service" (book 11.2.2): the current state of every selected SLO. */
function catalogFrame(slos: Slo[], results: Outcome[], nowMs: number): Frame {
  const col = <T>(f: (s: Slo, r: Outcome) => T) => slos.map((s, i) => f(s, results[i]));
  const num = (f: (c: SloComputation) => number | null) => col((_s, r) => ('ok' in r ? f(r.ok) : null));
  const str = (name: string, f: (s: Slo, r: Outcome) => string) => ({ name, type: 'string' as const, values: col(f) });
  return tableFrame('catalog', [
    ...(['slo', 'name', 'service', 'team', 'sli', 'deployment', 'endpoint', 'objective'] as const).map((k) => str(k, (s) => sloLabels(s)[k])),
    { name: 'isDefault', type: 'boolean', values: col((s) => s.isDefault) },
    str('periodLabel', (s) => (s.period.kind === 'rolling' ? `${Math.round(s.period.lengthMs / 86_400_000)}d rolling` : `${s.period.unit} calendar`)),
    { name: 'periodDays', type: 'number', values: col((s) => Math.round(periodLengthMs(s) / 86_400_000)) },
    { name: 'sliValue', type: 'number', values: num((c) => last(c.series.sli)), config: { unit: 'percentunit' } },
    { name: 'remaining', type: 'number', values: num((c) => last(c.series.remaining)), config: { unit: 'percentunit' } },
    { name: 'burn1h', type: 'number', values: num((c) => last(c.series.burn['1h'])) },
    { name: 'burn6h', type: 'number', values: num((c) => last(c.series.burn['6h'])) },
    { name: 'burn24h', type: 'number', values: num((c) => last(c.series.burn['24h'])) },
    { name: 'priority', type: 'number', values: col((s) => s.priority?.level ?? null) },
    str('priorityReason', (s) => s.priority?.reason ?? ''),
    str('error', (_s, r) => ('error' in r ? r.error : '')),
  ], { meta: { custom: { nowMs } } });
}
