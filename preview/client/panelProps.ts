/** PanelProps as Grafana's panel chrome passes them, for a panel mounted by the preview. */
import { DataFrame, dateTime, EventBusSrv, FieldConfigSource, LoadingState, PanelProps, TimeRange } from '@grafana/data';

export interface PanelFrame {
  width: number;
  height: number;
  fromMs: number;
  toMs: number;
}

export function previewPanelProps<T>(series: DataFrame[], options: T, frame: PanelFrame, onOptionsChange: (o: T) => void): PanelProps<T> {
  const from = dateTime(frame.fromMs);
  const to = dateTime(frame.toMs);
  const timeRange: TimeRange = { from, to, raw: { from, to } };
  return {
    id: 1,
    data: { series, state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options,
    transparent: false,
    width: frame.width,
    height: frame.height,
    fieldConfig: { defaults: {}, overrides: [] } as FieldConfigSource,
    renderCounter: 1,
    title: 'preview',
    eventBus: new EventBusSrv(),
    onOptionsChange,
    onFieldConfigChange: () => undefined,
    replaceVariables: (s: string) => s,
    onChangeTimeRange: () => undefined,
  };
}
