/**
 * Which ledger a datasource uses (DESIGN.md "The ledger"): embedded SQLite in
 * Grafana's data directory unless configured otherwise — no setup — or
 * PostgreSQL from secureJsonData for Grafana in high availability.
 *
 * Grafana's data directory: GF_PATHS_DATA when Grafana's environment sets it
 * (the official images do: /var/lib/grafana); otherwise Grafana's default
 * `data` under its working directory, which the plugin process inherits.
 * An administrator can move every datasource's file with `ledger_dir` in
 * grafana.ini's `[plugin.sloledger-datasource]` (Grafana passes it as
 * GF_PLUGIN_LEDGER_DIR, PLATFORM.md 1.3).
 */
import path from 'node:path';
import { DatasourceSettings, LEDGER_SECRET_KEYS } from '../../core/contracts/settings';
import { PostgresLedger } from './postgres';
import { SqliteLedger } from './sqlite';
import { LedgerStore } from './store';

/** `<data dir>/plugins-data/sloledger/ledger-<datasource uid>.db`, or `<GF_PLUGIN_LEDGER_DIR>/ledger-<uid>.db` */
export function defaultLedgerPath(datasourceUid: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const set = (v: string | undefined) => (v && v.trim() !== '' ? v : undefined);
  const dataDir = set(env.GF_PATHS_DATA) ?? path.join(cwd, 'data');
  const dir = set(env.GF_PLUGIN_LEDGER_DIR) ?? path.join(dataDir, 'plugins-data', 'sloledger');
  const safeUid = (datasourceUid || 'default').replace(/[^A-Za-z0-9_-]/g, '_');
  return path.join(dir, `ledger-${safeUid}.db`);
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
