/**
 * Turns resource answers into the inputs of the decision logic in
 * src/core/decisions (book 11.5). Pure mapping, no math of its own.
 */
import type { PeriodRecord } from '../../core/decisions/periodRecord';
import type { IndicatorRanking } from '../../core/decisions/shortlist';
import type { ServiceHistory } from '../../core/decisions/steadiest';
import type { AdherenceState } from '../../core/contracts/frameContract';
import type { IndicatorResponse, PeriodStateJson, SloStateResponse } from '../../core/contracts/resourceContract';
import { formatDurationShort, formatPercent } from '../../components/format';

type Row = IndicatorResponse['rows'][number];
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export function periodRecord(p: PeriodStateJson): PeriodRecord {
  return { sli: p.sli, adherence: p.adherence, endRemaining: p.endRemaining, avgSpeed: p.avgSpeed, highestSpeed: p.highestSpeed, exhausted: p.exhaustedAtMs !== null };
}

/** Finished periods of an SLO (the open one is no evidence yet), oldest first. */
export function finishedPeriods(s: SloStateResponse): PeriodStateJson[] {
  return s.periods.filter((p) => p.adherence !== 'In progress' && p.endMs <= s.nowMs);
}

const endpointKey = (r: Row) => str(r.slo);
const endpointLabel = (r: Row) => [str(r.service), str(r.endpoint) || str(r.name), str(r.deployment)].filter(Boolean).join(' ');

/**
 * The five rankings of book 11.5.3 (table 11.7), each worst first:
 * 1 most broken periods (adherence), 2 fastest premature exhaustion,
 * 3 highest depletion speed, 4 least available, 5 slowest.
 */
export function shortlistRankings(r: { adherence: IndicatorResponse; exhaustion: IndicatorResponse; depletion: IndicatorResponse; leastAvailable: IndicatorResponse; slowest: IndicatorResponse }): IndicatorRanking[] {
  const broken = new Map<string, { row: Row; broken: number; judged: number }>();
  for (const row of r.adherence.rows) {
    const state = str(row.state);
    if (state !== 'Fulfilled' && state !== 'Broken') {
      continue;
    }
    const e = broken.get(endpointKey(row)) ?? { row, broken: 0, judged: 0 };
    e.judged += 1;
    e.broken += state === 'Broken' ? 1 : 0;
    broken.set(endpointKey(row), e);
  }
  const longTerm = [...broken.values()].filter((e) => e.broken > 0).sort((a, b) => b.broken / b.judged - a.broken / a.judged || b.broken - a.broken);
  const speed = [...r.depletion.rows].filter((x) => num(x.highestSpeed) !== null).sort((a, b) => num(b.highestSpeed)! - num(a.highestSpeed)!);
  return [
    { indicator: 'SLO adherence (11.2.3)', entries: longTerm.map((e) => ({ key: endpointKey(e.row), label: endpointLabel(e.row), value: `${e.broken} of ${e.judged} periods broken` })) },
    { indicator: 'Premature exhaustion (11.2.5)', entries: r.exhaustion.rows.map((x) => ({ key: endpointKey(x), label: endpointLabel(x), value: `exhausted after ${formatDurationShort(num(x.timeToExhaustionMs))} in ${str(x.period)}` })) },
    { indicator: 'Depletion speed (11.2.4)', entries: speed.map((x) => ({ key: endpointKey(x), label: endpointLabel(x), value: `${num(x.highestSpeed)!.toFixed(1)}% per hour in ${str(x.period)}, ended at ${formatPercent(num(x.endRemaining), 0)}` })) },
    { indicator: 'Least available (11.2.12)', entries: r.leastAvailable.rows.map((x) => ({ key: endpointKey(x), label: endpointLabel(x), value: `availability ${formatPercent(num(x.sliValue), 3)}` })) },
    { indicator: 'Slowest (11.2.13)', entries: r.slowest.rows.map((x) => ({ key: endpointKey(x), label: endpointLabel(x), value: `${formatPercent(num(x.sliValue), 2)} within ${num(x.thresholdMs) ?? '?'} ms` })) },
  ];
}

/** Adherence states per objective (SLO or SLA id) from an adherence indicator, for book 11.5.4. */
export function adherenceByObjective(res: IndicatorResponse, service: string, idColumn: 'slo' | 'sla'): AdherenceState[][] {
  const by = new Map<string, AdherenceState[]>();
  for (const row of res.rows.filter((x) => str(x.service) === service)) {
    const id = str(row[idColumn]);
    by.set(id, [...(by.get(id) ?? []), str(row.state) as AdherenceState]);
  }
  return [...by.values()];
}

/** Per-service histories for book 11.5.7: adherence rows joined with depletion rows on SLO and period start. */
export function serviceHistories(adherence: IndicatorResponse, depletion: IndicatorResponse): ServiceHistory[] {
  const dep = new Map(depletion.rows.map((r) => [`${str(r.slo)}|${num(r.periodStart)}`, r]));
  const by = new Map<string, Array<ServiceHistory['periods'][number]>>();
  for (const a of adherence.rows) {
    const d = dep.get(`${str(a.slo)}|${num(a.periodStart)}`);
    const list = by.get(str(a.service)) ?? [];
    list.push({
      sli: num(a.sliValue),
      adherence: str(a.state) as AdherenceState,
      endRemaining: d ? num(d.endRemaining) : null,
      avgSpeed: d ? num(d.avgSpeed) : null,
      highestSpeed: d ? num(d.highestSpeed) : null,
      exhausted: d ? d.exhausted === true : false,
      episodes: d ? (num(d.episodes) ?? 0) : 0,
    });
    by.set(str(a.service), list);
  }
  return [...by.entries()].map(([service, periods]) => ({ service, periods }));
}
