/**
 * `npm run preview -- --prometheus <url>` (preview/server/prometheusConnection.ts):
 * the connections it gives the preview's datasource, named after the catalog,
 * and the message that stops the preview when the URL is wrong. A small fake
 * Prometheus on 127.0.0.1 answers the query API; the browser tests run the
 * flag against the real one (tests/browser/prometheusCases.mjs).
 */
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { PreviewOptionError, previewPrometheus } from '../../preview/server/prometheusConnection';
import { createPreviewBackend } from '../../preview/server/previewBackend';

const BROWSER_CATALOG = path.join(__dirname, '../browser/prometheus');

/** A loopback server answering every request with `status` and `body`. */
async function fakeServer(status: number, body: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const { url, close } = await fakeServer(200, '');
  await close();
  return Number(new URL(url).port);
}

const PROMETHEUS_ANSWER = JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1, '1'] } });

describe('the preview’s --prometheus option', () => {
  let prometheus: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    prometheus = await fakeServer(200, PROMETHEUS_ANSWER);
  });
  afterAll(() => prometheus.close());

  it('names the connection "prometheus" (the default) and adds every connection name the catalog’s SLOs ask for, all at the URL', async () => {
    const got = await previewPrometheus(`${prometheus.url}/`, BROWSER_CATALOG);
    expect(got.jsonData).toEqual({
      connections: [
        { name: 'prometheus', type: 'prometheus', url: prometheus.url },
        { name: 'prom-checkout', type: 'prometheus', url: prometheus.url },
      ],
      defaultConnection: 'prometheus',
    });
    expect(got.summary).toBe(`Prometheus at ${prometheus.url} as connections "prometheus", "prom-checkout"; 2 SLOs of the catalog read it`);
  });

  it('says so when no SLO of the catalog reads Prometheus (the preview’s own catalog is all demo)', async () => {
    const got = await previewPrometheus(prometheus.url, path.join(__dirname, '../../preview/catalog'));
    expect(got.jsonData.connections.map((c) => c.name)).toEqual(['prometheus']);
    expect(got.summary).toMatch(/no SLO of the catalog .*preview\/catalog reads Prometheus \(give one with --catalog <dir>\)$/);
  });

  it.each([
    ['a URL that is not http(s)', async () => 'ftp://127.0.0.1:9090', /^--prometheus "ftp:\/\/127\.0\.0\.1:9090": "ftp:\/\/127\.0\.0\.1:9090" is not an http\(s\) URL \(e\.g\. --prometheus http:\/\/127\.0\.0\.1:9090\)$/],
    ['a word instead of a URL', async () => 'localhost', /^--prometheus "localhost": "localhost" is not an http\(s\) URL/],
    ['a port nobody listens on', async () => `http://127.0.0.1:${await closedPort()}`, /^--prometheus http:\/\/127\.0\.0\.1:\d+: Prometheus's query API does not answer: .*cannot reach .*\/api\/v1\/query \(connect ECONNREFUSED/],
  ])('stops the preview with a message naming the problem: %s', async (_name, url, message) => {
    const promise = previewPrometheus(await url(), BROWSER_CATALOG);
    await expect(promise).rejects.toThrow(PreviewOptionError);
    await expect(promise).rejects.toThrow(message);
  });

  it('stops the preview when the server there is not a Prometheus (no query API)', async () => {
    const web = await fakeServer(404, 'not found');
    try {
      await expect(previewPrometheus(web.url, BROWSER_CATALOG)).rejects.toThrow(/Prometheus's query API does not answer: .*\/api\/v1\/query answered 404 with a body that is not JSON: not found$/);
    } finally {
      await web.close();
    }
  });

  it('gives the preview’s datasource those connections beside the demo source, which "Save & test" reports as reachable', async () => {
    const { jsonData } = await previewPrometheus(prometheus.url, BROWSER_CATALOG);
    const backend = createPreviewBackend(BROWSER_CATALOG, jsonData);
    const health = await backend.health();
    // the backend's ledger lives in a temporary directory of its own: remove it
    const ledger = /^sqlite:(.+)$/.exec(String((health.body.details as { ledger?: string } | undefined)?.ledger ?? ''));
    if (ledger) {
      fs.rmSync(path.dirname(ledger[1]), { recursive: true, force: true });
    }
    expect(health.body.message).toBe('SLO Ledger is working: 3 SLOs in 2 services; sources: prometheus, prom-checkout, demo');
    expect(health.status).toBe(200);
  });
});
