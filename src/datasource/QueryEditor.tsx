import React from 'react';
import { QueryEditorProps } from '@grafana/data';
import { NotYetBuilt } from '../components/NotYetBuilt';
import type { SloLedgerDataSource } from './SloLedgerDataSource';
import { SloLedgerOptions, SloLedgerQuery } from './types';

export function QueryEditor(_props: QueryEditorProps<SloLedgerDataSource, SloLedgerQuery, SloLedgerOptions>) {
  return <NotYetBuilt what="Query editor" />;
}
