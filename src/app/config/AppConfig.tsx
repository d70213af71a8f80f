/**
 * The app's configuration page: which SLO Ledger datasource the pages use
 * (stored in the app's jsonData; empty = the first one Grafana lists), and a
 * health check of that datasource (its "Save & test": catalog errors at
 * file:line, unreachable sources).
 */
import React, { useState } from 'react';
import { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { DataSourcePicker, getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Stack } from '@grafana/ui';
import { lastValueFrom } from 'rxjs';
import { AppJsonData, DATASOURCE_TYPE } from '../context';

export const testIds = { save: 'sloledger-app-config-save', check: 'sloledger-app-config-check' };

type Health = { status: 'OK' | 'ERROR' | string; message: string };

/** The datasource's health (GET /api/datasources/uid/<uid>/health); an error answer still carries its message. */
export async function checkDatasourceHealth(uid: string): Promise<Health> {
  try {
    const res = await lastValueFrom(getBackendSrv().fetch<Health>({ url: `/api/datasources/uid/${encodeURIComponent(uid)}/health`, showErrorAlert: false }));
    return res.data;
  } catch (e) {
    const err = e as { data?: Partial<Health>; status?: number; message?: string };
    return { status: 'ERROR', message: err.data?.message ?? err.message ?? `health check failed (${err.status ?? 'no answer'})` };
  }
}

export async function saveAppSettings(meta: AppPluginMeta<AppJsonData>, jsonData: AppJsonData): Promise<void> {
  await lastValueFrom(
    getBackendSrv().fetch({ url: `/api/plugins/${meta.id}/settings`, method: 'POST', data: { enabled: true, pinned: true, jsonData } })
  );
}

export function AppConfig({ plugin }: PluginConfigPageProps<AppPluginMeta<AppJsonData>>) {
  const meta = plugin.meta;
  const [uid, setUid] = useState<string | undefined>(meta.jsonData?.datasourceUid);
  const [health, setHealth] = useState<Health | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const check = async () => {
    if (!uid) {
      setHealth({ status: 'ERROR', message: 'Choose a datasource first.' });
      return;
    }
    setBusy(true);
    setHealth(await checkDatasourceHealth(uid));
    setBusy(false);
  };
  const save = async () => {
    setBusy(true);
    try {
      await saveAppSettings(meta, { ...meta.jsonData, datasourceUid: uid });
      setSaved('Saved. The app pages use this datasource from now on (reload open pages).');
    } catch (e) {
      setSaved(`Could not save: ${(e as Error).message ?? String(e)}`);
    }
    setBusy(false);
  };

  return (
    <FieldSet label="SLO Ledger datasource">
      <Field label="Datasource" description="The SLO Ledger datasource whose catalog and sources the app pages read. Empty: the first one.">
        <DataSourcePicker pluginId={DATASOURCE_TYPE} current={uid ?? null} noDefault onChange={(ds) => setUid(ds.uid)} width={40} />
      </Field>
      <Stack gap={1}>
        <Button onClick={save} disabled={busy} data-testid={testIds.save}>
          Save
        </Button>
        <Button variant="secondary" onClick={check} disabled={busy} data-testid={testIds.check}>
          Check health
        </Button>
      </Stack>
      {saved && <Alert severity={saved.startsWith('Saved') ? 'success' : 'error'} title={saved} />}
      {health && (
        <Alert severity={health.status === 'OK' ? 'success' : 'error'} title={health.status === 'OK' ? 'Datasource is healthy' : 'Datasource has problems'}>
          {health.message}
        </Alert>
      )}
    </FieldSet>
  );
}
