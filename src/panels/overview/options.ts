import type { GroupBy } from './viewModel';

export interface OverviewOptions {
  groupBy: GroupBy;
  showDefaults: boolean;
  /** Link of each row; ${slo}, ${service}, ${sli}, ${deployment} are filled in. */
  rowLink: string;
}

export const DEFAULT_ROW_LINK = '/a/sloledger-app/slo/${slo}';
