/** Which annotation kinds an `episodes` query returns, and the deployment query. */
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Checkbox, InlineField, Stack, TextArea, useStyles2 } from '@grafana/ui';
import type { AnnotationKind } from '../../core/contracts/queryModel';
import { ANNOTATION_KINDS } from '../annotationKinds';

interface Props {
  kinds: AnnotationKind[];
  deploymentQuery?: string;
  onKindsChange: (kinds: AnnotationKind[]) => void;
  onDeploymentQueryChange: (text: string) => void;
  onDeploymentQueryBlur?: () => void;
}

export function AnnotationFields({ kinds, deploymentQuery, onKindsChange, onDeploymentQueryChange, onDeploymentQueryBlur }: Props) {
  const styles = useStyles2(getStyles);
  const toggle = (kind: AnnotationKind, on: boolean) =>
    onKindsChange(ANNOTATION_KINDS.map((k) => k.value).filter((k) => (k === kind ? on : kinds.includes(k))));
  return (
    <Stack direction="column" gap={1}>
      <InlineField label="Annotate" labelWidth={14} tooltip="What the annotations mark" invalid={kinds.length === 0} error="Pick at least one kind">
        <KindCheckboxes kinds={kinds} onToggle={toggle} />
      </InlineField>
      {kinds.includes('deployments') && (
        <InlineField label="Deployment query" labelWidth={14} grow tooltip="PromQL or LogQL run by the backend; each series or line marks a deployment">
          <TextArea
            aria-label="Deployment query"
            className={styles.code}
            rows={2}
            placeholder='changes(kube_deployment_status_observed_generation{namespace="prod"}[5m]) > 0'
            value={deploymentQuery ?? ''}
            onChange={(e) => onDeploymentQueryChange(e.currentTarget.value)}
            onBlur={onDeploymentQueryBlur}
          />
        </InlineField>
      )}
    </Stack>
  );
}

/** The checkboxes; a component of its own so InlineField's `invalid` prop does not reach a DOM element. */
function KindCheckboxes({ kinds, onToggle }: { kinds: AnnotationKind[]; onToggle: (kind: AnnotationKind, on: boolean) => void }) {
  return (
    <Stack direction="row" gap={2} wrap="wrap">
      {ANNOTATION_KINDS.map((k) => (
        <Checkbox key={k.value} label={k.label} description={k.description} value={kinds.includes(k.value)} onChange={(e) => onToggle(k.value, e.currentTarget.checked)} />
      ))}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  code: css({ fontFamily: theme.typography.fontFamilyMonospace }),
});
