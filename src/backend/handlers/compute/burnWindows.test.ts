import { DATASOURCE_BURN_WINDOWS } from '../../../core/alerts/grafanaRules';
import { BURN_WINDOWS } from './engine';

describe('the burn-rate windows of generated Grafana rules', () => {
  it('are exactly the windows the engine computes (a rule must never ask for a window the datasource lacks)', () => {
    expect(DATASOURCE_BURN_WINDOWS).toEqual(BURN_WINDOWS);
  });
});
