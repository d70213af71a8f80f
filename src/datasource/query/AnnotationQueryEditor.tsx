/**
 * Annotation query editor (dashboard settings → Annotations): which SLOs and
 * which kinds to mark. Always runs queryType `episodes` (annotations.ts).
 */
import React from 'react';
import { QueryEditorProps } from '@grafana/data';
import { Stack } from '@grafana/ui';
import { DEFAULT_ANNOTATION_KINDS } from '../annotationKinds';
import type { EditorDataSource } from '../editorSource';
import type { SloLedgerQuery } from '../types';
import { AnnotationFields } from './AnnotationFields';
import { SelectionFields } from './SelectionFields';

type Props = QueryEditorProps<EditorDataSource, SloLedgerQuery>;

export function AnnotationQueryEditor({ datasource, query, onChange }: Props) {
  const current: SloLedgerQuery = { ...query, queryType: 'episodes' };
  const change = (patch: Partial<SloLedgerQuery>) => onChange({ ...current, ...patch });
  return (
    <Stack direction="column" gap={1}>
      <SelectionFields source={datasource} selection={current} onChange={(selection) => change(selection)} />
      <AnnotationFields
        kinds={current.annotationKinds ?? [...DEFAULT_ANNOTATION_KINDS]}
        deploymentQuery={current.deploymentQuery}
        onKindsChange={(annotationKinds) => change({ annotationKinds })}
        onDeploymentQueryChange={(deploymentQuery) => change({ deploymentQuery })}
      />
    </Stack>
  );
}
