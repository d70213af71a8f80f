// Prometheus metrics of the workload, written in the text exposition format
// (version 0.0.4) by hand: a counter and a histogram, no client library.
import { LATENCY_BUCKETS_S } from './routes.mjs';

export class Metrics {
  constructor(env) {
    this.env = env;
    /** @type {Map<string, number>} key: service|route|method|code */
    this.requests = new Map();
    /** @type {Map<string, { buckets: number[], sum: number, count: number }>} key: service|route|method */
    this.durations = new Map();
  }

  /** Records one served request. */
  observe({ service, route, method, code, durationS }) {
    const reqKey = [service, route, method, code].join('|');
    this.requests.set(reqKey, (this.requests.get(reqKey) ?? 0) + 1);
    const durKey = [service, route, method].join('|');
    let h = this.durations.get(durKey);
    if (!h) {
      h = { buckets: LATENCY_BUCKETS_S.map(() => 0), sum: 0, count: 0 };
      this.durations.set(durKey, h);
    }
    LATENCY_BUCKETS_S.forEach((le, i) => {
      if (durationS <= le) h.buckets[i] += 1;
    });
    h.sum += durationS;
    h.count += 1;
  }

  /** The exposition text. */
  render() {
    const lines = [
      '# HELP http_requests_total Requests served, by service, route, method and status code.',
      '# TYPE http_requests_total counter',
    ];
    for (const [key, value] of this.requests) {
      const [service, route, method, code] = key.split('|');
      lines.push(`http_requests_total${labels({ service, route, method, code, env: this.env })} ${value}`);
    }
    lines.push('# HELP http_request_duration_seconds Request latency.', '# TYPE http_request_duration_seconds histogram');
    for (const [key, h] of this.durations) {
      const [service, route, method] = key.split('|');
      const base = { service, route, method, env: this.env };
      LATENCY_BUCKETS_S.forEach((le, i) => lines.push(`http_request_duration_seconds_bucket${labels({ ...base, le: String(le) })} ${h.buckets[i]}`));
      lines.push(`http_request_duration_seconds_bucket${labels({ ...base, le: '+Inf' })} ${h.count}`);
      lines.push(`http_request_duration_seconds_sum${labels(base)} ${h.sum}`);
      lines.push(`http_request_duration_seconds_count${labels(base)} ${h.count}`);
    }
    return lines.join('\n') + '\n';
  }
}

function labels(obj) {
  const parts = Object.entries(obj).map(([k, v]) => `${k}="${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return `{${parts.join(',')}}`;
}
