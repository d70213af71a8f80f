/**
 * SLO selection by the book's dimensions (11.2.1, table 11.2): team, service,
 * SLI, deployment, SLO. Each list is narrowed by the fields before it (a
 * team's services only, B:7543) and offers the dashboard's template variables.
 * Empty means all.
 */
import React, { useState } from 'react';
import { ComboboxOption, InlineField, InlineFieldRow, MultiCombobox } from '@grafana/ui';
import type { OptionSource, Selection } from '../editorSource';
import { messageOf } from '../errors';
import { DIMENSION_OF, SELECTION_KEYS, SelectionKey } from '../types';

export type { OptionSource, Selection } from '../editorSource';

export const SELECTION_LABELS: Record<SelectionKey, { label: string; all: string }> = {
  teams: { label: 'Team', all: 'All teams' },
  services: { label: 'Service', all: 'All services' },
  slis: { label: 'SLI', all: 'All SLIs' },
  deployments: { label: 'Deployment', all: 'All deployments' },
  slos: { label: 'SLO', all: 'All SLOs' },
};

interface Props {
  source: OptionSource;
  selection: Selection;
  onChange: (next: Selection) => void;
  /** Fields to show; default all five. */
  keys?: readonly SelectionKey[];
  labelWidth?: number;
}

/** Options for one field: values narrowed by the preceding fields, then `$variables`, filtered by what was typed. */
export async function loadFieldOptions(source: OptionSource, key: SelectionKey, selection: Selection, typed: string): Promise<Array<ComboboxOption<string>>> {
  const before = SELECTION_KEYS.slice(0, SELECTION_KEYS.indexOf(key));
  const narrowing: Selection = {};
  for (const k of before) {
    if (selection[k]?.length) {
      narrowing[k] = selection[k];
    }
  }
  const values = await source.fetchOptions(DIMENSION_OF[key], narrowing);
  const variables = source.variableNames().map((v) => ({ value: v, label: v, group: 'Template variables' }));
  const needle = typed.trim().toLowerCase();
  return [...values.map((v) => ({ value: v.value, label: v.label })), ...variables].filter(
    (o) => needle === '' || o.value.toLowerCase().includes(needle) || o.label.toLowerCase().includes(needle)
  );
}

export function SelectionFields({ source, selection, onChange, keys = SELECTION_KEYS, labelWidth = 14 }: Props) {
  const [errors, setErrors] = useState<Partial<Record<SelectionKey, string>>>({});

  const options = (key: SelectionKey) => async (typed: string) => {
    try {
      const result = await loadFieldOptions(source, key, selection, typed);
      setErrors((e) => ({ ...e, [key]: undefined }));
      return result;
    } catch (error) {
      setErrors((e) => ({ ...e, [key]: `Could not load ${DIMENSION_OF[key]}: ${messageOf(error)}` }));
      return source.variableNames().map((v) => ({ value: v, label: v }));
    }
  };

  return (
    <InlineFieldRow>
      {keys.map((key) => (
        <InlineField key={key} label={SELECTION_LABELS[key].label} labelWidth={labelWidth} invalid={!!errors[key]} error={errors[key]}>
          <MultiCombobox<string>
            aria-label={SELECTION_LABELS[key].label}
            placeholder={SELECTION_LABELS[key].all}
            width="auto"
            minWidth={20}
            maxWidth={60}
            createCustomValue
            isClearable
            value={selection[key] ?? []}
            options={options(key)}
            onChange={(picked) => onChange({ ...selection, [key]: picked.map((o) => o.value) })}
          />
        </InlineField>
      ))}
    </InlineFieldRow>
  );
}
