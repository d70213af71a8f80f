/**
 * Grafana's built-in panels (table, time series) ship with Grafana, not with
 * @grafana/ui, so the preview cannot mount them. This stand-in (preview
 * only) renders the frames a page's query returned as plain HTML tables, so
 * the page still shows its real data; the preview header says so.
 */
import React from 'react';
import { css } from '@emotion/css';
import { DataFrame, Field, FieldType, GrafanaTheme2, PanelPlugin, PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/** Rows shown per frame (time series have hundreds of points; the newest are shown). */
const MAX_ROWS = 8;

function cellText(field: Field, i: number): string {
  const v = (field.values as ArrayLike<unknown>)[i];
  if (v === null || v === undefined) {
    return '–';
  }
  if (field.type === FieldType.time && typeof v === 'number') {
    return new Date(v).toISOString().slice(0, 16).replace('T', ' ');
  }
  if (typeof v === 'number') {
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  }
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function frameTitle(frame: DataFrame, i: number): string {
  const labels = frame.fields.find((f) => f.labels && Object.keys(f.labels).length > 0)?.labels;
  const text = labels ? Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ') : '';
  return [frame.name ?? frame.refId ?? `frame ${i + 1}`, text].filter(Boolean).join(' · ');
}

function StandInPanel({ data, width, height, builtin }: PanelProps<{}> & { builtin: string }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.wrap} style={{ width, height }} data-testid={`builtin-standin-${builtin}`}>
      <p className={styles.note}>Preview stand-in for Grafana’s built-in “{builtin}” panel: the frames as tables.</p>
      {data.series.length === 0 && <p className={styles.note}>No frames.</p>}
      {data.series.map((frame, i) => {
        const length = frame.length ?? frame.fields[0]?.values.length ?? 0;
        const start = builtin === 'timeseries' ? Math.max(0, length - MAX_ROWS) : 0;
        const rows = Array.from({ length: Math.min(MAX_ROWS, length - start) }, (_, k) => start + k);
        return (
          <table key={i} className={styles.table} aria-label={frameTitle(frame, i)}>
            <caption>
              {frameTitle(frame, i)} ({length} rows{length > rows.length ? `, ${builtin === 'timeseries' ? 'last' : 'first'} ${rows.length} shown` : ''})
            </caption>
            <thead>
              <tr>
                {frame.fields.map((f) => (
                  <th key={f.name}>{f.config?.displayName ?? f.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r}>
                  {frame.fields.map((f) => (
                    <td key={f.name}>{cellText(f, r)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}

export function builtinPanelStandIn(builtin: 'table' | 'timeseries'): PanelPlugin {
  const Panel = (props: PanelProps<{}>) => <StandInPanel {...props} builtin={builtin} />;
  return new PanelPlugin<{}>(Panel);
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ overflow: 'auto' }),
  note: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, fontStyle: 'italic', margin: theme.spacing(0, 0, 0.5) }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    marginBottom: theme.spacing(1),
    caption: { textAlign: 'left', color: theme.colors.text.secondary },
    'th, td': { padding: theme.spacing(0.25, 1), borderBottom: `1px solid ${theme.colors.border.weak}`, textAlign: 'left' },
  }),
});
