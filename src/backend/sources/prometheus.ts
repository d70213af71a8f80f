/**
 * Prometheus-compatible HTTP API (Prometheus, Mimir, Thanos, Cortex,
 * VictoriaMetrics): POST /api/v1/query_range with auth, tenant header and a
 * timeout. Loki's /loki/api/v1/query_range answers the same matrix shape
 * (values [seconds, "string"]), so one client serves both.
 */
import { ConnectionSettings, secretKey } from '../../core/settings';
import { CountSource, SourceError } from './types';

interface MatrixResponse {
  status: 'success' | 'error';
  data?: { resultType: string; result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
  errorType?: string;
  error?: string;
}

export class HttpCountSource implements CountSource {
  readonly name: string;

  constructor(
    private readonly connection: ConnectionSettings,
    private readonly secrets: Record<string, string>,
    private readonly fetchImpl: typeof fetch = fetch
  ) {
    this.name = connection.name;
  }

  async rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal): Promise<Float64Array> {
    const n = Math.max(0, Math.floor((endMs - startMs) / stepMs));
    const first = startMs + stepMs;
    const isLoki = this.connection.type === 'loki';
    const params = new URLSearchParams({
      query: expr,
      start: isLoki ? new Date(first).toISOString() : String(first / 1000),
      end: isLoki ? new Date(startMs + n * stepMs).toISOString() : String((startMs + n * stepMs) / 1000),
      step: `${stepMs / 1000}s`,
    });
    const path = isLoki ? '/loki/api/v1/query_range' : '/api/v1/query_range';
    const body = await this.request(path, params, signal);
    const out = new Float64Array(n).fill(NaN);
    for (const series of body.data?.result ?? []) {
      for (const [ts, raw] of series.values) {
        const k = Math.round((Number(ts) * 1000 - first) / stepMs);
        const v = Number(raw);
        if (k >= 0 && k < n && Number.isFinite(v)) {
          out[k] = (Number.isNaN(out[k]) ? 0 : out[k]) + v; // sum counts across series
        }
      }
    }
    return out;
  }

  async health(signal: AbortSignal): Promise<{ ok: boolean; message: string }> {
    try {
      const probe = this.connection.type === 'loki' ? 'vector(1)' : '1';
      await this.request(this.connection.type === 'loki' ? '/loki/api/v1/query' : '/api/v1/query', new URLSearchParams({ query: probe }), signal);
      return { ok: true, message: `${this.name}: reachable at ${this.connection.url}` };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  private headers(): Record<string, string> {
    const c = this.connection;
    const h: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (c.auth === 'basic') {
      h.authorization = 'Basic ' + Buffer.from(`${c.basicAuthUser}:${this.secrets[secretKey.basicAuthPassword(c.name)] ?? ''}`).toString('base64');
    } else if (c.auth === 'bearer') {
      h.authorization = `Bearer ${this.secrets[secretKey.bearerToken(c.name)] ?? ''}`;
    }
    if (c.tenant) {
      h['x-scope-orgid'] = c.tenant;
    }
    for (const name of c.headerNames) {
      h[name.toLowerCase()] = this.secrets[secretKey.header(c.name, name)] ?? '';
    }
    return h;
  }

  private async request(path: string, params: URLSearchParams, signal: AbortSignal): Promise<MatrixResponse> {
    if (!this.connection.url) {
      throw new SourceError('unreachable', this.name, 'no URL configured: set the connection URL or pick a Grafana datasource');
    }
    const url = this.connection.url + path;
    const timeout = AbortSignal.timeout(this.connection.timeoutMs);
    let res: Response;
    try {
      res = await this.fetchImpl(url, { method: 'POST', headers: this.headers(), body: params.toString(), signal: AbortSignal.any([signal, timeout]) });
    } catch (error) {
      if (signal.aborted) {throw new SourceError('cancelled', this.name, 'the query was cancelled');}
      if (timeout.aborted) {throw new SourceError('timeout', this.name, `no answer from ${url} within ${this.connection.timeoutMs / 1000} s`);}
      throw new SourceError('unreachable', this.name, `cannot reach ${url} (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`);
    }
    const text = await res.text();
    if (res.status === 401 || res.status === 403) {
      throw new SourceError('unauthorized', this.name, `${url} answered ${res.status}: check the credentials`, res.status);
    }
    let json: MatrixResponse;
    try {
      json = JSON.parse(text) as MatrixResponse;
    } catch {
      // Loki answers query errors as plain text: show its first line to the user.
      const hint = !res.ok && text.trim() !== '' && text.length < 2000 ? `: ${text.trim().split('\n')[0].slice(0, 300)}` : '';
      throw new SourceError(res.ok ? 'bad-response' : 'http', this.name, `${url} answered ${res.status} with a body that is not JSON${hint}`, res.status);
    }
    if (json.status !== 'success') {
      throw new SourceError(res.status >= 500 ? 'http' : 'query-error', this.name, `query failed (${res.status}): ${json.error ?? 'unknown error'}`, res.status);
    }
    return json;
  }
}
