/**
 * Editor of a query variable: the dimension to list and an optional selection
 * narrowing it, e.g. services of `$team` (cascading filters, book B:7543).
 */
import React from 'react';
import { QueryEditorProps } from '@grafana/data';
import { Combobox, InlineField, Stack } from '@grafana/ui';
import type { EditorDataSource } from '../editorSource';
import { OPTION_DIMENSIONS, OptionDimension, SELECTION_KEYS, SloLedgerQuery, SloLedgerVariableQuery } from '../types';
import { toVariableQuery } from '../variableQuery';
import { SelectionFields } from './SelectionFields';

type Props = QueryEditorProps<EditorDataSource, SloLedgerQuery, {}, SloLedgerVariableQuery>;

export const DIMENSION_LABELS: Record<OptionDimension, string> = {
  teams: 'Teams',
  services: 'Services',
  slis: 'SLIs',
  deployments: 'Deployments',
  slos: 'SLOs',
  endpoints: 'Endpoints',
  customers: 'Customers (SLAs with a customer label)',
};

export function VariableQueryEditor({ datasource, query, onChange }: Props) {
  const current = toVariableQuery(query, query?.refId);
  // A variable is not narrowed by itself: the services variable shows no service filter.
  const keys = SELECTION_KEYS.filter((k) => k !== current.dimension);
  return (
    <Stack direction="column" gap={1}>
      <InlineField label="Values of" labelWidth={14} tooltip="The dimension whose values become the variable's options">
        <Combobox<OptionDimension>
          aria-label="Values of"
          width={24}
          options={OPTION_DIMENSIONS.map((d) => ({ value: d, label: DIMENSION_LABELS[d] }))}
          value={current.dimension}
          onChange={(option) => onChange({ ...current, dimension: option.value })}
        />
      </InlineField>
      <SelectionFields source={datasource} selection={current} keys={keys} onChange={(selection) => onChange({ ...current, ...selection })} />
    </Stack>
  );
}
