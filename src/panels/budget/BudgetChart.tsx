/**
 * One SVG chart of remaining error budget (book fig. 3.9/11.4): the 0 line,
 * budget debt shaded below it, period starts (replenishment) marked,
 * premature exhaustion marked with its time to exhaustion, episodes as a
 * focusable band with their speed, deployments as markers. Theme colours only.
 */
import React, { useState } from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { BudgetSeriesView, describeEpisode, describeExhaustion, periodsWithoutExhaustion } from './viewModel';

const PAD = { left: 44, right: 8, top: 14, bottom: 30 };

export interface BudgetChartProps {
  series: BudgetSeriesView[];
  width: number;
  height: number;
  fromMs: number;
  toMs: number;
  timeZone: string;
  deployments: number[];
  onlyPremature: boolean;
  showEpisodes: boolean;
  title?: string;
}

export function BudgetChart({ series, width, height, fromMs, toMs, timeZone, deployments, onlyPremature, showEpisodes, title }: BudgetChartProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const [tip, setTip] = useState<{ x: number; text: string } | null>(null);
  const w = Math.max(60, width - PAD.left - PAD.right);
  const h = Math.max(40, height - PAD.top - PAD.bottom);
  const lowest = Math.min(0, ...series.map((s) => s.min));
  const minY = Math.min(-0.1, lowest) * 1.05;
  const x = (t: number) => PAD.left + ((t - fromMs) / Math.max(1, toMs - fromMs)) * w;
  const y = (v: number) => PAD.top + ((1 - v) / (1 - minY)) * h;
  const colors = series.map((_, i) => theme.visualization.getColorByName(['blue', 'purple', 'green', 'yellow', 'orange'][i % 5]));
  const fmt = (t: number) => dateTimeFormat(t, { format: toMs - fromMs > 3 * 86_400_000 ? 'MM-DD' : 'MM-DD HH:mm', timeZone });
  const ticks = [0, 0.5, 1].map((f) => fromMs + f * (toMs - fromMs));
  const first = series[0];
  const hatchId = `hatch-${first?.key.replace(/\W/g, '') ?? 'x'}`;

  return (
    <div className={styles.wrap}>
      {title && <div className={styles.title}>{title}</div>}
      <svg width={width} height={height} role="img" aria-label={`Remaining error budget${title ? ` of ${title}` : ''}`}>
        <defs>
          <pattern id={hatchId} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1={0} y1={0} x2={0} y2={6} stroke={theme.colors.border.medium} strokeWidth={2} />
          </pattern>
        </defs>
        {onlyPremature &&
          first &&
          periodsWithoutExhaustion(first).map((p) => (
            <rect key={`h${p.startMs}`} data-testid="hatched-period" x={x(Math.max(p.startMs, fromMs))} y={PAD.top} width={Math.max(0, x(Math.min(p.endMs, toMs)) - x(Math.max(p.startMs, fromMs)))} height={h} fill={`url(#${hatchId})`} />
          ))}
        {[1, 0.5, 0, ...(lowest < -0.05 ? [lowest] : [])].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={PAD.left + w} y1={y(v)} y2={y(v)} stroke={v === 0 ? theme.colors.text.secondary : theme.colors.border.weak} strokeWidth={v === 0 ? 1.5 : 1} />
            <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end" className={styles.axis}>
              {Math.round(v * 100)}%
            </text>
          </g>
        ))}
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={height - 8} textAnchor={t === fromMs ? 'start' : t === toMs ? 'end' : 'middle'} className={styles.axis}>
            {fmt(t)}
          </text>
        ))}
        {first?.periods
          .filter((p) => p.startMs > fromMs && p.startMs < toMs)
          .map((p) => (
            <g key={`p${p.startMs}`} aria-label={`Period ${p.label} starts: budget replenished to 100%`}>
              <line x1={x(p.startMs)} x2={x(p.startMs)} y1={PAD.top} y2={PAD.top + h} stroke={theme.colors.border.strong} strokeDasharray="4 3" />
              <text x={x(p.startMs) + 3} y={PAD.top - 3} className={styles.axis}>
                {p.label}
              </text>
            </g>
          ))}
        {series.map((s, i) => (
          <g key={s.key}>
            <path d={debtArea(s, x, y)} fill={theme.colors.error.main} fillOpacity={0.25} data-testid="budget-debt" />
            <path d={linePath(s, x, y)} fill="none" stroke={colors[i]} strokeWidth={1.8} />
          </g>
        ))}
        {deployments.map((t) => (
          <g key={`d${t}`} role="img" aria-label={`Deployment at ${fmt(t)}`}>
            <line x1={x(t)} x2={x(t)} y1={PAD.top} y2={PAD.top + h} stroke={theme.colors.primary.main} strokeOpacity={0.6} />
            <path d={`M${x(t) - 4},${PAD.top + h} l4,-6 l4,6 z`} fill={theme.colors.primary.main} />
          </g>
        ))}
        {showEpisodes &&
          series.flatMap((s, i) =>
            s.episodes
              .filter((e) => e.endMs > fromMs && e.startMs < toMs)
              .map((e) => {
                const text = `${series.length > 1 ? `${s.name}: ` : ''}${describeEpisode(e)}`;
                const x0 = x(Math.max(e.startMs, fromMs));
                return (
                  <rect
                    key={`e${s.key}${e.startMs}`}
                    x={x0}
                    y={PAD.top + h + 2 + i * 3}
                    width={Math.max(3, x(Math.min(e.endMs, toMs)) - x0)}
                    height={6}
                    fill={theme.colors.warning.main}
                    tabIndex={0}
                    role="button"
                    aria-label={text}
                    onMouseEnter={() => setTip({ x: x0, text })}
                    onFocus={() => setTip({ x: x0, text })}
                    onMouseLeave={() => setTip(null)}
                    onBlur={() => setTip(null)}
                  />
                );
              })
          )}
        {series.flatMap((s) =>
          s.exhaustions
            .filter((e) => e.atMs >= fromMs && e.atMs <= toMs)
            .map((e) => (
              <g key={`x${s.key}${e.atMs}`} role="img" aria-label={`${s.name}: ${describeExhaustion(e)}`}>
                <circle cx={x(e.atMs)} cy={y(0)} r={4} fill={theme.colors.error.main} />
                <text x={x(e.atMs) + 6} y={y(0) - 6} className={styles.exhausted}>
                  exhausted after {(e.timeToExhaustionMs / 86_400_000).toFixed(1)} d
                </text>
              </g>
            ))
        )}
      </svg>
      {tip && (
        <div className={styles.tip} style={{ left: Math.min(tip.x, width - 220) }} role="tooltip">
          {tip.text}
        </div>
      )}
    </div>
  );
}

