/**
 * The ledger inside the built backend executable, as Grafana runs it: the
 * default SQLite file appears in Grafana's data directory (GF_PATHS_DATA)
 * without any setup, a refresh closes the demo SLO's finished months in the
 * background, the resource API exports them, and a Viewer's write gets 403.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendForSuite } from './harness';
import { WirePluginContext } from '../../src/backend/protocol/wire';

jest.setTimeout(90_000);

const CATALOG = `apiVersion: sloledger/v1
teams: [{ name: payments }]
services:
  - name: checkout
    team: payments
    slos:
      - name: orders
        sli: availability
        objective: 99.9
        period: { calendar: month }
        source: demo
        good: demo_good{slo="orders"}[$__window]
        total: demo_total{slo="orders"}[$__window]
`;
const DAY = 86_400_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-grafana-data-'));

const context = (role: string): WirePluginContext => ({
  orgId: 1,
  pluginId: 'sloledger-datasource',
  user: { login: role.toLowerCase(), role },
  dataSourceInstanceSettings: { id: 7, uid: 'ledger-e2e', name: 'SLO Ledger', jsonData: Buffer.from(JSON.stringify({ demo: true, catalogYaml: CATALOG })), lastUpdatedMS: 1 },
});

describe('the ledger in the backend executable', () => {
  const suite = backendForSuite(dataDir);

  const resource = async (role: string, method: string, url: string, body = '') => {
    const messages = await suite.client().callResource({ pluginContext: context(role), path: url.split('?')[0], method, url, headers: {}, body: Buffer.from(body) });
    return { code: messages[0].code, body: Buffer.concat(messages.map((m) => Buffer.from(m.body ?? []))).toString() };
  };

  it('closes finished months after a refresh into SQLite in Grafana\'s data directory, and exports them', async () => {
    const now = Date.now();
    const timeRange = { fromEpochMS: now - 40 * DAY, toEpochMS: now };
    const res = await suite.client().queryData({ pluginContext: context('Viewer'), queries: [{ refId: 'A', queryType: 'adherence', json: Buffer.from('{"refId":"A","timeScale":"monthly"}'), timeRange }] });
    expect(res.responses.A.error).toBe('');
    expect(fs.existsSync(path.join(dataDir, 'plugins-data', 'sloledger', 'ledger-ledger-e2e.db'))).toBe(true);

    // the closing runs in the background: poll the export until last month is there
    const lastMonth = new Date(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    let periods: Array<{ label: string; subjectId: string; periodKind: string; total: number }> = [];
    for (let i = 0; i < 60 && !periods.some((p) => p.label === lastMonth); i++) {
      await new Promise((r) => setTimeout(r, 500));
      periods = JSON.parse((await resource('Viewer', 'GET', 'ledger/periods?slo=checkout/orders&kind=budget')).body).periods;
    }
    expect(periods.find((p) => p.label === lastMonth)).toMatchObject({ subjectId: 'checkout/orders', periodKind: 'budget', total: expect.any(Number) });

    const csv = await resource('Viewer', 'GET', 'ledger/periods?format=csv');
    expect(csv.code).toBe(200);
    expect(csv.body.split('\r\n')[0]).toMatch(/^subjectKind,subjectId,customer,periodKind,label,/);
  });

  it('answers a Viewer\'s write with 403 and a clear message', async () => {
    const res = await resource('Viewer', 'POST', 'policies/checkout/conditions/incidents', '{"met":true}');
    expect(res.code).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ error: 'recording a manual condition state needs the Editor role or above in this organisation; viewer has the Viewer role' });
  });
});
