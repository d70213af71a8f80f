/**
 * A connection that names an existing Grafana Prometheus or Loki datasource
 * by UID instead of a URL (PLATFORM.md §8, way 2): queries go to Grafana's
 * `POST /api/ds/query` with the plugin's service account token, and Grafana
 * applies that datasource's own URL and credentials, so users enter them once.
 *
 * Grafana answers data frames as JSON: per series a frame with a time field
 * and a number field. Counts are summed across series per step (style habit
 * 4: sum counts, never average ratios), exactly as the direct HTTP source does.
 */
import { ConnectionSettings } from '../../core/contracts/settings';
import { GrafanaAccess, grafanaAccessProblem } from './grafanaAccess';
import { MAX_POINTS_PER_REQUEST } from './prometheus';
import { CountSource, SourceError } from './types';

interface JsonFrame {
  schema?: { fields?: Array<{ name?: string; type?: string }> };
  data?: { values?: unknown[][] };
}

interface DsQueryResponse {
  results?: Record<string, { status?: number; error?: string; frames?: JsonFrame[] }>;
  message?: string;
}

const REF = 'A';

export class GrafanaProxySource implements CountSource {
  readonly name: string;

  /**
   * @param access the latest Grafana URL and token (Grafana sends them with each request)
   */
  constructor(
    private readonly connection: ConnectionSettings & { grafanaUid: string },
    private readonly access: () => GrafanaAccess,
    private readonly fetchImpl: typeof fetch = fetch
  ) {
    this.name = connection.name;
  }

