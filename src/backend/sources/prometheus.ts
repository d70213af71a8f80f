/**
 * Prometheus-compatible HTTP API (Prometheus, Mimir, Thanos, Cortex,
 * VictoriaMetrics): POST /api/v1/query_range with auth, tenant header and a
 * timeout. Loki's /loki/api/v1/query_range answers the same matrix shape
 * (values [seconds, "string"]), so one client serves both.
 */
import { ConnectionSettings, secretKey } from '../../core/contracts/settings';
import { distinctLabelValues } from './labelValues';
import { selectsLabels } from './countShape';
import { parseRetryAfter } from './retry';
import { PointColumns, readAnswer } from './answerReader';
import { readBodyBytesWithin } from './responseLimit';
import { scrubSecrets, secretNeedles } from './scrub';
import { CountSource, LabelSplitCounts, SeriesFilter, SourceError, withWarnings } from './types';

/** Where one answered series' counts are summed, each into every array given (none: not wanted). */
type SeriesTarget = (metric: Record<string, string> | undefined) => readonly Float64Array[];
/** Told of a point that is not a finite number, at bucket `k` of the target `into`. */
type NonFinite = (into: Float64Array, k: number) => void;

interface MatrixResponse {
  status: 'success' | 'error';
  /** `values` as read by ./answerReader.ts: columns when every point is a `[ts, "value"]` pair, else as written. */
  data?: { resultType: string; result: Array<{ metric: Record<string, string>; values: PointColumns | unknown[] }> };
  errorType?: string;
  error?: string;
  /** Partial answers (a Thanos store or Mimir querier down, a limit hit) say so here. */
  warnings?: unknown[];
  infos?: unknown[];
}

/** Buckets per query_range: below the 11,000 points per series that Prometheus and Loki accept. */
export const MAX_POINTS_PER_REQUEST = 10_000;

export class HttpCountSource implements CountSource {
  readonly name: string;
  private readonly needles: string[];

  constructor(
    private readonly connection: ConnectionSettings,
    private readonly secrets: Record<string, string>,
    private readonly fetchImpl: typeof fetch = fetch
  ) {
    this.name = connection.name;
    const own = Object.entries(secrets).filter(([key]) => key.startsWith(`${connection.name}.`)).map(([, v]) => v);
    const auth = this.headers().authorization;
    this.needles = secretNeedles([...own, ...(auth ? [auth, auth.replace(/^\S+ /, '')] : [])]);
  }

