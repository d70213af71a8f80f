/**
 * The head of the Overview page (book 11.2.2, fig. 11.1): the error budget
 * period length and days left, how many SLOs are in each burn state, and the
 * services at risk first (least remaining budget of any of their SLOs).
 */
import type { IndicatorResponse } from '../../core/contracts/resourceContract';

export const BURN_STATES = ['Critical', 'Increasing', 'Recovering', 'Acceptable', 'No data'] as const;

export interface ServiceRisk {
  service: string;
  team: string;
  /** Least remaining budget among its SLOs (null: none has data). */
  worstRemaining: number | null;
  worstSlo: string;
  sli: string;
  deployment: string;
  critical: number;
  slos: number;
}

export interface OverviewSummary {
  periods: Array<{ label: string; days: number; daysLeft: number | null; slos: number }>;
  byState: Record<string, number>;
  services: ServiceRisk[];
  total: number;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export function overviewSummary(res: Pick<IndicatorResponse, 'rows'>): OverviewSummary {
  const byState: Record<string, number> = Object.fromEntries(BURN_STATES.map((s) => [s, 0]));
  const periods = new Map<string, { label: string; days: number; daysLeft: number | null; slos: number }>();
  const services = new Map<string, ServiceRisk>();
  for (const r of res.rows) {
    const state = str(r.burnState) || 'No data';
    byState[state] = (byState[state] ?? 0) + 1;
    const label = str(r.periodLabel);
    const p = periods.get(label) ?? { label, days: num(r.periodDays) ?? 0, daysLeft: num(r.daysLeft), slos: 0 };
    p.slos += 1;
    periods.set(label, p);
    const name = str(r.service);
    const remaining = num(r.remaining);
    const s = services.get(name) ?? { service: name, team: str(r.team), worstRemaining: null, worstSlo: str(r.slo), sli: str(r.sli), deployment: str(r.deployment), critical: 0, slos: 0 };
    s.slos += 1;
    s.critical += state === 'Critical' ? 1 : 0;
    if (remaining !== null && (s.worstRemaining === null || remaining < s.worstRemaining)) {
      Object.assign(s, { worstRemaining: remaining, worstSlo: str(r.slo), sli: str(r.sli), deployment: str(r.deployment) });
    }
    services.set(name, s);
  }
  const risk = [...services.values()].sort(
    (a, b) => b.critical - a.critical || (a.worstRemaining ?? Infinity) - (b.worstRemaining ?? Infinity) || a.service.localeCompare(b.service)
  );
  return { periods: [...periods.values()], byState, services: risk, total: res.rows.length };
}
