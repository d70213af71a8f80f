// The demo workload's services and routes: three services of two teams, the
// shape the example catalog (provisioning/slos) describes. Each route has a
// base latency and a base error ratio well inside its objectives.

/** @typedef {{ service: string, method: string, route: string, baseLatencyMs: number, baseErrorRatio: number, weight: number }} Route */

/** @type {Route[]} */
export const ROUTES = [
  { service: 'checkout', method: 'POST', route: '/orders', baseLatencyMs: 120, baseErrorRatio: 0.0005, weight: 3 },
  { service: 'checkout', method: 'GET', route: '/orders/{id}', baseLatencyMs: 40, baseErrorRatio: 0.0002, weight: 5 },
  { service: 'catalog', method: 'GET', route: '/products', baseLatencyMs: 60, baseErrorRatio: 0.0003, weight: 8 },
  { service: 'catalog', method: 'GET', route: '/products/{id}', baseLatencyMs: 30, baseErrorRatio: 0.0002, weight: 6 },
  { service: 'accounts', method: 'GET', route: '/user', baseLatencyMs: 50, baseErrorRatio: 0.0004, weight: 4 },
  { service: 'accounts', method: 'POST', route: '/login', baseLatencyMs: 200, baseErrorRatio: 0.0008, weight: 2 },
];

/** Histogram bucket bounds in seconds (`le`); SLO latency thresholds must be one of them. */
export const LATENCY_BUCKETS_S = [0.05, 0.1, 0.25, 0.4, 0.5, 1, 2.5, 5, 10];

/** Finds a route by service + path template, or undefined. */
export function findRoute(service, route) {
  return ROUTES.find((r) => r.service === service && r.route === route);
}
