/**
 * Template variables in SLO Ledger queries. Selection fields are lists of
 * plain values: a multi-value variable becomes several entries, never one
 * glob or regex string. Nothing is escaped here: the backend escapes label
 * values before they enter PromQL/LogQL (STYLE habit 5: query text has one owner).
 */
import type { ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import { escapeLabelValue, escapeRegex } from '../core/queries/labelValue';
import { TIME_SCALES, type SloSelection, type TimeScale } from '../core/contracts/queryModel';
import { SELECTION_KEYS, SelectionKey, SloLedgerQuery } from './types';

type Replacer = Pick<TemplateSrv, 'replace'>;

/** ASCII unit separator: cannot appear in a variable value typed in Grafana's UI. */
const SEP = '\u001f';

/**
 * Expands every entry of `values`; multi-value variables yield one entry per
 * value. Empty entries are dropped and duplicates removed, order kept.
 *
 * @example expandValues(['$team', 'sre'], {}, srv) with team = [payments, search] → ['payments', 'search', 'sre']
 */
export function expandValues(values: readonly string[] | undefined, scopedVars: ScopedVars | undefined, srv: Replacer): string[] | undefined {
  if (values === undefined) {
    return undefined;
  }
  const out: string[] = [];
  for (const entry of values) {
    const replaced = srv.replace(entry, scopedVars, (value: unknown) => (Array.isArray(value) ? value.map(String).join(SEP) : String(value ?? '')));
    for (const part of replaced.split(SEP)) {
      const value = part.trim();
      if (value !== '' && !out.includes(value)) {
        out.push(value);
      }
    }
  }
  return out;
}

/** Expands the five selection fields of `selection`; other fields are copied unchanged. */
export function expandSelection<T extends SloSelection>(selection: T, scopedVars: ScopedVars | undefined, srv: Replacer): T {
  const out: T = { ...selection };
  for (const key of SELECTION_KEYS) {
    if (selection[key] !== undefined) {
      out[key] = expandValues(selection[key], scopedVars, srv);
    }
  }
  return out;
}

/**
 * Formats a variable inside a hand-written PromQL/LogQL expression (Explore's
 * ad hoc SLO, the deployment annotation query), where it stands inside a
 * double-quoted label matcher: `{pod=~"$pod"}`. One value as it is, several
 * as a regex alternation `(a|b)` for use with `=~`, as Grafana's Prometheus
 * datasource does. Either way the text is escaped for the string literal
 * (`\` and `"`), so a value can never close the quote and add query text;
 * regex metacharacters of multiple values are escaped too, with the
 * backslash doubled for the literal: `a.b` → `a\\.b`.
 *
 * @example formatExpressionValue(['a.b', 'c']) gives the characters (a\\.b|c)
 */
export function formatExpressionValue(value: unknown): string {
  if (!Array.isArray(value)) {
    return quotedLiteral(String(value ?? ''));
  }
  if (value.length === 1) {
    return quotedLiteral(String(value[0]));
  }
  return quotedLiteral(`(${value.map((v) => escapeRegex(String(v))).join('|')})`);
}

/** The body of a double-quoted PromQL/LogQL string (Go syntax) that reads back as `text`. */
export function quotedLiteral(text: string): string {
  return escapeLabelValue(text);
}

/**
 * The query the backend receives: selection lists expanded, the burn-rate
 * window and hand-written expressions interpolated. Does not mutate `query`.
 */
export function interpolateQuery(query: SloLedgerQuery, scopedVars: ScopedVars | undefined, srv: Replacer): SloLedgerQuery {
  const out = expandSelection(query, scopedVars, srv);
  if (query.window) {
    out.window = srv.replace(query.window, scopedVars);
  }
  if (query.timeScale) {
    // the app's time-scale filter ($timeScale); an unknown value falls back to the default
    const scale = srv.replace(query.timeScale, scopedVars) as TimeScale;
    out.timeScale = TIME_SCALES.includes(scale) ? scale : undefined;
  }
  if (query.customer !== undefined) {
    interpolateCustomer(out, query.customer, scopedVars, srv);
  }
  if (query.deploymentQuery) {
    out.deploymentQuery = srv.replace(query.deploymentQuery, scopedVars, formatExpressionValue);
  }
  if (query.adhoc) {
    const expr = (text: string | undefined) => (text === undefined ? undefined : srv.replace(text, scopedVars, formatExpressionValue));
    out.adhoc = {
      ...query.adhoc,
      connection: query.adhoc.connection ? srv.replace(query.adhoc.connection, scopedVars) : query.adhoc.connection,
      good: expr(query.adhoc.good),
      bad: expr(query.adhoc.bad),
      total: expr(query.adhoc.total) ?? '',
      period: query.adhoc.period ? srv.replace(query.adhoc.period, scopedVars) : query.adhoc.period,
    };
    if (out.adhoc.good === undefined) {
      delete out.adhoc.good;
    }
    if (out.adhoc.bad === undefined) {
      delete out.adhoc.bad;
    }
  }
  return out;
}

/**
 * `$customer` (book 11.2.7) like a selection value: plain text, escaped by the
 * backend where it becomes a label matcher (core/queries/selectorRewrite). Empty or
 * "All" (`$__all`) means every customer; a multi-value variable is passed on
 * as a list, which the backend refuses by name (one customer per query).
 */
function interpolateCustomer(out: SloLedgerQuery, customer: string, scopedVars: ScopedVars | undefined, srv: Replacer): void {
  const values = (expandValues([customer], scopedVars, srv) ?? []).filter((v) => v !== '$__all');
  if (values.length === 0) {
    delete out.customer;
  } else if (values.length === 1) {
    out.customer = values[0];
  } else {
    (out as unknown as Record<string, unknown>).customer = values;
  }
}

/** Query-string parameters of the resource API for a selection: `team=a&team=b&service=…`. */
export function selectionParams(selection: Partial<Pick<SloSelection, SelectionKey>>): Record<string, string[]> {
  const names: Record<SelectionKey, string> = { teams: 'team', services: 'service', slis: 'sli', deployments: 'deployment', slos: 'slo' };
  const params: Record<string, string[]> = {};
  for (const key of SELECTION_KEYS) {
    const values = selection[key];
    if (values && values.length > 0) {
      params[names[key]] = [...values];
    }
  }
  return params;
}
