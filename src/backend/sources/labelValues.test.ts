import http from 'node:http';
import { AddressInfo } from 'node:net';
import { parseDatasourceSettings } from '../../core/contracts/settings';
import { DemoSource } from './demo';
import { canListLabelValues } from './labelValues';
import { HttpCountSource } from './prometheus';

describe('endpoint discovery through label values (book 6.7)', () => {
  it('asks Prometheus for an instant query and returns the distinct values of the endpoint label', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push(`${req.url} ${body}`);
        const result = [{ metric: { route: '/orders' }, value: [1, '3'] }, { metric: { route: '/cart' }, value: [1, '1'] }, { metric: { route: '/orders', code: '500' }, value: [1, '1'] }, { metric: {}, value: [1, '9'] }];
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { settings } = parseDatasourceSettings({ connections: [{ name: 'prom', type: 'prometheus', url, timeoutSeconds: 1 }] });
      const source = new HttpCountSource(settings.connections[0], {});
      expect(canListLabelValues(source)).toBe(true);
      expect(await source.labelValues('sum by (route) (rate(x[1h]))', 'route', 1_800_000_000_000, new AbortController().signal)).toEqual(['/cart', '/orders']);
      expect(seen[0]).toBe('/api/v1/query query=sum+by+%28route%29+%28rate%28x%5B1h%5D%29%29&time=1800000000');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('the demo source discovers the same few endpoints of a service every time', async () => {
    const demo = new DemoSource();
    const first = await demo.labelValues('demo_endpoints{service="accounts"}');
    expect(first).toEqual(['/login', '/user', '/user/lang']);
    expect(await demo.labelValues('demo_endpoints{service="accounts"}')).toEqual(first);
    expect(await demo.labelValues('up{service="accounts"}')).toEqual([]);
  });
});
