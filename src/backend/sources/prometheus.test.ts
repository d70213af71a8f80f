import http from 'node:http';
import { AddressInfo } from 'node:net';
import { parseDatasourceSettings } from '../../core/contracts/settings';
import { HttpCountSource } from './prometheus';
import { DemoSource } from './demo';

type Reply = { status: number; body: string; delayMs?: number };

async function fakeServer(reply: (req: http.IncomingMessage, body: string) => Reply) {
  const seen: Array<{ url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url!, headers: req.headers, body });
      const r = reply(req, body);
      setTimeout(() => res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body), r.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise((r) => server.close(r)) };
}

function source(url: string, extra: Record<string, unknown> = {}, secrets: Record<string, string> = {}) {
  const { settings } = parseDatasourceSettings({ connections: [{ name: 'prom', type: 'prometheus', url, timeoutSeconds: 1, ...extra }] });
  return new HttpCountSource(settings.connections[0], secrets);
}
const signal = new AbortController().signal;
const matrix = (result: unknown) => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });

describe('Prometheus count source', () => {
  it('sums the counts of every returned series per step, NaN where no series has a point', async () => {
    const s = await fakeServer(() => ({
      status: 200,
      body: matrix([
        { metric: { code: '200' }, values: [[60, '10'], [120, '20']] },
        { metric: { code: '500' }, values: [[60, '1']] },
      ]),
    }));
    const counts = await source(s.url).rangeCounts('sum(increase(x[$__window]))', 0, 180_000, 60_000, signal);
    expect(Array.from(counts)).toEqual([11, 20, NaN]);
    expect(new URLSearchParams(s.seen[0].body).get('step')).toBe('60s');
    await s.close();
  });

  it('sends bearer token and tenant header, never in an error message', async () => {
    const s = await fakeServer(() => ({ status: 401, body: 'no' }));
    const src = source(s.url, { auth: 'bearer', tenant: 'team-a' }, { 'prom.bearerToken': 's3cret' });
    const err = await src.rangeCounts('x', 0, 60_000, 60_000, signal).catch((e) => e);
    expect(s.seen[0].headers).toMatchObject({ authorization: 'Bearer s3cret', 'x-scope-orgid': 'team-a' });
    expect(err.message).toBe(`prom: ${s.url}/api/v1/query_range answered 401: check the credentials`);
    expect(err.message).not.toContain('s3cret');
    await s.close();
  });

  it.each<[string, Reply, string]>([
    ['a query error', { status: 400, body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }) }, 'query failed (400): parse error at char 3'],
    ['a body that is not JSON', { status: 200, body: '<html>' }, 'answered 200 with a body that is not JSON'],
    ['a 500 without JSON', { status: 500, body: 'oops' }, 'answered 500 with a body that is not JSON'],
    ['an answer slower than the timeout', { status: 200, body: matrix([]), delayMs: 1500 }, 'within 1 s'],
  ])('turns %s into a clear error', async (_n, reply, message) => {
    const s = await fakeServer(() => reply);
    await expect(source(s.url).rangeCounts('x', 0, 60_000, 60_000, signal)).rejects.toThrow(message);
    await s.close();
  });

  it('asks a range longer than the 11,000 points Prometheus allows in consecutive pieces, every bucket filled once', async () => {
    // like Prometheus: 400 above 11,000 points; otherwise the bucket's end time in seconds as its count
    const s = await fakeServer((_req, body) => {
      const p = new URLSearchParams(body);
      const [start, end, step] = [Number(p.get('start')), Number(p.get('end')), parseFloat(p.get('step')!)];
      if ((end - start) / step + 1 > 11_000) {
        return { status: 400, body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'exceeded maximum resolution of 11,000 points per timeseries' }) };
      }
      const values = Array.from({ length: (end - start) / step + 1 }, (_, i) => [start + i * step, String(start + i * step)]);
      return { status: 200, body: matrix([{ metric: {}, values }]) };
    });
    const n = 25_000;
    const counts = await source(s.url).rangeCounts('x', 0, n * 600_000, 600_000, signal).finally(() => s.close());
    expect(counts).toHaveLength(n);
    expect(counts.every((v, i) => v === (i + 1) * 600)).toBe(true);
    // 10,000 + 10,000 + 5,000 buckets, each piece starting one step after the previous ended
    const pieces = s.seen.map((r) => new URLSearchParams(r.body)).map((p) => [Number(p.get('start')), Number(p.get('end'))]);
    expect(pieces).toEqual([
      [600, 6_000_000],
      [6_000_600, 12_000_000],
      [12_000_600, 15_000_000],
    ]);
  });

  it('says a server that is down cannot be reached', async () => {
    await expect(source('http://127.0.0.1:9').rangeCounts('x', 0, 60_000, 60_000, signal)).rejects.toThrow('prom: cannot reach http://127.0.0.1:9/api/v1/query_range');
  });
});

describe('demo source', () => {
  it('is deterministic and consistent across steps: an hour at 1m sums to the hour at 1h', async () => {
    const demo = new DemoSource();
    const fine = await demo.rangeCounts('demo_total{slo="a"}', 0, 3_600_000, 60_000);
    const coarse = await demo.rangeCounts('demo_total{slo="a"}', 0, 3_600_000, 3_600_000);
    expect(fine.reduce((a, b) => a + b, 0)).toBe(coarse[0]);
    expect(Array.from(await demo.rangeCounts('demo_total{slo="a"}', 0, 3_600_000, 60_000))).toEqual(Array.from(fine));
  });

  it('keeps good + bad = total and good ≤ total', async () => {
    const demo = new DemoSource();
    const [g, b, t] = await Promise.all(['good', 'bad', 'total'].map((k) => demo.rangeCounts(`demo_${k}{slo="x"}`, 0, 86_400_000, 300_000)));
    expect(Array.from(t).every((v, i) => v === g[i] + b[i] && g[i] <= v && v > 0)).toBe(true);
  });
});

describe('Loki count source (recorded responses in Loki’s documented format)', () => {
  const loki = (url: string) => {
    const { settings } = parseDatasourceSettings({ connections: [{ name: 'loki', type: 'loki', url, timeoutSeconds: 1 }] });
    return new HttpCountSource(settings.connections[0], {});
  };

  it('queries /loki/api/v1/query_range with RFC3339 times and sums the matrix', async () => {
    const s = await fakeServer(() => ({
      status: 200,
      body: JSON.stringify({
        status: 'success',
        data: { resultType: 'matrix', result: [{ metric: { service: 'catalog' }, values: [[60, '7'], [120, '3']] }], stats: {} },
      }),
    }));
    const counts = await loki(s.url).rangeCounts('sum(count_over_time({service="catalog"}[$__window]))', 0, 120_000, 60_000, signal);
    expect(Array.from(counts)).toEqual([7, 3]);
    expect(s.seen[0].url).toBe('/loki/api/v1/query_range');
    expect(new URLSearchParams(s.seen[0].body).get('start')).toBe('1970-01-01T00:01:00.000Z');
    await s.close();
  });

  it('shows Loki’s plain-text query error to the user', async () => {
    const s = await fakeServer(() => ({ status: 400, body: 'parse error : syntax error: unexpected IDENTIFIER\n' }));
    await expect(loki(s.url).rangeCounts('bad', 0, 60_000, 60_000, signal)).rejects.toThrow('answered 400 with a body that is not JSON: parse error : syntax error: unexpected IDENTIFIER');
    await s.close();
  });
});
