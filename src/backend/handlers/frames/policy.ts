/**
 * The `policy` frame (frameContract POLICY_COLUMNS): for every judged error
 * budget policy, its conditions (met, why, since when), its consequences (in
 * force, why), the release gate per in-scope service and environment, and
 * its review date (book ch. 10).
 */
import { POLICY_COLUMNS } from '../../../core/contracts/frameContract';
import { PolicyEvaluation } from '../../../core/policy/evaluatePolicy';
import { Frame, FieldValue, tableFrame, TableColumn, withNotice } from '../../protocol/frame';
import { QueryContext } from './context';

type Row = Record<(typeof POLICY_COLUMNS)[number], FieldValue>;

function rowsOf(e: PolicyEvaluation): Row[] {
  const common = { policy: e.policy.name, teams: e.policy.scope.teams.join(',') };
  const blank = { trigger: '', slos: '', service: '', environment: '', blocksReleases: false, since: null };
  return [
    ...e.conditions.map((c): Row => ({
      ...common, ...blank, row: 'condition', id: c.id, description: c.description, trigger: c.trigger,
      active: c.met, state: c.met ? 'met' : 'not met', because: c.because, slos: c.slos.join(','), since: c.sinceMs,
    })),
    ...e.consequences.map((c): Row => ({
      ...common, ...blank, row: 'consequence', id: c.id, description: c.description,
      active: c.inForce, state: c.inForce ? 'in force' : 'not in force', because: c.because, blocksReleases: c.blocksReleases, environment: c.environments.join(','),
    })),
    ...e.gates.map((g): Row => ({
      ...common, ...blank, row: 'gate', id: `${g.service}@${g.environment ?? '*'}`, description: `release gate of ${g.service}${g.environment ? ` to ${g.environment}` : ''}`,
      active: g.decision === 'deny', state: g.decision, because: g.reasons.join('; '), service: g.service, environment: g.environment ?? '',
    })),
    {
      ...common, ...blank, row: 'review', id: 'next-review', description: 'next review of the policy (book 10.11)',
      active: e.reviewOverdue, state: e.reviewOverdue ? 'overdue' : 'due',
      because: e.policy.nextReview === undefined ? 'no review date' : `next review ${new Date(e.policy.nextReview).toISOString().slice(0, 10)}${e.reviewOverdue ? ' has passed' : ''}; agreed by ${e.policy.agreedBy.join(', ')}; escalation: ${e.policy.escalation}`,
      since: e.policy.nextReview ?? null,
    },
  ];
}

export function policyFrame(refId: string, evaluations: readonly PolicyEvaluation[], nowMs: number): Frame {
  const rows = evaluations.flatMap(rowsOf);
  const types: Record<string, TableColumn['type']> = { active: 'boolean', blocksReleases: 'boolean', since: 'time' };
  const columns: TableColumn[] = POLICY_COLUMNS.map((name) => ({ name, type: types[name] ?? 'string', values: rows.map((r) => r[name]) }));
  return tableFrame('policy', columns, { refId, meta: { custom: { nowMs } } });
}

/** The `policy` query: the policies judged for the query (those covering its selection), with the judgement's notices. */
export function policyQueryFrame(ctx: QueryContext): Frame {
  let frame = policyFrame(ctx.query.refId, ctx.policies?.evaluations ?? [], ctx.nowMs);
  for (const text of ctx.policies?.notices ?? []) {
    frame = withNotice(frame, { severity: 'warning', text });
  }
  if (ctx.catalog.policies.length === 0) {
    frame = withNotice(frame, { severity: 'info', text: 'The catalog declares no error budget policies: add `policies:` (docs/catalog.md, book ch. 10)' });
  }
  return frame;
}
