/**
 * The real backend handlers on a real Prometheus (see ./fixture), or another
 * engine with its HTTP API (../victoria/harness): an Instance whose one
 * connection `prom` points at it, with its own ledger file, and the two ways
 * the suites read figures — a query as Grafana's QueryData asks it, and
 * PromQL as the independent referee.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Instance } from '../../../src/backend/handlers/instance/instance';
import { runQuery } from '../../../src/backend/handlers/query/pipeline';
import { Frame, frameRows } from '../../../src/backend/protocol/frame';
import { MINUTE, RunningPrometheus } from './fixture';

export type Row = Record<string, unknown>;
type PromResult = Array<{ value?: [number, string]; values?: Array<[number, string]> }>;

export interface HandlersOnPrometheus {
  instance: Instance;
  /** A query through runQuery, "now" at the data's end; fails the test on an error or an error notice. */
  query(queryType: string, fromMs: number, toMs: number, json?: Record<string, unknown>): Promise<Frame[]>;
  /** The engine's HTTP API (`query`, `query_range`), its result or a thrown error. */
  promql(apiPath: string, params: Record<string, string>): Promise<PromResult>;
  /** The first value of an instant query at `atMs`. */
  instant(expr: string, atMs: number): Promise<number>;
  dispose(): Promise<void>;
}

/** Ledger periods are not closed in the background: each suite asks for what it checks. */
export function handlersOn(prom: Pick<RunningPrometheus, 'url' | 'endMs'>, catalogYaml: string): HandlersOnPrometheus {
  const ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-prom-handlers-'));
  const instance = new Instance(
    { jsonData: { demo: false, catalogYaml, ledgerPath: path.join(ledgerDir, 'ledger.db'), connections: [{ name: 'prom', type: 'prometheus', url: prom.url }] }, decryptedSecureJsonData: {} },
    { closePeriodsAfterRefresh: false, backfillDelayMs: null }
  );
  expect(instance.settingsIssues).toEqual([]);
  expect(instance.catalog().errors).toEqual([]);
  const signal = new AbortController().signal;

  async function promql(apiPath: string, params: Record<string, string>): Promise<PromResult> {
    const res = await fetch(`${prom.url}/api/v1/${apiPath}?${new URLSearchParams(params)}`);
    const body = (await res.json()) as { status: string; error?: string; data: { result: PromResult } };
    if (body.status !== 'success') {
      throw new Error(`PromQL failed: ${body.error}`);
    }
    return body.data.result;
  }

  return {
    instance,
    promql,
    instant: async (expr, atMs) => Number((await promql('query', { query: expr, time: String(atMs / 1000) }))[0].value![1]),
    async query(queryType, fromMs, toMs, json = {}) {
      const res = await runQuery(instance, { refId: 'A', queryType, maxDataPoints: 1000, intervalMs: MINUTE, timeRange: { fromMs, toMs }, json: { queryType, ...json } }, signal, prom.endMs);
      expect(res.error).toBeUndefined();
      for (const f of res.frames) {
        expect((f.meta?.notices ?? []).filter((n) => n.severity === 'error')).toEqual([]);
      }
      return res.frames;
    },
    async dispose() {
      await instance.dispose();
      fs.rmSync(ledgerDir, { recursive: true, force: true });
    },
  };
}

/** A table frame as one object per row. */
export const rows = (frame: Frame): Row[] => frameRows(frame);
