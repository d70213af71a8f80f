/**
 * One backend for a test file: launched in beforeAll with Grafana's data
 * directory at `dataDir` (where the ledger's SQLite file goes), connected, and
 * killed in afterAll, which also removes `dataDir`.
 */
import fs from 'node:fs';
import { PluginClient, connectPlugin } from './client';
import { BackendProcess, grafanaEnv, launchBackend } from './launch';

export interface SuiteBackend {
  backend(): BackendProcess;
  client(): PluginClient;
}

export function backendForSuite(dataDir: string): SuiteBackend {
  let backend: BackendProcess | undefined;
  let client: PluginClient | undefined;
  beforeAll(async () => {
    backend = await launchBackend({ env: grafanaEnv({ GF_PATHS_DATA: dataDir }) });
    client = connectPlugin(backend.address);
  });
  afterAll(() => {
    client?.close();
    backend?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { backend: () => backend!, client: () => client! };
}
