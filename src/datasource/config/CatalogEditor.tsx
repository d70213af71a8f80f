/**
 * The catalog kept in the datasource settings, validated as you type with
 * the core loader: each issue is listed as "line N, col M: path: message"
 * and marked at its line in the editor.
 */
import React, { useDeferredValue, useMemo, useRef } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import { formatIssueAt, validateCatalogText } from './catalogValidation';
import { YamlEditor, YamlEditorApi } from './YamlEditor';

interface Props {
  text: string;
  onChange: (text: string) => void;
}

export function CatalogEditor({ text, onChange }: Props) {
  const styles = useStyles2(getStyles);
  const deferred = useDeferredValue(text);
  const check = useMemo(() => validateCatalogText(deferred), [deferred]);
  const editor = useRef<YamlEditorApi | undefined>(undefined);
  const errors = check.issues.filter((i) => i.severity === 'error').length;
  const warnings = check.issues.length - errors;

  return (
    <div className={styles.wrapper}>
      <YamlEditor
        label="Catalog YAML"
        value={text}
        onChange={onChange}
        marks={check.issues}
        onReady={(api) => {
          editor.current = api;
        }}
      />
      <div role="status" className={errors > 0 ? styles.summaryError : styles.summary}>
        {deferred.trim() === ''
          ? 'No catalog in the settings (SLOs may come from the catalog directory).'
          : errors > 0
            ? `${errors} ${errors === 1 ? 'error' : 'errors'}${warnings ? `, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''}: ${check.slos} ${check.slos === 1 ? 'SLO loads' : 'SLOs load'}, the others are skipped.`
            : `Valid: ${check.slos} ${check.slos === 1 ? 'SLO' : 'SLOs'}${warnings ? `, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : ''}.`}
      </div>
      {check.issues.length > 0 && (
        <ul aria-label="Catalog issues" className={styles.list}>
          {check.issues.map((issue, i) => (
            <li key={i} className={issue.severity === 'error' ? styles.error : styles.warning}>
              <button type="button" className={styles.link} onClick={() => editor.current?.reveal(issue.line, issue.column)} title="Show in the editor">
                <Icon name={issue.severity === 'error' ? 'exclamation-circle' : 'exclamation-triangle'} size="sm" />{' '}
                <span>{formatIssueAt(issue)}</span>
                {issue.severity === 'warning' && <span className={styles.tag}> (warning)</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  summary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  summaryError: css({ color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize }),
  list: css({ listStyle: 'none', margin: 0, padding: 0, fontFamily: theme.typography.fontFamilyMonospace, fontSize: theme.typography.bodySmall.fontSize }),
  error: css({ color: theme.colors.error.text }),
  warning: css({ color: theme.colors.warning.text }),
  tag: css({ color: theme.colors.text.secondary }),
  link: css({
    background: 'none',
    border: 'none',
    padding: theme.spacing(0.25, 0),
    color: 'inherit',
    font: 'inherit',
    textAlign: 'left',
    cursor: 'pointer',
    '&:hover': { textDecoration: 'underline' },
  }),
});
