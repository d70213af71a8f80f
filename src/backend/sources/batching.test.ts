/**
 * Query batching (./batching.ts) through the decorators every connection gets
 * (./resilient.ts), against a fake Prometheus on 127.0.0.1 that evaluates
 * `sum(increase(m{…}[w]))`, `sum by (l) (increase(m{…}[w]))` and the bare
 * `increase(m{…}[w])` over its own series with its own matcher code, so a wrong
 * merge, escape or sum shows as wrong sums.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { parseDatasourceSettings } from '../../core/contracts/settings';
import { BucketStore, DEFAULT_CACHE_LIMITS } from './bucketCache';
import { escapeRegex, quotedLabelValue } from '../../core/queries/labelValue';
import { parseCountShape } from './countShape';
import { HttpCountSource } from './prometheus';
import { resilient } from './resilient';
import { SourceError } from './types';

const MIN = 60_000;
const never = new AbortController().signal;

type Labels = Record<string, string>;
/** Routes whose names would break an unescaped regex or string: a wrong escape matches (or misses) other routes' series. */
const ROUTES = ['/a', '/b', 'a|b', '.*', '/x/{id}', 'say "hi"', 'back\\slash', 'ünï', '(p)+?', '^$[z]'];
const SERIES: Labels[] = ROUTES.flatMap((route) => ['200', '500'].map((code) => ({ __name__: 'http_requests_total', service: 'shop', route, code })));
/** Series k's count in the bucket ending at t: distinct per series and time. */
const value = (k: number, t: number) => (k + 1) * 1000 + (t / MIN) % 97;

interface Seen {
  query: string;
}

/** The matchers of a selector, read with the fake's own (JSON) unquoting. */
function matchersOf(selector: string): Array<(l: Labels) => boolean> {
  const out: Array<(l: Labels) => boolean> = [];
  const re = /([a-zA-Z_]+)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*")/g;
  for (const [, name, op, literal] of selector.matchAll(re)) {
    const v = JSON.parse(literal) as string;
    const rx = () => new RegExp(`^(?:${v})$`, 'u');
    const test = { '=': (x: string) => x === v, '!=': (x: string) => x !== v, '=~': (x: string) => rx().test(x), '!~': (x: string) => !rx().test(x) }[op]!;
    out.push((l) => test(l[name] ?? ''));
  }
  return out;
}

