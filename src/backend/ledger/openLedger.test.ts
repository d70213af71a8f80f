import { defaultLedgerPath, openLedgerStore } from './openLedger';
import { PostgresLedger } from './postgres';

describe('where the ledger lives', () => {
  it.each([
    ["Grafana's data directory from GF_PATHS_DATA", { GF_PATHS_DATA: '/var/lib/grafana' }, 'ds1', '/var/lib/grafana/plugins-data/sloledger/ledger-ds1.db'],
    ["Grafana's default data/ under its working directory", {}, 'ds1', '/usr/share/grafana/data/plugins-data/sloledger/ledger-ds1.db'],
    ['the directory an administrator set in grafana.ini', { GF_PATHS_DATA: '/var/lib/grafana', GF_PLUGIN_LEDGER_DIR: '/srv/ledgers' }, 'ds1', '/srv/ledgers/ledger-ds1.db'],
    ['a uid with characters unfit for file names', { GF_PATHS_DATA: '/d' }, '../x y', '/d/plugins-data/sloledger/ledger-___x_y.db'],
  ])('%s', (_name, env, uid, expected) => {
    expect(defaultLedgerPath(uid, env, '/usr/share/grafana')).toBe(expected);
  });

  it('opens PostgreSQL from secureJsonData and describes it without user or password', async () => {
    const store = openLedgerStore({ ledgerBackend: 'postgres' }, { 'ledger.postgresUrl': 'postgres://grafana:s3cret@db:5432/ledger' }, 'ds1');
    expect(store).toBeInstanceOf(PostgresLedger);
    expect(store.description).toBe('postgres:db:5432/ledger');
    await store.close();
  });
});
