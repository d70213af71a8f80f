/**
 * The frame contract between the backend (producer) and the panels, the app
 * and Explore (consumers). Each query type of the datasource returns frames
 * of one documented shape; panels render "any data frame of the documented
 * shape", so they can be built and tested against recorded frames.
 *
 * Conventions (DESIGN.md "Query types"):
 * - Ratios are 0..1 with unit `percentunit`; speeds are % of the period budget per hour.
 * - Time fields are named `time` (Grafana reads them as timestamps).
 * - Every time-series frame carries the SLO's identity as field labels
 *   (`SloLabels`); every table frame carries it as string columns.
 * - A failing SLO does not fail the query: its error is a frame notice
 *   (meta.notices, severity "error") on a frame whose name is the SLO id.
 */
import type { AdherenceState } from '../budget/adherence';
import type { EpisodeMark } from '../budget/episodes';
import type { ExhaustionMark } from '../budget/exhaustion';

// The marks are budget concepts (core/budget); frames carry them as they are.
export type { AdherenceState, EpisodeMark, ExhaustionMark };

/** Query types of the datasource (DESIGN.md "Query types of the datasource"). */
export type QueryType =
  | 'catalog'
  | 'sli'
  | 'budget'
  | 'burnrate'
  | 'adherence'
  | 'depletion'
  | 'exhaustion'
  | 'episodes'
  | 'policy'
  | 'endpoints'
  | 'adhoc';

export const QUERY_TYPES: readonly QueryType[] = [
  'catalog',
  'sli',
  'budget',
  'burnrate',
  'adherence',
  'depletion',
  'exhaustion',
  'episodes',
  'policy',
  'endpoints',
  'adhoc',
];

/** Identity labels every frame carries so panels can filter and link. */
export interface SloLabels {
  slo: string;
  name: string;
  service: string;
  team: string;
  sli: string;
  deployment: string;
  endpoint: string;
  /** Objective as a ratio, printed with up to 6 decimals: "0.999". */
  objective: string;
}

export const SLO_LABEL_KEYS: ReadonlyArray<keyof SloLabels> = [
  'slo',
  'name',
  'service',
  'team',
  'sli',
  'deployment',
  'endpoint',
  'objective',
];

/** A period boundary as carried in frame meta (epoch ms). */
export interface PeriodMark {
  startMs: number;
  endMs: number;
  label: string;
}

/**
 * `budget` frames: one time series per SLO.
 * Fields: `time`, `remaining` (ratio, may be < 0 = budget debt; NaN/null = no data).
 * meta.custom: BudgetFrameCustom.
 */
export interface BudgetFrameCustom {
  kind: 'budget';
  labels: SloLabels;
  periods: PeriodMark[];
  episodes: EpisodeMark[];
  exhaustions: ExhaustionMark[];
  /** Remaining budget at the end of each period (book 11.2.4 "end of period"), same order as periods. */
  periodEndRemaining: Array<number | null>;
  /** book 11.2.7: an SLA's series computed for this customer only (queries naming a customer). */
  customer?: string;
}

/**
 * `adherence` frame: a table, one row per (SLO or SLA) × period.
 * Columns, in this order: the SloLabels keys, then `kind` ("slo" | "sla"),
 * `contractual` (boolean), `period` (label), `periodStart` (time), `periodEnd` (time),
 * `state` ("Fulfilled" | "Broken" | "No data" | "In progress"), `sliValue` (ratio), `good`, `total`;
 * when the query names a customer (book 11.2.7), a last column `customer`: the customer an SLA
 * row with a customer label was computed for, '' on rows over all customers.
 */
export const ADHERENCE_COLUMNS = [
  ...SLO_LABEL_KEYS,
  'kind',
  'contractual',
  'period',
  'periodStart',
  'periodEnd',
  'state',
  'sliValue',
  'good',
  'total',
] as const;

