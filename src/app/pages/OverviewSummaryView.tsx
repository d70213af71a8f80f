import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2 } from '@grafana/ui';
import { formatPercent } from '../../components/format';
import type { IndicatorResponse } from '../../core/contracts/resourceContract';
import { AppContext, detailUrl } from '../context';
import { Notices, RowsTable } from '../scene/RowsTable';
import { BURN_STATES, overviewSummary, ServiceRisk } from './overviewSummary';

const STATE_COLOR = { Critical: 'red', Increasing: 'orange', Recovering: 'blue', Acceptable: 'green', 'No data': 'darkgrey' } as const;

/** `linkTo` adds what a link keeps from the page (its time range, see withTimeRange). */
export function OverviewSummaryView({ res, ctx, linkTo = (url) => url }: { res: IndicatorResponse; ctx: AppContext; linkTo?: (url: string) => string }) {
  const styles = useStyles2(getStyles);
  const s = overviewSummary(res);
  if (s.total === 0) {
    return (
      <>
        <p>No SLO matches the filters. Add SLOs to the catalog of the SLO Ledger datasource (see docs/catalog.md).</p>
        <Notices notices={res.notices} />
      </>
    );
  }
  return (
    <div className={styles.wrap}>
      <div className={styles.facts}>
        {s.periods.map((p) => (
          <div key={p.label} className={styles.fact}>
            <strong>{p.label}</strong>: {p.days} days{p.daysLeft !== null ? `, ${p.daysLeft} days left` : ', rolling window'} ({p.slos} SLOs)
          </div>
        ))}
        <div className={styles.fact} aria-label="SLOs by state">
          {BURN_STATES.map((state) => (
            <Badge key={state} color={STATE_COLOR[state]} text={`${state}: ${s.byState[state] ?? 0}`} />
          ))}
        </div>
      </div>
      <RowsTable<ServiceRisk>
        caption="Services at risk first"
        rows={s.services}
        empty="No services."
        columns={[
          { key: 'service', header: 'Service', cell: (r) => <a href={linkTo(detailUrl(ctx, r.service, r.sli, r.deployment))}>{r.service}</a> },
          { key: 'team', header: 'Team', cell: (r) => r.team },
          { key: 'worst', header: 'Least budget left', cell: (r) => `${formatPercent(r.worstRemaining, 1)} (${r.worstSlo})` },
          { key: 'critical', header: 'Critical SLOs', cell: (r) => `${r.critical} of ${r.slos}` },
        ]}
      />
      <Notices notices={res.notices} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  facts: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) }),
  fact: css({ display: 'flex', gap: theme.spacing(0.5), alignItems: 'center' }),
});
