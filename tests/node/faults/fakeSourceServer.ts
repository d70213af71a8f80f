/**
 * A fake Prometheus/Loki on 127.0.0.1 (node:http) whose behaviour is chosen by
 * the first path segment of the connection URL, e.g. http://127.0.0.1:port/slow.
 * Healthy answers are computed from the request (start, end, step), so the
 * engine's figures are real: 1,000 requests per minute, 1 bad per minute.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

export type Behaviour =
  | 'ok'
  | 'slow'
  | 'error500'
  | 'throttle429'
  | 'flaky503'
  | 'garbage'
  | 'truncated'
  | 'huge'
  | 'warnings'
  | 'reset'
  | 'wrongShape'
  | 'echo401'
  | 'echo400'
  | 'echo500'
  | 'echoWarnings';

export interface SeenRequest {
  behaviour: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  closedEarly: boolean;
}

export interface FakeSourceServer {
  base: string;
  url(behaviour: Behaviour): string;
  seen: SeenRequest[];
  /** A loopback URL where nothing listens: connection refused. */
  refusedUrl: string;
  close(): Promise<void>;
}

const PER_MINUTE = 1000;

/** The matrix a healthy Prometheus would answer for a bad or total expression. */
export function healthyMatrix(form: URLSearchParams, warnings?: string[]): string {
  // Prometheus sends seconds, Loki (as we call it) RFC 3339 times
  const seconds = (v: string | null) => (/^[\d.]+$/.test(v ?? '') ? Number(v) : Date.parse(v ?? '') / 1000);
  const start = seconds(form.get('start'));
  const end = seconds(form.get('end'));
  const step = Number((form.get('step') ?? '60s').replace(/s$/, ''));
  const bad = /code="500"/.test(form.get('query') ?? '');
  const values: Array<[number, string]> = [];
  for (let t = start; t <= end; t += step) {
    values.push([t, String(((bad ? 1 : PER_MINUTE) * step) / 60)]);
  }
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] }, ...(warnings ? { warnings } : {}) });
}

export async function startFakeSourceServer(slowMs = 5_000): Promise<FakeSourceServer> {
  const seen: SeenRequest[] = [];
  const calls = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const behaviour = (req.url ?? '/').split('/')[1];
      const record: SeenRequest = { behaviour, url: req.url ?? '', headers: req.headers, body, closedEarly: false };
      seen.push(record);
      res.on('close', () => (record.closedEarly = !res.writableFinished));
      const n = (calls.get(behaviour) ?? 0) + 1;
      calls.set(behaviour, n);
      const form = new URLSearchParams(body);
      const json = (status: number, text: string, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text);
      switch (behaviour) {
        case 'slow':
          setTimeout(() => !res.destroyed && json(200, healthyMatrix(form)), slowMs);
          return;
        case 'error500':
          return json(500, JSON.stringify({ status: 'error', errorType: 'internal', error: 'query processing would load too many samples' }));
        case 'throttle429':
          return json(429, 'too many outstanding requests', { 'retry-after': '0' });
        case 'flaky503':
          return n % 2 === 1 ? json(503, 'service unavailable') : json(200, healthyMatrix(form));
        case 'garbage':
          return json(200, '<html><body>502 Bad Gateway from a proxy</body></html>');
        case 'truncated':
          return json(200, healthyMatrix(form).slice(0, 60));
        case 'wrongShape':
          return json(200, JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: { oops: 1 } } }));
        case 'huge': {
          // a matrix far over the limit, streamed without a content-length
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"status":"success","data":{"resultType":"matrix","result":[');
          const chunk = JSON.stringify({ metric: { pod: 'x'.repeat(100) }, values: Array.from({ length: 200 }, (_, i) => [i, '1']) });
          let sent = 0;
          const pump = () => {
            while (sent < 2_000 && !res.destroyed) {
              sent++;
              if (!res.write((sent > 1 ? ',' : '') + chunk)) {
                res.once('drain', pump);
                return;
              }
            }
            if (!res.destroyed) {res.end(']}}');}
          };
          pump();
          return;
        }
        case 'warnings':
          return json(200, healthyMatrix(form, ['PromQL info: store gateway eu-1 unavailable, results may be incomplete']));
        // a misbehaving proxy that echoes the request headers (credentials included) into its answer
        case 'echo401':
          return json(401, `denied for ${req.headers.authorization}`);
        case 'echo400':
          return json(400, JSON.stringify({ status: 'error', errorType: 'bad_data', error: `bad request with headers ${JSON.stringify(req.headers)}` }));
        case 'echo500':
          return json(500, `upstream failed; request was ${JSON.stringify(req.headers)}`);
        case 'echoWarnings':
          return json(200, healthyMatrix(form, [`partial: headers ${JSON.stringify(req.headers)}`]));
        case 'reset':
          req.socket.destroy();
          return;
        default:
          return json(200, healthyMatrix(form));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const spare = http.createServer();
  await new Promise<void>((r) => spare.listen(0, '127.0.0.1', r));
  const refusedUrl = `http://127.0.0.1:${(spare.address() as AddressInfo).port}`;
  await new Promise((r) => spare.close(r));
  return {
    base,
    url: (b) => `${base}/${b}`,
    seen,
    refusedUrl,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
