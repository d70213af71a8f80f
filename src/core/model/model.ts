/**
 * The SLO model: what the catalog parses into and what every computation in
 * src/core takes. Pure data, no behaviour. Units are fixed here once:
 *
 * - ratios are numbers in [0, 1] (`objective: 0.999`), percent only on screen;
 * - instants are epoch milliseconds (UTC); durations are milliseconds;
 * - "now" is always a parameter, never read from a clock.
 *
 * Source: book 3.2-3.4 (SLI, SLO, error budget, policy), 6.7 (default SLOs),
 * 9.2 (incident priority), 10 (error budget policy), 15 (SLAs, catalog).
 */

/** A ratio in [0, 1]. YAML accepts 99.9 or 0.999; inside, always 0.999. */
export type Ratio = number;
/** Epoch milliseconds, UTC. */
export type EpochMs = number;
/** A duration in milliseconds. */
export type DurationMs = number;

/** book 3.1, fig. 3.1: the SLI hierarchy; `custom` for anything else good/total. */
export type SliKind = 'availability' | 'latency' | 'throughput' | 'freshness' | 'correctness' | 'custom';
export const SLI_KINDS: readonly SliKind[] = ['availability', 'latency', 'throughput', 'freshness', 'correctness', 'custom'];

/** DESIGN.md "Normative math": occurrences (default) or timeslices. */
export type BudgetingMethod = 'occurrences' | 'timeslices';

/** Calendar units of an error budget period (book 3.3: "a fixed jumping calendar window"). */
export type CalendarUnit = 'week' | '4w' | 'month' | 'quarter';

/**
 * Error budget period (book 3.3). Rolling: a window going backwards from now.
 * Calendar: jumping windows that replenish to 100% at each start; `4w` is
 * four ISO weeks counted from ISO week 1 of the year.
 */
export type PeriodSpec =
  | { kind: 'rolling'; lengthMs: DurationMs }
  | { kind: 'calendar'; unit: CalendarUnit; timeZone: string };

/** One concrete period [startMs, endMs). */
export interface PeriodInterval {
  startMs: EpochMs;
  endMs: EpochMs;
  /** Stable human label, e.g. "2026-W01..W04", "2026-03", "2026-Q2", "rolling 28d". */
  label: string;
}

/** Timeslices budgeting: a slice is good when its SLI ≥ `target`. */
export interface TimesliceSpec {
  lengthMs: DurationMs;
  target: Ratio;
}

/**
 * How the SLI is measured. Expressions are PromQL or LogQL templates that
 * contain the `$__window` placeholder (a range such as `5m`); they return
 * event counts over that window. Exactly one of `good` / `bad` is set.
 */
export interface SliQuery {
  good?: string;
  bad?: string;
  total: string;
}

/** Where an SLO's events come from: the name of a source in the datasource settings. */
export interface SourceRef {
  /** `prometheus` | `loki` | `demo`; the backend maps the name to a configured connection. */
  type: 'prometheus' | 'loki' | 'demo';
  /** Optional name of a configured connection (several Prometheus instances). */
  name?: string;
}

/** Where a catalog object came from, so errors and UIs can point at it. */
export interface Origin {
  file: string;
  line: number;
  column: number;
  /** Path inside the document, e.g. `services[2].slos[0]`. */
  path: string;
  /** Which dialect it was written in. */
  format: 'sloledger/v1' | 'openslo/v1' | 'sloth/v1' | 'pyrra/v1alpha1';
}

/** book 9.2.4: every SLO carries one incident priority with its reason. */
export interface PriorityDecl {
  /** 1 (highest) .. 5. */
  level: number;
  reason?: string;
}

/** book 9.2.11 / 6.3: the book's own alert rule on top of multiwindow burn rates. */
export interface BookAlertSpec {
  /** Percent of the hourly budget spent within `windowMs` that fires (book: 200). */
  depletionThresholdPct: number;
  windowMs: DurationMs;
  evaluateEveryMs: DurationMs;
  snoozeMs: DurationMs;
}

/** A service level objective, fully resolved (defaults applied). */
export interface Slo {
  /** Unique across the catalog: `<service>/<name>` unless given. */
  id: string;
  name: string;
  service: string;
  team: string;
  sli: SliKind;
  /** e.g. `GET /affil`; the endpoint the SLO is about (book 6.3). */
  endpoint?: string;
  /** Deployment / environment (book 7.1), e.g. `prod-eu`. */
  deployment?: string;
  objective: Ratio;
  /** Latency SLIs: the threshold in ms (book 6.3.3: "95% within 400 ms"). */
  thresholdMs?: number;
  period: PeriodSpec;
  budgeting: BudgetingMethod;
  timeslice?: TimesliceSpec;
  source: SourceRef;
  query: SliQuery;
  /** Below this many events in a window the SLI reads "too few events". */
  minEvents: number;
  priority?: PriorityDecl;
  description?: string;
  /** book 6.6: the user journey the SLO protects. */
  userJourney?: string;
  runbookUrl?: string;
  /** Extra labels carried onto every frame. */
  labels: Record<string, string>;
  alert?: BookAlertSpec;
  /** True when expanded from a service's default SLO (book 6.7). */
  isDefault: boolean;
  origin: Origin;
}

