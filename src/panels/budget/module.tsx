import { PanelPlugin } from '@grafana/data';
import { BudgetPanel } from './BudgetPanel';
import { BudgetOptions } from './options';

export const plugin = new PanelPlugin<BudgetOptions>(BudgetPanel).setPanelOptions((builder) =>
  builder
    .addRadio({
      path: 'layout',
      name: 'Several SLOs',
      defaultValue: 'multiples',
      settings: { options: [{ value: 'multiples', label: 'Small multiples' }, { value: 'overlay', label: 'Overlay' }] },
    })
    .addBooleanSwitch({ path: 'onlyPremature', name: 'Only periods with premature exhaustion', description: 'Hatch the periods whose budget lasted (book 11.2.5, fig. 11.6)', defaultValue: false })
    .addBooleanSwitch({ path: 'showEpisodes', name: 'Depletion episodes', description: 'Runs of burn rate above 1 with their speed (book 11.2.4)', defaultValue: true })
    .addBooleanSwitch({ path: 'showDeployments', name: 'Deployment markers', description: 'From the dashboard’s annotations tagged "deployment"', defaultValue: true })
);
