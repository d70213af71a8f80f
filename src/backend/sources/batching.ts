/**
 * Fewer, larger requests for a cold refresh (issue 16): expressions that
 * differ only in the value of one label equality are asked as one query and
 * the answer is split by that label's value.
 *
 *   sum(increase(http_requests_total{service="a",code="500"}[3600s]))
 *   sum(increase(http_requests_total{service="b",code="500"}[3600s]))
 *     → increase(http_requests_total{code="500",service=~"a|b"}[3600s])
 *       its series summed per service here (at most two per value: see `answer`), else
 *     → sum by (service) (increase(http_requests_total{code="500",service=~"a|b"}[3600s]))
 *
 * An expression that has one more `=` or `!=` matcher than a merged query's
 * members (the bad events of an SLO whose total is merged) rides on that
 * query: its series are among the answer's, picked out here by the matcher
 * and summed the same way (`riders`), so one request answers both.
 *
 *   sum(increase(http_requests_total{service="a",code="500"}[3600s]))   rides on
 *     increase(http_requests_total{service=~"a|b"}[3600s])              asked for sum(increase(…{service="a"}…))
 *
 * Only when that is exactly the same question: both expressions are
 * `sum(FN(selector[range]))` (./countShape.ts) with the same function,
 * metric, range and other matchers, asked for the same start, end and step,
 * and the differing label appears once, with `=` and a non-empty value (an
 * empty one also matches series without the label). The value's series are
 * then the same series in both queries, summed to the same bits.
 * Anything else, and a source that cannot split answers by label (Loki, the
 * demo, a Grafana-proxied connection), is asked as it is.
 *
 * Calls are collected until the event loop turns (every SLO of a refresh
 * asks in the same turn) and merged in groups of at most `maxMembers`
 * expressions and `maxPoints` answered points. If a merged query fails for a
 * reason of its own (a query error, an answer too large), each member is
 * asked alone, so one SLO's error never hides the others'; a failure every
 * member would meet as well (unreachable, timeout, credentials, overload)
 * is every member's error.
 */
import { escapeRegex } from '../../core/queries/labelValue';
import { CountShape, Matcher, parseCountShape, selector } from './countShape';
import { MAX_POINTS_PER_REQUEST } from './prometheus';
import { CountSource, LabelSplitCounts, SeriesFilter, SourceError, withWarnings } from './types';

export interface BatchLimits {
  /** Most expressions merged into one query. */
  maxMembers: number;
  /** Most points (series × buckets) one merged answer may carry. */
  maxPoints: number;
}

// WHY these: 1,345 hourly buckets × 50 values ≈ 1.5 MB of JSON per answer, far below maxResponseMB's 64 MB default,
// and a refresh of 1,000 SLOs yields ≈ 40 queries, enough to keep the connection's 8 slots evenly busy: measured in
// bench:backend's load case, cold p95 ≈ 3.1 s with 10, 25 or 50 members, 3.3–4.5 s with 100 (20 queries: the last
// wave of 4 runs alone); warm ≈ 0.9 s with 50, ≈ 1.0–1.2 s with 10 or 25
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxMembers: 50, maxPoints: 250_000 };

export type SplitQuery = (expr: string, label: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal, filters?: readonly SeriesFilter[]) => Promise<LabelSplitCounts>;

/** One way to merge an expression: vary `label`, keep the rest. */
interface Candidate {
  key: string;
  /** The key without start, end and step: what says whether the bare series can be summed here. */
  shapeKey: string;
  label: string;
  value: string;
  rest: Matcher[];
}

interface Pending {
  expr: string;
  startMs: number;
  endMs: number;
  stepMs: number;
  signal: AbortSignal;
  shape: CountShape;
  candidates: Candidate[];
  settled: boolean;
  /** Tells the merged query this member no longer waits (set while it is in one). */
  leave?: () => void;
  done: (counts: Float64Array) => void;
  fail: (error: unknown) => void;
}

