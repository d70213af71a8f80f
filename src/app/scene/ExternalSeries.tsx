/**
 * Indicators whose data lives outside SLO Ledger (book 11.2.9 customer
 * support tickets, 11.2.11 incident time to recovery): the user names a
 * Grafana datasource and a query (kept in the URL as variables). Until both
 * are set the view says what to fill in — it never falls back to Grafana's
 * default datasource. Below the graph, the book's trend reading: average
 * growth rate between consecutive points (11.2.9) or the least-squares slope
 * (11.2.11).
 */
import React from 'react';
import { DataFrame, FieldType } from '@grafana/data';
import { SceneComponentProps, sceneGraph, SceneObject, SceneObjectBase, SceneObjectState, SceneQueryRunner, TextBoxVariable, VizPanel } from '@grafana/scenes';
import { Alert } from '@grafana/ui';
import { averageGrowthRate, direction, slope } from '../../core/decisions/trend';

export type TrendKind = 'growth' | 'slope';

interface ExternalSeriesState extends SceneObjectState {
  dsVariable: string;
  queryVariable: string;
  what: string;
  trend: TrendKind;
  unit: string;
  body: SceneObject;
}

/** The numbers of the first numeric field of every frame, in order. */
export function seriesValues(frames: readonly DataFrame[]): number[] {
  return frames.flatMap((f) => {
    const field = f.fields.find((x) => x.type === FieldType.number);
    return field ? Array.from(field.values as ArrayLike<unknown>).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)) : [];
  });
}

/** The book's reading of a series: "grows 23% per step on average" or "trends up by 15 min per point". */
export function trendText(values: readonly number[], kind: TrendKind, unit: string): string {
  if (kind === 'growth') {
    const g = averageGrowthRate(values);
    return g === null ? 'Too few points for a growth rate.' : `Average growth ${Math.round(g * 100)}% per step over ${values.length} points.`;
  }
  const s = slope(values);
  return s === null ? 'Too few points for a trend.' : `Trend ${direction(s)}: ${s >= 0 ? '+' : ''}${s.toFixed(1)} ${unit} per point over ${values.length} points.`;
}

/** Runs only once the datasource variable is set: an empty uid would silently mean Grafana's default datasource. */
export class ExternalQueryRunner extends SceneQueryRunner {
  constructor(
    state: ConstructorParameters<typeof SceneQueryRunner>[0],
    private readonly dsVariable: string
  ) {
    super(state);
  }

  runQueries(): void {
    const v = sceneGraph.lookupVariable(this.dsVariable, this)?.getValue();
    if (!v) {
      this.setState({ data: undefined });
      return;
    }
    super.runQueries();
  }
}

/** The query runner of a user-chosen datasource and query (`expr` for Prometheus/Loki, `rawSql` for SQL, `query` for others). */
export function externalQueryRunner(dsVariable: string, queryVariable: string, key?: string): ExternalQueryRunner {
  const ref = { uid: `\${${dsVariable}}` };
  const text = `\${${queryVariable}}`;
  return new ExternalQueryRunner({ key, datasource: ref, queries: [{ refId: 'A', datasource: ref, expr: text, rawSql: text, query: text, format: 'time_series' }] }, dsVariable);
}

export class ExternalSeries extends SceneObjectBase<ExternalSeriesState> {
  static Component = ExternalSeriesRenderer;
}

function ExternalSeriesRenderer({ model }: SceneComponentProps<ExternalSeries>) {
  const { dsVariable, queryVariable, what, body, trend, unit } = model.useState();
  const ds = (sceneGraph.lookupVariable(dsVariable, model) as TextBoxVariable | null)?.useState().value;
  const query = (sceneGraph.lookupVariable(queryVariable, model) as TextBoxVariable | null)?.useState().value;
  if (!ds || !query) {
    return (
      <Alert severity="info" title={`${what}: no data source chosen`}>
        SLO Ledger does not hold {what.toLowerCase()}. Fill in the <code>{dsVariable}</code> filter with the uid of a Grafana datasource (ticket tool, on-call tool, SQL…) and
        <code> {queryVariable}</code> with a query returning one number per period; both stay in the URL.
      </Alert>
    );
  }
  return (
    <div>
      <body.Component model={body} />
      <TrendLine model={model} trend={trend} unit={unit} />
    </div>
  );
}

function TrendLine({ model, trend, unit }: { model: SceneObject; trend: TrendKind; unit: string }) {
  const { data } = sceneGraph.getData(model).useState();
  return <p aria-label="Trend">{data ? trendText(seriesValues(data.series), trend, unit) : ''}</p>;
}

/** A graph of a user-chosen datasource query, with the book's trend reading below it. */
export function externalSeries(what: string, dsVariable: string, queryVariable: string, trend: TrendKind, unit: string): ExternalSeries {
  return new ExternalSeries({
    what,
    dsVariable,
    queryVariable,
    trend,
    unit,
    $data: externalQueryRunner(dsVariable, queryVariable),
    body: new VizPanel({ pluginId: 'timeseries', title: what, options: {}, fieldConfig: { defaults: { custom: { drawStyle: 'points', pointSize: 8 } }, overrides: [] } }),
  });
}
