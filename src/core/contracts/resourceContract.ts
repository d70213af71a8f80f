/**
 * The datasource's resource API (Grafana: /api/datasources/uid/<uid>/resources/<path>):
 * the JSON the backend answers and the frontend (query editor, variables,
 * config editor, app pages, CD pipelines) reads. Pure types, shared.
 *
 * Routes (GET unless marked):
 *   catalog?team=&service=&sli=&deployment=&slo=   → CatalogResponse
 *   options/<dimension>?team=&service=&...           → OptionsResponse   (dimension: teams|services|slis|deployments|slos|endpoints)
 *   slos/<id>?from=&to=                              → SloStateResponse
 *   indicators/<name>?from=&to=&team=&...            → IndicatorResponse (name: see IndicatorName)
 *   policies?team=                                   → PoliciesResponse
 *   gates/<service>?environment=                     → GateResponse      (CD pipelines: 200 allow / 200 deny, body says why)
 *   POST validate   body: YAML text                  → ValidateResponse
 *   POST policies/<policy>/conditions/<conditionId>  body: ManualConditionWrite → ManualConditionState
 *                                                    (Editor role or above; recorded in the ledger with who and when)
 *   GET  policies/<policy>/conditions                → { latest, history: ManualConditionState[] }
 *   GET|POST policies/<policy>/enactments            body: EnactmentWrite → Enactment (POST: Editor or above)
 *   GET|POST policies/<policy>/reviews               body: ReviewWrite → Review (POST: Editor or above)
 *   GET  ledger/periods?slo=&sla=&customer=&kind=budget|month&from=&to=&format=json|csv → LedgerPeriodsResponse (closed periods, book 3.3; per-customer SLA rows, book 11.2.7)
 *                                                    (ledger shapes: src/core/contracts/ledgerContract.ts)
 * Errors: { error: string } with status 400 (bad input), 404 (unknown route or id), 403, 413, 502/504 (source).
 */
import type { CatalogIssue } from '../catalog/issues';
import type { AdherenceState } from './frameContract';

export type { Enactment, EnactmentWrite, LedgerPeriodsResponse, ManualConditionState, ManualConditionWrite, Review, ReviewWrite } from './ledgerContract';

/** One located catalog problem (file:line:col + path), as the catalog loader reports it. */
export type CatalogIssueJson = CatalogIssue;

export interface SloSummaryJson {
  id: string;
  name: string;
  service: string;
  team: string;
  sli: string;
  endpoint?: string;
  deployment?: string;
  objective: number;
  periodLabel: string;
  isDefault: boolean;
  source: string;
  description?: string;
  runbookUrl?: string;
}

export interface CatalogResponse {
  /** Hash of the catalog text that produced this answer. */
  version: string;
  slos: SloSummaryJson[];
  teams: string[];
  services: Array<{ name: string; team: string; deployments: string[]; dependencies: string[] }>;
  slas: Array<{ id: string; name: string; objective: number; contractual: boolean; components: string[] }>;
  issues: CatalogIssueJson[];
}

export interface OptionsResponse {
  values: Array<{ value: string; label: string }>;
}

export interface PeriodStateJson {
  label: string;
  startMs: number;
  endMs: number;
  sli: number | null;
  good: number;
  total: number;
  endRemaining: number | null;
  adherence: AdherenceState;
  exhaustedAtMs: number | null;
  timeToExhaustionMs: number | null;
  avgSpeed: number | null;
  highestSpeed: number | null;
  episodes: Array<{ startMs: number; endMs: number; depletedPct: number; speedPctPerHour: number }>;
}

export interface SloStateResponse {
  slo: SloSummaryJson;
  nowMs: number;
  sli: number | null;
  remaining: number | null;
  burnRates: Record<string, number | null>;
  burnState: string;
  exhaustionForecastMs: number | null;
  daysLeft: number;
  periods: PeriodStateJson[];
  priority: { level: number; reason: string; source: string };
  error?: string;
}

/** The SRE indicators of book 11.2. */
export type IndicatorName =
  | 'slos-by-service' // 11.2.2
  | 'slo-adherence' // 11.2.3
  | 'slo-depletion' // 11.2.4
  | 'premature-exhaustion' // 11.2.5
  | 'slas-by-service' // 11.2.6
  | 'sla-depletion' // 11.2.7
  | 'sla-adherence' // 11.2.8
  | 'on-call-rotations' // 11.2.10 (from the catalog's team facts)
  | 'least-available-endpoints' // 11.2.12
  | 'slowest-endpoints'; // 11.2.13

export interface IndicatorResponse {
  indicator: IndicatorName;
  /** Book section it implements, e.g. "11.2.4". */
  section: string;
  columns: string[];
  rows: Array<Record<string, string | number | boolean | null>>;
  notices: string[];
}

export interface PolicyStateJson {
  policy: string;
  scope: { teams: string[]; services: string[] };
  purpose: string;
  conditions: Array<{ id: string; description: string; trigger: 'automatic' | 'manual'; met: boolean; because: string }>;
  consequencesInForce: Array<{ id: string; description: string; blocksReleases: boolean }>;
  escalation: string;
  agreedBy: string[];
  nextReviewMs: number | null;
  reviewOverdue: boolean;
}

export interface PoliciesResponse {
  policies: PolicyStateJson[];
}

export interface GateResponse {
  service: string;
  environment: string | null;
  decision: 'allow' | 'deny';
  reasons: string[];
}

export interface ValidateResponse {
  valid: boolean;
  slos: number;
  issues: CatalogIssueJson[];
}
