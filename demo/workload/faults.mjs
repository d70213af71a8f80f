// Injectable failures and latency. A fault applies to one service (and
// optionally one route) until it expires. Besides faults set by hand
// (POST /admin/faults), a schedule of built-in incidents makes budgets move
// on their own: a short fast outage and a slow burn, so that every indicator
// (episodes, speeds, premature exhaustion) has something to show within minutes.

/** @typedef {{ service: string, route?: string, errorRatio: number, extraLatencyMs: number, untilMs: number }} Fault */

export class FaultBook {
  /** @param {{ scheduled?: boolean }} options */
  constructor({ scheduled = true } = {}) {
    /** @type {Fault[]} */
    this.faults = [];
    this.scheduled = scheduled;
  }

  /** Adds a fault; returns it. Throws a readable error on bad input. */
  add(input, nowMs) {
    const errors = [];
    if (typeof input?.service !== 'string' || input.service === '') errors.push('service (string) is required');
    const errorRatio = input?.errorRatio ?? 0;
    if (typeof errorRatio !== 'number' || errorRatio < 0 || errorRatio > 1) errors.push('errorRatio must be a number in [0, 1]');
    const extraLatencyMs = input?.extraLatencyMs ?? 0;
    if (typeof extraLatencyMs !== 'number' || extraLatencyMs < 0) errors.push('extraLatencyMs must be a number ≥ 0');
    const durationS = input?.durationSeconds ?? 600;
    if (typeof durationS !== 'number' || durationS <= 0) errors.push('durationSeconds must be a number > 0');
    if (errors.length > 0) throw new Error(`invalid fault: ${errors.join('; ')}`);
    const fault = { service: input.service, route: input.route, errorRatio, extraLatencyMs, untilMs: nowMs + durationS * 1000 };
    this.faults.push(fault);
    return fault;
  }

  clear() {
    this.faults = [];
  }

  /** Active faults at `nowMs` (expired ones are dropped). */
  active(nowMs) {
    this.faults = this.faults.filter((f) => f.untilMs > nowMs);
    return [...this.faults, ...(this.scheduled ? scheduledFaults(nowMs) : [])];
  }

  /** Combined error ratio and extra latency for one route at `nowMs`. */
  effectFor(service, route, nowMs) {
    let errorRatio = 0;
    let extraLatencyMs = 0;
    for (const f of this.active(nowMs)) {
      if (f.service !== service || (f.route !== undefined && f.route !== route)) continue;
      errorRatio = Math.max(errorRatio, f.errorRatio);
      extraLatencyMs = Math.max(extraLatencyMs, f.extraLatencyMs);
    }
    return { errorRatio, extraLatencyMs };
  }
}

const HOUR = 3_600_000;

/**
 * Built-in incidents, a pure function of the clock: every 6 hours checkout
 * POST /orders fails 20% of requests for 10 minutes (a fast outage), and
 * accounts GET /user is slowed by 400 ms for the first 2 hours of every
 * 12 (a slow latency burn).
 */
export function scheduledFaults(nowMs) {
  const out = [];
  const sixHourPhase = nowMs % (6 * HOUR);
  if (sixHourPhase < 10 * 60_000) {
    out.push({ service: 'checkout', route: '/orders', errorRatio: 0.2, extraLatencyMs: 0, untilMs: nowMs - sixHourPhase + 10 * 60_000 });
  }
  const twelveHourPhase = nowMs % (12 * HOUR);
  if (twelveHourPhase < 2 * HOUR) {
    out.push({ service: 'accounts', route: '/user', errorRatio: 0, extraLatencyMs: 400, untilMs: nowMs - twelveHourPhase + 2 * HOUR });
  }
  return out;
}
