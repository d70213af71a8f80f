// A real Prometheus (Debian's package) for tests, in plain ESM so that both the
// TypeScript suites (through ./fixture.ts, which adds the types) and the
// browser tests (tests/browser/prometheusCases.mjs, plain Node) start it the
// same way: synthetic 1-minute counters written as OpenMetrics, backfilled with
// `promtool tsdb create-blocks-from openmetrics`, `prometheus` started on a
// free loopback port and stopped afterwards. Data ends at the current minute,
// because Prometheus answers relative to the wall clock.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Requests per minute of the synthetic checkout service, and its bad ones. */
export const TOTAL_PER_MINUTE = 1000;

/** 1 bad request per minute normally; 50 during the incident (the 2 hours ending 6 h before "end"). */
export function badPerMinute(minuteMs, endMs) {
  return minuteMs >= endMs - 8 * HOUR && minuteMs < endMs - 6 * HOUR ? 50 : 1;
}

export function prometheusAvailable() {
  return spawnSync('which', ['prometheus']).status === 0 && spawnSync('which', ['promtool']).status === 0;
}

/** OpenMetrics text: two counters (code 200 and 500) at one sample a minute over `days`. */
export function openMetrics(endMs, days) {
  const start = endMs - days * 86_400_000;
  const ok = [];
  const bad = [];
  let okCount = 0;
  let badCount = 0;
  for (let t = start; t <= endMs; t += MINUTE) {
    const b = badPerMinute(t, endMs);
    okCount += TOTAL_PER_MINUTE - b;
    badCount += b;
    ok.push(`http_requests_total{service="checkout",code="200"} ${okCount} ${t / 1000}`);
    bad.push(`http_requests_total{service="checkout",code="500"} ${badCount} ${t / 1000}`);
  }
  return ['# TYPE http_requests counter', ...ok, ...bad, '# EOF', ''].join('\n');
}

/** A free TCP port on loopback (closed again, so a child process can bind it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Backfills `days` of data ending now (by default the checkout counters of `openMetrics`) and starts Prometheus on loopback.
 * `generate` returns the OpenMetrics text, or an iterable of its chunks.
 * `options.maxBlockDuration`: promtool's --max-block-duration (a Go duration, e.g. "960h"); its default writes one block
 * per 2 hours, which for weeks of history means hundreds of blocks to write and open.
 * Returns { url, endMs, pid, timings: { backfillMs, readyMs }, stop() }.
 */
export async function startPrometheus(days = 3, generate = openMetrics, options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-prom-'));
  const endMs = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
  const input = path.join(dir, 'data.om');
  const data = generate(endMs, days);
  if (typeof data === 'string') {
    fs.writeFileSync(input, data);
  } else {
    // an iterable of chunks: data too large for one string (bench/backend's thousands of series)
    const fd = fs.openSync(input, 'w');
    try {
      for (const chunk of data) {
        fs.writeSync(fd, chunk);
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  const tsdb = path.join(dir, 'tsdb');
  const backfillStarted = Date.now();
  const blockFlags = options.maxBlockDuration ? [`--max-block-duration=${options.maxBlockDuration}`] : [];
  execFileSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', ...blockFlags, input, tsdb], { stdio: 'pipe' });
  const backfillMs = Date.now() - backfillStarted;
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1h\n');
  const port = await freePort();
  const proc = spawn(
    'prometheus',
    [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${tsdb}`, '--storage.tsdb.retention.time=400d', `--web.listen-address=127.0.0.1:${port}`],
    { stdio: 'ignore' }
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) {
        break;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error('prometheus did not become ready within 30 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    endMs,
    pid: proc.pid,
    timings: { backfillMs, readyMs: Date.now() - backfillStarted - backfillMs },
    stop: async () => {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
