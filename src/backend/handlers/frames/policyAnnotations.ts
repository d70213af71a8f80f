/**
 * Policy-trigger annotations for the `episodes` query (annotationKinds
 * includes "policy"): the moment each currently met condition of an error
 * budget policy became met (book 10.4: "policy condition met" events), with
 * the consequences it puts in force.
 */
import { PolicyEvaluation } from '../../../core/policy/evaluatePolicy';
import type { AnnotationRow } from './annotations';

export function policyAnnotationRows(evaluations: readonly PolicyEvaluation[], fromMs: number, toMs: number): AnnotationRow[] {
  const rows: AnnotationRow[] = [];
  for (const e of evaluations) {
    for (const c of e.conditions) {
      if (!c.met || c.sinceMs === null || c.sinceMs < fromMs || c.sinceMs > toMs) {
        continue;
      }
      const consequences = e.consequences.filter((q) => q.byConditions.includes(c.id)).map((q) => `${q.id} ${q.description}`);
      rows.push({
        time: c.sinceMs,
        timeEnd: c.sinceMs,
        title: `${e.policy.name}: condition ${c.id} met (${c.description})`,
        text: `${c.because}${consequences.length > 0 ? `. In force: ${consequences.join('; ')}` : ''}`,
        tags: ['policy', e.policy.name, `condition-${c.id}`, c.trigger, ...e.services].join(','),
      });
    }
  }
  return rows;
}
