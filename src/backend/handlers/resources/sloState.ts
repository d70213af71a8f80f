/**
 * `slos/<id>?from=&to=` → SloStateResponse: one SLO's state now (SLI,
 * remaining budget, burn rates, burn state, forecast, days left, priority)
 * and the figures of every error budget period overlapping the range
 * (book 11.2.4: the detail page at /service/<service>/<sli>/<deployment>).
 * Computed by the same engine and catalog-row code as the `catalog` query.
 */
import { daysLeft } from '../../../core/periods/calendar';
import { PeriodFigures } from '../../../core/budget/periodFigures';
import { PeriodStateJson, SloStateResponse } from '../../../core/contracts/resourceContract';
import { CallResourceResponse, jsonResource } from '../../protocol/handlers';
import { BURN_WINDOWS, periodLengthMs } from '../compute/engine';
import { sloNow } from '../frames/sloNow';
import { finite } from '../frames/labels';
import { policyViewFor } from '../frames/policyView';
import { Instance } from '../instance/instance';
import { resourceContext } from '../query/pipeline';
import { rangeParams } from './rangeParams';
import { sloSummaryJson } from './sloSummary';

const DAY_MS = 86_400_000;

export function periodStateJson(p: PeriodFigures): PeriodStateJson {
  return {
    label: p.label,
    startMs: p.startMs,
    endMs: p.endMs,
    sli: finite(p.sli),
    good: p.good,
    total: p.total,
    endRemaining: finite(p.endRemaining),
    adherence: p.adherence,
    exhaustedAtMs: p.exhaustion?.atMs ?? null,
    timeToExhaustionMs: p.exhaustion?.timeToExhaustionMs ?? null,
    avgSpeed: finite(p.avgSpeed),
    highestSpeed: finite(p.highestSpeed),
    episodes: p.episodes.map((e) => ({ startMs: e.startMs, endMs: e.endMs, depletedPct: e.depletedPct, speedPctPerHour: e.speedPctPerHour })),
  };
}

export async function sloStateResource(instance: Instance, id: string, params: URLSearchParams, signal: AbortSignal, wallClockMs = Date.now()): Promise<CallResourceResponse> {
  const slo = instance.catalog().catalog.slos.find((s) => s.id === id);
  if (!slo) {
    return jsonResource({ error: `no SLO with id "${id}" in the catalog` }, 404);
  }
  const range = rangeParams(params, wallClockMs, 90 * DAY_MS);
  if ('error' in range) {
    return jsonResource({ error: `slos/${id}: ${range.error}` }, 400);
  }
  const query = { refId: 'slo', queryType: 'catalog', maxDataPoints: 1000, intervalMs: 60_000, timeRange: range, json: {} };
  const ctx = await resourceContext(instance, query, { refId: 'slo', queryType: 'catalog' }, [slo], signal, wallClockMs);
  const outcome = ctx.outcomes[0];
  const summary = sloSummaryJson(slo);
  if ('error' in outcome) {
    const failed: SloStateResponse = {
      slo: summary, nowMs: ctx.nowMs, sli: null, remaining: null, burnRates: {}, burnState: 'No data', exhaustionForecastMs: null,
      daysLeft: daysLeft(slo.period, ctx.nowMs) ?? Math.round(periodLengthMs(slo, ctx.nowMs) / DAY_MS), periods: [], priority: { level: 0, reason: '', source: 'none' }, error: outcome.error,
    };
    return jsonResource(failed);
  }
  const c = outcome.ok;
  const now = sloNow(c);
  const policy = policyViewFor(ctx, slo, now);
  const burnRates: Record<string, number | null> = {};
  for (const w of Object.keys(BURN_WINDOWS)) {
    const series = c.series.burn[w];
    burnRates[w] = series && series.length ? finite(series[series.length - 1]) : null;
  }
  const out: SloStateResponse = {
    slo: summary,
    nowMs: ctx.nowMs,
    sli: now.sli,
    remaining: now.remaining,
    burnRates,
    burnState: now.burnState,
    exhaustionForecastMs: now.exhaustionForecastMs,
    // a rolling window never ends: its whole length is always ahead (book 3.3)
    daysLeft: now.daysLeft ?? Math.round(periodLengthMs(slo, ctx.nowMs) / DAY_MS),
    periods: c.periods.filter((p) => p.endMs > range.fromMs).map(periodStateJson),
    priority: { level: policy.priority ?? 0, reason: policy.priorityReason, source: slo.priority ? 'catalog' : policy.priority === null ? 'none' : 'remaining budget' },
  };
  return jsonResource(out);
}
