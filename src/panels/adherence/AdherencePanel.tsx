import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';
import type { AdherenceState } from '../../core/contracts/frameContract';
import { formatObjective, formatPercent } from '../../components/format';
import { AdherenceOptions } from './options';
import { AdherenceCell, buildAdherenceView } from './viewModel';

/** Symbols beside the colours, so the state never depends on colour alone. */
const SYMBOL: Record<AdherenceState, string> = { Fulfilled: '✓', Broken: '✗', 'No data': '–', 'In progress': '…' };

export function AdherencePanel({ data, options, id, fieldConfig }: PanelProps<AdherenceOptions>) {
  const styles = useStyles2(getStyles);
  const view = buildAdherenceView(data.series, options.cellLink);
  if (view.rows.length === 0) {
    return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} message="No adherence data: use the SLO Ledger datasource with the Adherence query type" />;
  }
  return (
    <div className={styles.wrap}>
      <table className={styles.table} aria-label="SLO adherence per period">
        <thead>
          <tr>
            <th scope="col" className={styles.head}>
              SLO / SLA
            </th>
            <th scope="col" className={styles.head}>
              Objective
            </th>
            {view.periods.map((p) => (
              <th scope="col" key={p.key} className={styles.head}>
                {p.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className={styles.rowHead}>
                <div className={styles.name}>{row.name}</div>
                <div className={styles.meta}>
                  {row.kind === 'sla' ? (row.contractual ? 'contractual SLA' : 'endpoint-level SLA') : [row.service, row.sli, row.endpoint, row.deployment].filter(Boolean).join(' · ')}
                </div>
              </th>
              <td className={styles.objective}>{formatObjective(row.objective)}</td>
              {view.periods.map((p) => (
                <Cell key={p.key} cell={row.cells.get(p.key)} period={p.label} name={row.name} showSli={options.showSli} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ cell, period, name, showSli }: { cell?: AdherenceCell; period: string; name: string; showSli: boolean }) {
  const styles = useStyles2(getStyles);
  if (!cell) {
    return <td className={styles.cell} />;
  }
  const text = `${SYMBOL[cell.state]} ${cell.state}`;
  const label = `${name}, ${period}: ${cell.state}${cell.sli !== null ? `, SLI ${formatPercent(cell.sli, 3)}` : ''}`;
  return (
    <td className={styles.cell}>
      <a href={cell.href} className={`${styles.link} ${styles.state[cell.state]}`} aria-label={label} title={label}>
        <span>{text}</span>
        {showSli && cell.sli !== null && <span className={styles.sli}>{formatPercent(cell.sli, 3)}</span>}
      </a>
    </td>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  // Blue / orange is the colour-blind-safe pair; text and symbol carry the state too.
  const tone = (color: string) =>
    css({ background: theme.colors.emphasize(color, 0), color: theme.colors.getContrastText(color), '&:hover': { background: theme.colors.emphasize(color, 0.15) } });
  return {
    wrap: css({ overflow: 'auto', height: '100%' }),
    table: css({ borderCollapse: 'separate', borderSpacing: theme.spacing(0.5), width: '100%', fontSize: theme.typography.bodySmall.fontSize }),
    head: css({ textAlign: 'left', color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium, whiteSpace: 'nowrap', padding: theme.spacing(0.5) }),
    rowHead: css({ textAlign: 'left', fontWeight: theme.typography.fontWeightRegular, padding: theme.spacing(0.5), minWidth: 140 }),
    name: css({ fontWeight: theme.typography.fontWeightMedium }),
    meta: css({ color: theme.colors.text.secondary }),
    objective: css({ whiteSpace: 'nowrap', padding: theme.spacing(0.5) }),
    cell: css({ padding: 0, minWidth: 84 }),
    link: css({
      display: 'flex',
      flexDirection: 'column',
      padding: theme.spacing(0.5, 1),
      borderRadius: theme.shape.radius.default,
      textDecoration: 'none',
      '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
    }),
    sli: css({ opacity: 0.85 }),
    state: {
      Fulfilled: tone(theme.visualization.getColorByName('blue')),
      Broken: tone(theme.visualization.getColorByName('orange')),
      'No data': css({ background: theme.colors.background.secondary, color: theme.colors.text.secondary, border: `1px dashed ${theme.colors.border.medium}` }),
      'In progress': css({ background: theme.colors.background.secondary, color: theme.colors.text.primary, border: `1px solid ${theme.colors.border.strong}` }),
    } as Record<AdherenceState, string>,
  };
};
