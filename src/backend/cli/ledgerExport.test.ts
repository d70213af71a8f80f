import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteLedger } from '../ledger/sqlite';
import { makeRecord, makeRecords } from '../ledger/testing/records';
import { CliIo } from './io';
import { runCli } from './main';
import { nodeIo } from './nodeIo';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-cli-'));
const file = path.join(dir, 'ledger.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const store = new SqliteLedger(file);
  await store.migrate();
  await store.recordPeriods([
    ...makeRecords(3),
    makeRecord({ subjectKind: 'sla', subjectId: 'sla/contract', periodKind: 'month' }),
    makeRecord({ subjectKind: 'sla', subjectId: 'sla/contract', periodKind: 'month', customer: 'acme', sli: 0.9981 }),
  ]);
  await store.recordManualState({ policy: 'p', conditionId: 'incidents', met: true, by: 'erin', atMs: 1000 });
  await store.recordEnactment('p', { conditionId: 'A', atMs: 2000, trigger: 'automatic', consequences: ['freeze'], workItems: [] }, 'erin', 2001);
  await store.close();
});

function capture(): CliIo & { out: string; err: string } {
  const io = { ...nodeIo, out: '', err: '' };
  io.stdout = (t: string) => void (io.out += t);
  io.stderr = (t: string) => void (io.err += t);
  return io;
}

describe('sloledger ledger export', () => {
  it('prints the whole ledger as JSON: periods, manual condition states, enactments, reviews', async () => {
    const io = capture();
    expect(await runCli(['ledger', 'export', '--db', file], io)).toBe(0);
    const json = JSON.parse(io.out);
    expect(json).toMatchObject({ source: `sqlite:${file}`, schemaVersion: 3, reviews: [] });
    expect(json.periods).toHaveLength(5);
    expect(json.periods[1]).toMatchObject({ subjectId: 'sla/contract', customer: 'acme', sli: 0.9981 });
    expect(json.manualConditionStates).toEqual([{ policy: 'p', conditionId: 'incidents', met: true, by: 'erin', atMs: 1000 }]);
    expect(json.enactments[0]).toMatchObject({ policy: 'p', conditionId: 'A', consequences: ['freeze'], by: 'erin' });
  });

  it('answers `report --from-ledger` exactly as `ledger export`', async () => {
    const viaLedger = capture();
    const viaReport = capture();
    expect(await runCli(['ledger', 'export', '--db', file, '--format', 'csv'], viaLedger)).toBe(0);
    expect(await runCli(['report', '--from-ledger', '--db', file, '--format', 'csv'], viaReport)).toBe(0);
    expect(viaReport.out).toBe(viaLedger.out);
    expect(viaReport.out.trim().split('\r\n')).toHaveLength(6);
  });

  it('prints CSV of the selected periods', async () => {
    const io = capture();
    expect(await runCli(['ledger', 'export', '--db', file, '--format', 'csv', '--slo', 'checkout/orders', '--from', '2025-02-01'], io)).toBe(0);
    const lines = io.out.trim().split('\r\n');
    expect(lines[0]).toMatch(/^subjectKind,subjectId,customer,periodKind,label,start,end,sli,/);
    expect(lines.slice(1).map((l) => l.split(',')[4])).toEqual(['p1', 'p2']);
  });

  it('prints one customer\'s rows with --customer (book 11.2.7)', async () => {
    const io = capture();
    expect(await runCli(['ledger', 'export', '--db', file, '--format', 'csv', '--sla', 'sla/contract', '--customer', 'acme'], io)).toBe(0);
    const lines = io.out.trim().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['sla,sla/contract,acme,month']);
    expect(lines[1]).toContain(',0.9981,');
  });

  it('exports a ledger written before per-customer rows without migrating it: every row, no customer, none for --customer', async () => {
    const old = path.join(dir, 'v2.db');
    const store = new SqliteLedger(old);
    await store.migrate(2);
    await store.recordPeriods(makeRecords(2));
    await store.close();
    const all = capture();
    expect(await runCli(['ledger', 'export', '--db', old], all)).toBe(0);
    expect(JSON.parse(all.out)).toMatchObject({ schemaVersion: 2, periods: makeRecords(2) });
    const one = capture();
    expect(await runCli(['ledger', 'export', '--db', old, '--format', 'csv', '--customer', 'acme'], one)).toBe(0);
    expect(one.out.trim().split('\r\n')).toHaveLength(1);
  });

  it.each([
    ['no target', ['ledger', 'export'], 2, 'ledger export needs --db <ledger file> or --postgres <url>'],
    ['a bad format', ['ledger', 'export', '--db', file, '--format', 'xml'], 2, '--format takes json or csv (got "xml")'],
    ['a bad date', ['ledger', 'export', '--db', file, '--from', 'soon'], 2, '--from takes an ISO date (2026-01-01) or epoch milliseconds (got "soon")'],
    ['an unknown subcommand', ['ledger', 'import'], 2, 'unknown ledger subcommand "import" (known: export)'],
    ['a missing file', ['ledger', 'export', '--db', path.join(dir, 'nope.db')], 1, `no ledger file at ${path.join(dir, 'nope.db')}`],
  ])('refuses %s', async (_name, argv, code, message) => {
    const io = capture();
    expect(await runCli(argv, io)).toBe(code);
    expect(io.err).toContain(message);
  });
});
