/**
 * The built-in demo source (like Grafana's TestData): deterministic synthetic
 * traffic so the whole bundle can be explored with no Prometheus. It is the
 * default when no connection is configured.
 *
 * Convention: an expression names its series with a `slo` label and a
 * `demo_good`, `demo_bad` or `demo_total` metric, e.g.
 * `demo_good{slo="accounts-login"}[$__window]`; any other expression is
 * answered as total traffic of a series seeded by its text. Per minute:
 * traffic with daily seasonality (≈ 50-500 req/s), a background error ratio of
 * 0.02%, and incidents seeded per SLO: a fast outage every 9 days (≈ 2 h at
 * 4% errors), a slow burn of 0.15% errors for 3 days every 17 days, and a
 * large outage every 23 days that exhausts a 99.9% budget (demoTraffic.ts).
 * Counts of a window are sums of per-minute counts, so every step is
 * consistent; demoIntegral.ts sums them per bucket without visiting each minute.
 * `demo_endpoints{service="x"}` discovers a few endpoints of x (default SLOs, book 6.7).
 * A `customer="..."` matcher answers one demo customer's share (demoCustomers.ts).
 */
import { customerCounts, DEMO_CUSTOMERS, demoCustomerOf } from './demoCustomers';
import { demoBucketCounts } from './demoIntegral';
import { CountSource } from './types';

export { errorRatio, trafficPerMinute } from './demoTraffic';

/** Paths a demo service may have (discovered by `demo_endpoints{service="..."}`). */
const DEMO_ENDPOINTS = ['/login', '/user', '/user/lang', '/token', '/session', '/logout', '/avatar'];

export class DemoSource implements CountSource {
  readonly name = 'demo';

  async rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Float64Array> {
    const restricted = demoCustomerOf(expr);
    const { kind, seed } = parseDemoExpression(restricted?.rest ?? expr);
    if (restricted) {
      return customerCounts(restricted.customer, kind, (k) => demoBucketCounts(k, seed, startMs, endMs, stepMs));
    }
    return demoBucketCounts(kind, seed, startMs, endMs, stepMs);
  }

  /**
   * Endpoint discovery for default SLOs (book 6.7): `demo_endpoints{service="x"}`
   * lists three to five endpoints of service x, chosen by its name, always the same.
   */
  async labelValues(expr: string, label?: string): Promise<string[]> {
    if (label === 'customer' && /demo_(good|bad|total)\b/.test(expr)) {
      return DEMO_CUSTOMERS.map((c) => c.name);
    }
    const service = /service\s*=\s*"([^"]*)"/.exec(expr)?.[1];
    if (!/demo_endpoints\b/.test(expr) || !service) {
      return [];
    }
    const seed = hash(service);
    const count = 3 + (seed % 3);
    return DEMO_ENDPOINTS.filter((_, i) => ((seed >>> i) & 1) === 1 || i < 2).slice(0, count).sort();
  }

  async health(): Promise<{ ok: boolean; message: string }> {
    return { ok: true, message: 'demo source: synthetic traffic, always available' };
  }
}

/** Which series and which seed an expression asks for. */
export function parseDemoExpression(expr: string): { kind: 'good' | 'bad' | 'total'; seed: number } {
  const metric = /demo_(good|bad|total)\b/.exec(expr);
  const slo = /slo\s*=\s*"([^"]*)"/.exec(expr);
  return { kind: (metric?.[1] as 'good' | 'bad' | 'total') ?? 'total', seed: hash(slo?.[1] ?? expr) };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  }
  return h;
}
