/**
 * What the query, annotation and variable editors need from the datasource.
 * The datasource class registers those editors, so they must not import the
 * class back (an import circle): they take this narrow seam instead, which
 * `SloLedgerDataSource` implements and tests fake.
 */
import type { DataSourceApi, ScopedVars } from '@grafana/data';
import type { SloSelection } from '../core/contracts/queryModel';
import type { OptionDimension, SelectionKey, SloLedgerOptions, SloLedgerQuery } from './types';

/** One value of a dimension (`options/<dimension>`), as the pickers show it. */
export interface DimensionOption {
  value: string;
  label: string;
}

export type Selection = Partial<Pick<SloSelection, SelectionKey>>;

/** What the selection fields and the variable support need from the datasource (a narrow seam for tests). */
export interface OptionSource {
  fetchOptions(dimension: OptionDimension, selection?: Selection, scopedVars?: ScopedVars): Promise<DimensionOption[]>;
  variableNames(): string[];
}

/** The datasource as the editors and the variable support see it (`QueryEditorProps<EditorDataSource, …>`). */
export type EditorDataSource = DataSourceApi<SloLedgerQuery, SloLedgerOptions> & OptionSource;
