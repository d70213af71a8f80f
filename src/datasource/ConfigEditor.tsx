/**
 * Datasource settings: connections (Prometheus / Loki), the default
 * connection, the demo source, the time zone of calendar periods, the
 * catalog (YAML validated as you type, or a directory on the Grafana host)
 * and the bucket cache bounds.
 * Problems found by core `parseDatasourceSettings` are shown at their fields.
 * "Save & test" runs the backend's CheckHealth.
 */
import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { DataSourcePluginOptionsEditorProps, GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, Combobox, Field, FieldSet, InlineFieldRow, InlineSwitch, Input, Stack, useStyles2 } from '@grafana/ui';
import { ConnectionType, DEFAULT_CACHE_MAX_ENTRIES, DEFAULT_CACHE_MAX_MB, parseDatasourceSettings } from '../core/contracts/settings';
import { CatalogEditor } from './config/CatalogEditor';
import { ConnectionEditor } from './config/ConnectionEditor';
import { LedgerEditor } from './config/LedgerEditor';
import { LimitField } from './config/LimitField';
import { Options, withSecretsDropped } from './config/secrets';
import { issueAt, unplacedIssues } from './config/settingsIssues';
import { ConnectionJson, SloLedgerOptions, SloLedgerSecureJsonData } from './types';