  /**
   * Counts per bucket for (startMs, endMs]. Prometheus and Loki refuse a range query of more than
   * 11,000 points per series, while a long history can need up to 40,000 buckets (../handlers/compute/engine.ts):
   * such a range is asked in consecutive pieces of at most MAX_POINTS_PER_REQUEST buckets.
   */
  async rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal): Promise<Float64Array> {
    const n = Math.max(0, Math.floor((endMs - startMs) / stepMs));
    const out = new Float64Array(n).fill(NaN);
    const warnings = await this.inPieces(expr, startMs, stepMs, n, signal, (offset, length) => {
      const into = [out.subarray(offset, offset + length)];
      return () => into;
    });
    return withWarnings(out, warnings);
  }

  /** Only Prometheus answers `sum by (label) (...)` in the PromQL the batching layer writes (./batching.ts). */
  splitsByLabel(): boolean {
    return this.connection.type === 'prometheus';
  }

  /**
   * Counts per bucket for (startMs, endMs], one array per value of `label` in the answer: each value's series
   * summed in the answer's order. Series without the label are left out. `seriesPerValue` is the most series one
   * value had in one piece. A bucket where one of a value's series is not a finite number is NaN, as the bucket of
   * Prometheus's own sum of those series (NaN or ±Inf) is to rangeCounts.
   * Each of `filters` gets the same split of only the series its matcher selects (`filtered`, in their order):
   * the answer of the query with that matcher added, read from this one (./batching.ts's riders).
   */
  async rangeCountsBy(expr: string, label: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal, filters: readonly SeriesFilter[] = []): Promise<LabelSplitCounts> {
    const n = Math.max(0, Math.floor((endMs - startMs) / stepMs));
    const splits = [undefined, ...filters].map((filter) => ({ filter, byValue: new Map<string, Float64Array>(), seriesPerValue: 0 }));
    const poisoned = new Map<Float64Array, number[]>();
    const warnings = await this.inPieces(expr, startMs, stepMs, n, signal, (offset, length) => {
      const seen = splits.map(() => new Map<string, number>());
      return (metric) => {
        const value = metric?.[label];
        if (typeof value !== 'string') {
          return [];
        }
        const into: Float64Array[] = [];
        splits.forEach((split, i) => {
          if (split.filter && !selectsLabels(split.filter, metric!)) {
            return;
          }
          let all = split.byValue.get(value);
          if (!all) {
            all = new Float64Array(n).fill(NaN);
            split.byValue.set(value, all);
          }
          const count = (seen[i].get(value) ?? 0) + 1;
          seen[i].set(value, count);
          split.seriesPerValue = Math.max(split.seriesPerValue, count);
          into.push(all.subarray(offset, offset + length));
        });
        return into;
      };
    }, (into, k) => {
      const at = poisoned.get(into) ?? [];
      at.push(k);
      poisoned.set(into, at);
    });
    for (const [into, at] of poisoned) {
      for (const k of at) {
        into[k] = NaN;
      }
    }
    const [whole, ...filtered] = splits;
    return { byValue: whole.byValue, warnings, seriesPerValue: whole.seriesPerValue, filtered: filtered.map(({ byValue, seriesPerValue }) => ({ byValue, seriesPerValue })) };
  }

  /** The query in consecutive pieces of at most MAX_POINTS_PER_REQUEST buckets; `target` says where a piece's series go. */
  private async inPieces(expr: string, startMs: number, stepMs: number, n: number, signal: AbortSignal, target: (offset: number, length: number) => SeriesTarget, nonFinite?: NonFinite): Promise<string[]> {
    const warnings: string[] = [];
    // in sequence: the connection's concurrency limit counts this call as one query
    for (let piece = 0; piece < Math.max(1, Math.ceil(n / MAX_POINTS_PER_REQUEST)); piece++) {
      const offset = piece * MAX_POINTS_PER_REQUEST;
      const length = Math.max(0, Math.min(n, offset + MAX_POINTS_PER_REQUEST) - offset);
      warnings.push(...(await this.rangePiece(expr, startMs + offset * stepMs, stepMs, length, target(offset, length), signal, nonFinite)));
    }
    return [...new Set(warnings)];
  }

  /** One query_range for the `n` buckets after `startMs`, each series summed into its target (`nonFinite` told of the points left out); returns the answer's warnings. */
  private async rangePiece(expr: string, startMs: number, stepMs: number, n: number, target: SeriesTarget, signal: AbortSignal, nonFinite?: NonFinite): Promise<string[]> {
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
    const result = body.data?.result;
    if (!Array.isArray(result)) {
      throw new SourceError('bad-response', this.name, `${path} answered success without a matrix (data.result is ${result === undefined ? 'missing' : typeof result})`);
    }
    for (const series of result) {
      const values = series?.values;
      if (!(values instanceof PointColumns) && !Array.isArray(values)) {
        throw new SourceError('bad-response', this.name, `${path} answered a series without a "values" list`);
      }
      const columns = values instanceof PointColumns ? values : columnsOf(values);
      for (const into of target(series.metric)) {
        for (let j = 0; j < columns.length; j++) {
          const k = Math.round((columns.ts[j] * 1000 - first) / stepMs);
          const v = columns.values[j];
          if (k >= 0 && k < n && Number.isFinite(v)) {
            into[k] = (Number.isNaN(into[k]) ? 0 : into[k]) + v; // sum counts across series
          } else if (k >= 0 && k < n) {
            nonFinite?.(into, k);
          }
        }
      }
    }
    return (body.warnings ?? []).map((w) => `${this.name} answered a partial result: ${String(w).slice(0, 300)}`);
  }

  /** Endpoint discovery (./labelValues): an instant query, the distinct values of `label`. */
  async labelValues(expr: string, label: string, atMs: number, signal: AbortSignal): Promise<string[]> {
    const isLoki = this.connection.type === 'loki';
    const params = new URLSearchParams({ query: expr, time: isLoki ? new Date(atMs).toISOString() : String(atMs / 1000) });
    const body = await this.request(isLoki ? '/loki/api/v1/query' : '/api/v1/query', params, signal);
    return distinctLabelValues((body.data?.result ?? []) as Array<{ metric?: Record<string, string>; stream?: Record<string, string> }>, label);
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

  /** The request, with every message that leaves it cleaned of this connection's secrets. */
  private async request(path: string, params: URLSearchParams, signal: AbortSignal): Promise<MatrixResponse> {
    try {
      const json = await this.requestRaw(path, params, signal);
      if (Array.isArray(json.warnings)) {
        json.warnings = json.warnings.map((w) => scrubSecrets(String(w), this.needles));
      }
      return json;
    } catch (error) {
      if (error instanceof SourceError) {
        const message = scrubSecrets(error.message.slice(this.name.length + 2), this.needles);
        throw new SourceError(error.kind, this.name, message, error.status, error.retryAfterMs);
      }
      throw new SourceError('unreachable', this.name, scrubSecrets(String((error as Error)?.message ?? error), this.needles));
    }
  }

  private async requestRaw(path: string, params: URLSearchParams, signal: AbortSignal): Promise<MatrixResponse> {
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
      throw new SourceError('unreachable', this.name, `cannot reach ${url} (${networkCause(error)})`);
    }
    let bytes: Buffer;
    try {
      bytes = await readBodyBytesWithin(res, this.connection.maxResponseBytes);
    } catch (error) {
      if (error instanceof SourceError) {
        throw new SourceError(error.kind, this.name, `${url}: ${error.message.replace(/^response: /, '')}`, res.status);
      }
      if (signal.aborted) {throw new SourceError('cancelled', this.name, 'the query was cancelled');}
      if (timeout.aborted) {throw new SourceError('timeout', this.name, `${url} did not finish its answer within ${this.connection.timeoutMs / 1000} s`);}
      throw new SourceError('unreachable', this.name, `${url} broke off its answer (${(error as Error).message})`, res.status);
    }
    if (res.status === 401 || res.status === 403) {
      throw new SourceError('unauthorized', this.name, `${url} answered ${res.status}: check the credentials`, res.status);
    }
    let json: MatrixResponse;
    try {
      json = readAnswer(bytes) as MatrixResponse;
      if (typeof json !== 'object' || json === null) {
        throw new TypeError('not an object');
      }
    } catch {
      // Loki answers query errors as plain text: show its first line to the user.
      const text = !res.ok && bytes.length < 2000 ? bytes.toString('utf8').trim() : '';
      const hint = text !== '' ? `: ${text.split('\n')[0].slice(0, 300)}` : '';
      throw new SourceError(res.ok ? 'bad-response' : 'http', this.name, `${url} answered ${res.status} with a body that is not JSON${hint}`, res.status, this.retryAfter(res));
    }
    if (json.status !== 'success') {
      throw new SourceError(res.status >= 500 || res.status === 429 ? 'http' : 'query-error', this.name, `query failed (${res.status}): ${String(json.error ?? 'unknown error').slice(0, 500)}`, res.status, this.retryAfter(res));
    }
    return json;
  }

  private retryAfter(res: Response): number | undefined {
    return res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get('retry-after'), Date.now()) : undefined;
  }
}

/** The network reason behind a failed fetch, e.g. "ECONNREFUSED": fetch itself only says "fetch failed". */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause as { code?: unknown; message?: unknown; errors?: unknown[] } | undefined;
  if (cause && typeof cause === 'object') {
    // connecting to a name with several addresses fails with an AggregateError whose message is empty
    const inner = Array.isArray(cause.errors) && cause.errors.length > 0 ? (cause.errors[0] as { code?: unknown; message?: unknown }) : cause;
    const code = typeof inner.code === 'string' ? inner.code : typeof cause.code === 'string' ? cause.code : '';
    const message = typeof inner.message === 'string' ? inner.message : '';
    if (code || message) {
      return message.includes(code) ? message : [code, message].filter(Boolean).join(': ');
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/** A `values` list written otherwise than as `[ts, "value"]` pairs, read point by point as Number() reads it (elements that are not lists skipped). */
function columnsOf(values: unknown[]): PointColumns {
  const points = values.filter((point): point is unknown[] => Array.isArray(point));
  return new PointColumns(Float64Array.from(points, (p) => Number(p[0])), Float64Array.from(points, (p) => Number(p[1])));
}
