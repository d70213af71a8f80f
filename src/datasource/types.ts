import { DataQuery, DataSourceJsonData } from '@grafana/schema';

export interface SloLedgerQuery extends DataQuery {
  queryType?: string;
}

export interface SloLedgerOptions extends DataSourceJsonData {}
