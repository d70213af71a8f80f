/**
 * Query batching (src/backend/sources/batching.ts) against a real Prometheus
 * (Debian's package): every SLO's buckets asked through merged
 * queries (the bare series summed here, or `sum by (route) (...)` where a route
 * has more than two series), and the bad and good events read from the totals'
 * answer by their extra matcher (riders), are exactly (bit for bit, NaN where NaN) the
 * buckets its own query answers, including route values with quotes,
 * backslashes, regex characters and non-ASCII letters, a route without data,
 * a route whose series start late, and ranges fetched in several pieces.
 * Skipped with a printed reason when Prometheus is not installed (CI installs it).
 */
import { parseDatasourceSettings } from '../../src/core/contracts/settings';
import { BucketStore, DEFAULT_CACHE_LIMITS } from '../../src/backend/sources/bucketCache';
import { quotedLabelValue as quote } from '../../src/core/queries/labelValue';
import { HttpCountSource } from '../../src/backend/sources/prometheus';
import { resilient } from '../../src/backend/sources/resilient';
import { MINUTE, prometheusAvailable, RunningPrometheus, startPrometheus } from './prometheus/fixture';

jest.setTimeout(120_000);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAYS = 3;
const available = prometheusAvailable();
if (!available) {
  console.warn('realPrometheusBatching: prometheus/promtool not installed, skipped (CI installs the Debian package)');
}

const ROUTES = ['/orders', '/orders/{id}', 'a|b', '.*', 'say "hi"', 'back\\slash', 'ünïcødé', '(p)+?', '^$[z]', '/late'];
/** OpenMetrics label values escape backslash, quote and newline. */
const om = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Routes of service "other": '/three' has a third series (code 404), too many to sum the bare series here. */
const OTHER = ['/three', '/two'];

/** Per route two counters (code 200 and 500) at one sample a minute; '/late' starts a day before the end; OTHER's routes on service "other". */
function routeMetrics(endMs: number, days: number): string {
  const lines = ['# TYPE http_requests counter'];
  [...ROUTES, ...OTHER].forEach((route, r) => {
    const service = r < ROUTES.length ? 'checkout' : 'other';
    for (const code of route === '/three' ? ['200', '404', '500'] : ['200', '500']) {
      let count = 0;
      const from = route === '/late' ? endMs - DAY : endMs - days * DAY;
      for (let t = from; t <= endMs; t += MINUTE) {
        const bad = (t / MINUTE + r * 37) % 720 < 30 ? 20 + r : 1; // half an hour of incident every 12 h, at a route's own time
        count += code === '500' ? bad : 100 * (r + 1) - bad;
        lines.push(`http_requests_total{service="${service}",route="${om(route)}",code="${code}"} ${count} ${t / 1000}`);
      }
    }
  });
  return [...lines, '# EOF', ''].join('\n');
}

(available ? describe : describe.skip)('query batching against a real Prometheus', () => {
  let prom: RunningPrometheus;
  const signal = new AbortController().signal;
  const make = (batching: boolean) => {
    const { settings } = parseDatasourceSettings({ connections: [{ name: 'prom', type: 'prometheus', url: prom.url, timeoutSeconds: 60 }] });
    return resilient(new HttpCountSource(settings.connections[0], {}), { maxConcurrency: 4, deadlineMs: 60_000, store: new BucketStore(DEFAULT_CACHE_LIMITS), batching: batching ? {} : false });
  };

  beforeAll(async () => {
    prom = await startPrometheus(DAYS, routeMetrics);
  });
  afterAll(async () => prom?.stop());

  it.each([
    ['hourly buckets over the days', HOUR, DAYS * DAY, '3600s'],
    ['minute buckets', MINUTE, DAY / 2, '60s'],
    // a 2-minute window: 20 s would hold no sample of the 1-minute data
    ['20-second buckets (over 10,000: asked in pieces)', 20_000, 2.5 * DAY, '120s'],
  ])('gives every SLO the buckets its own query gives: %s', async (_name, step, span, window) => {
    // bad, total and good events per route: the bad and good ride on the totals' query (one more matcher each)
    const exprs = [...ROUTES, '/no-such-route'].flatMap((r) => [
      `sum(increase(http_requests_total{service="checkout",route=${quote(r)},code="500"}[${window}]))`,
      `sum(increase(http_requests_total{service="checkout",route=${quote(r)}}[${window}]))`,
      `sum(increase(http_requests_total{service="checkout",route=${quote(r)},code!="500"}[${window}]))`,
    ]);
    const end = Math.floor(prom.endMs / step) * step;
    const start = end - Math.floor(span / step) * step;
    const on = make(true);
    const off = make(false);
    const batched = await Promise.all(exprs.map((e) => on.rangeCounts(e, start, end, step, signal)));
    const alone = await Promise.all(exprs.map((e) => off.rangeCounts(e, start, end, step, signal)));
    expect(on.batching.stats).toMatchObject({ batches: 1, batched: exprs.length, fallbacks: 0, bare: 1, riders: (2 * exprs.length) / 3 });
    batched.forEach((counts, i) => {
      expect({ expr: exprs[i], counts: Array.from(counts) }).toEqual({ expr: exprs[i], counts: Array.from(alone[i]) });
    });
    // the comparison means something: routes have data, different from each other; the missing route has none
    expect(alone[1].some((v) => v > 0)).toBe(true);
    expect(alone[4][alone[4].length - 1]).not.toBe(alone[1][alone[1].length - 1]);
    expect(alone[0].some((v, k) => v > 0 && v !== alone[1][k] && v !== alone[2][k])).toBe(true);
    expect(alone[alone.length - 2].every(Number.isNaN)).toBe(true);
    if (span > DAY) {
      expect(alone[3 * ROUTES.indexOf('/late') + 1].slice(0, 10).every(Number.isNaN)).toBe(true);
    }
  });

  it('gives every SLO its own buckets where a route has more than two series (asked with sum by)', async () => {
    // with their bad events, which cannot ride on a summed answer: asked as their own merged query
    const exprs = OTHER.flatMap((r) => [`sum(increase(http_requests_total{service="other",route=${quote(r)}}[3600s]))`, `sum(increase(http_requests_total{service="other",route=${quote(r)},code="500"}[3600s]))`]);
    const end = Math.floor(prom.endMs / HOUR) * HOUR;
    const start = end - DAYS * DAY;
    const on = make(true);
    const batched = await Promise.all(exprs.map((e) => on.rangeCounts(e, start, end, HOUR, signal)));
    const alone = await Promise.all(exprs.map((e) => make(false).rangeCounts(e, start, end, HOUR, signal)));
    expect(on.batching.stats).toMatchObject({ batches: 2, batched: 4, fallbacks: 0, bare: 1, riders: 0 });
    expect(batched.map((c) => Array.from(c))).toEqual(alone.map((c) => Array.from(c)));
    expect(alone[0].some((v) => v > 0)).toBe(true);
  });
});
