/**
 * Where the ledger of closed periods and policy history lives (DESIGN.md
 * "The ledger"): the embedded SQLite file (default, no setup; empty path =
 * Grafana's data directory) or PostgreSQL for Grafana in high availability,
 * whose connection string and password are secrets (secureJsonData).
 */
import React from 'react';
import { Field, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';
import { LEDGER_SECRET_KEYS, LedgerBackend, SettingsIssue } from '../../core/contracts/settings';
import type { SloLedgerOptions } from '../types';
import { isSecretConfigured, Options, typedSecret, withSecret, withSecretReset } from './secrets';
import { issueAt } from './settingsIssues';

interface Props {
  options: Options;
  issues: readonly SettingsIssue[];
  onChange: (options: Options) => void;
}

const BACKENDS: Array<{ value: LedgerBackend; label: string; description: string }> = [
  { value: 'sqlite', label: 'SQLite (embedded)', description: 'A file on the Grafana host; nothing to set up' },
  { value: 'postgres', label: 'PostgreSQL', description: 'One database shared by every Grafana replica (high availability)' },
];

export function LedgerEditor({ options, issues, onChange }: Props) {
  const jsonData: SloLedgerOptions = options.jsonData ?? {};
  const backend: LedgerBackend = jsonData.ledgerBackend === 'postgres' ? 'postgres' : 'sqlite';
  const setJson = (patch: Partial<SloLedgerOptions>) => onChange({ ...options, jsonData: { ...jsonData, ...patch } });
  const secret = (key: string) => ({
    isConfigured: isSecretConfigured(options, key),
    value: typedSecret(options, key),
    onReset: () => onChange(withSecretReset(options, key)),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange(withSecret(options, key, e.currentTarget.value)),
  });

  return (
    <>
      <Field label="Ledger storage" description="Closed periods, manual condition states, enactments and reviews are written here once" invalid={!!issueAt(issues, 'ledgerBackend')} error={issueAt(issues, 'ledgerBackend')}>
        <RadioButtonGroup<LedgerBackend> options={BACKENDS} value={backend} onChange={(v) => setJson({ ledgerBackend: v })} />
      </Field>
      {backend === 'sqlite' ? (
        <Field label="Ledger database" description="SQLite file on the Grafana host; empty: in Grafana's data directory (plugins-data/sloledger)" invalid={!!issueAt(issues, 'ledgerPath')} error={issueAt(issues, 'ledgerPath')}>
          <Input id="sloledger-ledger-path" width={60} value={jsonData.ledgerPath ?? ''} placeholder="/var/lib/grafana/plugins-data/sloledger/ledger.db" onChange={(e) => setJson({ ledgerPath: e.currentTarget.value || undefined })} />
        </Field>
      ) : (
        <>
          <Field label="PostgreSQL connection string" description="e.g. postgres://grafana@db:5432/sloledger?sslmode=require; stored encrypted, never shown again">
            <SecretInput id="sloledger-ledger-postgres-url" width={60} {...secret(LEDGER_SECRET_KEYS.postgresUrl)} />
          </Field>
          <Field label="PostgreSQL password" description="Optional: kept apart from the connection string">
            <SecretInput id="sloledger-ledger-postgres-password" width={30} {...secret(LEDGER_SECRET_KEYS.postgresPassword)} />
          </Field>
        </>
      )}
    </>
  );
}
