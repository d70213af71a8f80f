/**
 * Dumps the raw Arrow bytes the real backend returns for every query type, one
 * `<queryType>-<n>.arrow` file per frame plus `queries.json` (which file came
 * from which query), so that a decoder outside this repository — Grafana's own
 * SDK `data.UnmarshalArrowFrame` (issue 15) — can read the folder.
 *
 * The backend is started by the test harness like Grafana starts it (the built
 * executable when fresh), on the demo source with a catalog of demo SLOs, an
 * SLA with a customer label and an error budget policy, so every query type
 * has rows to return.
 *
 * Run through jest (the `.proto` imports need its transform):
 * `SLOLEDGER_FRAME_DUMP_DIR=<folder> npx jest tests/node/frameReferee.test.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QUERY_TYPES, QueryType } from '../../src/core/contracts/frameContract';
import { WireDataQuery, WirePluginContext } from '../../src/backend/protocol/wire';
import { connectPlugin, grafanaEnv, launchBackend } from '../node/harness';

export const REFEREE_CATALOG = `apiVersion: sloledger/v1
teams:
  - name: identity
    policy: identity-policy
services:
  - name: accounts
    team: identity
    deployments: [prod]
    endpointLabel: endpoint
    endpointDiscovery: demo_endpoints{service="accounts"}
    defaults:
      - sli: availability
        objective: 90
        source: demo
        good: demo_good{slo="accounts $endpoint"}[$__window]
        total: demo_total{slo="accounts $endpoint"}[$__window]
    slos:
      - name: login
        sli: availability
        endpoint: POST /login
        objective: 99.9
        source: demo
        period: { calendar: week }
        good: demo_good{slo="accounts-login"}[$__window]
        total: demo_total{slo="accounts-login"}[$__window]
      - name: login-slices
        sli: availability
        endpoint: POST /login
        objective: 99
        source: demo
        budgeting: timeslices
        timeslice: { length: 5m, target: 95 }
        good: demo_good{slo="accounts-login"}[$__window]
        total: demo_total{slo="accounts-login"}[$__window]
slas:
  - name: login-sla
    service: accounts
    contractual: true
    objective: 99.5
    period: { calendar: week }
    customerLabel: customer
    components: [accounts/login]
policies:
  - name: identity-policy
    scope: { teams: [identity] }
    purpose: Keep logins reliable.
    conditions:
      - { id: A, kind: premature-exhaustion, description: Error budget exhausted before the end of the period }
      - { id: B, kind: budget-spent, pct: 80, description: 80% of the period's error budget spent }
      - { id: C, kind: manual, description: Customers escalated login failures }
    consequences:
      - { id: A, when: [A], description: Reliability work until the budget recovers }
      - { id: J, when: [A, B], blocksReleases: true, environments: [prod], description: Stop releases to production }
    escalation: The identity engineering manager breaks ties.
    agreedBy: [identity ops engineers, identity developers]
    nextReview: 2027-02-01
`;

const DAY = 86_400_000;

/** One query per query type; `episodes` twice: plain, and as the annotations query with every kind. */
export function refereeQueries(nowMs: number): Array<WireDataQuery & { label: string; refId: string }> {
  const timeRange = { fromEpochMS: nowMs - 21 * DAY, toEpochMS: nowMs };
  const extra: Partial<Record<QueryType, Record<string, unknown>>> = {
    burnrate: { window: '1h' },
    depletion: { timeScale: 'daily' },
    exhaustion: { onlyPremature: false },
    endpoints: { topN: 5, endpointsMode: 'least-available' },
    adhoc: {
      adhoc: {
        source: 'demo',
        good: 'demo_good{slo="accounts-login"}[$__window]',
        total: 'demo_total{slo="accounts-login"}[$__window]',
        objective: 99.9,
        period: '7d',
      },
    },
  };
  const queries: Array<{ label: string; type: QueryType; refId: string; model: Record<string, unknown> }> =
    QUERY_TYPES.map((type, i) => ({
      label: type,
      type,
      refId: String.fromCharCode(65 + i),
      model: extra[type] ?? {},
    }));
  queries.push({
    label: 'annotations',
    type: 'episodes',
    refId: 'AN',
    model: { annotationKinds: ['episodes', 'exhaustion', 'policy', 'deployments'] },
  });
  // the other shapes of the same query types: time scales, one customer's SLA rows (book 11.2.7), slowest endpoints
  const variants: Array<[string, QueryType, Record<string, unknown>]> = [
    ['depletion-hourly', 'depletion', { timeScale: 'hourly' }],
    ['depletion-weekly', 'depletion', { timeScale: 'weekly' }],
    ['adherence-monthly', 'adherence', { timeScale: 'monthly' }],
    ['exhaustion-premature', 'exhaustion', { onlyPremature: true }],
    ['endpoints-slowest', 'endpoints', { topN: 3, endpointsMode: 'slowest' }],
    ['budget-customer', 'budget', { customer: 'acme' }],
    ['adherence-customer', 'adherence', { customer: 'acme' }],
    ['burnrate-6h', 'burnrate', { window: '6h' }],
  ];
  variants.forEach(([label, type, model], i) => queries.push({ label, type, refId: `V${i}`, model }));
  // a selection that matches no SLO: the "no data" response of each series type
  for (const type of ['sli', 'budget', 'burnrate'] as const) {
    queries.push({ label: `${type}-nomatch`, type, refId: `N${type}`, model: { teams: ['nobody'] } });
  }
  return queries.map((q) => ({
    label: q.label,
    refId: q.refId,
    queryType: q.type,
    json: Buffer.from(JSON.stringify({ refId: q.refId, queryType: q.type, ...q.model })),
    timeRange,
  }));
}