async function fakePrometheus(fail: (query: string) => { status: number; body: string } | undefined = () => undefined, series: Labels[] = SERIES, valueOf: (k: number, t: number) => number = value) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const p = new URLSearchParams(body);
      const query = p.get('query')!;
      seen.push({ query });
      const failed = fail(query);
      if (failed) {
        res.writeHead(failed.status, { 'content-type': 'application/json' }).end(failed.body);
        return;
      }
      const m = /^sum(?: by \((\w+)\))?\s*\(\s*increase\((\w+)\{(.*)\}\[(\w+)\]\)\)$/s.exec(query);
      const bare = m ? null : /^increase\((\w+)\{(.*)\}\[(\w+)\]\)$/s.exec(query);
      if (!m && !bare) {
        res.writeHead(400).end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: `fake cannot evaluate ${query}` }));
        return;
      }
      const [by, metric, sel]: Array<string | undefined> = m ? m.slice(1) : [undefined, ...bare!.slice(1)];
      const tests = matchersOf(sel!);
      const groups = new Map<string, { metric: Labels; idx: number[] }>();
      series.forEach((l, k) => {
        if (l.__name__ === metric && tests.every((t) => t(l))) {
          // the bare series: one per series, its labels without the name (as increase() answers)
          const key = bare ? String(k) : by ? l[by] : '';
          const { __name__: _name, ...labels } = l;
          const g = groups.get(key) ?? { metric: bare ? labels : by ? { [by]: l[by] } : {}, idx: [] };
          g.idx.push(k);
          groups.set(key, g);
        }
      });
      const [start, end, step] = [Number(p.get('start')) * 1000, Number(p.get('end')) * 1000, parseInt(p.get('step')!, 10) * 1000];
      const result = [...groups.values()].map((g) => {
        const values: Array<[number, string]> = [];
        for (let t = start; t <= end; t += step) {
          values.push([t / 1000, String(g.idx.reduce((sum, k) => sum + valueOf(k, t), 0))]);
        }
        return { metric: g.metric, values };
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

function connection(url: string, type = 'prometheus') {
  const { settings } = parseDatasourceSettings({ connections: [{ name: 'prom', type, url, timeoutSeconds: 5 }] });
  return settings.connections[0];
}

function sources(url: string, type = 'prometheus') {
  const make = (batching: boolean) =>
    resilient(new HttpCountSource(connection(url, type), {}), { maxConcurrency: 4, deadlineMs: 5_000, store: new BucketStore(DEFAULT_CACHE_LIMITS), retry: { maxAttempts: 1 }, batching: batching ? {} : false });
  return { on: make(true), off: make(false) };
}

const bad = (route: string) => `sum(increase(http_requests_total{service="shop",route=${quotedLabelValue(route)},code="500"}[60s]))`;
const total = (route: string) => `sum(increase(http_requests_total{service="shop",route=${quotedLabelValue(route)}}[60s]))`;
const ask = (source: { rangeCounts: HttpCountSource['rangeCounts'] }, expr: string, signal = never) => source.rangeCounts(expr, 0, 10 * MIN, MIN, signal);
const settledAll = (ps: Array<Promise<Float64Array>>) => Promise.allSettled(ps).then((rs) => rs.map((r) => (r.status === 'fulfilled' ? Array.from(r.value) : (r.reason as Error).message)));

describe('query batching', () => {
  it('answers every SLO exactly as its own query would, in one request per shared selector shape', async () => {
    const prom = await fakePrometheus();
    const { on, off } = sources(prom.url);
    const exprs = ROUTES.flatMap((r) => [bad(r), total(r)]);
    const batched = await Promise.all(exprs.map((e) => ask(on, e)));
    const merged = prom.seen.splice(0);
    const single = await Promise.all(exprs.map((e) => ask(off, e)));
    expect(batched.map((a) => Array.from(a))).toEqual(single.map((a) => Array.from(a)));
    // the sums are the routes' own: no route's series leaked into another's
    expect(batched[0][0]).toBe(value(1, MIN));
    expect(batched[1][0]).toBe(value(0, MIN) + value(1, MIN));
    // the bare series, summed per route here (two series per route at most); the bad events ride on the totals' query
    expect(merged.map((s) => s.query)).toEqual([`increase(http_requests_total{service="shop",route=~${quotedLabelValue([...ROUTES].sort().map(escapeRegex).join('|'))}}[60s])`]);
    expect(prom.seen).toHaveLength(exprs.length);
    expect(on.batching.stats).toMatchObject({ batches: 1, batched: exprs.length, fallbacks: 0, bare: 1, riders: ROUTES.length });
    await prom.close();
  });

  it('escapes label values: a regex or quote character in one value matches only that value', () => {
    for (const r of ROUTES) {
      expect(new RegExp(`^(?:${escapeRegex(r)})$`, 'u').test(r)).toBe(true);
      expect(ROUTES.filter((o) => new RegExp(`^(?:${escapeRegex(r)})$`, 'u').test(o))).toEqual([r]);
      expect(parseCountShape(total(r))?.matchers[1].value).toBe(r);
    }
    expect(parseCountShape('sum(increase(m{a=`x\\y`}[5m]))')?.matchers[0].value).toBe('x\\y');
    expect(parseCountShape("sum(rate(m{a='it\\'s'}[5m]))")?.matchers[0].value).toBe("it's");
    expect(parseCountShape('sum(increase(m{a="\\x41"}[5m]))')).toBeNull(); // escapes we do not reinterpret: asked as written
  });

  it.each([
    ['aggregation by a label', 'sum by (code) (increase(http_requests_total{service="shop",route="/a"}[60s]))'],
    ['an offset', 'sum(increase(http_requests_total{service="shop",route="/a"}[60s] offset 1h))'],
    ['no sum', 'increase(http_requests_total{service="shop",route="/a"}[60s])'],
    ['a subquery', 'sum(increase(http_requests_total{service="shop",route="/a"}[60s:1m]))'],
    ['a binary operator', 'sum(increase(http_requests_total{service="shop",route="/a"}[60s])) * 2'],
    ['an empty value (also matches series without the label)', 'sum(increase(http_requests_total{service="shop",route=""}[60s]))'],
    ['the label twice', 'sum(increase(http_requests_total{service="shop",route="/a",route="/b"}[60s]))'],
  ])('asks an expression with %s as it is', async (_why, expr) => {
    const prom = await fakePrometheus();
    const { on } = sources(prom.url);
    // a sibling that differs only in the route: merged with it if the shape were taken for mergeable
    const sibling = expr.includes('"/a"') ? expr.replace('"/a"', '"/c"') : expr.replace('route=""', 'route="/c"');
    await Promise.allSettled([ask(on, expr), ask(on, sibling)]);
    expect(prom.seen.map((s) => s.query).sort()).toEqual([expr, sibling].sort());
    expect(on.batching.stats.batches).toBe(0);
    await prom.close();
  });

  it('merges only expressions asked for the same range and step, with the same range function, window and other matchers', async () => {
    const prom = await fakePrometheus();
    const { on } = sources(prom.url);
    const other = [
      'sum(increase(http_requests_total{service="shop",route="/b",code="500"}[120s]))', // another window
      'sum(increase(http_requests_total{service="shop",route="/b",code!="500"}[60s]))', // another matcher
      'sum by (code) (increase(http_requests_total{service="shop",route="/b"}[60s]))', // not the shape
    ];
    await Promise.all([ask(on, bad('/a')), ...other.map((e) => ask(on, e)), on.rangeCounts(bad('/b'), 0, 5 * MIN, MIN, never)]);
    expect(prom.seen.map((s) => s.query).sort()).toEqual([bad('/a'), bad('/b'), ...other].sort());
    expect(on.batching.stats).toMatchObject({ batches: 0, single: 5 });
    await prom.close();
  });

  it('asks each member alone when the merged query fails on its own, so one SLO\'s error does not hide the others', async () => {
    const prom = await fakePrometheus((q) =>
      q.includes('=~') ? { status: 422, body: JSON.stringify({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples' }) }
      : q.includes('"/b"') ? { status: 400, body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'route /b is refused' }) }
      : undefined
    );
    const { on, off } = sources(prom.url);
    const got = await settledAll(['/a', '/b', '/x/{id}'].map((r) => ask(on, total(r))));
    const alone = await settledAll(['/a', '/b', '/x/{id}'].map((r) => ask(off, total(r))));
    expect(got).toEqual(alone);
    expect(got[1]).toBe('prom: query failed (400): route /b is refused');
    expect(typeof got[0]).not.toBe('string');
    expect(on.batching.stats).toMatchObject({ batches: 1, fallbacks: 1 });
    await prom.close();
  });

  it('asks with sum by when a value has more than two series (the order of a sum would matter), and keeps asking so', async () => {
    const series = [...SERIES, { __name__: 'http_requests_total', service: 'shop', route: '/a', code: '404' }];
    const prom = await fakePrometheus(undefined, series);
    const { on, off } = sources(prom.url);
    const routes = ['/a', '/b', '/x/{id}'];
    const got = await Promise.all(routes.map((r) => ask(on, total(r))));
    expect(prom.seen.splice(0).map((s) => s.query.slice(0, 9))).toEqual(['increase(', 'sum by (r']);
    const later = await Promise.all(routes.map((r) => on.rangeCounts(total(r), 0, 20 * MIN, MIN, never)));
    expect(prom.seen.splice(0).map((s) => s.query.slice(0, 9))).toEqual(['sum by (r']);
    const alone = await Promise.all(routes.map((r) => ask(off, total(r))));
    const aloneLater = await Promise.all(routes.map((r) => off.rangeCounts(total(r), 0, 20 * MIN, MIN, never)));
    expect([...got, ...later].map((a) => Array.from(a))).toEqual([...alone, ...aloneLater].map((a) => Array.from(a)));
    expect(got[0][0]).toBe(value(0, MIN) + value(1, MIN) + value(series.length - 1, MIN));
    expect(on.batching.stats).toMatchObject({ batches: 2, fallbacks: 0, bare: 0 });
    await prom.close();
  });

  it.each([['NaN', NaN], ['+Inf', Infinity]])('leaves a bucket empty where one of a value\'s bare series is %s, as the source\'s own sum would', async (_name, odd) => {
    // series 1 (/a, code 500) is odd at the third minute
    const prom = await fakePrometheus(undefined, SERIES, (k, t) => (k === 1 && t === 3 * MIN ? odd : value(k, t)));
    const { on, off } = sources(prom.url);
    const exprs = ['/a', '/b'].flatMap((r) => [bad(r), total(r)]);
    const got = await Promise.all(exprs.map((e) => ask(on, e)));
    const alone = await Promise.all(exprs.map((e) => ask(off, e)));
    expect(got.map((a) => Array.from(a))).toEqual(alone.map((a) => Array.from(a)));
    expect([got[0][2], got[1][2]]).toEqual([NaN, NaN]);
    expect(got[1][1]).toBe(value(0, 2 * MIN) + value(1, 2 * MIN));
    expect(on.batching.stats).toMatchObject({ batches: 1, bare: 1, riders: 2 });
    await prom.close();
  });

  it('gives a failure every member would meet (the server down) to every member, without asking each alone', async () => {
    const prom = await fakePrometheus(() => ({ status: 503, body: JSON.stringify({ status: 'error', error: 'overloaded' }) }));
    const { on } = sources(prom.url);
    const got = await settledAll(['/a', '/b'].map((r) => ask(on, total(r))));
    expect(got).toEqual(['prom: query failed (503): overloaded', 'prom: query failed (503): overloaded']);
    expect(prom.seen).toHaveLength(1);
    await prom.close();
  });

  it('keeps each caller\'s cancellation: one giving up leaves the others their answer', async () => {
    const prom = await fakePrometheus();
    const { on } = sources(prom.url);
    const quitter = new AbortController();
    const asks = [ask(on, total('/a'), quitter.signal), ask(on, total('/b')), ask(on, total('/x/{id}'))];
    quitter.abort();
    const got = await Promise.allSettled(asks);
    expect(got[0]).toMatchObject({ status: 'rejected', reason: expect.any(SourceError) });
    expect(got.slice(1).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(prom.seen).toHaveLength(1);
    await prom.close();
  });

  it.each([
    ['code!="500" (the good events)', 'code!="500"'],
    ['code="404" (no series: NaN, as its own query)', 'code="404"'],
    ['env="" (a label no series has: every series)', 'env=""'],
    ['env!="" (a label no series has: none)', 'env!=""'],
  ])('reads a rider with %s from the totals\' answer, exactly as its own query', async (_why, extra) => {
    const prom = await fakePrometheus();
    const { on, off } = sources(prom.url);
    const rider = (route: string) => total(route).replace('}[', `,${extra}}[`);
    const exprs = ['/a', '/b', 'a|b'].flatMap((r) => [total(r), rider(r)]);
    const got = await Promise.all(exprs.map((e) => ask(on, e)));
    expect(prom.seen.splice(0).map((s) => s.query.slice(0, 9))).toEqual(['increase(']);
    const alone = await Promise.all(exprs.map((e) => ask(off, e)));
    expect(got.map((a) => Array.from(a))).toEqual(alone.map((a) => Array.from(a)));
    expect(on.batching.stats).toMatchObject({ batches: 1, batched: 6, riders: 3, single: 0 });
    await prom.close();
  });

  it('asks riders as their own group when the totals\' query must be summed by Prometheus (a route with three series)', async () => {
    const series = [...SERIES, { __name__: 'http_requests_total', service: 'shop', route: '/a', code: '404' }];
    const prom = await fakePrometheus(undefined, series);
    const { on, off } = sources(prom.url);
    const exprs = ['/a', '/b', '/x/{id}'].flatMap((r) => [bad(r), total(r)]);
    const got = await Promise.all(exprs.map((e) => ask(on, e)));
    // the totals' bare series (too many for /a), their sum by, then the bad events' own merged query
    expect(prom.seen.splice(0).map((s) => [s.query.slice(0, 9), s.query.includes('code="500"')])).toEqual([['increase(', false], ['sum by (r', false], ['increase(', true]]);
    const alone = await Promise.all(exprs.map((e) => ask(off, e)));
    expect(got.map((a) => Array.from(a))).toEqual(alone.map((a) => Array.from(a)));
    expect(on.batching.stats).toMatchObject({ batches: 2, batched: 6, riders: 0, fallbacks: 0 });
    await prom.close();
  });

  it('sends riders whose route no totals\' query asks for as their own group', async () => {
    const prom = await fakePrometheus();
    const { on, off } = sources(prom.url);
    const exprs = [total('/a'), total('/b'), bad('/a'), bad('/x/{id}'), bad('(p)+?')];
    const got = await Promise.all(exprs.map((e) => ask(on, e)));
    expect(prom.seen.splice(0).map((s) => s.query).sort()).toEqual([
      `increase(http_requests_total{service="shop",route=~"/a|/b"}[60s])`,
      `increase(http_requests_total{service="shop",code="500",route=~${quotedLabelValue(['(p)+?', '/x/{id}'].map(escapeRegex).join('|'))}}[60s])`,
    ].sort());
    const alone = await Promise.all(exprs.map((e) => ask(off, e)));
    expect(got.map((a) => Array.from(a))).toEqual(alone.map((a) => Array.from(a)));
    expect(on.batching.stats).toMatchObject({ batches: 2, batched: 5, riders: 1 });
    await prom.close();
  });

  it('sends each rider with one query only, when its value is asked by two of its group\'s queries', async () => {
    const prom = await fakePrometheus();
    const { settings } = parseDatasourceSettings({ connections: [{ name: 'prom', type: 'prometheus', url: prom.url, timeoutSeconds: 5 }] });
    // two members per query: the same route written twice (matchers in another order) lands in both queries
    const on = resilient(new HttpCountSource(settings.connections[0], {}), { maxConcurrency: 4, deadlineMs: 5_000, store: new BucketStore(DEFAULT_CACHE_LIMITS), retry: { maxAttempts: 1 }, batching: { maxMembers: 2 } });
    const { off } = sources(prom.url);
    const again = `sum(increase(http_requests_total{route="/b",service="shop"}[60s]))`;
    const exprs = [total('/a'), total('/b'), again, total('/x/{id}'), bad('/a'), bad('/b')];
    const got = await Promise.all(exprs.map((e) => ask(on, e)));
    expect(got.map((a) => Array.from(a))).toEqual((await Promise.all(exprs.map((e) => ask(off, e)))).map((a) => Array.from(a)));
    expect(on.batching.stats).toMatchObject({ batches: 2, batched: 6, riders: 2 });
    await prom.close();
  });

  it('asks every member and rider alone when the merged query fails on its own', async () => {
    const prom = await fakePrometheus((q) =>
      q.includes('=~') ? { status: 422, body: JSON.stringify({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples' }) }
      : q.includes('"/b"') && q.includes('code') ? { status: 400, body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'bad events of /b are refused' }) }
      : undefined
    );
    const { on, off } = sources(prom.url);
    const exprs = ['/a', '/b'].flatMap((r) => [bad(r), total(r)]);
    const got = await settledAll(exprs.map((e) => ask(on, e)));
    expect(got).toEqual(await settledAll(exprs.map((e) => ask(off, e))));
    expect(got[2]).toBe('prom: query failed (400): bad events of /b are refused');
    expect(got.filter((g) => typeof g !== 'string')).toHaveLength(3);
    expect(on.batching.stats).toMatchObject({ batches: 1, fallbacks: 1, single: 4, riders: 0 });
    await prom.close();
  });

  it('cancels the merged query only when its members and riders have all given up', async () => {
    const prom = await fakePrometheus();
    const { on } = sources(prom.url);
    const quitters = [new AbortController(), new AbortController(), new AbortController()];
    const asks = [ask(on, total('/a'), quitters[0].signal), ask(on, total('/b'), quitters[1].signal), ask(on, bad('/a'), quitters[2].signal)];
    const stays = ask(on, bad('/b'));
    quitters.forEach((q) => q.abort());
    const got = await Promise.allSettled([...asks, stays]);
    expect(got.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'fulfilled']);
    expect((got[3] as PromiseFulfilledResult<Float64Array>).value[0]).toBe(value(3, MIN));
    await prom.close();
  });

  it('does not merge for Loki (LogQL) connections', async () => {
    const prom = await fakePrometheus();
    const { on } = sources(prom.url, 'loki');
    await Promise.allSettled(['/a', '/b'].map((r) => ask(on, total(r))));
    expect(prom.seen).toHaveLength(2);
    expect(on.batching.stats.batches).toBe(0);
    await prom.close();
  });
});
