import { DataSourceInstanceSettings } from '@grafana/data';
import { DataSourceWithBackend } from '@grafana/runtime';
import { SloLedgerOptions, SloLedgerQuery } from './types';

export class SloLedgerDataSource extends DataSourceWithBackend<SloLedgerQuery, SloLedgerOptions> {
  constructor(settings: DataSourceInstanceSettings<SloLedgerOptions>) {
    super(settings);
  }
}
