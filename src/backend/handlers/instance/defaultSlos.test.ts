import path from 'node:path';
import { loadCatalog } from '../../../core/catalog/loadCatalog';
import { CountSource } from '../../sources/types';
import { EndpointDiscovery, withDefaultSlos } from './defaultSlos';
import { Instance } from './instance';
import { handleResource } from '../resources/router';

const CATALOG = `apiVersion: sloledger/v1
teams: [{ name: payments }]
services:
  - name: checkout
    team: payments
    endpointLabel: route
    endpointDiscovery: sum by (route) (rate(http_requests_total{service="checkout"}[1h]))
    defaults:
      - { sli: availability, objective: 90, good: 'ok{route="$endpoint"}[$__window]', total: 'all{route="$endpoint"}[$__window]' }
    slos:
      - { name: orders, sli: availability, endpoint: POST /orders, objective: 99.5, good: 'ok{route="/orders"}[$__window]', total: 'all{route="/orders"}[$__window]' }
`;
const catalog = loadCatalog([{ name: 'c.yaml', text: CATALOG }]).catalog;

function fakeSource(endpoints: string[] | Error) {
  const calls: string[] = [];
  const source: CountSource & { labelValues: (e: string, l: string) => Promise<string[]> } = {
    name: 'prom',
    rangeCounts: async () => new Float64Array(0),
    health: async () => ({ ok: true, message: '' }),
    labelValues: async (expr, label) => {
      calls.push(`${label} ${expr}`);
      if (endpoints instanceof Error) {
        throw endpoints;
      }
      return endpoints;
    },
  };
  return { source, calls };
}

describe('default SLOs over discovered endpoints', () => {
  it('adds a default SLO for every discovered endpoint without an explicit one', async () => {
    const { source, calls } = fakeSource(['/cart', '/orders', '/pay']);
    const { slos, issues } = await withDefaultSlos(catalog, () => source, new EndpointDiscovery(), 0);
    expect(issues).toEqual([]);
    expect(slos.map((s) => [s.id, s.isDefault])).toEqual([
      ['checkout/orders', false],
      ['checkout/default-availability:/cart', true],
      ['checkout/default-availability:/pay', true],
    ]);
    expect(calls).toEqual(['route sum by (route) (rate(http_requests_total{service="checkout"}[1h]))']);
  });

  it('discovers once per refresh interval: a new endpoint shows up on the next refresh', async () => {
    let endpoints = ['/cart'];
    const calls: number[] = [];
    const source = { ...fakeSource([]).source, labelValues: async () => (calls.push(1), endpoints) };
    const discovery = new EndpointDiscovery(60_000);
    await withDefaultSlos(catalog, () => source, discovery, 0);
    endpoints = ['/cart', '/new'];
    expect((await withDefaultSlos(catalog, () => source, discovery, 59_000)).slos).toHaveLength(2);
    expect((await withDefaultSlos(catalog, () => source, discovery, 60_000)).slos.map((s) => s.id)).toContain('checkout/default-availability:/new');
    expect(calls).toHaveLength(2);
  });

  it('a failed discovery is a located warning and keeps the explicit SLOs', async () => {
    const { source } = fakeSource(new Error('prom: cannot reach http://127.0.0.1:9/api/v1/query'));
    const { slos, issues } = await withDefaultSlos(catalog, () => source, new EndpointDiscovery(), 0);
    expect(slos.map((s) => s.id)).toEqual(['checkout/orders']);
    expect(issues).toEqual([expect.objectContaining({ file: 'c.yaml', line: 4, path: 'services[0].endpointDiscovery', severity: 'warning', message: expect.stringContaining('endpoint discovery for the default SLOs of checkout failed: prom: cannot reach') })]);
  });

  it('says so when no source is configured for the defaults', async () => {
    const { issues } = await withDefaultSlos(catalog, () => 'no prometheus connection is configured: add one in the datasource settings', new EndpointDiscovery(), 0);
    expect(issues[0].message).toContain('no prometheus connection is configured');
  });
});

describe('default SLOs in the resources of the example catalog (demo discovery)', () => {
  it('lists them in catalog and options, with a warning for the discovery that has no source', async () => {
    const instance = new Instance({ jsonData: { demo: true, catalogDir: path.resolve(__dirname, '../../../../provisioning/slos') }, decryptedSecureJsonData: {} });
    const get = async (p: string) => JSON.parse(String((await handleResource(instance, { path: p.split('?')[0], url: p, method: 'GET', body: Buffer.alloc(0) } as never)).body));
    const catalogJson = await get('catalog?service=accounts');
    expect(catalogJson.slos.filter((s: { isDefault: boolean }) => s.isDefault).map((s: { id: string }) => s.id)).toEqual(['accounts/default-availability:/user', 'accounts/default-availability:/user/lang']);
    // checkout's defaults read Prometheus, which this instance does not have: a located warning, not an error
    expect(catalogJson.issues).toEqual([expect.objectContaining({ severity: 'warning', path: 'services[0].endpointDiscovery', message: expect.stringContaining('no prometheus connection is configured') })]);
    expect((await get('options/endpoints?service=accounts')).values.map((v: { value: string }) => v.value)).toEqual(['/user', '/user/lang', 'GET /user', 'POST /login']);
  });
});
