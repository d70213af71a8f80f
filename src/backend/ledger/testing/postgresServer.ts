/**
 * A throwaway PostgreSQL for tests: Debian's postgresql binaries, a temp data
 * directory, loopback only, a free port; stopped and removed afterwards.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres`
 * user through runuser. When that is impossible, `startPostgres` resolves to
 * a reason and the caller skips with it printed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Debian's layout: /usr/lib/postgresql/<major>/bin; the newest installed major, or SLOLEDGER_PG_BIN. */
function postgresBin(): string {
  if (process.env.SLOLEDGER_PG_BIN) {
    return process.env.SLOLEDGER_PG_BIN;
  }
  const root = '/usr/lib/postgresql';
  const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => /^\d+$/.test(d) && fs.existsSync(path.join(root, d, 'bin', 'pg_ctl'))) : [];
  majors.sort((a, b) => Number(b) - Number(a));
  return path.join(root, majors[0] ?? '15', 'bin');
}
const BIN = postgresBin();

export interface TestPostgres {
  url: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<TestPostgres | string> {
  if (!fs.existsSync(path.join(BIN, 'pg_ctl'))) {
    return `no PostgreSQL binaries in ${BIN} (apt-get install postgresql)`;
  }
  const isRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) => (isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const : [cmd, args] as const);
  const run = (cmd: string, args: string[]) => {
    const [c, a] = as(path.join(BIN, cmd), args);
    execFileSync(c, [...a], { stdio: 'pipe', timeout: 60_000 });
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-pg-'));
  const data = path.join(dir, 'data');
  try {
    if (isRoot) {
      execFileSync('chown', ['postgres', dir]);
    }
    const port = await freePort();
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'sloledger', '--no-sync', '-E', 'UTF8']);
    run('pg_ctl', ['-D', data, '-w', '-t', '60', '-l', path.join(dir, 'log'), '-o', `-h 127.0.0.1 -p ${port} -k ${dir} -F`, 'start']);
    return {
      url: `postgres://sloledger@127.0.0.1:${port}/postgres`,
      stop: () => {
        try {
          run('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `cannot start PostgreSQL: ${stderr || (error as Error).message}`;
  }
}

/** A fresh database on the test server, so test files do not see each other's rows. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const { Client } = await import('pg');
  const c = new Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  return serverUrl.replace(/\/[^/]*$/, `/${name}`);
}
