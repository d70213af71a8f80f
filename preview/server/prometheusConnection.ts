/**
 * `npm run preview -- --prometheus <url>`: the Prometheus connection(s) the
 * preview's datasource gets beside the demo source, so a developer sees the
 * pages computed from their own Prometheus.
 *
 * Naming: an SLO's `source: prometheus` reads the datasource's default
 * connection (or its first Prometheus one), and `source: {type: prometheus,
 * name: <connection>}` (OpenSLO: a DataSource's name) reads the connection of
 * that name (src/backend/handlers/instance/sources.ts, sourceFor). So the URL is given
 * the name `prometheus` (as in provisioning/datasources/sloledger.yaml), made
 * the default, and every other Prometheus connection name the catalog asks for
 * gets the same URL: whatever the catalog names, its SLOs read this Prometheus.
 *
 * Checked before the server starts: a URL that is not http(s), or a server that
 * does not answer Prometheus's query API, stops the preview with a message
 * saying which and why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../../src/core/catalog/loadCatalog';
import { parseDatasourceSettings } from '../../src/core/contracts/settings';
import { HttpCountSource } from '../../src/backend/sources/prometheus';

/** The connection an unnamed `source: prometheus` reads (provisioning/datasources/sloledger.yaml names it so too). */
export const DEFAULT_PROMETHEUS_CONNECTION = 'prometheus';

/** A quick answer or none: the start-up check should not make the developer wait 30 s for a wrong port. */
const PROBE_TIMEOUT_SECONDS = 5;

export interface PreviewPrometheus {
  /** jsonData fields for the preview's datasource: the connections and the default one. */
  jsonData: { connections: Array<{ name: string; type: 'prometheus'; url: string }>; defaultConnection: string };
  /** One line for the start-up message: where the connections point and which SLOs read them. */
  summary: string;
}

/** A bad `--prometheus` option: the message says what is wrong and what to pass instead. */
export class PreviewOptionError extends Error {}

/**
 * Validates `url`, checks that Prometheus answers there, and names its connections after the catalog in `catalogDir`.
 * @example await previewPrometheus('http://127.0.0.1:9090', 'provisioning/slos')
 *   → jsonData.connections [{ name: 'prometheus', type: 'prometheus', url: 'http://127.0.0.1:9090' }]
 */
export async function previewPrometheus(url: string, catalogDir: string): Promise<PreviewPrometheus> {
  const names = [DEFAULT_PROMETHEUS_CONNECTION, ...catalogPrometheusNames(catalogDir).filter((n) => n !== DEFAULT_PROMETHEUS_CONNECTION)];
  const connections = names.map((name) => ({ name, type: 'prometheus' as const, url }));
  const { settings, issues } = parseDatasourceSettings({ connections, defaultConnection: DEFAULT_PROMETHEUS_CONNECTION });
  const urlIssue = issues.find((i) => i.path.endsWith('.url'));
  if (urlIssue) {
    throw new PreviewOptionError(`--prometheus "${url}": ${urlIssue.message} (e.g. --prometheus http://127.0.0.1:9090)`);
  }
  if (issues.length > 0) {
    throw new PreviewOptionError(`--prometheus: the catalog ${catalogDir} names a connection the datasource settings refuse: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
  const probe = new HttpCountSource({ ...settings.connections[0], timeoutMs: PROBE_TIMEOUT_SECONDS * 1000 }, {});
  const health = await probe.health(new AbortController().signal);
  if (!health.ok) {
    throw new PreviewOptionError(`--prometheus ${settings.connections[0].url}: Prometheus's query API does not answer: ${health.message}`);
  }
  const slos = catalogSlos(catalogDir).filter((s) => s.source.type === 'prometheus');
  const reading = slos.length === 0 ? `no SLO of the catalog ${catalogDir} reads Prometheus (give one with --catalog <dir>)` : `${slos.length} SLO${slos.length > 1 ? 's' : ''} of the catalog read it`;
  return {
    jsonData: { connections: settings.connections.map((c) => ({ name: c.name, type: 'prometheus', url: c.url! })), defaultConnection: DEFAULT_PROMETHEUS_CONNECTION },
    summary: `Prometheus at ${settings.connections[0].url} as connection${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}; ${reading}`,
  };
}

/** Names of the Prometheus connections the catalog's SLOs ask for by name. */
function catalogPrometheusNames(catalogDir: string): string[] {
  const named = catalogSlos(catalogDir).flatMap((s) => (s.source.type === 'prometheus' && s.source.name ? [s.source.name] : []));
  return [...new Set(named)].sort();
}

/** The catalog's SLOs as the backend will load them (errors there are the backend's to report, in "Save & test"). */
function catalogSlos(catalogDir: string) {
  const files = yamlFiles(catalogDir).flatMap((file) => {
    try {
      return [{ name: file, text: fs.readFileSync(file, 'utf8') }];
    } catch {
      return [];
    }
  });
  return loadCatalog(files).catalog.slos;
}

function yamlFiles(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}
