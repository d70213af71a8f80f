/**
 * The store contract against a real PostgreSQL (Debian's postgresql package),
 * started on loopback by the test itself. Skipped, with the reason printed,
 * where PostgreSQL cannot run.
 */
import { runLedger } from '../cli/ledgerExport';
import { nodeIo } from '../cli/nodeIo';
import { describeConnection, numberPlaceholders, PostgresLedger } from './postgres';
import { makeRecords } from './testing/records';
import { Instance } from '../handlers/instance/instance';
import { checkInstanceHealth } from '../handlers/health';
import { RetentionSource } from './testing/retentionSource';
import { createDatabase, startPostgres, TestPostgres } from './testing/postgresServer';
import { describeLedgerStore } from './testing/storeContract';
import { demoCatalogYaml } from '../handlers/testing/demoCatalog';

let server: TestPostgres | undefined;
let skipReason: string | undefined;
let n = 0;

beforeAll(async () => {
  const started = await startPostgres();
  if (typeof started === 'string') {
    skipReason = started;
    process.stdout.write(`postgres ledger tests skipped: ${started}\n`);
  } else {
    server = started;
  }
}, 90_000);
afterAll(() => server?.stop());

describe('PostgreSQL helpers', () => {
  it.each([
    ['numbers placeholders in order', numberPlaceholders('a = ? AND b IN (?, ?)'), 'a = $1 AND b IN ($2, $3)'],
    ['describes a connection without user or password', describeConnection('postgres://grafana:s3cret@db.internal:5432/ledger'), 'postgres:db.internal:5432/ledger'],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });
});

if (process.env.SLOLEDGER_SKIP_POSTGRES === '1') {
  it.skip('PostgreSQL ledger store (SLOLEDGER_SKIP_POSTGRES=1)', () => undefined);
} else {
  describeLedgerStore('PostgreSQL', async () => {
    if (!server) {
      throw new Error(`PostgreSQL is not running: ${skipReason}`);
    }
    return { kind: 'postgres', target: await createDatabase(server.url, `ledger_${process.pid}_${++n}`) };
  });
}

describe('sloledger ledger export --postgres', () => {
  it('exports the closed periods of a PostgreSQL ledger as CSV', async () => {
    if (!server) {
      process.stdout.write(`skipped: ${skipReason}\n`);
      return;
    }
    const url = await createDatabase(server.url, `ledger_cli_${process.pid}`);
    const store = new PostgresLedger({ connectionString: url });
    await store.migrate();
    await store.recordPeriods(makeRecords(2));
    await store.close();
    let out = '';
    const code = await runLedger(['export', '--postgres', url, '--format', 'csv'], { ...nodeIo, stdout: (t) => void (out += t), stderr: (t) => void (out += t) });
    expect(code).toBe(0);
    expect(out.trim().split('\r\n').map((l) => l.split(',')[4])).toEqual(['label', 'p0', 'p1']);
  });
});

describe('a datasource instance on PostgreSQL (Grafana in high availability)', () => {
  const catalogYaml = demoCatalogYaml({ rolling: false });
  it('two replicas backfilling one database at once write each closed period once', async () => {
    if (!server) {
      process.stdout.write(`skipped: ${skipReason}\n`);
      return;
    }
    const url = await createDatabase(server.url, `ledger_ha_${process.pid}`);
    const now = Date.UTC(2026, 5, 15, 12);
    const replicas = [1, 2].map(() => {
      const instance = new Instance({ jsonData: { demo: true, catalogYaml, ledgerBackend: 'postgres' }, decryptedSecureJsonData: { 'ledger.postgresUrl': url }, uid: 'ha' }, { backfillDelayMs: null });
      instance.sources.set('demo', new RetentionSource(Date.UTC(2026, 1, 10)));
      return instance;
    });
    await Promise.all(replicas.map((r) => r.closer.backfill(now)));
    const rows = await (await replicas[0].ledger.ready()).listPeriods();
    expect(rows.map((r) => `${r.periodKind} ${r.label}`)).toEqual(['budget 2026-03', 'budget 2026-04', 'budget 2026-05', 'month 2026-03', 'month 2026-04', 'month 2026-05']);
    expect(replicas[0].closer.written + replicas[1].closer.written).toBe(6);
    const health = await checkInstanceHealth(replicas[1], new AbortController().signal);
    expect(health).toMatchObject({ status: 'OK', details: { ledger: expect.stringMatching(/^postgres:127\.0\.0\.1:\d+\/ledger_ha_/) } });
    await Promise.all(replicas.map((r) => r.dispose()));
  }, 60_000);
});
