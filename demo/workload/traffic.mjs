// Self-generated traffic: `rate` requests per second spread over the routes
// by weight, with a daily rhythm (busier by day), sent to the workload itself.
import { ROUTES } from './routes.mjs';

/** Picks a route by weight for a uniform number u in [0, 1). */
export function pickRoute(u) {
  const total = ROUTES.reduce((n, r) => n + r.weight, 0);
  let x = u * total;
  for (const r of ROUTES) {
    if (x < r.weight) return r;
    x -= r.weight;
  }
  return ROUTES[ROUTES.length - 1];
}

/** Concrete URL path for a route template: `{id}` becomes a number. */
export function concretePath(route, u) {
  return `/${route.service}${route.route.replace(/\{[^}]+\}/g, String(1 + Math.floor(u * 1000)))}`;
}

/** Starts the traffic loop; returns a stop function. */
export function startTraffic({ baseUrl, rate, random = Math.random }) {
  if (!(rate > 0)) return () => {};
  const timer = setInterval(() => {
    const hour = new Date().getUTCHours();
    const rhythm = 0.6 + 0.4 * Math.sin(((hour - 6) / 24) * 2 * Math.PI);
    const n = Math.max(1, Math.round((rate * rhythm) / 10));
    for (let i = 0; i < n; i += 1) {
      const route = pickRoute(random());
      fetch(baseUrl + concretePath(route, random()), { method: route.method }).catch(() => undefined);
    }
  }, 100);
  return () => clearInterval(timer);
}
