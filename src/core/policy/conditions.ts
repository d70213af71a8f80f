/**
 * Part 3 of an error budget policy: its conditions (book 10.4, table 10.2).
 * Automatic ones are judged here from the SLOs' figures:
 *   A  premature exhaustion: the budget ran out before the current period ends;
 *   B  more than `pct` of the current period's budget spent;
 *   E/F more than `pct` of the period budget spent within `withinMs` (24 h / 7 days);
 *   dependency: a dependency of an in-scope service spent more than `pct`
 *      (default 100%: exhausted) of an SLO's budget (book G needs attribution
 *      of failures to the dependency; the dependency's own budget state is the
 *      automatable part).
 * Manual conditions (C, D, G as written in the book, or anything a person
 * judges) are met only when someone recorded them met (book 10.4: checked by
 * the person going on call), never guessed.
 */
import type { ManualConditionState } from '../contracts/resourceContract';
import { EpochMs, PolicyCondition } from '../model/model';
import { firstAtOrBelow, firstSpendWithin, SloPolicyFigures, spentWithin } from './figures';
import { pct, span } from './wording';

export interface ConditionResult {
  id: string;
  description: string;
  kind: PolicyCondition['kind'];
  trigger: PolicyCondition['trigger'];
  met: boolean;
  /** Why, in words: which SLO, which figure, against which threshold (or who recorded it). */
  because: string;
  /** SLO ids meeting the condition (automatic conditions). */
  slos: string[];
  /** When it became met (earliest over the SLOs, or when recorded); null when not met or unknown. */
  sinceMs: EpochMs | null;
}

export interface ConditionInput {
  policy: string;
  /** Figures of the SLOs in the policy's scope. */
  inScope: readonly SloPolicyFigures[];
  /** Figures of the SLOs of the in-scope services' dependencies. */
  dependencies: readonly SloPolicyFigures[];
  /** Recorded manual states (any order; the latest per condition counts). */
  manual: readonly ManualConditionState[];
  nowMs: EpochMs;
}

type Hit = { slo: string; because: string; sinceMs: EpochMs | null };
type Judge = (f: SloPolicyFigures) => Hit | null;

export function evaluateCondition(condition: PolicyCondition, input: ConditionInput): ConditionResult {
  const base = { id: condition.id, description: condition.description, kind: condition.kind, trigger: condition.trigger };
  if (condition.trigger === 'manual' || condition.kind === 'manual') {
    return { ...base, ...manual(condition, input) };
  }
  const share = (condition.pct ?? (condition.kind === 'dependency' ? 100 : 0)) / 100;
  switch (condition.kind) {
    case 'premature-exhaustion':
      return { ...base, ...judgeAll(input.inScope, 'no SLO in scope exhausted its budget in the current period', (f) =>
        f.exhaustedAtMs === null ? null : {
          slo: f.slo.id,
          because: `${f.slo.id}: budget exhausted ${span(f.exhaustedAtMs - f.periodStartMs)} into ${f.periodLabel}, before the period ends (${pct(f.remaining ?? 0)} left)`,
          sinceMs: f.exhaustedAtMs,
        }) };
    case 'budget-spent':
      return { ...base, ...judgeAll(input.inScope, `no SLO in scope spent more than ${pct(share)} of its current period budget`, (f) =>
        f.remaining === null || 1 - f.remaining <= share + 1e-12 ? null : {
          slo: f.slo.id,
          because: `${f.slo.id}: ${pct(1 - f.remaining)} of the ${f.periodLabel} budget spent (more than ${pct(share)})`,
          sinceMs: firstAtOrBelow(f, 1 - share - 1e-9),
        }) };
    case 'burn-within': {
      const w = condition.withinMs ?? 86_400_000;
      return { ...base, ...judgeAll(input.inScope, `no SLO in scope spent more than ${pct(share)} of its period budget within ${span(w)}`, (f) => {
        const spent = spentWithin(f, input.nowMs, w);
        return spent === null || spent <= share + 1e-12 ? null : {
          slo: f.slo.id,
          because: `${f.slo.id}: ${pct(spent)} of the ${f.periodLabel} budget spent within the last ${span(w)} (more than ${pct(share)})`,
          sinceMs: firstSpendWithin(f, w, share),
        };
      }) };
    }
    case 'dependency': {
      // pct 100 (the default) reads "exhausted": spent ≥ 100%; below that, "more than pct"
      const over = (spent: number) => (share >= 1 ? spent >= 1 - 1e-12 : spent > share + 1e-12);
      const notMet = input.dependencies.length === 0 ? 'the services in scope declare no dependencies with SLOs' : `no dependency SLO ${share >= 1 ? 'exhausted its budget' : `spent more than ${pct(share)} of its budget`}`;
      return { ...base, ...judgeAll(input.dependencies, notMet, (f) =>
        f.remaining === null || !over(1 - f.remaining) ? null : {
          slo: f.slo.id,
          because: `dependency ${f.slo.service}: ${f.slo.id} spent ${pct(1 - f.remaining)} of its ${f.periodLabel} budget${share >= 1 ? ' (exhausted)' : ` (more than ${pct(share)})`}`,
          sinceMs: firstAtOrBelow(f, share >= 1 ? 0 : 1 - share - 1e-9),
        }, notMet) };
    }
  }
  return { ...base, met: false, because: `condition kind "${String(condition.kind)}" cannot be judged automatically`, slos: [], sinceMs: null };
}

