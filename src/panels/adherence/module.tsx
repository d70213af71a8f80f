import { PanelPlugin } from '@grafana/data';
import { AdherencePanel } from './AdherencePanel';
import { AdherenceOptions } from './options';
import { DEFAULT_CELL_LINK } from './viewModel';

export const plugin = new PanelPlugin<AdherenceOptions>(AdherencePanel).setPanelOptions((builder) =>
  builder
    .addBooleanSwitch({ path: 'showSli', name: 'Show SLI in cells', defaultValue: true })
    .addTextInput({
      path: 'cellLink',
      name: 'Cell link',
      description: 'Where a cell leads: ${slo}, ${periodStart}, ${periodEnd} and ${period} are filled in',
      defaultValue: DEFAULT_CELL_LINK,
    })
);
