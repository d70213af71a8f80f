/**
 * A real VictoriaMetrics (Debian's `victoria-metrics`, single-node 1.79) for
 * tests, holding the same samples a Prometheus suite backfilled: the
 * OpenMetrics text the generator wrote for promtool (../prometheus/fixture)
 * is imported through VictoriaMetrics' /api/v1/import/prometheus, which takes
 * the Prometheus text exposition format, whose timestamps are milliseconds
 * (OpenMetrics' are seconds). VictoriaMetrics starts on a free loopback port
 * with a temporary -storageDataPath and is stopped afterwards.
 *
 * Flags, and why:
 * - `-retentionPeriod=100y`: the default is one month, and samples older than
 *   the retention are dropped on import (the 35-day history reaches back 65 days).
 * - `-search.latencyOffset=0s`: by default query_range answers replace points
 *   closer than 30 s to the wall clock (for steps up to
 *   -search.maxStepForPointsAdjustment, 1 minute), as "possibly incomplete";
 *   the data here ends one or two minutes before now, so with 0 nothing is adjusted.
 * - the response cache stays on, as in production: it aligns query_range's
 *   start and end down to a multiple of the step (measured on a 1,400-point range: start 17 s past a
 *   minute answers points on the minute), which changes nothing for the
 *   backend because its bucket ends are multiples of the step already
 *   (src/backend/handlers/compute/engine.ts fetchPlan).
 * Importing is not enough for a query to see the samples: they sit in an
 * in-memory buffer until flushed, so the harness calls /internal/force_flush
 * and then waits until an instant query at the data's end counts every series.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../prometheus/fixture';

export function victoriaAvailable(): boolean {
  return spawnSync('which', ['victoria-metrics']).status === 0;
}

/** OpenMetrics sample lines (seconds) as Prometheus text exposition lines (milliseconds); comments and `# EOF` dropped. */
export function exposition(openMetrics: string): string[] {
  const out: string[] = [];
  for (const line of openMetrics.split('\n')) {
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const cut = line.lastIndexOf(' ');
    out.push(`${line.slice(0, cut)} ${Math.round(Number(line.slice(cut + 1)) * 1000)}`);
  }
  return out;
}

export interface RunningVictoria {
  url: string;
  endMs: number;
  /** How long the import took, and how long after it until every series was visible to queries. */
  timings: { importMs: number; visibleMs: number };
  stop(): Promise<void>;
}

/** Lines per import request: well below VictoriaMetrics' request limits, few requests for weeks of history. */
const LINES_PER_IMPORT = 200_000;

/** Starts VictoriaMetrics on loopback and imports `openMetrics` (the text promtool backfilled, ending at `endMs`). */
export async function startVictoria(openMetrics: string, endMs: number): Promise<RunningVictoria> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-victoria-'));
  const port = await freePort();
  const proc = spawn(
    'victoria-metrics',
    [`-storageDataPath=${dir}`, '-retentionPeriod=100y', `-httpListenAddr=127.0.0.1:${port}`, '-search.latencyOffset=0s', '-loggerLevel=ERROR'],
    { stdio: 'ignore' }
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (proc.exitCode === null) {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await until(async () => (await fetch(`${url}/health`)).ok, 'did not answer /health');
    const lines = exposition(openMetrics);
    const importStarted = Date.now();
    for (let i = 0; i < lines.length; i += LINES_PER_IMPORT) {
      const res = await fetch(`${url}/api/v1/import/prometheus`, { method: 'POST', body: lines.slice(i, i + LINES_PER_IMPORT).join('\n') + '\n' });
      if (!res.ok) {
        throw new Error(`import answered ${res.status}: ${await res.text()}`);
      }
    }
    const importMs = Date.now() - importStarted;
    const series = new Set(lines.map((l) => l.slice(0, l.lastIndexOf(' ', l.lastIndexOf(' ') - 1)))).size;
    const count = new URLSearchParams({ query: 'count({__name__=~".+"})', time: String(endMs / 1000) });
    await until(async () => {
      await fetch(`${url}/internal/force_flush`);
      const body = (await (await fetch(`${url}/api/v1/query?${count}`)).json()) as { data?: { result?: Array<{ value: [number, string] }> } };
      return Number(body.data?.result?.[0]?.value[1]) === series;
    }, `did not show all ${series} series at the data's end`);
    return { url, endMs, timings: { importMs, visibleMs: Date.now() - importStarted - importMs }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function until(ready: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if (await ready()) {
        return;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      throw new Error(`victoria-metrics ${what} within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
