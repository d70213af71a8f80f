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
 * large outage every 23 days that exhausts a 99.9% budget. Counts of a window
 * are sums of per-minute counts, so every step is consistent.
 * `demo_endpoints{service="x"}` discovers a few endpoints of x (default SLOs, book 6.7).
 */
import { CountSource } from './types';

const MINUTE = 60_000;
/** Paths a demo service may have (discovered by `demo_endpoints{service="..."}`). */
const DEMO_ENDPOINTS = ['/login', '/user', '/user/lang', '/token', '/session', '/logout', '/avatar'];
const DAY = 86_400_000;

export class DemoSource implements CountSource {
  readonly name = 'demo';

  async rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number): Promise<Float64Array> {
    const { kind, seed } = parseDemoExpression(expr);
    const n = Math.max(0, Math.floor((endMs - startMs) / stepMs));
    const out = new Float64Array(n);
    const perBucket = Math.max(1, Math.round(stepMs / MINUTE));
    for (let k = 0; k < n; k++) {
      const bucketEnd = Math.floor((startMs + (k + 1) * stepMs) / MINUTE) * MINUTE;
      let sum = 0;
      for (let m = 0; m < perBucket; m++) {
        const minute = bucketEnd - (perBucket - m) * MINUTE;
        const total = trafficPerMinute(minute, seed);
        const bad = Math.round(total * errorRatio(minute, seed));
        sum += kind === 'total' ? total : kind === 'bad' ? bad : total - bad;
      }
      out[k] = sum;
    }
    return out;
  }

  /**
   * Endpoint discovery for default SLOs (book 6.7): `demo_endpoints{service="x"}`
   * lists three to five endpoints of service x, chosen by its name, always the same.
   */
  async labelValues(expr: string): Promise<string[]> {
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

/** Requests in one minute: daily seasonality around ~200 req/s, deterministic. */
export function trafficPerMinute(minuteMs: number, seed: number): number {
  const dayPhase = ((minuteMs % DAY) / DAY) * 2 * Math.PI;
  const perSecond = 60 + (seed % 140) + 180 * (0.5 + 0.5 * Math.sin(dayPhase - Math.PI / 2));
  return Math.round(perSecond * 60);
}

/** Error ratio in one minute: background plus the seeded incidents. */
export function errorRatio(minuteMs: number, seed: number): number {
  const offset = (seed % 1000) * 7 * MINUTE;
  const t = minuteMs + offset;
  let ratio = 0.0002;
  if (t % (9 * DAY) < 2 * 3_600_000) {ratio += 0.04;} // fast outage
  if (t % (17 * DAY) < 3 * DAY) {ratio += 0.0015;} // slow burn
  if (t % (23 * DAY) < 6 * 3_600_000) {ratio += 0.12;} // exhausting outage
  return ratio;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  }
  return h;
}
