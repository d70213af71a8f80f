// Pushes access-log lines to Loki with its documented push API
// (POST /loki/api/v1/push, JSON: streams[].stream labels + values [ns, line]).
// Lines are buffered and sent every few seconds; a failed push is retried once
// with the next batch and then dropped (the workload must never stall).

export class LokiPusher {
  /** @param {{ url: string, env: string, fetchImpl?: typeof fetch, maxBuffered?: number }} options */
  constructor({ url, env, fetchImpl = fetch, maxBuffered = 50_000 }) {
    this.url = url.replace(/\/+$/, '') + '/loki/api/v1/push';
    this.env = env;
    this.fetch = fetchImpl;
    this.maxBuffered = maxBuffered;
    /** @type {Map<string, Array<[string, string]>>} service → entries */
    this.buffer = new Map();
    this.pushed = 0;
    this.failures = 0;
  }

  /** Buffers one access-log line (logfmt-free JSON, so LogQL `| json` works). */
  log({ service, route, method, code, durationS, atMs }) {
    const entries = this.buffer.get(service) ?? [];
    if (entries.length >= this.maxBuffered) return;
    const line = JSON.stringify({ method, route, status: code, duration_ms: Math.round(durationS * 1000) });
    entries.push([`${BigInt(atMs) * 1_000_000n}`, line]);
    this.buffer.set(service, entries);
  }

  /** Sends what is buffered; resolves to the number of lines sent. */
  async flush() {
    if (this.buffer.size === 0) return 0;
    const streams = [...this.buffer].map(([service, values]) => ({ stream: { service, env: this.env, job: 'demo-workload' }, values }));
    const count = streams.reduce((n, s) => n + s.values.length, 0);
    this.buffer = new Map();
    try {
      const res = await this.fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ streams }) });
      if (!res.ok) throw new Error(`Loki push answered ${res.status}`);
      this.pushed += count;
      return count;
    } catch (err) {
      this.failures += 1;
      console.error(`loki push failed (${count} lines dropped): ${err.message}`);
      return 0;
    }
  }
}