type Scale = (v: number) => number;

function linePath(s: BudgetSeriesView, x: Scale, y: Scale): string {
  let d = '';
  let pen = false;
  s.times.forEach((t, i) => {
    const v = s.values[i];
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

/** The region between the 0 line and the curve where the curve is below 0: budget debt (book 3.3). */
function debtArea(s: BudgetSeriesView, x: Scale, y: Scale): string {
  let d = '';
  let open = false;
  let lastX = 0;
  s.times.forEach((t, i) => {
    const v = s.values[i];
    if (v === null || v >= 0) {
      if (open) {
        d += `L${lastX.toFixed(1)},${y(0).toFixed(1)}Z`;
        open = false;
      }
      return;
    }
    lastX = x(t);
    d += open ? `L${lastX.toFixed(1)},${y(v).toFixed(1)}` : `M${lastX.toFixed(1)},${y(0).toFixed(1)}L${lastX.toFixed(1)},${y(v).toFixed(1)}`;
    open = true;
  });
  return open ? `${d}L${lastX.toFixed(1)},${y(0).toFixed(1)}Z` : d;
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ position: 'relative' }),
  title: css({ fontSize: theme.typography.bodySmall.fontSize, fontWeight: theme.typography.fontWeightMedium, height: 18 }),
  axis: css({ fill: theme.colors.text.secondary, fontSize: 10 }),
  exhausted: css({ fill: theme.colors.error.text, fontSize: 10 }),
  tip: css({
    position: 'absolute',
    top: 0,
    maxWidth: 220,
    padding: theme.spacing(0.5, 1),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.medium}`,
    boxShadow: theme.shadows.z2,
    fontSize: theme.typography.bodySmall.fontSize,
    zIndex: 1,
  }),
});
