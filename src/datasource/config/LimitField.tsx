/**
 * One numeric limit of the datasource settings (timeout, concurrency,
 * response size, cache bounds): empty means the core default, shown as the
 * placeholder; a bad value shows the message of core `parseDatasourceSettings`.
 */
import React from 'react';
import { InlineField, Input } from '@grafana/ui';

interface Props {
  id: string;
  label: string;
  /** What the limit bounds, shown in the label's tooltip. */
  tooltip: string;
  /** The core default used while the field is empty. */
  defaultValue: number;
  value: number | undefined;
  /** The core's message for this path, if the value is rejected. */
  error: string | undefined;
  onChange: (value: number | undefined) => void;
}

export function LimitField({ id, label, tooltip, defaultValue, value, error, onChange }: Props) {
  return (
    <InlineField label={label} tooltip={tooltip} labelWidth={26} invalid={!!error} error={error} htmlFor={id}>
      <Input
        id={id}
        type="number"
        width={14}
        placeholder={String(defaultValue)}
        value={value ?? ''}
        onChange={(e) => onChange(toOptionalNumber(e.currentTarget.value))}
      />
    </InlineField>
  );
}

/** Empty text clears the setting, so the core default applies again. */
function toOptionalNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}
