import { PanelPlugin } from '@grafana/data';
import { OverviewPanel } from './OverviewPanel';
import { DEFAULT_ROW_LINK, OverviewOptions } from './options';

export const plugin = new PanelPlugin<OverviewOptions>(OverviewPanel).setPanelOptions((builder) =>
  builder
    .addRadio({
      path: 'groupBy',
      name: 'Group by',
      defaultValue: 'service',
      settings: { options: [{ value: 'none', label: 'None' }, { value: 'team', label: 'Team' }, { value: 'service', label: 'Service' }] },
    })
    .addBooleanSwitch({ path: 'showDefaults', name: 'Show default SLOs', description: 'SLOs expanded from a service’s default SLOs (book 6.7)', defaultValue: true })
    .addTextInput({ path: 'rowLink', name: 'Row link', description: '${slo}, ${service}, ${sli} and ${deployment} are filled in', defaultValue: DEFAULT_ROW_LINK })
);