export interface BatchStats {
  /** Merged queries sent, and the expressions they answered. */
  batches: number;
  batched: number;
  /** Expressions asked alone: not mergeable, alone in their group, or after a merged query failed. */
  single: number;
  /** Merged queries that failed for a reason of their own, their members then asked alone. */
  fallbacks: number;
  /** Merged queries answered by the bare series (no `sum by`), summed here. */
  bare: number;
  /** Expressions answered from another group's merged query by their one extra matcher (counted in `batched` too). */
  riders: number;
}

type Member = { p: Pending; c: Candidate };

/** Members of one group asked through a host group's query: the series its `filter` selects are theirs. */
interface RiderGroup {
  filter: SeriesFilter;
  members: Member[];
}

/** Most shapes remembered as needing `sum by` (more than two series per value); then forgotten all at once. */
const MAX_SUMMED_SHAPES = 10_000;

export class BatchingSource implements CountSource {
  readonly name: string;
  readonly stats: BatchStats = { batches: 0, batched: 0, single: 0, fallbacks: 0, bare: 0, riders: 0 };
  /** Shapes whose merged queries are asked with `sum by` (./answer). */
  private readonly summedShapes = new Set<string>();
  private pending: Pending[] = [];
  private scheduled = false;

  /** @param split the merged query (with retry and concurrency limit), or undefined: everything asked as it is */
  constructor(
    private readonly inner: CountSource,
    private readonly split: SplitQuery | undefined,
    private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS
  ) {
    this.name = inner.name;
  }

