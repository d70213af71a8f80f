/**
 * "SLOs by service" (book 11.2.2, fig. 11.1). Rows are virtualised: only the
 * rows in view (plus a few) are in the DOM, so 1,000 SLOs scroll and sort fast.
 */
import React, { useMemo, useState } from 'react';
import { css, cx } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';
import { fillTemplate } from '../../components/format';
import { COLUMNS, OverviewColumn } from './columns';
import { OverviewOptions } from './options';
import { groupRows, OverviewRow, periodSummary, readOverviewRows, SortSpec, sortRows } from './viewModel';

const ROW_HEIGHT = 34;
const OVERSCAN = 8;
const NARROW_PX = 640;

type Item = { kind: 'group'; key: string; count: number; atRisk: number } | { kind: 'row'; row: OverviewRow };

export function OverviewPanel({ data, options, width, height, id, fieldConfig }: PanelProps<OverviewOptions>) {
  const styles = useStyles2(getStyles);
  const [sort, setSort] = useState<SortSpec | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const all = useMemo(() => readOverviewRows(data.series), [data.series]);
  const rows = useMemo(() => sortRows(options.showDefaults ? all : all.filter((r) => !r.isDefault), sort), [all, options.showDefaults, sort]);
  const items = useMemo<Item[]>(
    () =>
      groupRows(rows, options.groupBy).flatMap((g) => [
        ...(options.groupBy === 'none' ? [] : [{ kind: 'group' as const, key: g.key, count: g.rows.length, atRisk: g.atRisk }]),
        ...g.rows.map((row) => ({ kind: 'row' as const, row })),
      ]),
    [rows, options.groupBy]
  );
  if (all.length === 0) {
    return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} message="No SLOs: use the SLO Ledger datasource with the “SLOs by service” (catalog) query type" />;
  }
  const columns = width < NARROW_PX ? COLUMNS.filter((c) => c.essential) : COLUMNS;
  const template = columns.map((c) => `${c.width}fr`).join(' ');
  const summary = periodSummary(rows);
  const bodyHeight = Math.max(ROW_HEIGHT, height - ROW_HEIGHT - (summary ? 24 : 0));
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + bodyHeight) / ROW_HEIGHT) + OVERSCAN);

  const toggle = (c: OverviewColumn) => {
    if (!c.sortKey) {
      return;
    }
    setSort((s) => (!s || s.key !== c.sortKey ? { key: c.sortKey!, direction: 'asc' } : s.direction === 'asc' ? { key: c.sortKey!, direction: 'desc' } : null));
  };

  return (
    <div className={styles.wrap}>
      {summary && <div className={styles.summary}>{summary}</div>}
      <div role="table" aria-label="SLOs by service" aria-rowcount={items.length + 1} className={styles.table}>
        <div role="row" className={styles.headRow} style={{ gridTemplateColumns: template }}>
          {columns.map((c) => {
            const active = sort?.key === c.sortKey && c.sortKey !== undefined;
            return (
              <div key={c.id} role="columnheader" aria-sort={active ? (sort!.direction === 'asc' ? 'ascending' : 'descending') : 'none'} className={styles.head}>
                {c.sortKey ? (
                  <button type="button" className={styles.sortButton} onClick={() => toggle(c)}>
                    {c.header}
                    {active ? (sort!.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                ) : (
                  c.header
                )}
              </div>
            );
          })}
        </div>
        <div className={styles.body} style={{ height: bodyHeight }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid="overview-body">
          <div style={{ height: items.length * ROW_HEIGHT, position: 'relative' }}>
            {items.slice(first, last).map((item, k) => {
              const top = (first + k) * ROW_HEIGHT;
              if (item.kind === 'group') {
                return (
                  <div key={`g:${item.key}`} role="row" className={styles.group} style={{ top, height: ROW_HEIGHT }}>
                    <div role="cell">
                      {item.key} · {item.count} SLOs{item.atRisk > 0 ? ` · ${item.atRisk} critical` : ''}
                    </div>
                  </div>
                );
              }
              const r = item.row;
              const href = fillTemplate(options.rowLink, { slo: r.slo, service: r.service, sli: r.sli, deployment: r.deployment });
              return (
                <a
                  key={r.slo}
                  role="row"
                  href={href}
                  aria-rowindex={first + k + 2}
                  className={cx(styles.row, r.burnState === 'Critical' && styles.critical)}
                  style={{ top, height: ROW_HEIGHT, gridTemplateColumns: template }}
                  title={r.error || r.priorityReason || r.gateReason || undefined}
                >
                  {columns.map((c) => (
                    <div key={c.id} role="cell" className={styles.cell}>
                      {c.id === 'name' && r.error ? <span className={styles.error}>⚠ {r.name}: {r.error}</span> : c.cell(r)}
                    </div>
                  ))}
                </a>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ display: 'flex', flexDirection: 'column', height: '100%', fontSize: theme.typography.bodySmall.fontSize }),
  summary: css({ color: theme.colors.text.secondary, height: 24 }),
  table: css({ display: 'flex', flexDirection: 'column', minHeight: 0 }),
  headRow: css({ display: 'grid', height: ROW_HEIGHT, alignItems: 'center', borderBottom: `1px solid ${theme.colors.border.medium}` }),
  head: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium, padding: theme.spacing(0, 0.5), overflow: 'hidden', whiteSpace: 'nowrap' }),
  sortButton: css({ all: 'unset', cursor: 'pointer', '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` } }),
  body: css({ overflowY: 'auto', position: 'relative' }),
  row: css({
    position: 'absolute',
    left: 0,
    right: 0,
    display: 'grid',
    alignItems: 'center',
    color: theme.colors.text.primary,
    textDecoration: 'none',
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    '&:hover': { background: theme.colors.action.hover },
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
  }),
  critical: css({ borderLeft: `3px solid ${theme.colors.error.main}` }),
  group: css({ position: 'absolute', left: 0, right: 0, display: 'flex', alignItems: 'center', fontWeight: theme.typography.fontWeightMedium, background: theme.colors.background.secondary, padding: theme.spacing(0, 1) }),
  cell: css({ padding: theme.spacing(0, 0.5), overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }),
  error: css({ color: theme.colors.error.text }),
});
