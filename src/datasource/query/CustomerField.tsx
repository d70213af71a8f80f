/**
 * book 11.2.7: "a setting whereby all the customers would be listed and a
 * customer can be selected". One customer (or a `$customer` variable) for the
 * query types that read SLAs per customer (core CUSTOMER_QUERY_TYPES); the
 * values come from `options/customers`. Empty: every customer together.
 */
import React, { useState } from 'react';
import { Combobox, ComboboxOption, InlineField } from '@grafana/ui';
import { messageOf } from '../errors';
import type { OptionSource } from './SelectionFields';

interface Props {
  source: OptionSource;
  customer: string | undefined;
  onChange: (customer: string | undefined) => void;
  labelWidth?: number;
}

/** The customers of the SLAs with a customer label, then `$variables`, filtered by what was typed. */
export async function loadCustomerOptions(source: OptionSource, typed: string): Promise<Array<ComboboxOption<string>>> {
  const values = await source.fetchOptions('customers');
  const variables = source.variableNames().map((v) => ({ value: v, label: v, group: 'Template variables' }));
  const needle = typed.trim().toLowerCase();
  return [...values.map((v) => ({ value: v.value, label: v.label })), ...variables].filter((o) => needle === '' || o.value.toLowerCase().includes(needle));
}

export function CustomerField({ source, customer, onChange, labelWidth = 14 }: Props) {
  const [error, setError] = useState<string | undefined>();
  const options = async (typed: string) => {
    try {
      const result = await loadCustomerOptions(source, typed);
      setError(undefined);
      return result;
    } catch (e) {
      setError(`Could not load customers: ${messageOf(e)}`);
      return source.variableNames().map((v) => ({ value: v, label: v }));
    }
  };
  return (
    <InlineField
      label="Customer"
      labelWidth={labelWidth}
      invalid={!!error}
      error={error}
      tooltip="SLAs with a customer label computed for this customer only (book 11.2.7); SLAs without one stay over all customers in adherence and are left out of the other query types, each named in a notice. Empty: all customers"
    >
      <Combobox<string>
        aria-label="Customer"
        placeholder="All customers"
        width={24}
        createCustomValue
        isClearable
        value={customer || null}
        options={options}
        onChange={(option) => onChange(option?.value || undefined)}
      />
    </InlineField>
  );
}
