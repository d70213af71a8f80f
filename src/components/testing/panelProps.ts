/** PanelProps for rendering a panel in tests with the frames it would get from the datasource. */
import { DataFrame, dateTime, FieldConfigSource, LoadingState, PanelProps, TimeRange } from '@grafana/data';

export function panelProps<T>(series: DataFrame[], options: T, extra: Partial<PanelProps<T>> = {}): PanelProps<T> {
  const from = dateTime(Date.UTC(2026, 7, 1));
  const to = dateTime(Date.UTC(2026, 10, 1));
  const timeRange: TimeRange = { from, to, raw: { from, to } };
  return {
    id: 1,
    data: { series, state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options,
    transparent: false,
    width: 800,
    height: 400,
    fieldConfig: { defaults: {}, overrides: [] } as FieldConfigSource,
    renderCounter: 1,
    title: 'test',
    eventBus: { publish: () => undefined, subscribe: () => ({ unsubscribe: () => undefined }), getStream: () => ({ subscribe: () => ({ unsubscribe: () => undefined }) }), removeAllListeners: () => undefined, newScopedBus: () => undefined } as never,
    onOptionsChange: () => undefined,
    onFieldConfigChange: () => undefined,
    replaceVariables: (s: string) => s,
    onChangeTimeRange: () => undefined,
    ...extra,
  } as PanelProps<T>;
}
