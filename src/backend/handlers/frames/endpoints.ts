/**
 * `endpoints`: the least available endpoints (book 11.2.12) — SLOs ranked by
 * their SLI over the range, lowest first — or the slowest endpoints (11.2.13)
 * — latency SLOs ranked by the share of requests within their threshold,
 * lowest first. Top N (default 10). Counts are summed over the range.
 */
import { countsBetween } from '../../../core/budget/counts';
import { Frame, tableFrame } from '../../protocol/frame';
import { computed, QueryContext } from './context';
import { labelColumns, sloLabels } from './labels';

export function endpointsFrame(ctx: QueryContext): Frame {
  const slowest = ctx.model.endpointsMode === 'slowest';
  const { fromMs, toMs } = ctx.query.timeRange;
  const rows = computed(ctx)
    .filter((c) => !slowest || c.slo.sli === 'latency')
    .map((c) => {
      const n = countsBetween(c.counts, fromMs, toMs);
      return { c, n, sli: n.total > 0 ? n.good / n.total : null };
    })
    .filter((r) => r.sli !== null)
    .sort((a, b) => a.sli! - b.sli! || b.n.bad - a.n.bad)
    .slice(0, ctx.model.topN ?? 10);
  return tableFrame(
    'endpoints',
    [
      ...labelColumns(rows.map((r) => sloLabels(r.c.slo))),
      { name: 'thresholdMs', type: 'number', values: rows.map((r) => r.c.slo.thresholdMs ?? null), config: { unit: 'ms' } },
      { name: 'sliValue', type: 'number', values: rows.map((r) => r.sli), config: { unit: 'percentunit', decimals: 3 } },
      { name: 'bad', type: 'number', values: rows.map((r) => r.n.bad) },
      { name: 'total', type: 'number', values: rows.map((r) => r.n.total) },
    ],
    { refId: ctx.query.refId, meta: { custom: { mode: slowest ? 'slowest' : 'least-available' } } }
  );
}
