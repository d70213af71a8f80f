/** A guided workflow's steps (book 11.5): each step names its indicator and gives its answer; a summary box closes it. */
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Alert, useStyles2 } from '@grafana/ui';

export interface StepView {
  step: number;
  indicator: string;
  answer: React.ReactNode;
  /** true: a warning sign; false: fine; null/undefined: neutral or unknown. */
  sign?: boolean | null;
}

export function StepList({ steps, summary, tone = 'info', notes = [] }: { steps: StepView[]; summary: string; tone?: 'info' | 'success' | 'warning'; notes?: string[] }) {
  const styles = useStyles2(getStyles);
  return (
    <div>
      <ol className={styles.steps}>
        {steps.map((s) => (
          <li key={s.step} aria-label={`Step ${s.step}`}>
            <span className={styles.indicator}>Step {s.step} · {s.indicator}</span>
            <div className={s.sign === true ? styles.warn : undefined}>{s.answer}</div>
          </li>
        ))}
      </ol>
      <Alert severity={tone} title="Answer">
        {summary}
        {notes.map((n) => (
          <div key={n}>{n}</div>
        ))}
      </Alert>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  steps: css({ paddingLeft: theme.spacing(2), li: { marginBottom: theme.spacing(1) } }),
  indicator: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  warn: css({ color: theme.colors.warning.text }),
});
