import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteLedger } from './sqlite';
import { makeRecord } from './testing/records';
import { describeLedgerStore } from './testing/storeContract';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-sqlite-'));
let n = 0;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describeLedgerStore('SQLite', async () => ({ kind: 'sqlite', target: path.join(dir, `ledger-${++n}`, 'ledger.db') }));

describe('SQLite ledger file', () => {
  it('refuses a ledger written by a newer plugin, naming both versions', async () => {
    const file = path.join(dir, 'newer', 'ledger.db');
    const store = new SqliteLedger(file);
    await store.migrate();
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as typeof import('node:sqlite');
    const raw = new DatabaseSync(file);
    raw.exec("INSERT INTO ledger_schema (version, name, applied_at) VALUES (99, 'from the future', 0)");
    raw.close();
    await expect(store.migrate()).rejects.toThrow('the ledger schema is at version 99, newer than this plugin knows (3): upgrade the plugin');
    await store.close();
  });

  it('creates the directory it is given and keeps periods immutable', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'ledger.db');
    const store = new SqliteLedger(file);
    await store.migrate();
    await store.recordPeriods([makeRecord()]);
    await store.close();
    expect(fs.existsSync(file)).toBe(true);
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as typeof import('node:sqlite');
    const raw = new DatabaseSync(file);
    expect(() => raw.exec("UPDATE ledger_periods SET sli = 0.5")).toThrow('ledger periods are immutable');
    expect(() => raw.exec('DELETE FROM ledger_periods')).toThrow('ledger periods are immutable');
    raw.close();
  });
});