  /**
   * Counts per bucket for (startMs, endMs]. Grafana's Prometheus datasource widens the step of a
   * query that would give more than 11,000 points (which would put wider windows into our buckets),
   * so a long range is asked in consecutive pieces of at most MAX_POINTS_PER_REQUEST buckets.
   */
  async rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal): Promise<Float64Array> {
    const n = Math.max(0, Math.floor((endMs - startMs) / stepMs));
    const out = new Float64Array(n).fill(NaN);
    // in sequence: the connection's concurrency limit counts this call as one query
    for (let offset = 0; offset < n; offset += MAX_POINTS_PER_REQUEST) {
      await this.rangePiece(expr, startMs + offset * stepMs, stepMs, out.subarray(offset, Math.min(n, offset + MAX_POINTS_PER_REQUEST)), signal);
    }
    return out;
  }

  /** One /api/ds/query for the `into.length` buckets after `startMs`, summed across series into `into`. */
  private async rangePiece(expr: string, startMs: number, stepMs: number, into: Float64Array, signal: AbortSignal): Promise<void> {
    const n = into.length;
    const first = startMs + stepMs;
    const last = startMs + n * stepMs;
    const { status, json } = await this.request('/api/ds/query', { method: 'POST', body: JSON.stringify(this.queryBody(expr, first, last, stepMs, n)) }, signal);
    const body = json as DsQueryResponse;
    const result = body.results?.[REF];
    // a failed query answers 4xx/5xx with its error inside results
    if (result?.error) {
      throw new SourceError('query-error', this.name, `query failed in Grafana datasource ${this.connection.grafanaUid}: ${result.error}`, result.status ?? status);
    }
    if (status >= 300) {
      throw new SourceError('http', this.name, `Grafana answered ${status}${body.message ? `: ${body.message}` : ''}`, status);
    }
    for (const frame of result?.frames ?? []) {
      addFrame(frame, into, first, stepMs);
    }
  }

  async health(signal: AbortSignal): Promise<{ ok: boolean; message: string }> {
    const uid = this.connection.grafanaUid;
    const problem = grafanaAccessProblem(this.access());
    if (problem) {
      return { ok: false, message: `${this.name} (Grafana datasource ${uid}): ${problem}` };
    }
    try {
      const { status, json } = await this.request(`/api/datasources/uid/${encodeURIComponent(uid)}/health`, { method: 'GET' }, signal);
      const body = json as { status?: string; message?: string };
      if (status >= 300 || body.status !== 'OK') {
        return { ok: false, message: `${this.name}: Grafana datasource ${uid} is not healthy: ${body.message ?? body.status ?? `HTTP ${status}`}` };
      }
      return { ok: true, message: `${this.name}: reachable through Grafana datasource ${uid}` };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  private queryBody(expr: string, first: number, last: number, stepMs: number, n: number) {
    const step = `${stepMs / 1000}s`;
    const datasource = { uid: this.connection.grafanaUid, type: this.connection.type };
    const query =
      this.connection.type === 'loki'
        ? { refId: REF, datasource, expr, queryType: 'range', step, intervalMs: stepMs, maxDataPoints: n }
        : // `interval` is the minimum step: with intervalMs it pins the step to the bucket width
          { refId: REF, datasource, expr, range: true, instant: false, interval: step, intervalMs: stepMs, maxDataPoints: n, format: 'time_series' };
    return { from: String(first), to: String(last), queries: [query] };
  }

  private async request(path: string, init: { method: string; body?: string }, signal: AbortSignal): Promise<{ status: number; json: unknown }> {
    const access = this.access();
    const problem = grafanaAccessProblem(access);
    if (problem) {
      throw new SourceError('unauthorized', this.name, problem);
    }
    const url = access.appUrl + path;
    const timeout = AbortSignal.timeout(this.connection.timeoutMs);
    const headers = { authorization: `Bearer ${access.token}`, accept: 'application/json', 'content-type': 'application/json' };
    let res: Response;
    try {
      res = await this.fetchImpl(url, { ...init, headers, signal: AbortSignal.any([signal, timeout]) });
    } catch (error) {
      if (signal.aborted) {
        throw new SourceError('cancelled', this.name, 'the query was cancelled');
      }
      if (timeout.aborted) {
        throw new SourceError('timeout', this.name, `no answer from Grafana at ${url} within ${this.connection.timeoutMs / 1000} s`);
      }
      const cause = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
      throw new SourceError('unreachable', this.name, `cannot reach Grafana at ${url} (${cause})`);
    }
    const uid = this.connection.grafanaUid;
    if (res.status === 401) {
      throw new SourceError('unauthorized', this.name, 'Grafana refused the plugin service account token (401): restart Grafana so it issues a fresh one', 401);
    }
    if (res.status === 403) {
      throw new SourceError('unauthorized', this.name, `the plugin service account may not query datasource ${uid} (403): its plugin.json iam permissions need datasources:query`, 403);
    }
    if (res.status === 404) {
      throw new SourceError('query-error', this.name, `Grafana has no datasource with UID ${uid} (404): pick one in the connection settings`, 404);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SourceError(res.ok ? 'bad-response' : 'http', this.name, `Grafana answered ${res.status} with a body that is not JSON`, res.status);
    }
    return { status: res.status, json };
  }
}

/** Adds one frame's number fields to `out` at the step of each timestamp. */
function addFrame(frame: JsonFrame, out: Float64Array, first: number, stepMs: number): void {
  const fields = frame.schema?.fields ?? [];
  const values = frame.data?.values ?? [];
  const timeIndex = fields.findIndex((f) => f.type === 'time');
  if (timeIndex < 0) {
    return;
  }
  const times = values[timeIndex] ?? [];
  fields.forEach((field, fi) => {
    if (field.type !== 'number') {
      return;
    }
    const column = values[fi] ?? [];
    times.forEach((t, row) => {
      const k = Math.round((Number(t) - first) / stepMs);
      const v = column[row];
      // JSON frames carry NaN and missing points as null
      if (k >= 0 && k < out.length && typeof v === 'number' && Number.isFinite(v)) {
        out[k] = (Number.isNaN(out[k]) ? 0 : out[k]) + v;
      }
    });
  });
}