/**
 * `catalog` frame ("SLOs by service", book 11.2.2 fig. 11.1): a table, one row per SLO.
 * Columns: SloLabels keys, then `isDefault` (boolean), `periodLabel` (e.g. "4w calendar"),
 * `periodDays`, `daysLeft`, `sliValue` (ratio), `remaining` (ratio), `burn1h`, `burn6h`, `burn24h`,
 * `burnState` ("Critical" | "Increasing" | "Recovering" | "Acceptable" | "No data"),
 * `exhaustionForecastMs` (ms until exhaustion at the current burn, null if not burning),
 * `recentAdherence` (string of states of the last periods, oldest first, joined by ","),
 * `priority` (1-5), `priorityReason`, `releaseGate` ("allow" | "deny"), `gateReason`,
 * `consequences` (comma-separated consequences in force), `error` (per-SLO error text, empty when fine).
 */
export const CATALOG_COLUMNS = [
  ...SLO_LABEL_KEYS,
  'isDefault',
  'periodLabel',
  'periodDays',
  'daysLeft',
  'sliValue',
  'remaining',
  'burn1h',
  'burn6h',
  'burn24h',
  'burnState',
  'exhaustionForecastMs',
  'recentAdherence',
  'priority',
  'priorityReason',
  'releaseGate',
  'gateReason',
  'consequences',
  'error',
] as const;

/**
 * `depletion` frame (book 11.2.4 fig. 11.5): one row per SLO × period.
 * Columns: SloLabels keys, `period`, `periodStart`, `periodEnd`, `endRemaining` (ratio),
 * `avgSpeed`, `highestSpeed` (% per hour), `episodes` (count), `exhausted` (boolean),
 * `timeToExhaustionMs` (null when not exhausted). SLAs (book 11.2.7, figs. 11.9-11.10): each SLA
 * whose components are all in the selection adds rows computed from their summed buckets — over all
 * customers, or, when the query names a customer, each SLA with a customer label for that customer
 * only. When the query names a customer or its selection holds an SLA, two last columns say which
 * rows: `kind` ("slo" | "sla") and `customer` ('' on rows over all customers); SLO-only queries keep
 * the columns above. Likewise a `budget` query adds one series per such SLA (frame name the SLA id,
 * or `<sla>{<label>="<customer>"}` for a customer; labels and BudgetFrameCustom with `customer`).
 */
export const DEPLETION_COLUMNS = [
  ...SLO_LABEL_KEYS,
  'period',
  'periodStart',
  'periodEnd',
  'endRemaining',
  'avgSpeed',
  'highestSpeed',
  'episodes',
  'exhausted',
  'timeToExhaustionMs',
] as const;

/**
 * `exhaustion` frame (book 11.2.5): one row per SLO × period, only periods exhausted early unless
 * `onlyPremature` is false. Columns: SloLabels keys, `period`, `periodStart`, `periodEnd`,
 * `exhaustedAt` (time, null when not exhausted), `timeToExhaustionMs`, `endRemaining` (ratio);
 * SLA rows and the last columns `kind` and `customer` as in DEPLETION_COLUMNS.
 */
export const EXHAUSTION_COLUMNS = [
  ...SLO_LABEL_KEYS,
  'period',
  'periodStart',
  'periodEnd',
  'exhaustedAt',
  'timeToExhaustionMs',
  'endRemaining',
] as const;

/**
 * `policy` frame (book ch. 10): a table, one row per policy × part that is judged.
 * `row` is "condition" (book table 10.2), "consequence" (table 10.3), "gate" (release
 * gate per service × environment) or "review" (part 7, book 10.11). Columns, in this order:
 * `policy`, `teams` (scope teams, comma-separated), `row`, `id` (condition/consequence id,
 * or `<service>@<environment>` for gates, `next-review`), `description`,
 * `trigger` ("automatic" | "manual" for conditions, else ""), `active` (boolean: met /
 * in force / deny / overdue), `state` ("met" | "not met" | "in force" | "not in force" |
 * "allow" | "deny" | "overdue" | "due"), `because` (why, in words), `slos` (SLO ids meeting
 * a condition, comma-separated), `service` (gates), `environment` (gates: the environment,
 * "" for any; consequences: the environments a release block applies to, comma-separated,
 * "" = all), `blocksReleases` (consequences), `since` (time a condition became met, or the
 * review date; null when unknown).
 */
export const POLICY_COLUMNS = [
  'policy',
  'teams',
  'row',
  'id',
  'description',
  'trigger',
  'active',
  'state',
  'because',
  'slos',
  'service',
  'environment',
  'blocksReleases',
  'since',
] as const;