export function refereePluginContext(role = 'Admin'): WirePluginContext {
  return {
    orgId: 1,
    pluginId: 'sloledger-datasource',
    user: { login: 'referee', role },
    dataSourceInstanceSettings: {
      id: 1,
      uid: 'sloledger',
      name: 'SLO Ledger',
      jsonData: Buffer.from(JSON.stringify({ demo: true, timeZone: 'UTC', catalogYaml: REFEREE_CATALOG })),
      decryptedSecureJsonData: {},
      lastUpdatedMS: 1_763_800_000_000,
    },
  };
}

/**
 * The same catalog plus an SLO on a Prometheus that does not answer (a closed
 * loopback port): a source outage, reported per SLO while the others answer.
 */
export const OUTAGE_CATALOG = REFEREE_CATALOG.replace(
  '\nslas:',
  `
  - name: billing
    team: identity
    slos:
      - name: invoices
        sli: availability
        objective: 99.5
        source: prometheus
        good: sum(increase(http_requests_total{service="billing",code!~"5.."}[$__window]))
        total: sum(increase(http_requests_total{service="billing"}[$__window]))
slas:`
);

function outageContext(): WirePluginContext {
  const context = refereePluginContext();
  const jsonData = {
    demo: true,
    timeZone: 'UTC',
    catalogYaml: OUTAGE_CATALOG,
    defaultConnection: 'prometheus',
    connections: [{ name: 'prometheus', type: 'prometheus', url: 'http://127.0.0.1:9', timeoutSeconds: 2 }],
  };
  return {
    ...context,
    dataSourceInstanceSettings: {
      ...context.dataSourceInstanceSettings!,
      uid: 'sloledger-outage',
      jsonData: Buffer.from(JSON.stringify(jsonData)),
    },
  };
}

/** Series and catalog queries over the outage catalog. */
export function outageQueries(nowMs: number): Array<WireDataQuery & { label: string; refId: string }> {
  const timeRange = { fromEpochMS: nowMs - 7 * DAY, toEpochMS: nowMs };
  return (['sli', 'budget', 'burnrate', 'catalog'] as const).map((type) => ({
    label: `${type}-outage`,
    refId: `O${type}`,
    queryType: type,
    json: Buffer.from(
      JSON.stringify({ refId: `O${type}`, queryType: type, ...(type === 'burnrate' ? { window: '1h' } : {}) })
    ),
    timeRange,
  }));
}

/** Every response, frames or not (responses.json). */
export interface DumpedResponse {
  label: string;
  refId: string;
  frames: number;
  error: string;
  status: number;
}

export interface DumpedFrame {
  file: string;
  label: string;
  queryType: string;
  refId: string;
}

/** Runs every referee query against the real backend and writes the frames into `dir`. */
export async function dumpFrames(
  dir: string,
  nowMs = Date.now()
): Promise<{ frames: DumpedFrame[]; responses: DumpedResponse[] }> {
  fs.mkdirSync(dir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-referee-data-'));
  const backend = await launchBackend({ env: grafanaEnv({ GF_PATHS_DATA: dataDir }) });
  const client = connectPlugin(backend.address);
  try {
    const runs = [
      ...refereeQueries(nowMs).map((q) => ({ q, context: refereePluginContext() })),
      ...outageQueries(nowMs).map((q) => ({ q, context: outageContext() })),
    ];
    const dumped: DumpedFrame[] = [];
    const responses: DumpedResponse[] = [];
    for (const { q, context } of runs) {
      const { label, ...query } = q;
      const res = await client.queryData({ pluginContext: context, headers: {}, queries: [query] });
      const response = res.responses[query.refId];
      if (!response) {
        throw new Error(`${label}: no response`);
      }
      responses.push({
        label,
        refId: query.refId,
        frames: response.frames.length,
        error: response.error ?? '',
        status: response.status ?? 0,
      });
      response.frames.forEach((bytes, n) => {
        const file = `${label}-${n}.arrow`;
        fs.writeFileSync(path.join(dir, file), bytes);
        dumped.push({ file, label, queryType: query.queryType ?? '', refId: query.refId });
      });
    }
    fs.writeFileSync(path.join(dir, 'queries.json'), JSON.stringify(dumped, null, 1));
    fs.writeFileSync(path.join(dir, 'responses.json'), JSON.stringify(responses, null, 1));
    return { frames: dumped, responses };
  } finally {
    client.close();
    backend.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
