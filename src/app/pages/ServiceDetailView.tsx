import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, useStyles2 } from '@grafana/ui';
import { formatBurn, formatDurationShort, formatObjective, formatPercent } from '../../components/format';
import type { PeriodStateJson, SloStateResponse } from '../../core/contracts/resourceContract';
import { RowsTable } from '../scene/RowsTable';
import { DependencyState, ServiceDetail } from './serviceDetailData';

type EpisodeRow = PeriodStateJson['episodes'][number] & { slo: string; period: string };

export function ServiceDetailView({ d }: { d: ServiceDetail }) {
  const styles = useStyles2(getStyles);
  const episodes: EpisodeRow[] = d.slos.flatMap((s) => s.periods.flatMap((p) => p.episodes.map((e) => ({ ...e, slo: s.slo.id, period: p.label }))));
  return (
    <div className={styles.wrap}>
      {d.slos.length === 0 && <p>No SLO of {d.service} matches this SLI and deployment.</p>}
      <div className={styles.cards}>
        {d.slos.map((s) => (
          <SloCard key={s.slo.id} s={s} />
        ))}
      </div>
      <RowsTable<EpisodeRow>
        caption="Depletion episodes (book 11.2.4, table 11.3)"
        rows={episodes}
        empty="No depletion episodes in this time range."
        columns={[
          { key: 'slo', header: 'SLO', cell: (e) => e.slo },
          { key: 'period', header: 'Period', cell: (e) => e.period },
          { key: 'start', header: 'Start', cell: (e) => new Date(e.startMs).toISOString().slice(0, 16).replace('T', ' ') },
          { key: 'dur', header: 'Duration', cell: (e) => formatDurationShort(e.endMs - e.startMs) },
          { key: 'depleted', header: 'Depleted', cell: (e) => `${e.depletedPct.toFixed(1)}%` },
          { key: 'speed', header: 'Speed', cell: (e) => `${e.speedPctPerHour.toFixed(1)}% per hour` },
        ]}
      />
      <RowsTable<DependencyState>
        caption={`Dependencies of ${d.service} and their budget state`}
        rows={d.dependencies}
        empty={`${d.service} declares no dependencies.`}
        columns={[
          { key: 'service', header: 'Service', cell: (x) => x.service },
          { key: 'slos', header: 'SLOs', cell: (x) => (x.error ? x.error : String(x.slos)) },
          { key: 'worst', header: 'Least budget left', cell: (x) => formatPercent(x.worstRemaining, 1) },
          { key: 'states', header: 'States', cell: (x) => x.states.join(', ') || '–' },
        ]}
      />
      <h4>Error budget policy</h4>
      {'error' in d.policies ? (
        <Alert severity="warning" title="Policies are not available">
          {d.policies.error}
        </Alert>
      ) : d.policies.length === 0 ? (
        <p>No error budget policy applies to {d.service} (team {d.team}).</p>
      ) : (
        d.policies.map((p) => (
          <div key={p.policy}>
            <strong>{p.policy}</strong>: {p.purpose}
            <ul>
              {p.consequencesInForce.length === 0 ? <li>No consequence is in force now.</li> : p.consequencesInForce.map((c) => <li key={c.id}>In force: {c.description}{c.blocksReleases ? ' (blocks releases)' : ''}</li>)}
            </ul>
          </div>
        ))
      )}
    </div>
  );
}

function SloCard({ s }: { s: SloStateResponse }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.card} aria-label={`SLO ${s.slo.id}`}>
      <div>
        <strong>{s.slo.name}</strong> {s.slo.endpoint ?? ''} · {formatObjective(s.slo.objective)} · {s.slo.periodLabel}
      </div>
      {s.error ? (
        <Alert severity="error" title="No data">
          {s.error}
        </Alert>
      ) : (
        <dl className={styles.facts}>
          <dt>SLI</dt>
          <dd>{formatPercent(s.sli, 3)}</dd>
          <dt>Budget left</dt>
          <dd>{formatPercent(s.remaining, 1)}</dd>
          <dt>Burn 1h / 6h / 24h</dt>
          <dd>{['1h', '6h', '24h'].map((w) => formatBurn(s.burnRates[w])).join(' / ')}</dd>
          <dt>State</dt>
          <dd>
            <Badge color={s.burnState === 'Critical' ? 'red' : s.burnState === 'Acceptable' ? 'green' : 'orange'} text={s.burnState} />
          </dd>
          <dt>Exhausted in</dt>
          <dd>{s.exhaustionForecastMs === null ? 'not at this pace' : formatDurationShort(s.exhaustionForecastMs)}</dd>
          <dt>Days left</dt>
          <dd>{s.daysLeft}</dd>
          <dt>Priority</dt>
          <dd>{s.priority.level ? `P${s.priority.level}: ${s.priority.reason}` : '–'}</dd>
        </dl>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  cards: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2) }),
  card: css({ border: `1px solid ${theme.colors.border.weak}`, borderRadius: theme.shape.radius.default, padding: theme.spacing(1, 2), minWidth: 320 }),
  facts: css({ display: 'grid', gridTemplateColumns: 'max-content auto', gap: theme.spacing(0.25, 2), margin: 0, dt: { color: theme.colors.text.secondary } }),
});