/** Met when any SLO meets it; `because` lists every SLO that does (and the SLOs whose figures are unknown). */
function judgeAll(figures: readonly SloPolicyFigures[], notMet: string, judge: Judge, empty = 'no SLOs in scope'): Omit<ConditionResult, 'id' | 'description' | 'kind' | 'trigger'> {
  const hits: Hit[] = [];
  const unknown: string[] = [];
  for (const f of figures) {
    if (f.error !== undefined) {
      unknown.push(`${f.slo.id} (${f.error})`);
      continue;
    }
    const hit = judge(f);
    if (hit) {
      hits.push(hit);
    }
  }
  const unknownText = unknown.length > 0 ? `; not judged: ${unknown.join(', ')}` : '';
  if (hits.length === 0) {
    return { met: false, because: figures.length === 0 ? empty : notMet + unknownText, slos: [], sinceMs: null };
  }
  const since = hits.map((h) => h.sinceMs).filter((t): t is number => t !== null);
  return { met: true, because: hits.map((h) => h.because).join('; ') + unknownText, slos: hits.map((h) => h.slo), sinceMs: since.length > 0 ? Math.min(...since) : null };
}

/** The latest recorded state of a manual condition decides; none recorded = not met. */
function manual(condition: PolicyCondition, input: ConditionInput): Omit<ConditionResult, 'id' | 'description' | 'kind' | 'trigger'> {
  const latest = latestState(input.manual, input.policy, condition.id);
  if (!latest) {
    return { met: false, because: 'manual condition, not recorded yet: the person going on call checks it (book 10.4)', slos: [], sinceMs: null };
  }
  // a store may hand back a bad instant: say so instead of throwing (one bad record never hides the policy)
  const known = Number.isFinite(latest.atMs) && Math.abs(latest.atMs) < 8.64e15;
  const when = known ? `${new Date(latest.atMs).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'an unknown time';
  const note = latest.note ? `: ${latest.note}` : '';
  return { met: latest.met === true, because: `recorded ${latest.met ? 'met' : 'not met'} by ${latest.by} at ${when}${note}`, slos: [], sinceMs: latest.met && known ? latest.atMs : null };
}

export function latestState(states: readonly ManualConditionState[], policy: string, conditionId: string): ManualConditionState | undefined {
  let latest: ManualConditionState | undefined;
  for (const s of states) {
    if (s.policy === policy && s.conditionId === conditionId && (!latest || s.atMs >= latest.atMs)) {
      latest = s;
    }
  }
  return latest;
}
