/**
 * The SLO Ledger datasource in the browser: a thin `DataSourceWithBackend`.
 * Queries go to the backend as they are (after variable expansion); the
 * editors read dimension values from the resource API (`options/<dimension>`).
 * No SLO math and no PromQL here (DESIGN.md: the backend owns both).
 */
import { CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';
import { checkQuery, DEFAULT_QUERY, SloSelection } from '../core/contracts/queryModel';
import type { OptionsResponse } from '../core/contracts/resourceContract';
import { annotationSupport } from './annotations';
import { expandSelection, interpolateQuery, selectionParams } from './templateVariables';
import type { DimensionOption, OptionSource } from './editorSource';
import { ConnectionJson, OptionDimension, SloLedgerOptions, SloLedgerQuery } from './types';
import { SloLedgerVariableSupport } from './variableSupport';

export class SloLedgerDataSource extends DataSourceWithBackend<SloLedgerQuery, SloLedgerOptions> implements OptionSource {
  constructor(instanceSettings: DataSourceInstanceSettings<SloLedgerOptions>) {
    super(instanceSettings);
    this.annotations = annotationSupport;
    this.variables = new SloLedgerVariableSupport(this);
  }

  getDefaultQuery(_app: CoreApp): Partial<SloLedgerQuery> {
    return { ...DEFAULT_QUERY };
  }

  /** Incomplete queries are not sent: the editor shows what is missing instead (checkQuery). */
  filterQuery(query: SloLedgerQuery): boolean {
    return !query.hide && checkQuery(query).ok;
  }

  applyTemplateVariables(query: SloLedgerQuery, scopedVars: ScopedVars): SloLedgerQuery {
    return interpolateQuery(query, scopedVars, getTemplateSrv());
  }

  /**
   * Values of one dimension from `options/<dimension>`, narrowed by `selection`
   * (which may contain template variables, e.g. services of `$team`).
   */
  async fetchOptions(dimension: OptionDimension, selection: Partial<SloSelection> = {}, scopedVars?: ScopedVars): Promise<DimensionOption[]> {
    const expanded = expandSelection(selection, scopedVars, getTemplateSrv());
    const response = await this.getResource<OptionsResponse>(`options/${dimension}`, selectionParams(expanded));
    return (response?.values ?? []).map((v) => ({ value: v.value, label: v.label || v.value }));
  }

  /** Template variables of the current dashboard as `$name`, offered in the editors' pickers. */
  variableNames(): string[] {
    return getTemplateSrv()
      .getVariables()
      .map((v) => `$${v.name}`);
  }

  /** Connections configured on this datasource (for Explore's ad hoc source picker). */
  connections(): ConnectionJson[] {
    const list = this.datasourceInstanceSettings.jsonData?.connections;
    return Array.isArray(list) ? list.filter((c) => c && typeof c.name === 'string') : [];
  }

  /** True when the built-in demo source is on (explicitly, or by default when no connection exists). */
  demoEnabled(): boolean {
    const demo = this.datasourceInstanceSettings.jsonData?.demo;
    return typeof demo === 'boolean' ? demo : this.connections().length === 0;
  }
}