  rangeCounts(expr: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal): Promise<Float64Array> {
    const shape = this.split && !signal.aborted ? parseCountShape(expr) : null;
    const candidates = shape ? candidatesOf(shape, startMs, endMs, stepMs) : [];
    if (!shape || candidates.length === 0) {
      this.stats.single++;
      return this.inner.rangeCounts(expr, startMs, endMs, stepMs, signal);
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (!p.settled) {
          p.leave?.();
          p.fail(new SourceError('cancelled', this.name, 'the query was cancelled'));
        }
      };
      const p: Pending = {
        expr,
        startMs,
        endMs,
        stepMs,
        signal,
        shape,
        candidates,
        settled: false,
        done: (counts) => {
          if (!p.settled) {
            p.settled = true;
            signal.removeEventListener('abort', onAbort);
            resolve(counts);
          }
        },
        fail: (error) => {
          if (!p.settled) {
            p.settled = true;
            signal.removeEventListener('abort', onAbort);
            reject(error);
          }
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.push(p);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  health(signal: AbortSignal): Promise<{ ok: boolean; message: string }> {
    return this.inner.health(signal);
  }

  /** Groups what was asked in this turn: each expression joins the group most others can join too. */
  private flush(): void {
    this.scheduled = false;
    const live = this.pending.filter((p) => !p.settled);
    this.pending = [];
    const votes = new Map<string, number>();
    for (const p of live) {
      for (const c of p.candidates) {
        votes.set(c.key, (votes.get(c.key) ?? 0) + 1);
      }
    }
    const groups = new Map<string, Member[]>();
    for (const p of live) {
      const best = p.candidates.reduce((a, b) => (votes.get(b.key)! > votes.get(a.key)! ? b : a));
      if (votes.get(best.key)! < 2) {
        this.alone(p);
        continue;
      }
      const group = groups.get(best.key) ?? [];
      group.push({ p, c: best });
      groups.set(best.key, group);
    }
    const riders = this.ridersOf(groups);
    for (const [key, members] of groups) {
      if (!riders.riding.has(key)) {
        this.send(members, riders.on.get(key) ?? []);
      }
    }
  }

  /**
   * Which groups ride on which: a group whose other matchers are a host group's plus one `=` or `!=` matcher rides
   * on it. Hosts have fewer matchers than their riders and never ride themselves, so nothing rides on a rider.
   */
  private ridersOf(groups: Map<string, Member[]>): { riding: Set<string>; on: Map<string, RiderGroup[]> } {
    const riding = new Set<string>();
    const on = new Map<string, RiderGroup[]>();
    const byMatchers = [...groups.entries()].sort(([, a], [, b]) => a[0].c.rest.length - b[0].c.rest.length);
    for (const [key, members] of byMatchers) {
      const { p, c } = members[0];
      for (let j = 0; j < c.rest.length; j++) {
        const extra = c.rest[j];
        if ((extra.op !== '=' && extra.op !== '!=') || extra.name === '__name__') {
          continue;
        }
        const host = keysOf(p.shape, c.label, c.rest.filter((_, i) => i !== j), p.startMs, p.endMs, p.stepMs);
        if (groups.has(host.key) && !riding.has(host.key) && !this.summedShapes.has(host.shapeKey)) {
          riding.add(key);
          on.set(host.key, [...(on.get(host.key) ?? []), { filter: { ...extra, op: extra.op }, members }]);
          break;
        }
      }
    }
    return { riding, on };
  }

  /**
   * One group's members in merged queries of at most `maxMembers` values and `maxPoints` points; a rider joins the
   * query that asks for its value (its series add no points: they are in that answer anyway). Riders whose value no
   * query asks for are sent as a group of their own.
   */
  private send(members: Member[], riders: readonly RiderGroup[]): void {
    if (members.length === 0) {
      return;
    }
    const { startMs, endMs, stepMs } = members[0].p;
    const perPiece = Math.max(1, Math.min(MAX_POINTS_PER_REQUEST, Math.floor((endMs - startMs) / stepMs)));
    const size = Math.max(1, Math.min(this.limits.maxMembers, Math.floor(this.limits.maxPoints / perPiece)));
    const left = riders.map((r) => new Set(r.members));
    for (let i = 0; i < members.length; i += size) {
      const chunk = members.slice(i, i + size);
      const values = new Set(chunk.map((m) => m.c.value));
      const along = riders
        .map((r, k) => {
          const joining = r.members.filter((m) => left[k].has(m) && values.has(m.c.value)); // once, if a value is in two chunks
          joining.forEach((m) => left[k].delete(m));
          return { filter: r.filter, members: joining };
        })
        .filter((r) => r.members.length > 0);
      if (chunk.length === 1 && along.length === 0) {
        this.alone(chunk[0].p);
      } else {
        void this.merged(chunk, along);
      }
    }
    for (const rest of left) {
      if (rest.size > 0) {
        this.send([...rest], []);
      }
    }
  }

  private alone(p: Pending): void {
    p.leave = undefined;
    this.stats.single++;
    this.inner.rangeCounts(p.expr, p.startMs, p.endMs, p.stepMs, p.signal).then(p.done, p.fail);
  }

  private async merged(members: Member[], riders: readonly RiderGroup[]): Promise<void> {
    const { shape, startMs, endMs, stepMs } = members[0].p;
    const { label, rest } = members[0].c;
    const values = [...new Set(members.map((m) => m.c.value))].sort();
    const series = `${shape.fn}(${selector(shape, [...rest, { name: label, op: '=~', value: values.map(escapeRegex).join('|') }])}[${shape.range}])`;
    const summed = `sum by (${label}) (${series})`;
    const everyone = [...members, ...riders.flatMap((r) => r.members)];
    const controller = new AbortController();
    let waiting = everyone.length;
    for (const { p } of everyone) {
      p.leave = () => {
        if (--waiting === 0) {
          controller.abort(); // nobody wants the answer any more
        }
      };
    }
    this.stats.batches++;
    this.stats.batched += members.length; // riders count where they are answered
    try {
      const filters = riders.map((r) => r.filter);
      const { byValue, warnings, filtered } = await this.answer(members[0].c.shapeKey, series, summed, label, startMs, endMs, stepMs, controller.signal, filters);
      const n = Math.max(0, Math.floor((endMs - startMs) / stepMs));
      handOut(members, byValue, warnings, n);
      riders.forEach((r, k) => {
        const split = filtered?.[k];
        if (split) {
          this.stats.riders += r.members.length;
          this.stats.batched += r.members.length;
          handOut(r.members, split.byValue, warnings, n);
        } else {
          this.send(r.members.filter(({ p }) => !p.settled), []); // not readable exactly from this answer: asked as their own group
        }
      });
    } catch (error) {
      if (controller.signal.aborted) {
        return; // every member has its cancellation already
      }
      if (!askAlone(error)) {
        everyone.forEach(({ p }) => p.fail(error));
        return;
      }
      this.stats.fallbacks++;
      everyone.filter(({ p }) => !p.settled).forEach(({ p }) => this.alone(p));
    }
  }

  /**
   * The merged query's answer split by value. Tried first without the `sum by` (Prometheus spends about half the
   * CPU on the bare series, measured in bench:backend's load case), each value's series summed here: the same bits
   * as Prometheus's sum while no value has more than two series at a step, since a + b = b + a exactly (in float
   * addition, with or without Kahan compensation) whatever order either side adds them in. A value with more
   * series, or a failure of its own, asks the `sum by` query, and the shape (function, metric, range, label, other
   * matchers) is asked so from then on. The same rule holds for each filter's split (the riders'): one with more
   * series per value is left out of `filtered`, and its riders are asked on their own.
   */
  private async answer(shapeKey: string, series: string, summed: string, label: string, startMs: number, endMs: number, stepMs: number, signal: AbortSignal, filters: readonly SeriesFilter[]): Promise<LabelSplitCounts> {
    if (!this.summedShapes.has(shapeKey)) {
      try {
        const bare = await this.split!(series, label, startMs, endMs, stepMs, signal, filters);
        if (summableHere(bare.seriesPerValue ?? 1)) {
          this.stats.bare++;
          return { ...bare, filtered: filters.map((_, k) => bare.filtered?.[k]).map((f) => (f && summableHere(f.seriesPerValue) ? f : undefined)) };
        }
      } catch (error) {
        if (signal.aborted || !askAlone(error)) {
          throw error;
        }
      }
      if (this.summedShapes.size >= MAX_SUMMED_SHAPES) {
        this.summedShapes.clear();
      }
      this.summedShapes.add(shapeKey);
    }
    return this.split!(summed, label, startMs, endMs, stepMs, signal);
  }
}

/** Whether a value's bare series, at most this many per step, sum here to the bits of Prometheus's own sum (see `answer`). */
function summableHere(seriesPerValue: number): boolean {
  return seriesPerValue <= 2;
}

/** The groups an expression could join: one per label equality it could vary. */
function candidatesOf(shape: CountShape, startMs: number, endMs: number, stepMs: number): Candidate[] {
  const names = shape.matchers.map((m) => m.name);
  const out: Candidate[] = [];
  shape.matchers.forEach((m, i) => {
    if (m.op !== '=' || m.value === '' || m.name === '__name__' || names.indexOf(m.name) !== names.lastIndexOf(m.name)) {
      return;
    }
    const rest = shape.matchers.filter((_, j) => j !== i);
    out.push({ ...keysOf(shape, m.name, rest, startMs, endMs, stepMs), label: m.name, value: m.value, rest });
  });
  return out;
}

/** The group key of varying `label` with the other matchers `rest` (in any order), and the same without the time range. */
function keysOf(shape: CountShape, label: string, rest: readonly Matcher[], startMs: number, endMs: number, stepMs: number): { key: string; shapeKey: string } {
  const canonical = rest.map((r) => [r.name, r.op, r.value]).sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
  const shapeKey = JSON.stringify([shape.fn, shape.metric, shape.range, label, canonical]);
  return { key: JSON.stringify([shapeKey, startMs, endMs, stepMs]), shapeKey };
}

/** Each member its own array of its value's counts (the engine may write into it); NaN where the answer has none. */
function handOut(members: readonly Member[], byValue: Map<string, Float64Array>, warnings: string[], n: number): void {
  const handedOut = new Set<string>();
  for (const { p, c } of members) {
    const counts = byValue.get(c.value);
    const own = !counts ? new Float64Array(n).fill(NaN) : handedOut.has(c.value) ? counts.slice() : counts;
    handedOut.add(c.value);
    p.done(withWarnings(own, warnings));
  }
}

/** A merged query's failure that asking each member alone may avoid (the rest would only repeat it N times). */
function askAlone(error: unknown): boolean {
  if (!(error instanceof SourceError)) {
    return true;
  }
  if (error.kind === 'query-error' || error.kind === 'bad-response') {
    return true;
  }
  return error.kind === 'http' && error.status !== undefined && error.status < 500 && error.status !== 429;
}
