/**
 * The `catalog` frame, "SLOs by service" (book 11.2.2, fig. 11.1): the
 * current state of every selected SLO in one row (columns: frameContract
 * CATALOG_COLUMNS). Calendar SLOs report the current period's burn-down,
 * rolling SLOs the trailing window. A failed SLO keeps its row, with its
 * error in words and empty numbers.
 */
import { daysLeft, periodLabel } from '../../../core/periods/calendar';
import { CATALOG_COLUMNS } from '../../../core/contracts/frameContract';
import { Slo } from '../../../core/model/model';
import { Frame, tableFrame, TableColumn } from '../../protocol/frame';
import { periodLengthMs } from '../compute/engine';
import { QueryContext } from './context';
import { labelColumns, sloLabels } from './labels';
import { PolicyView, policyViewFor } from './policyView';
import { SloNow, sloNow } from './sloNow';

const DAY_MS = 86_400_000;

export function catalogFrame(ctx: QueryContext): Frame {
  const rows = ctx.slos.map((slo, i) => {
    const o = ctx.outcomes[i];
    const now = 'ok' in o ? sloNow(o.ok) : undefined;
    const policy: PolicyView = policyViewFor(ctx, slo, now);
    return { slo, now, policy, error: 'error' in o ? o.error : '' };
  });
  const num = (f: (n: SloNow) => number | null) => rows.map((r) => (r.now ? f(r.now) : null));
  const str = (name: string, f: (r: (typeof rows)[number]) => string): TableColumn => ({ name, type: 'string', values: rows.map(f) });
  const columns: TableColumn[] = [
    ...labelColumns(rows.map((r) => sloLabels(r.slo))),
    { name: 'isDefault', type: 'boolean', values: rows.map((r) => r.slo.isDefault) },
    str('periodLabel', (r) => periodLabel(r.slo.period)),
    { name: 'periodDays', type: 'number', values: rows.map((r) => Math.round(periodLengthMs(r.slo as Slo, ctx.nowMs) / DAY_MS)) },
    { name: 'daysLeft', type: 'number', values: rows.map((r) => daysLeft(r.slo.period, ctx.nowMs)) },
    { name: 'sliValue', type: 'number', values: num((n) => n.sli), config: { unit: 'percentunit', decimals: 3 } },
    { name: 'remaining', type: 'number', values: num((n) => n.remaining), config: { unit: 'percentunit' } },
    { name: 'burn1h', type: 'number', values: num((n) => n.burn1h), config: { decimals: 2 } },
    { name: 'burn6h', type: 'number', values: num((n) => n.burn6h), config: { decimals: 2 } },
    { name: 'burn24h', type: 'number', values: num((n) => n.burn24h), config: { decimals: 2 } },
    str('burnState', (r) => r.now?.burnState ?? 'No data'),
    { name: 'exhaustionForecastMs', type: 'number', values: num((n) => n.exhaustionForecastMs), config: { unit: 'ms' } },
    str('recentAdherence', (r) => (r.now?.recentAdherence ?? []).join(',')),
    { name: 'priority', type: 'number', values: rows.map((r) => r.policy.priority) },
    str('priorityReason', (r) => r.policy.priorityReason),
    str('releaseGate', (r) => r.policy.releaseGate),
    str('gateReason', (r) => r.policy.gateReason),
    str('consequences', (r) => r.policy.consequences.join(', ')),
    str('error', (r) => r.error),
  ];
  const names = columns.map((c) => c.name).join(',');
  if (names !== CATALOG_COLUMNS.join(',')) {
    throw new Error(`catalog columns drifted from the contract: ${names}`);
  }
  return tableFrame('catalog', columns, { refId: ctx.query.refId, meta: { custom: { nowMs: ctx.nowMs } } });
}
