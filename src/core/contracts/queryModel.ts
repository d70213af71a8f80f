/**
 * The datasource query model: what the query editor writes, what dashboards
 * and alert rules store, and what the backend reads. Pure; shared by both ends.
 */
import { QUERY_TYPES, QueryType } from './frameContract';

/** Time scale of depletion views (book 11.2.4: hourly over 24 h, daily/weekly over the period, per period over a year). */
export type TimeScale = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'period';
export const TIME_SCALES: readonly TimeScale[] = ['hourly', 'daily', 'weekly', 'monthly', 'period'];

/** Which endpoint list (book 11.2.12 least available, 11.2.13 slowest). */
export type EndpointsMode = 'least-available' | 'slowest';

/** What the `episodes` (annotations) query marks. */
export type AnnotationKind = 'episodes' | 'exhaustion' | 'policy' | 'deployments';

/** Explore's ad-hoc SLO: expressions typed by hand (DESIGN.md `adhoc`). */
export interface AdhocSpec {
  source: 'prometheus' | 'loki' | 'demo';
  /** Name of a configured connection; default connection of that type when empty. */
  connection?: string;
  good?: string;
  bad?: string;
  total: string;
  /** 99.9 or 0.999. */
  objective: number;
  /** Period, e.g. "28d" (rolling) or "month" (calendar). Default: 28d. */
  period?: string;
}

/** Selection of SLOs by the book's dimensions (11.2.1, table 11.2). Empty = all. */
export interface SloSelection {
  teams?: string[];
  services?: string[];
  slis?: string[];
  deployments?: string[];
  slos?: string[];
  /** Include SLOs expanded from services' default SLOs (book 6.7). Default true. */
  includeDefaults?: boolean;
}

export interface SloLedgerQueryModel extends SloSelection {
  refId: string;
  queryType?: QueryType;
  /** Burn-rate window for `burnrate`, e.g. "1h". */
  window?: string;
  timeScale?: TimeScale;
  /** book 11.2.5: show only periods with premature exhaustion. */
  onlyPremature?: boolean;
  /** Top N for `endpoints`. */
  topN?: number;
  endpointsMode?: EndpointsMode;
  /** book 11.2.7: SLAs with a customer label computed for this customer only (the indicators/sla-* resources and the CUSTOMER_QUERY_TYPES; empty or `$__all`: all customers). */
  customer?: string;
  adhoc?: AdhocSpec;
  annotationKinds?: AnnotationKind[];
  /** PromQL/LogQL whose series mark deployments (annotations). */
  deploymentQuery?: string;
}

/** Query types whose SLA rows can be read for one customer (book 11.2.7; the query editor shows the Customer field for them). */
export const CUSTOMER_QUERY_TYPES: readonly QueryType[] = ['adherence', 'budget', 'depletion', 'exhaustion'];

export const DEFAULT_QUERY: Omit<SloLedgerQueryModel, 'refId'> = {
  queryType: 'budget',
  timeScale: 'daily',
  includeDefaults: true,
};

/** Either ready to run, or incomplete with what is missing (shown instead of an error). */
export type QueryCheck = { ok: true } | { ok: false; missing: string };

/**
 * Says whether a query can run, and if not what the user still has to fill in.
 *
 * @example checkQuery({ refId: 'A', queryType: 'adhoc' }) → { ok: false, missing: 'Ad hoc: a total expression' }
 */
export function checkQuery(q: SloLedgerQueryModel): QueryCheck {
  const type = q.queryType ?? 'budget';
  if (!QUERY_TYPES.includes(type)) {
    return { ok: false, missing: `a known query type (one of ${QUERY_TYPES.join(', ')})` };
  }
  if (type === 'burnrate' && q.window !== undefined && !/^\d+(ms|s|m|h|d|w)$/.test(q.window)) {
    return { ok: false, missing: `a burn-rate window like 1h or 30m (got "${q.window}")` };
  }
  if (type === 'endpoints' && q.topN !== undefined && !(Number.isInteger(q.topN) && q.topN > 0)) {
    return { ok: false, missing: 'a top N that is a whole number above 0' };
  }
  if (type === 'adhoc') {
    const a = q.adhoc;
    if (!a || !a.total?.trim()) {
      return { ok: false, missing: 'Ad hoc: a total expression' };
    }
    if (!a.good?.trim() && !a.bad?.trim()) {
      return { ok: false, missing: 'Ad hoc: a good or a bad expression' };
    }
    if (a.good?.trim() && a.bad?.trim()) {
      return { ok: false, missing: 'Ad hoc: either good or bad, not both' };
    }
    if (!(typeof a.objective === 'number' && a.objective > 0 && a.objective < 100)) {
      return { ok: false, missing: 'Ad hoc: an objective such as 99.9 (below 100: a 100% SLO leaves no budget, book 3.3)' };
    }
  }
  return { ok: true };
}
