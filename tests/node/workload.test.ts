/**
 * The demo workload of docker-compose.yaml: served routes, injected faults,
 * Prometheus exposition (checked by the real promtool when installed) and the
 * Loki push payload (Loki's documented JSON push format).
 */
import http from 'node:http';
import { execFileSync, spawnSync } from 'node:child_process';
import { AddressInfo } from 'node:net';
// @ts-ignore plain ESM JavaScript, run as-is in the workload container
import { createHandler, makeRandom, matchRoute } from '../../demo/workload/app.mjs';
// @ts-ignore
import { FaultBook, scheduledFaults } from '../../demo/workload/faults.mjs';
// @ts-ignore
import { Metrics } from '../../demo/workload/metrics.mjs';
// @ts-ignore
import { LokiPusher } from '../../demo/workload/loki.mjs';

const NOON = Date.UTC(2026, 10, 22, 12, 30); // no scheduled incident at 12:30 UTC

async function serve(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

function makeWorkload(scheduled = false) {
  const metrics = new Metrics('test');
  const faults = new FaultBook({ scheduled });
  const handler = createHandler({ metrics, faults, clock: () => NOON, random: makeRandom(7), sleep: async () => undefined });
  return { metrics, faults, handler };
}

describe('demo workload', () => {
  it.each([
    ['GET', '/checkout/orders/17', '/orders/{id}'],
    ['POST', '/checkout/orders', '/orders'],
    ['GET', '/accounts/user', '/user'],
  ])('matches %s %s to the route template %s', (method, path, route) => {
    expect(matchRoute(method, path)?.route).toBe(route);
  });

  it('answers 404 with a message for an unknown route', async () => {
    const { handler } = makeWorkload();
    const s = await serve(handler);
    const res = await fetch(`${s.base}/nope/x`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no route GET /nope/x' });
    await s.close();
  });

  it('fails every request of a route under a 100% fault and counts them as 503', async () => {
    const { handler, metrics } = makeWorkload();
    const s = await serve(handler);
    const add = await fetch(`${s.base}/admin/faults`, { method: 'POST', body: JSON.stringify({ service: 'catalog', route: '/products', errorRatio: 1 }) });
    expect(add.status).toBe(201);
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${s.base}/catalog/products`)).status).toBe(503);
    }
    expect((await fetch(`${s.base}/catalog/products/3`)).status).toBe(200);
    expect(metrics.render()).toContain('http_requests_total{service="catalog",route="/products",method="GET",code="503",env="test"} 5');
    await s.close();
  });

  it('rejects a bad fault with a message naming every problem', async () => {
    const { handler } = makeWorkload();
    const s = await serve(handler);
    const res = await fetch(`${s.base}/admin/faults`, { method: 'POST', body: JSON.stringify({ errorRatio: 3 }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('invalid fault: service (string) is required; errorRatio must be a number in [0, 1]');
    await s.close();
  });

  it('schedules a fast checkout outage in the first 10 minutes of every 6 hours', () => {
    const sixAm = Date.UTC(2026, 10, 22, 6, 5);
    expect(scheduledFaults(sixAm)).toEqual(expect.arrayContaining([expect.objectContaining({ service: 'checkout', errorRatio: 0.2 })]));
    expect(scheduledFaults(NOON).filter((f: { service: string }) => f.service === 'checkout')).toEqual([]);
  });

  it('exposes a histogram whose +Inf bucket equals its count', async () => {
    const { handler, metrics } = makeWorkload();
    const s = await serve(handler);
    for (let i = 0; i < 20; i++) {
      await fetch(`${s.base}/accounts/user`);
    }
    const text: string = metrics.render();
    expect(text).toContain('http_request_duration_seconds_bucket{service="accounts",route="/user",method="GET",env="test",le="+Inf"} 20');
    expect(text).toContain('http_request_duration_seconds_count{service="accounts",route="/user",method="GET",env="test"} 20');
    await s.close();
  });

  const promtool = spawnSync('which', ['promtool']).status === 0;
  (promtool ? it : it.skip)('writes exposition text that the real promtool accepts', async () => {
    const { handler, metrics } = makeWorkload();
    const s = await serve(handler);
    await fetch(`${s.base}/checkout/orders`, { method: 'POST' });
    await s.close();
    // promtool prints lint findings and exits non-zero on a parse error.
    expect(() => execFileSync('promtool', ['check', 'metrics'], { input: metrics.render() })).not.toThrow();
  });
  if (!promtool) {
    console.warn('workload: promtool not installed, exposition check skipped (CI installs prometheus)');
  }

  it('pushes access logs to Loki in its documented JSON push format', async () => {
    const received: unknown[] = [];
    const loki = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ path: req.url, type: req.headers['content-type'], body: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    const pusher = new LokiPusher({ url: loki.base + '/', env: 'test' });
    pusher.log({ service: 'checkout', route: '/orders', method: 'POST', code: 503, durationS: 0.25, atMs: 1700000000123 });
    expect(await pusher.flush()).toBe(1);
    expect(received).toEqual([
      {
        path: '/loki/api/v1/push',
        type: 'application/json',
        body: {
          streams: [
            {
              stream: { service: 'checkout', env: 'test', job: 'demo-workload' },
              values: [['1700000000123000000', '{"method":"POST","route":"/orders","status":503,"duration_ms":250}']],
            },
          ],
        },
      },
    ]);
    await loki.close();
  });

  it('drops a batch instead of stalling when Loki is down', async () => {
    const pusher = new LokiPusher({ url: 'http://127.0.0.1:9', env: 'test' });
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    pusher.log({ service: 'x', route: '/', method: 'GET', code: 200, durationS: 0.01, atMs: 1 });
    expect(await pusher.flush()).toBe(0);
    expect(pusher.failures).toBe(1);
    spy.mockRestore();
  });
});
