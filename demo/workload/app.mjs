// The demo workload's HTTP handler: serves the routes of routes.mjs with the
// latency and errors the fault book dictates, records metrics and logs, and
// exposes /metrics, /healthz, the admin API for faults and the alert inbox
// (/alerts, the webhook of the provisioned contact points).
import { ROUTES } from './routes.mjs';

/** Deterministic-enough pseudo random numbers (seedable for tests). */
export function makeRandom(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Builds the request handler.
 * @param {{ metrics: import('./metrics.mjs').Metrics, faults: import('./faults.mjs').FaultBook, loki?: import('./loki.mjs').LokiPusher, inbox?: import('./alertInbox.mjs').AlertInbox, clock?: () => number, random?: () => number, sleep?: (ms: number) => Promise<void> }} deps
 */
export function createHandler({ metrics, faults, loki, inbox, clock = Date.now, random = Math.random, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }) {
  return async function handle(req, res) {
    const url = new URL(req.url, 'http://workload');
    if (url.pathname === '/metrics') return send(res, 200, metrics.render(), 'text/plain; version=0.0.4');
    if (url.pathname === '/healthz') return send(res, 200, 'ok\n', 'text/plain');
    if (url.pathname === '/admin/faults') return adminFaults(req, res, faults, clock);
    if (inbox && (url.pathname === '/alerts' || url.pathname.startsWith('/alerts/'))) return alerts(req, res, url, inbox, clock);

    const match = matchRoute(req.method, url.pathname);
    if (!match) return send(res, 404, JSON.stringify({ error: `no route ${req.method} ${url.pathname}` }), 'application/json');
    const nowMs = clock();
    const effect = faults.effectFor(match.service, match.route, nowMs);
    const latencyMs = match.baseLatencyMs * (0.5 + random()) + effect.extraLatencyMs;
    const failed = random() < match.baseErrorRatio + effect.errorRatio;
    await sleep(Math.min(latencyMs, 50)); // real time spent is capped: the recorded latency is the simulated one
    const code = failed ? '503' : '200';
    const durationS = latencyMs / 1000;
    metrics.observe({ service: match.service, route: match.route, method: match.method, code, durationS });
    loki?.log({ service: match.service, route: match.route, method: match.method, code: Number(code), durationS, atMs: nowMs });
    return send(res, Number(code), JSON.stringify({ service: match.service, route: match.route, ok: !failed }), 'application/json');
  };
}

/** `/checkout/orders/123` → the route `/orders/{id}` of service checkout. */
export function matchRoute(method, pathname) {
  const [, service, ...rest] = pathname.split('/');
  const path = '/' + rest.join('/');
  return ROUTES.find((r) => r.service === service && r.method === method && templateMatches(r.route, path));
}

function templateMatches(template, path) {
  const t = template.split('/');
  const p = path.split('/');
  return t.length === p.length && t.every((seg, i) => (seg.startsWith('{') ? p[i] !== '' : seg === p[i]));
}

async function adminFaults(req, res, faults, clock) {
  if (req.method === 'GET') return send(res, 200, JSON.stringify({ faults: faults.active(clock()) }), 'application/json');
  if (req.method === 'DELETE') {
    faults.clear();
    return send(res, 200, JSON.stringify({ faults: [] }), 'application/json');
  }
  if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'use GET, POST or DELETE' }), 'application/json');
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) return send(res, 413, JSON.stringify({ error: 'body too large' }), 'application/json');
  }
  try {
    const fault = faults.add(JSON.parse(body), clock());
    return send(res, 201, JSON.stringify({ fault }), 'application/json');
  } catch (err) {
    return send(res, 400, JSON.stringify({ error: err.message }), 'application/json');
  }
}

async function alerts(req, res, url, inbox, clock) {
  if (req.method === 'GET') return send(res, 200, JSON.stringify({ alerts: inbox.list() }), 'application/json');
  const team = decodeURIComponent(url.pathname.slice('/alerts/'.length));
  if (req.method !== 'POST' || team === '') return send(res, 405, JSON.stringify({ error: 'GET /alerts, or POST /alerts/<team>' }), 'application/json');
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 1_000_000) return send(res, 413, JSON.stringify({ error: 'body too large' }), 'application/json');
  }
  try {
    const received = inbox.receive(team, JSON.parse(body), clock());
    console.log(`alerts: ${received} for team ${team}`);
    return send(res, 200, JSON.stringify({ received }), 'application/json');
  } catch (err) {
    return send(res, 400, JSON.stringify({ error: err.message }), 'application/json');
  }
}

function send(res, status, body, contentType) {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}