export type Props = DataSourcePluginOptionsEditorProps<SloLedgerOptions, SloLedgerSecureJsonData>;

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const styles = useStyles2(getStyles);
  const jsonData: SloLedgerOptions = useMemo(() => options.jsonData ?? {}, [options.jsonData]);
  const connections = Array.isArray(jsonData.connections) ? jsonData.connections : [];
  const { settings, issues } = useMemo(() => parseDatasourceSettings(jsonData), [jsonData]);
  const timeZones = useMemo(() => listTimeZones(), []);
  const unplaced = unplacedIssues(issues);

  const setJson = (patch: Partial<SloLedgerOptions>, base: Options = options) => onOptionsChange({ ...base, jsonData: { ...base.jsonData, ...patch } });
  const setConnections = (next: ConnectionJson[], base: Options = options) => setJson({ connections: next }, base);

  const addConnection = (type: ConnectionType) => {
    const taken = new Set(connections.map((c) => c.name));
    let name: string = type;
    for (let n = 2; taken.has(name); n++) {
      name = `${type}-${n}`;
    }
    setConnections([...connections, { name, type, url: '', auth: 'none' }]);
  };

  return (
    <div className={styles.editor}>
      {unplaced.length > 0 && (
        <Alert severity="error" title="Settings problems">
          <ul className={styles.plainList}>
            {unplaced.map((i, n) => (
              <li key={n}>
                {i.path}: {i.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}

      <FieldSet label="Sources">
        <Field
          label="Demo source"
          description="Built-in synthetic traffic (source: demo in the catalog); on by default while no connection exists"
          invalid={!!issueAt(issues, 'demo')}
          error={issueAt(issues, 'demo')}
        >
          <InlineSwitch id="sloledger-demo" value={settings.demo} onChange={(e) => setJson({ demo: e.currentTarget.checked })} />
        </Field>

        {connections.map((c, i) => (
          <ConnectionEditor
            key={i}
            connection={c}
            index={i}
            issues={issues}
            options={options}
            onUpdate={(next, secrets) => {
              const base = secrets ? secrets(options) : options;
              setConnections(
                connections.map((old, j) => (j === i ? next : old)),
                base
              );
            }}
            onRemove={() => {
              const base = c.name ? withSecretsDropped(options, `${c.name}.`) : options;
              const rest = connections.filter((_, j) => j !== i);
              onOptionsChange({
                ...base,
                jsonData: { ...base.jsonData, connections: rest, defaultConnection: jsonData.defaultConnection === c.name ? undefined : jsonData.defaultConnection },
              });
            }}
          />
        ))}
        <Stack direction="row" gap={1}>
          <Button variant="secondary" icon="plus" onClick={() => addConnection('prometheus')}>
            Add Prometheus connection
          </Button>
          <Button variant="secondary" icon="plus" onClick={() => addConnection('loki')}>
            Add Loki connection
          </Button>
        </Stack>

        {connections.length > 0 && (
          <Field
            className={styles.spaced}
            label="Default connection"
            description="Used by SLOs whose source names no connection; empty: the first connection of the SLO's source type"
            invalid={!!issueAt(issues, 'defaultConnection')}
            error={issueAt(issues, 'defaultConnection')}
          >
            <Combobox<string>
              id="sloledger-default-connection"
              width={40}
              isClearable
              placeholder="First connection of the type"
              options={connections.filter((c) => c.name).map((c) => ({ value: c.name, label: c.name, description: c.type }))}
              value={jsonData.defaultConnection ?? null}
              onChange={(option) => setJson({ defaultConnection: option?.value || undefined })}
            />
          </Field>
        )}
      </FieldSet>

      <FieldSet label="Catalog">
        <Field
          label="Catalog YAML"
          description="SLOs in the native format (apiVersion: sloledger/v1, see docs/catalog.md); checked as you type"
          invalid={!!issueAt(issues, 'catalogYaml')}
          error={issueAt(issues, 'catalogYaml')}
        >
          <CatalogEditor text={jsonData.catalogYaml ?? ''} onChange={(catalogYaml) => setJson({ catalogYaml })} />
        </Field>
        <Field
          label="Catalog directory"
          description="Optional: a directory of catalog files on the Grafana host, re-read when they change (e.g. /etc/grafana/provisioning/slos)"
          invalid={!!issueAt(issues, 'catalogDir')}
          error={issueAt(issues, 'catalogDir')}
        >
          <Input
            id="sloledger-catalog-dir"
            width={60}
            value={jsonData.catalogDir ?? ''}
            placeholder="/etc/grafana/provisioning/slos"
            onChange={(e) => setJson({ catalogDir: e.currentTarget.value || undefined })}
          />
        </Field>
      </FieldSet>

      <FieldSet label="Periods and ledger">
        <Field
          label="Time zone"
          description="IANA time zone where calendar periods (week, month, quarter) start; UTC by default"
          invalid={!!issueAt(issues, 'timeZone')}
          error={issueAt(issues, 'timeZone')}
        >
          <Combobox<string>
            id="sloledger-time-zone"
            width={40}
            createCustomValue
            options={timeZones}
            value={jsonData.timeZone ?? 'UTC'}
            onChange={(option) => setJson({ timeZone: option.value })}
          />
        </Field>
        <LedgerEditor options={options} issues={issues} onChange={onOptionsChange} />
      </FieldSet>

      <FieldSet label="Bucket cache">
        <InlineFieldRow>
          <LimitField
            id="sloledger-cache-entries"
            label="Max cached buckets"
            tooltip="Complete buckets kept in memory, shared by all connections; the least recently used go first"
            defaultValue={DEFAULT_CACHE_MAX_ENTRIES}
            value={jsonData.cacheMaxEntries}
            error={issueAt(issues, 'cacheMaxEntries')}
            onChange={(cacheMaxEntries) => setJson({ cacheMaxEntries })}
          />
          <LimitField
            id="sloledger-cache-mb"
            label="Max cache size (MB)"
            tooltip="Memory the cached buckets may take, shared by all connections"
            defaultValue={DEFAULT_CACHE_MAX_MB}
            value={jsonData.cacheMaxMB}
            error={issueAt(issues, 'cacheMaxMB')}
            onChange={(cacheMaxMB) => setJson({ cacheMaxMB })}
          />
        </InlineFieldRow>
      </FieldSet>
    </div>
  );
}

/** IANA zones the browser knows, UTC first. */
function listTimeZones(): Array<{ value: string; label: string }> {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...supported.filter((z) => z !== 'UTC')].map((z) => ({ value: z, label: z }));
}

const getStyles = (theme: GrafanaTheme2) => ({
  editor: css({ maxWidth: theme.breakpoints.values.lg }),
  plainList: css({ margin: 0, paddingLeft: theme.spacing(2) }),
  spaced: css({ marginTop: theme.spacing(2) }),
});
