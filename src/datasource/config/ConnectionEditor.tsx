/**
 * One Prometheus-compatible or Loki connection: where it is (own URL or an
 * existing Grafana datasource), how to authenticate, tenant, custom headers,
 * TLS, and its limits (timeout, concurrency, response size). Secrets go to secureJsonData under
 * `secretKey.*` names and are never shown back.
 */
import React from 'react';
import { css } from '@emotion/css';
import { DataSourceInstanceSettings, GrafanaTheme2 } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Button, Field, IconButton, InlineFieldRow, InlineSwitch, Input, RadioButtonGroup, SecretInput, SecretTextArea, Stack, Text, useStyles2 } from '@grafana/ui';
import { AuthMethod, ConnectionType, DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_RESPONSE_MB, DEFAULT_TIMEOUT_MS, secretKey, SettingsIssue } from '../../core/contracts/settings';
import type { ConnectionJson } from '../types';
import { isSecretConfigured, Options, typedSecret, withSecret, withSecretReset, withSecretsDropped, withSecretsRenamed } from './secrets';
import { LimitField } from './LimitField';
import { issueAt } from './settingsIssues';

type SecretsChange = (options: Options) => Options;

interface Props {
  connection: ConnectionJson;
  index: number;
  issues: readonly SettingsIssue[];
  /** The whole settings, read for secret state only. */
  options: Options;
  /** A new connection value, with a change to the secrets applied in the same update. */
  onUpdate: (next: ConnectionJson, secrets?: SecretsChange) => void;
  onRemove: () => void;
}

const TYPES: Array<{ value: ConnectionType; label: string }> = [
  { value: 'prometheus', label: 'Prometheus' },
  { value: 'loki', label: 'Loki' },
];
const AUTH: Array<{ value: AuthMethod; label: string }> = [
  { value: 'none', label: 'None' },
  { value: 'basic', label: 'Basic' },
  { value: 'bearer', label: 'Bearer' },
];
type Target = 'url' | 'grafana';

