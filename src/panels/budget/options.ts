export interface BudgetOptions {
  layout: 'multiples' | 'overlay';
  /** book 11.2.5 fig. 11.6: hatch the periods without premature exhaustion. */
  onlyPremature: boolean;
  showEpisodes: boolean;
  showDeployments: boolean;
}
