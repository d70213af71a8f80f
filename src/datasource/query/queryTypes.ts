/**
 * What each query type shows in the editor. The types themselves come from
 * src/core/contracts/frameContract.ts; this only names them for people and says which
 * options apply.
 */
import type { QueryType } from '../../core/contracts/frameContract';
import type { EndpointsMode, TimeScale } from '../../core/contracts/queryModel';

export interface QueryTypeInfo {
  label: string;
  description: string;
  /** SLO selection by team/service/SLI/deployment/SLO. */
  selection: boolean;
  window?: boolean;
  timeScale?: boolean;
  onlyPremature?: boolean;
  endpoints?: boolean;
  annotations?: boolean;
  adhoc?: boolean;
}

export const QUERY_TYPE_INFO: Record<QueryType, QueryTypeInfo> = {
  catalog: { label: 'SLOs by service', description: 'One row per SLO: SLI, remaining budget, burn, policy state (book 11.2.2)', selection: true },
  sli: { label: 'SLI', description: 'SLI over time against the objective', selection: true },
  budget: {
    label: 'Remaining error budget',
    description: 'Remaining budget over time with period boundaries and budget debt (book fig. 3.9)',
    selection: true,
    timeScale: true,
    onlyPremature: true,
  },
  burnrate: { label: 'Burn rate', description: 'Burn rate over a window; 1 = on pace to spend exactly the budget. Alert rules use it', selection: true, window: true },
  adherence: { label: 'Adherence', description: 'Fulfilled / Broken / No data per period (book 11.2.3)', selection: true, timeScale: true },
  depletion: {
    label: 'Depletion',
    description: 'Per period: end budget, average and highest depletion speed, episodes (book 11.2.4)',
    selection: true,
    timeScale: true,
    onlyPremature: true,
  },
  exhaustion: {
    label: 'Premature exhaustion',
    description: 'Periods that ran out of budget early, with time to exhaustion (book 11.2.5)',
    selection: true,
    timeScale: true,
    onlyPremature: true,
  },
  episodes: { label: 'Episodes (annotations)', description: 'Depletion episodes, exhaustion, policy and deployments as annotations', selection: true, annotations: true },
  policy: { label: 'Error budget policy', description: 'Conditions met, consequences in force, release gate (book ch. 10)', selection: true },
  endpoints: { label: 'Endpoints', description: 'Least available or slowest endpoints (book 11.2.12, 11.2.13)', selection: true, endpoints: true },
  adhoc: { label: 'Ad hoc', description: 'Good/total expressions and an objective typed here, no catalog needed (Explore)', selection: false, adhoc: true },
};

export const TIME_SCALE_LABELS: Record<TimeScale, string> = {
  hourly: 'Hourly',
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  period: 'Error budget period',
};

export const ENDPOINTS_MODES: ReadonlyArray<{ value: EndpointsMode; label: string }> = [
  { value: 'least-available', label: 'Least available' },
  { value: 'slowest', label: 'Slowest' },
];

/** Burn-rate windows of the multiwindow multi-burn-rate alerts (SRE workbook, DESIGN.md). */
export const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '24h', '3d'] as const;

/** Periods offered for ad hoc SLOs: rolling windows and calendar units (book 3.3). */
export const ADHOC_PERIODS: ReadonlyArray<{ value: string; label: string }> = [
  { value: '28d', label: '28d rolling' },
  { value: '30d', label: '30d rolling' },
  { value: '7d', label: '7d rolling' },
  { value: 'week', label: 'Calendar week' },
  { value: 'month', label: 'Calendar month' },
  { value: 'quarter', label: 'Calendar quarter' },
];
