/** Fixture factories for core tests (style habit 6): fresh objects, overrides per case. */
import { Buckets, ErrorBudgetPolicy, PeriodInterval, Service, Slo } from '../model/model';
import type { SloPolicyFigures } from '../policy/figures';
import { SloMathSpec } from '../budget/depletion';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function makeSpec(overrides: Partial<SloMathSpec> = {}): SloMathSpec {
  return { objective: 0.999, budgeting: 'occurrences', minEvents: 0, period: { kind: 'rolling', lengthMs: 28 * DAY }, ...overrides };
}

/** Hourly buckets from `startMs`: `total` events each, bad events from `badAt(hour)`. */
export function makeBuckets(startMs: number, hours: number, total: number, badAt: (hour: number) => number = () => 0, stepMs = HOUR): Buckets {
  const good = new Float64Array(hours);
  const tot = new Float64Array(hours);
  for (let h = 0; h < hours; h++) {
    tot[h] = total;
    good[h] = total - badAt(h);
  }
  return Object.freeze({ startMs, stepMs, good, total: tot });
}

export const interval = (startMs: number, endMs: number, label = 'p'): PeriodInterval => ({ startMs, endMs, label });

/** A policy with the book's example parts (table 10.1), conditions/consequences overridable. */
export function makePolicy(overrides: Partial<ErrorBudgetPolicy> = {}): ErrorBudgetPolicy {
  return {
    name: 'payments-policy',
    scope: { teams: ['payments'], services: [] },
    purpose: 'Prioritize reliability work over features when the budget runs out (book 10.3)',
    conditions: [],
    consequences: [],
    escalation: 'Engineering manager of payments breaks ties',
    agreedBy: ['ops', 'dev', 'product owner'],
    nextReview: Date.UTC(2027, 0, 15),
    origin: { file: 'test.yaml', line: 1, column: 1, path: 'policies[0]', format: 'sloledger/v1' },
    ...overrides,
  };
}

export function makeService(overrides: Partial<Service> = {}): Service {
  return {
    name: 'checkout',
    team: 'payments',
    deployments: ['staging', 'prod'],
    dependencies: [],
    defaults: [],
    origin: { file: 'test.yaml', line: 1, column: 1, path: 'services[0]', format: 'sloledger/v1' },
    ...overrides,
  };
}

/**
 * Policy figures of one SLO whose current period started at `periodStartMs`:
 * `hourly[k]` is the remaining budget after hour k + 1 of the period.
 */
export function makeFigures(overrides: Partial<SloPolicyFigures> & { hourly?: number[] } = {}): SloPolicyFigures {
  const { hourly = [1], ...rest } = overrides;
  const periodStartMs = rest.periodStartMs ?? Date.UTC(2026, 10, 1);
  const times = Float64Array.from(hourly, (_, k) => periodStartMs + (k + 1) * HOUR);
  const curve = Float64Array.from(hourly);
  return {
    slo: { id: 'checkout/orders-availability', service: 'checkout', team: 'payments' },
    periodLabel: '2026-11',
    periodStartMs,
    remaining: hourly[hourly.length - 1],
    exhaustedAtMs: null,
    times,
    curve,
    ...rest,
  };
}

/** An SLO of the demo source with the given queries (defaults: a 99.9% availability SLO over 30 rolling days). */
export function makeSlo(overrides: Partial<Slo> = {}): Slo {
  return {
    id: 'checkout/orders-availability',
    name: 'orders-availability',
    service: 'checkout',
    team: 'payments',
    sli: 'availability',
    objective: 0.999,
    period: { kind: 'rolling', lengthMs: 30 * DAY },
    budgeting: 'occurrences',
    source: { type: 'prometheus' },
    query: { good: 'sum(increase(http_requests_total{service="checkout",code!~"5.."}[$__window]))', total: 'sum(increase(http_requests_total{service="checkout"}[$__window]))' },
    minEvents: 0,
    labels: {},
    isDefault: false,
    origin: { file: 'test.yaml', line: 1, column: 1, path: 'services[0].slos[0]', format: 'sloledger/v1' },
    ...overrides,
  };
}
