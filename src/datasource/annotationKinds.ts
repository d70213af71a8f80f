/** The annotation kinds of the `episodes` query (src/core/contracts/queryModel.ts AnnotationKind), named for people. */
import type { AnnotationKind } from '../core/contracts/queryModel';

export const ANNOTATION_KINDS: ReadonlyArray<{ value: AnnotationKind; label: string; description: string }> = [
  { value: 'episodes', label: 'Depletion episodes', description: 'Runs of burn rate above 1, with depleted % and speed (book 11.2.4)' },
  { value: 'exhaustion', label: 'Premature exhaustion', description: 'The instant a period ran out of budget before its end (book 11.2.5)' },
  { value: 'policy', label: 'Policy', description: 'Error budget policy conditions met and consequences enacted (book ch. 10)' },
  { value: 'deployments', label: 'Deployments', description: 'Series of the deployment query below mark deployments' },
];

/** Kinds a new annotation shows: episodes and premature exhaustion. */
export const DEFAULT_ANNOTATION_KINDS: readonly AnnotationKind[] = ['episodes', 'exhaustion'];
