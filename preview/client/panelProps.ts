/** PanelProps as Grafana's panel chrome passes them, for a panel mounted by the preview (the tests' builder, sized and timed by the view). */
import { DataFrame, dateTime, EventBusSrv, LoadingState, PanelProps, TimeRange } from '@grafana/data';
import { panelProps } from '../../src/components/testing/panelProps';

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
  return panelProps(series, options, {
    data: { series, state: LoadingState.Done, timeRange },
    timeRange,
    width: frame.width,
    height: frame.height,
    title: 'preview',
    eventBus: new EventBusSrv(),
    onOptionsChange,
  });
}
