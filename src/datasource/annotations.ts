/**
 * Annotations of the SLO Ledger datasource: the backend answers queryType
 * `episodes` with annotation frames (time, timeEnd, title, text, tags) for
 * the kinds asked for: depletion episodes, premature exhaustion, policy
 * enactments, deployments (book 11.2.4 fig. 11.4: deployments on the burn-down).
 */
import type { AnnotationQuery, AnnotationSupport } from '@grafana/data';
import { DEFAULT_ANNOTATION_KINDS } from './annotationKinds';
import { AnnotationQueryEditor } from './query/AnnotationQueryEditor';
import { SloLedgerQuery } from './types';

export const DEFAULT_ANNOTATION_QUERY: Partial<SloLedgerQuery> = {
  queryType: 'episodes',
  annotationKinds: [...DEFAULT_ANNOTATION_KINDS],
  includeDefaults: true,
};

/**
 * The query an annotation runs: always queryType `episodes`, the stored
 * selection and kinds, defaults when the annotation was never edited.
 * Undefined (skip quietly) when no kind is selected.
 */
export function prepareAnnotationQuery(anno: AnnotationQuery<SloLedgerQuery>): SloLedgerQuery | undefined {
  const target: Partial<SloLedgerQuery> = anno.target ?? {};
  const kinds = target.annotationKinds ?? DEFAULT_ANNOTATION_KINDS;
  if (kinds.length === 0) {
    return undefined;
  }
  return { ...DEFAULT_ANNOTATION_QUERY, ...target, refId: target.refId || 'Anno', queryType: 'episodes', annotationKinds: [...kinds] };
}

export const annotationSupport: AnnotationSupport<SloLedgerQuery> = {
  QueryEditor: AnnotationQueryEditor,
  getDefaultQuery: () => ({ ...DEFAULT_ANNOTATION_QUERY }),
  prepareQuery: prepareAnnotationQuery,
};
