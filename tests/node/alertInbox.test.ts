/** The demo workload's alert inbox: where the provisioned per-team contact points deliver (book 7.5.1). */
import http from 'node:http';
import { AddressInfo } from 'node:net';
// @ts-ignore plain ESM JavaScript, run as-is in the workload container
import { AlertInbox } from '../../demo/workload/alertInbox.mjs';
// @ts-ignore
import { createHandler } from '../../demo/workload/app.mjs';
// @ts-ignore
import { FaultBook } from '../../demo/workload/faults.mjs';
// @ts-ignore
import { Metrics } from '../../demo/workload/metrics.mjs';

const AT = Date.UTC(2026, 10, 30, 12, 0);

describe('the workload alert inbox', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const handler = createHandler({ metrics: new Metrics('test'), faults: new FaultBook({ scheduled: false }), inbox: new AlertInbox(3), clock: () => AT });
    server = http.createServer(handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterAll(() => new Promise((r) => server.close(r)));

  // the shape of Grafana's webhook payload (status, alerts[].labels/annotations)
  const payload = (slo: string) => ({ status: 'firing', alerts: [{ status: 'firing', labels: { alertname: `${slo} burn rate page`, slo, severity: 'page' }, annotations: { summary: `${slo} burning` } }] });

  it("records a Grafana webhook delivery under the team of the URL and lists it", async () => {
    const res = await fetch(`${base}/alerts/payments`, { method: 'POST', body: JSON.stringify(payload('checkout/orders-availability')) });
    expect(await res.json()).toEqual({ received: 1 });
    const { alerts } = (await (await fetch(`${base}/alerts`)).json()) as { alerts: unknown[] };
    expect(alerts).toEqual([
      { team: 'payments', receivedAt: '2026-11-30T12:00:00.000Z', status: 'firing', alertname: 'checkout/orders-availability burn rate page', slo: 'checkout/orders-availability', severity: 'page', summary: 'checkout/orders-availability burning' },
    ]);
  });

  it('keeps only the newest notifications', async () => {
    for (const slo of ['a', 'b', 'c', 'd']) {
      await fetch(`${base}/alerts/identity`, { method: 'POST', body: JSON.stringify(payload(slo)) });
    }
    const { alerts } = (await (await fetch(`${base}/alerts`)).json()) as { alerts: Array<{ slo: string }> };
    expect(alerts.map((a) => a.slo)).toEqual(['b', 'c', 'd']);
  });

  it.each([
    ['a body that is not JSON', '/alerts/payments', 'POST', 'nope', 400],
    ['a POST without a team', '/alerts/', 'POST', '{}', 405],
    ['another method', '/alerts/payments', 'PUT', '{}', 405],
  ])('answers %s with %s', async (_name, url, method, body, status) => {
    expect((await fetch(`${base}${url}`, { method, body })).status).toBe(status);
  });
});
