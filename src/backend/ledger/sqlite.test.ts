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
