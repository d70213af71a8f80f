import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { formatPercent } from '../../components/format';

/** Remaining budget as a bar: full = 100%, empty at 0, budget debt drawn as a red stub with the value. */
export function BudgetBar({ remaining }: { remaining: number | null }) {
  const styles = useStyles2(getStyles);
  if (remaining === null) {
    return <span className={styles.muted}>no data</span>;
  }
  const width = Math.max(0, Math.min(1, remaining)) * 100;
  const tone = remaining <= 0 ? styles.debt : remaining < 0.25 ? styles.low : styles.ok;
  return (
    <span className={styles.barWrap} role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(remaining * 100)} aria-label="Remaining error budget">
      <span className={styles.track}>
        <span className={`${styles.fill} ${tone}`} style={{ width: `${remaining <= 0 ? 100 : width}%` }} />
      </span>
      <span className={styles.value}>{formatPercent(remaining, 1)}</span>
    </span>
  );
}

const DOT: Record<string, string> = { Fulfilled: '●', Broken: '✗', 'No data': '○', 'In progress': '◐' };

/** Adherence of the last periods, oldest first, as small symbols (not colour alone). */
export function AdherenceDots({ states }: { states: string[] }) {
  const styles = useStyles2(getStyles);
  if (states.length === 0) {
    return <span className={styles.muted}>–</span>;
  }
  return (
    <span aria-label={`Last periods: ${states.join(', ')}`} title={states.join(', ')}>
      {states.map((s, i) => (
        <span key={i} className={s === 'Broken' ? styles.broken : s === 'Fulfilled' ? styles.fulfilled : styles.muted}>
          {DOT[s] ?? '?'}
        </span>
      ))}
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  barWrap: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), width: '100%' }),
  track: css({ flex: 1, height: 8, background: theme.colors.background.secondary, borderRadius: theme.shape.radius.default, overflow: 'hidden' }),
  fill: css({ display: 'block', height: '100%' }),
  ok: css({ background: theme.colors.success.main }),
  low: css({ background: theme.colors.warning.main }),
  debt: css({ background: theme.colors.error.main }),
  value: css({ minWidth: 52, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }),
  muted: css({ color: theme.colors.text.secondary }),
  broken: css({ color: theme.visualization.getColorByName('orange') }),
  fulfilled: css({ color: theme.visualization.getColorByName('blue') }),
});