export function ConnectionEditor({ connection: c, index, issues, options, onUpdate, onRemove }: Props) {
  const styles = useStyles2(getStyles);
  const at = (field: string) => issueAt(issues, `connections[${index}].${field}`);
  const target: Target = c.grafanaUid !== undefined ? 'grafana' : 'url';
  const named = c.name.trim() !== '';
  const title = named ? c.name : `Connection ${index + 1}`;
  const set = (patch: Partial<ConnectionJson>, secrets?: SecretsChange) => onUpdate({ ...c, ...patch }, secrets);

  /** A secret field bound to `key`: "configured" + Reset when Grafana holds it, an empty input otherwise. */
  const secret = (key: string) => ({
    isConfigured: isSecretConfigured(options, key),
    value: typedSecret(options, key),
    onReset: () => set({}, (o) => withSecretReset(o, key)),
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const value = e.currentTarget.value;
      set({}, (o) => withSecret(o, key, value));
    },
    disabled: !named,
    placeholder: named ? undefined : 'Name the connection first',
  });

  const rename = (name: string) => {
    const from = `${c.name}.`;
    set({ name }, (o) => (c.name ? withSecretsRenamed(o, (key) => (key.startsWith(from) ? `${name}.${key.slice(from.length)}` : undefined)) : o));
  };

  const headers = c.headerNames ?? [];
  const renameHeader = (i: number, header: string) => {
    const oldKey = secretKey.header(c.name, headers[i]);
    const newKey = secretKey.header(c.name, header);
    set({ headerNames: headers.map((h, j) => (j === i ? header : h)) }, (o) => withSecretsRenamed(o, (key) => (key === oldKey ? newKey : undefined)));
  };
  const removeHeader = (i: number) =>
    set({ headerNames: headers.filter((_, j) => j !== i) }, (o) => withSecretsDropped(o, secretKey.header(c.name, headers[i])));

  return (
    <section className={styles.card} aria-label={`Connection ${title}`}>
      <Stack direction="row" justifyContent="space-between" alignItems="center">
        <h4 className={styles.title}>{title}</h4>
        <IconButton name="trash-alt" tooltip={`Remove connection ${title}`} onClick={onRemove} />
      </Stack>
      <Stack direction="row" gap={2} wrap="wrap">
        <Field label="Name" description="SLOs name it as source.name. Secrets are stored per name: renaming asks for them again." invalid={!!at('name')} error={at('name')}>
          <Input id={`conn-${index}-name`} width={30} value={c.name} onChange={(e) => rename(e.currentTarget.value)} placeholder="prometheus" />
        </Field>
        <Field label="Type" invalid={!!at('type')} error={at('type')}>
          <RadioButtonGroup options={TYPES} value={c.type} onChange={(type) => set({ type, grafanaUid: c.grafanaUid === undefined ? undefined : '' })} />
        </Field>
      </Stack>
      <Field label="Reach it through" description="Its own URL (queried by the backend), or an existing Grafana datasource of the same type">
        <RadioButtonGroup<Target>
          options={[
            { value: 'url', label: 'URL' },
            { value: 'grafana', label: 'Grafana datasource' },
          ]}
          value={target}
          onChange={(next) => (next === 'grafana' ? set({ url: undefined, grafanaUid: c.grafanaUid ?? '' }) : set({ grafanaUid: undefined, url: c.url ?? '' }))}
        />
      </Field>
      {target === 'url' ? (
        <Field label="URL" invalid={!!at('url')} error={at('url')}>
          <Input
            id={`conn-${index}-url`}
            width={50}
            value={c.url ?? ''}
            placeholder={c.type === 'loki' ? 'http://loki:3100' : 'http://prometheus:9090'}
            onChange={(e) => set({ url: e.currentTarget.value })}
          />
        </Field>
      ) : (
        <Field label="Grafana datasource" invalid={!!at('url')} error={at('url')}>
          <DataSourcePicker
            width={50}
            noDefault
            type={c.type}
            current={c.grafanaUid || null}
            filter={(ds: DataSourceInstanceSettings) => ds.type === c.type}
            onChange={(ds: DataSourceInstanceSettings) => set({ grafanaUid: ds.uid })}
          />
        </Field>
      )}
      {target === 'grafana' ? (
        <Text element="p" color="secondary">
          Grafana applies this datasource&apos;s own URL and credentials; the plugin queries it with its service account (Grafana feature
          externalServiceAccounts, see the README).
        </Text>
      ) : (
        <>
        <Field label="Authentication" invalid={!!at('auth')} error={at('auth')}>
          <RadioButtonGroup options={AUTH} value={c.auth ?? 'none'} onChange={(auth) => set({ auth })} />
        </Field>
        {c.auth === 'basic' && (
          <Stack direction="row" gap={2} wrap="wrap">
            <Field label="User" invalid={!!at('basicAuthUser')} error={at('basicAuthUser')}>
              <Input id={`conn-${index}-user`} width={30} value={c.basicAuthUser ?? ''} onChange={(e) => set({ basicAuthUser: e.currentTarget.value })} />
            </Field>
            <Field label="Password">
              <SecretInput id={`conn-${index}-password`} width={30} {...secret(secretKey.basicAuthPassword(c.name))} />
            </Field>
          </Stack>
        )}
        {c.auth === 'bearer' && (
          <Field label="Bearer token">
            <SecretInput id={`conn-${index}-token`} width={50} {...secret(secretKey.bearerToken(c.name))} />
          </Field>
        )}
        <Field label="Tenant (X-Scope-OrgID)" description="For Mimir, Cortex and Loki multi-tenancy; empty sends no tenant header">
          <Input id={`conn-${index}-tenant`} width={30} value={c.tenant ?? ''} onChange={(e) => set({ tenant: e.currentTarget.value || undefined })} />
        </Field>
        <Field label="Custom headers" description="Header names are settings; their values are secrets">
          <Stack direction="column" gap={1}>
            {headers.map((h, i) => (
              <Stack key={i} direction="row" gap={1} alignItems="flex-start">
                <Field noMargin invalid={!!at(`headerNames[${i}]`)} error={at(`headerNames[${i}]`)}>
                  <Input aria-label={`Header ${i + 1} name`} width={25} value={h} placeholder="X-Api-Key" onChange={(e) => renameHeader(i, e.currentTarget.value)} />
                </Field>
                <SecretInput aria-label={`Header ${i + 1} value`} width={35} {...secret(secretKey.header(c.name, h))} />
                <IconButton name="times" tooltip={`Remove header ${h || i + 1}`} onClick={() => removeHeader(i)} />
              </Stack>
            ))}
            <div>
              <Button size="sm" variant="secondary" icon="plus" onClick={() => set({ headerNames: [...headers, ''] })}>
                Add header
              </Button>
            </div>
          </Stack>
        </Field>
        <Stack direction="row" gap={2} wrap="wrap">
          <Field label="Skip TLS verification" description="Only for test setups">
            <InlineSwitch id={`conn-${index}-tls-skip`} value={c.tlsSkipVerify === true} onChange={(e) => set({ tlsSkipVerify: e.currentTarget.checked })} />
          </Field>
          <Field label="CA certificate" description="PEM; for servers signed by a private CA">
            <SecretTextArea id={`conn-${index}-ca`} rows={3} cols={50} {...secret(secretKey.tlsCACert(c.name))} />
          </Field>
        </Stack>
        </>
      )}
      <InlineFieldRow>
        <LimitField
          id={`conn-${index}-timeout`}
          label="Timeout (seconds)"
          tooltip="Longest wait for one query to this connection, retries included"
          defaultValue={DEFAULT_TIMEOUT_MS / 1000}
          value={c.timeoutSeconds}
          error={at('timeoutSeconds')}
          onChange={(timeoutSeconds) => set({ timeoutSeconds })}
        />
        <LimitField
          id={`conn-${index}-concurrency`}
          label="Max concurrent requests"
          tooltip="Requests to this connection in flight at once; more wait their turn"
          defaultValue={DEFAULT_MAX_CONCURRENCY}
          value={c.maxConcurrency}
          error={at('maxConcurrency')}
          onChange={(maxConcurrency) => set({ maxConcurrency })}
        />
        <LimitField
          id={`conn-${index}-max-response`}
          label="Max response size (MB)"
          tooltip="Largest answer read from this connection; a larger one is refused with an error instead of exhausting memory"
          defaultValue={DEFAULT_MAX_RESPONSE_MB}
          value={c.maxResponseMB}
          error={at('maxResponseMB')}
          onChange={(maxResponseMB) => set({ maxResponseMB })}
        />
      </InlineFieldRow>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(2),
    marginBottom: theme.spacing(2),
    background: theme.colors.background.secondary,
  }),
  title: css({ margin: 0 }),
});
