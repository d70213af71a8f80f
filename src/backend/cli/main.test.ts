import path from 'node:path';
import { runCli } from './main';
import { CliIo } from './io';
import { nodeIo } from './nodeIo';

const root = path.resolve(__dirname, '../../..');

function capture(): CliIo & { out: string; err: string } {
  const io = { ...nodeIo, out: '', err: '' };
  io.stdout = (t: string) => void (io.out += t);
  io.stderr = (t: string) => void (io.err += t);
  return io;
}

describe('sloledger CLI', () => {
  it('validates the example catalog under provisioning/slos with exit 0', async () => {
    const io = capture();
    expect(await runCli(['validate', path.join(root, 'provisioning/slos')], io)).toBe(0);
    expect(io.out).toMatch(/^8 SLOs in 2 files: OK\n$/m);
  });

  it('prints each error as file:line:col: path: message and exits 1', async () => {
    const io = capture();
    const file = path.join(root, 'tests/fixtures/catalog/broken.yaml');
    expect(await runCli(['validate', file], io)).toBe(1);
    expect(io.out.split('\n')).toEqual([
      `${file}:16:15: services[0].slos[1].good: must contain the $__window placeholder, e.g. sum(increase(http_requests_total[$__window]))`,
      `${file}:20:20: services[0].slos[2].objective: 100 is not allowed: use a value above 0 and below 100% (book 3.3: a 100% SLO leaves no error budget)`,
      '2 errors in 1 files (1 SLOs valid)',
      '',
    ]);
  });

  it('answers JSON for machines', async () => {
    const io = capture();
    expect(await runCli(['validate', '--format', 'json', path.join(root, 'tests/fixtures/catalog')], io)).toBe(1);
    const json = JSON.parse(io.out);
    expect(json).toMatchObject({ valid: false, slos: 1 });
    expect(json.errors.map((e: { line: number }) => e.line)).toEqual([16, 20]);
  });

  it.each([
    ['no command', [], 'usage: sloledger'],
    ['an unknown command', ['frobnicate'], 'unknown command "frobnicate"'],
    ['validate with nothing to check', ['validate'], 'needs at least one file'],
    ['a missing file', ['validate', '/nonexistent.yaml'], 'no such file or directory: /nonexistent.yaml'],
    ['a bad format', ['validate', '--format', 'xml', 'x'], '--format takes text or json (got "xml")'],
    ['an unknown flag', ['validate', '--strict', 'x'], 'unknown flag --strict'],
  ])('exits 2 with a message for %s', async (_name, argv, message) => {
    const io = capture();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err).toContain(message);
  });
});
