/**
 * The `episodes` query: annotation frames (time, timeEnd, title, text, tags)
 * that any dashboard can overlay — depletion episodes with depleted % and
 * speed (book 11.2.4), premature exhaustion moments (11.2.5), and deployments
 * from a user-given query (fig. 11.4 shows deployments on the burn-down).
 */
import { Frame, tableFrame } from '../../protocol/frame';
import { computed, QueryContext } from './context';

export interface AnnotationRow {
  time: number;
  timeEnd: number;
  title: string;
  text: string;
  tags: string;
}

const HOUR_MS = 3_600_000;

export function sloAnnotationRows(ctx: QueryContext): AnnotationRow[] {
  const kinds = ctx.model.annotationKinds ?? ['episodes', 'exhaustion'];
  const { fromMs, toMs } = ctx.query.timeRange;
  const rows: AnnotationRow[] = [];
  for (const c of computed(ctx)) {
    const tags = [c.slo.service, c.slo.sli, c.slo.deployment].filter(Boolean).join(',');
    for (const p of c.periods) {
      if (kinds.includes('episodes')) {
        for (const e of p.episodes) {
          if (e.endMs > fromMs && e.startMs < toMs) {
            rows.push({
              time: e.startMs,
              timeEnd: e.endMs,
              title: `${c.slo.name}: depletion episode`,
              text: `${e.depletedPct.toFixed(1)}% of the ${p.label} budget in ${((e.endMs - e.startMs) / HOUR_MS).toFixed(1)} h (${e.speedPctPerHour.toFixed(2)} % per hour)`,
              tags: `episode,${tags}`,
            });
          }
        }
      }
      const x = p.exhaustion;
      if (kinds.includes('exhaustion') && x && x.atMs > fromMs && x.atMs <= toMs) {
        rows.push({
          time: x.atMs,
          timeEnd: x.atMs,
          title: `${c.slo.name}: error budget exhausted`,
          text: `Premature exhaustion ${(x.timeToExhaustionMs / 86_400_000).toFixed(1)} days into ${p.label}; at the end: ${p.endRemaining === null ? 'no data' : `${(p.endRemaining * 100).toFixed(1)}%`} remaining`,
          tags: `exhaustion,${tags}`,
        });
      }
    }
  }
  return rows;
}

export function annotationFrame(refId: string, rows: AnnotationRow[]): Frame {
  rows.sort((a, b) => a.time - b.time);
  return tableFrame(
    'annotations',
    [
      { name: 'time', type: 'time', values: rows.map((r) => r.time) },
      { name: 'timeEnd', type: 'time', values: rows.map((r) => r.timeEnd) },
      { name: 'title', type: 'string', values: rows.map((r) => r.title) },
      { name: 'text', type: 'string', values: rows.map((r) => r.text) },
      { name: 'tags', type: 'string', values: rows.map((r) => r.tags) },
    ],
    { refId }
  );
}

/** Deployment markers: every bucket where the deployment query returns a value above 0. */
export function deploymentRows(values: Float64Array, startMs: number, stepMs: number, query: string): AnnotationRow[] {
  const rows: AnnotationRow[] = [];
  for (let k = 0; k < values.length; k++) {
    if (values[k] > 0) {
      const t = startMs + (k + 1) * stepMs;
      rows.push({ time: t, timeEnd: t, title: 'Deployment', text: query, tags: 'deployment' });
    }
  }
  return rows;
}