/** book 6.7: a default SLO that every discovered endpoint of a service gets. */
export interface DefaultSlo {
  sli: SliKind;
  objective: Ratio;
  thresholdMs?: number;
  /** Template with `$endpoint` where the endpoint label value goes, plus `$__window`. */
  query: SliQuery;
  source: SourceRef;
  period: PeriodSpec;
  minEvents: number;
  origin: Origin;
}

export interface Service {
  name: string;
  team: string;
  description?: string;
  deployments: string[];
  /** Label that carries the deployment in the source, e.g. `env`. */
  deploymentLabel?: string;
  /** Label that carries the endpoint, e.g. `route`. */
  endpointLabel?: string;
  dependencies: string[];
  /** PromQL/LogQL returning one series per endpoint (label `endpointLabel`). */
  endpointDiscovery?: string;
  defaults: DefaultSlo[];
  origin: Origin;
}

/** book 10.x / 11.2.10: team facts, the lowest level of aggregation (11.3). */
export interface Team {
  name: string;
  onCall?: { rotation?: string; members?: number; chatChannel?: string };
  policy?: string;
  origin: Origin;
}

/** book 15.x, 11.2.6-11.2.8: a contractual SLA aggregating endpoint-level SLAs or SLOs. */
export interface Sla {
  id: string;
  name: string;
  service?: string;
  contractual: boolean;
  objective: Ratio;
  description?: string;
  /** Ids of the SLOs (or endpoint-level SLAs) it aggregates. */
  components: string[];
  customerLabel?: string;
  period: PeriodSpec;
  origin: Origin;
}

/** book table 10.2: the kinds of error budget policy conditions. */
export type PolicyConditionKind =
  | 'premature-exhaustion' // A: budget exhausted before the period ends
  | 'budget-spent' // B: more than pct of the period budget spent
  | 'burn-within' // E/F: more than pct of the budget spent within a window
  | 'dependency' // a dependency's budget state
  | 'manual'; // anything a person judges (incident count, postmortems, ...)

export interface PolicyCondition {
  id: string;
  description: string;
  kind: PolicyConditionKind;
  trigger: 'automatic' | 'manual';
  /** Percent of the period budget (B, E, F). */
  pct?: number;
  /** Window for `burn-within` (E: 24h, F: 7d). */
  withinMs?: DurationMs;
}

/** book table 10.3: consequences, some of which gate releases. */
export interface PolicyConsequence {
  id: string;
  description: string;
  /** Condition ids that put it in force (any of them). */
  when: string[];
  /** True when the consequence stops releases (book: "stop feature releases"). */
  blocksReleases: boolean;
  /** Environments the release gate applies to; empty = all. */
  environments: string[];
}

/** book ch. 10: an error budget policy with its seven parts (table 10.1). */
export interface ErrorBudgetPolicy {
  name: string;
  /** Part 1: which team / services it covers. */
  scope: { teams: string[]; services: string[] };
  /** Part 2. */
  purpose: string;
  /** Parts 3-4. */
  conditions: PolicyCondition[];
  consequences: PolicyConsequence[];
  /** Part 5. */
  escalation: string;
  /** Part 6. */
  agreedBy: string[];
  /** Part 7 (book 10.11). */
  nextReview?: EpochMs;
  origin: Origin;
}

/** DESIGN.md "Corrections": intervals excluded from good, bad and total. */
export interface Correction {
  id: string;
  description: string;
  startMs: EpochMs;
  endMs: EpochMs;
  /** SLO ids, services or teams it applies to; empty = every SLO. */
  slos: string[];
  services: string[];
  origin: Origin;
}

/** The whole catalog after parsing, validation and default expansion. */
export interface Catalog {
  teams: Team[];
  services: Service[];
  slos: Slo[];
  slas: Sla[];
  policies: ErrorBudgetPolicy[];
  corrections: Correction[];
}

export const emptyCatalog = (): Catalog => ({ teams: [], services: [], slos: [], slas: [], policies: [], corrections: [] });

/**
 * Bucketed event counts for one SLO: bucket i covers
 * [startMs + i·stepMs, startMs + (i+1)·stepMs). `good[i] ≤ total[i]`.
 * A bucket with `total[i] = 0` has no events (not "100% good").
 */
export interface Buckets {
  startMs: EpochMs;
  stepMs: DurationMs;
  good: Float64Array;
  total: Float64Array;
}
