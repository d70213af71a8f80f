import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';
import { BudgetChart } from './BudgetChart';
import { BudgetOptions } from './options';
import { readBudgetSeries, readDeployments } from './viewModel';

const TITLE_PX = 18;

/** Error budget depletion: small multiples (one chart per SLO) or all SLOs overlaid. */
export function BudgetPanel({ data, options, width, height, timeRange, timeZone, id, fieldConfig }: PanelProps<BudgetOptions>) {
  const styles = useStyles2(getStyles);
  const series = readBudgetSeries(data.series);
  if (series.length === 0) {
    return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} message="No error budget data: use the SLO Ledger datasource with the Remaining error budget query type" />;
  }
  const fromMs = timeRange.from.valueOf();
  const toMs = timeRange.to.valueOf();
  const deployments = options.showDeployments ? readDeployments(data.annotations, fromMs, toMs) : [];
  const common = { fromMs, toMs, timeZone, deployments, onlyPremature: options.onlyPremature, showEpisodes: options.showEpisodes };
  if (options.layout === 'overlay' || series.length === 1) {
    return <BudgetChart {...common} series={series} width={width} height={height} />;
  }
  const columns = width >= 900 ? 3 : width >= 500 ? 2 : 1;
  const cellWidth = Math.floor(width / columns) - 8;
  const rows = Math.ceil(series.length / columns);
  const cellHeight = Math.max(120, Math.floor(height / Math.min(rows, 3)) - 8);
  return (
    <div className={styles.grid} style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
      {series.map((s) => (
        <BudgetChart key={s.key} {...common} series={[s]} width={cellWidth} height={cellHeight - TITLE_PX} title={[s.name, s.service].filter(Boolean).join(' · ')} />
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({ display: 'grid', gap: theme.spacing(1), overflowY: 'auto', height: '100%' }),
});
