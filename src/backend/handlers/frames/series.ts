/** `sli` and `burnrate` frames: one time series per SLO over the visible range. */
import { Frame, timeSeriesFrame, withNotice } from '../../protocol/frame';
import { SloComputation } from '../compute/engine';
import { sloLabels } from './labels';

export function seriesFrames(type: 'sli' | 'burnrate', c: SloComputation, refId: string, window = '1h'): Frame[] {
  const { series, firstVisible, slo } = c;
  const labels = { ...sloLabels(slo) } as Record<string, string>;
  const times = Array.from(series.times.subarray(firstVisible));
  if (type === 'sli') {
    return [timeSeriesFrame({ name: slo.id, refId, times, values: series.sli.subarray(firstVisible), labels, valueName: 'sli', config: { unit: 'percentunit', displayNameFromDS: `${slo.name} SLI` } })];
  }
  const values = series.burn[window];
  if (!values) {
    return [withNotice(timeSeriesFrame({ name: slo.id, refId, times: [], values: [], labels }), { severity: 'error', text: `burn-rate window ${window} is not one of ${Object.keys(series.burn).join(', ')}` })];
  }
  return [timeSeriesFrame({ name: `${slo.id} ${window}`, refId, times, values: values.subarray(firstVisible), labels: { ...labels, window }, valueName: 'burnrate', config: { displayNameFromDS: `${slo.name} burn rate ${window}` } })];
}
