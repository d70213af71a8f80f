/**
 * A plain, accessible table for resource rows (indicator tables, episodes,
 * decision steps) with theme styles. Empty input says so in words.
 */
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

export interface ColumnSpec<R> {
  key: string;
  header: string;
  cell: (row: R) => React.ReactNode;
}

export function RowsTable<R>({ rows, columns, empty, caption }: { rows: readonly R[]; columns: ReadonlyArray<ColumnSpec<R>>; empty: string; caption?: string }) {
  const styles = useStyles2(getStyles);
  if (rows.length === 0) {
    return <p className={styles.empty}>{empty}</p>;
  }
  return (
    <table className={styles.table}>
      {caption && <caption className={styles.caption}>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c.key}>{c.cell(r)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The notices a resource answered with (catalog errors, SLOs that failed, missing data). */
export function Notices({ notices }: { notices: readonly string[] }) {
  const styles = useStyles2(getStyles);
  if (notices.length === 0) {
    return null;
  }
  return (
    <ul className={styles.notices} aria-label="Notices">
      {notices.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': { padding: theme.spacing(0.5, 1), borderBottom: `1px solid ${theme.colors.border.weak}`, textAlign: 'left' },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  caption: css({ textAlign: 'left', color: theme.colors.text.secondary, paddingBottom: theme.spacing(0.5) }),
  empty: css({ color: theme.colors.text.secondary, fontStyle: 'italic' }),
  notices: css({ color: theme.colors.warning.text, fontSize: theme.typography.bodySmall.fontSize, paddingLeft: theme.spacing(2) }),
});
