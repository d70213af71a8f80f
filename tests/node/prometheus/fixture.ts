/**
 * A real Prometheus (Debian's package) for tests: writes synthetic 1-minute
 * counters as OpenMetrics, backfills them with `promtool tsdb
 * create-blocks-from openmetrics`, starts `prometheus` on a free loopback port
 * and stops it afterwards. Data ends at the current minute, because
 * Prometheus answers relative to the wall clock.
 *
 * The code lives in ./realPrometheus.mjs (plain ESM, so the browser tests
 * start it too); this module gives it its types.
 */
// @ts-ignore plain ESM JavaScript shared with tests/browser (typed below)
import * as shared from './realPrometheus.mjs';

export const MINUTE: number = shared.MINUTE;

/** Requests per minute of the synthetic checkout service, and its bad ones. */
export const TOTAL_PER_MINUTE: number = shared.TOTAL_PER_MINUTE;

/** 1 bad request per minute normally; 50 during the incident (the 2 hours ending 6 h before "end"). */
export const badPerMinute: (minuteMs: number, endMs: number) => number = shared.badPerMinute;

export const prometheusAvailable: () => boolean = shared.prometheusAvailable;

/** OpenMetrics text: two counters (code 200 and 500) at one sample a minute over `days`. */
export const openMetrics: (endMs: number, days: number) => string = shared.openMetrics;

/** A free TCP port on loopback (closed again, so a child process can bind it). */
export const freePort: () => Promise<number> = shared.freePort;

export interface RunningPrometheus {
  url: string;
  endMs: number;
  /** The prometheus process (bench/backend reads its CPU time from /proc). */
  pid: number;
  /** How long promtool took to write the blocks, and Prometheus to become ready after it. */
  timings: { backfillMs: number; readyMs: number };
  stop(): Promise<void>;
}

export interface BackfillOptions {
  /**
   * promtool's --max-block-duration (a Go duration, e.g. "960h"). Its default writes one block per 2 hours,
   * which for weeks of history means hundreds of blocks to write and open.
   */
  maxBlockDuration?: string;
}

/** Backfills `days` of data ending now (by default the checkout counters of `openMetrics`; `generate` may yield it in chunks) and starts Prometheus on loopback. */
export const startPrometheus: (days?: number, generate?: (endMs: number, days: number) => string | Iterable<string>, options?: BackfillOptions) => Promise<RunningPrometheus> = shared.startPrometheus;
