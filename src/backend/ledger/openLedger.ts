/**
 * Which ledger a datasource uses (DESIGN.md "The ledger"): embedded SQLite in
 * Grafana's data directory unless configured otherwise — no setup — or
 * PostgreSQL from secureJsonData for Grafana in high availability.
 *
 * Grafana's data directory: GF_PATHS_DATA when Grafana's environment sets it
 * (the official images do: /var/lib/grafana); otherwise Grafana's default
 * `data` under its working directory, which the plugin process inherits.
 */
import path from 'node:path';
import { DatasourceSettings, LEDGER_SECRET_KEYS } from '../../core/settings';
import { PostgresLedger } from './postgres';
import { SqliteLedger } from './sqlite';
import { LedgerStore } from './store';

/** `<data dir>/plugins-data/sloledger/ledger-<datasource uid>.db` */
export function defaultLedgerPath(datasourceUid: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const dataDir = env.GF_PATHS_DATA && env.GF_PATHS_DATA.trim() !== '' ? env.GF_PATHS_DATA : path.join(cwd, 'data');
  const safeUid = (datasourceUid || 'default').replace(/[^A-Za-z0-9_-]/g, '_');
  return path.join(dataDir, 'plugins-data', 'sloledger', `ledger-${safeUid}.db`);
}

/** Opens the configured store; throws an error that says what to fix (never the secret). */
export function openLedgerStore(settings: Pick<DatasourceSettings, 'ledgerBackend' | 'ledgerPath'>, secrets: Record<string, string>, datasourceUid: string, env: NodeJS.ProcessEnv = process.env): LedgerStore {
  if (settings.ledgerBackend === 'postgres') {
    const connectionString = secrets[LEDGER_SECRET_KEYS.postgresUrl];
    if (!connectionString) {
      throw new Error(`the ledger is set to PostgreSQL but secureJsonData has no "${LEDGER_SECRET_KEYS.postgresUrl}" (e.g. postgres://grafana@db:5432/sloledger)`);
    }
    return new PostgresLedger({ connectionString, password: secrets[LEDGER_SECRET_KEYS.postgresPassword] });
  }
  return new SqliteLedger(settings.ledgerPath ?? defaultLedgerPath(datasourceUid, env));
}
