/**
 * Demo customers (book 11.2.7, per-customer SLA figures): an expression with a
 * `customer="<name>"` matcher is answered with that customer's share of the
 * series it would answer without the matcher. Traffic and errors are split
 * with different shares, so customers see different SLIs, and the shares each
 * sum to 1: Σ over the demo customers of total (or bad, or good) equals the
 * unrestricted count, bucket by bucket.
 */
import { DemoKind } from './demoIntegral';

interface DemoCustomer {
  readonly name: string;
  /** Share of the requests. */
  readonly traffic: number;
  /** Share of the failed requests. */
  readonly errors: number;
}

// WHY these shares: the smallest customer gets half the errors, so its SLI is the worst (≈ 2.5× the error ratio).
export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  { name: 'acme', traffic: 0.5, errors: 0.2 },
  { name: 'globex', traffic: 0.3, errors: 0.3 },
  { name: 'initech', traffic: 0.2, errors: 0.5 },
];

const CUSTOMER_MATCHER = /,?\s*customer\s*=\s*"((?:[^"\\]|\\.)*)"/;

/** The customer an expression selects (unescaped), and the expression without that matcher; none when it has no customer matcher. */
export function demoCustomerOf(expr: string): { customer: string; rest: string } | undefined {
  const m = CUSTOMER_MATCHER.exec(expr);
  if (!m) {
    return undefined;
  }
  const customer = m[1].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
  return { customer, rest: expr.slice(0, m.index) + expr.slice(m.index + m[0].length) };
}

/**
 * One customer's counts of `kind` from the unrestricted counts: total·traffic share,
 * bad·error share, good = their difference. An unknown customer has no events.
 */
export function customerCounts(customer: string, kind: DemoKind, whole: (kind: DemoKind) => Float64Array): Float64Array {
  const c = DEMO_CUSTOMERS.find((d) => d.name === customer);
  const total = whole('total');
  if (!c) {
    return new Float64Array(total.length);
  }
  const bad = kind === 'total' ? undefined : whole('bad');
  return total.map((t, i) => (kind === 'total' ? t * c.traffic : kind === 'bad' ? bad![i] * c.errors : t * c.traffic - bad![i] * c.errors));
}
