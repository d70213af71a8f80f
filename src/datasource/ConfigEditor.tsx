import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { NotYetBuilt } from '../components/NotYetBuilt';
import { SloLedgerOptions } from './types';

export function ConfigEditor(_props: DataSourcePluginOptionsEditorProps<SloLedgerOptions>) {
  return <NotYetBuilt what="Data source settings" />;
}
