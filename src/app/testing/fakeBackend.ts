/**
 * A fake of Grafana's backend service for app tests: answers resource URLs
 * (/api/datasources/uid/<uid>/resources/<path>?…) from a table of handlers,
 * as Grafana's fetch does (an Observable of { data }, errors with status and
 * data.error), and records every call.
 */
import { Observable, of, throwError } from 'rxjs';

export type FakeAnswer = unknown | { status: number; error: string };
export type FakeRoute = (path: string, params: URLSearchParams, body: unknown) => FakeAnswer;

export interface FakeCall {
  method: string;
  path: string;
  params: URLSearchParams;
  body: unknown;
}

export function fakeBackend(routes: Record<string, FakeRoute | FakeAnswer>) {
  const calls: FakeCall[] = [];
  const fetch = (req: { url: string; method?: string; data?: unknown }): Observable<{ data: unknown; status: number }> => {
    const url = new URL(req.url, 'http://grafana');
    const path = url.pathname.replace(/^\/api\/datasources\/uid\/[^/]+\/resources\//, '');
    calls.push({ method: req.method ?? 'GET', path, params: url.searchParams, body: req.data });
    const key = Object.keys(routes)
      .filter((k) => path === k || (k.endsWith('*') && path.startsWith(k.slice(0, -1))))
      .sort((a, b) => b.length - a.length)[0];
    if (key === undefined) {
      return throwError(() => ({ status: 404, data: { error: `no resource "${path}"` } }));
    }
    const route = routes[key];
    const answer = typeof route === 'function' ? (route as FakeRoute)(path, url.searchParams, req.data) : route;
    if (answer && typeof answer === 'object' && 'status' in answer && 'error' in answer) {
      const a = answer as { status: number; error: string };
      return throwError(() => ({ status: a.status, data: { error: a.error } }));
    }
    return of({ data: answer, status: 200 });
  };
  return { fetch, calls };
}
