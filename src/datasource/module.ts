import { DataSourcePlugin } from '@grafana/data';
import { SloLedgerDataSource } from './SloLedgerDataSource';
import { ConfigEditor } from './ConfigEditor';
import { QueryEditor } from './QueryEditor';

export const plugin = new DataSourcePlugin(SloLedgerDataSource).setConfigEditor(ConfigEditor).setQueryEditor(QueryEditor);
