/**
 * One datasource instance: its parsed settings, its sources and its catalog
 * (YAML from the settings plus the files of `catalogDir`, re-read when a
 * file's modification time changes). Cached per datasource by the protocol's
 * InstanceCache and rebuilt when the settings change.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CatalogFile, loadCatalog, LoadedCatalog } from '../../core/catalog/loadCatalog';
import { Slo } from '../../core/model';
import { DatasourceSettings, parseDatasourceSettings, SettingsIssue } from '../../core/settings';
import { DataSourceSettings } from '../protocol/settings';
import { DemoSource } from '../sources/demo';
import { GrafanaAccess, grafanaAccessFrom } from '../sources/grafanaAccess';
import { GrafanaProxySource } from '../sources/grafanaProxy';
import { HttpCountSource } from '../sources/prometheus';
import { CountSource } from '../sources/types';

export class Instance {
  readonly settings: DatasourceSettings;
  readonly settingsIssues: SettingsIssue[];
  readonly sources = new Map<string, CountSource>();
  private catalogCache?: { stamp: string; loaded: LoadedCatalog };
  /** Grafana's URL and the plugin's service account token, as the latest request brought them. */
  private grafana: GrafanaAccess = grafanaAccessFrom(undefined, process.env);

  constructor(raw: Pick<DataSourceSettings, 'jsonData' | 'decryptedSecureJsonData'>) {
    const { settings, issues } = parseDatasourceSettings(raw.jsonData);
    this.settings = settings;
    this.settingsIssues = issues;
    for (const connection of settings.connections) {
      const { grafanaUid } = connection;
      this.sources.set(
        connection.name,
        grafanaUid ? new GrafanaProxySource({ ...connection, grafanaUid }, () => this.grafana) : new HttpCountSource(connection, raw.decryptedSecureJsonData ?? {})
      );
    }
    if (settings.demo) {
      this.sources.set('demo', new DemoSource());
    }
  }

  /** Takes Grafana's URL and token from a request's grafanaConfig (preferred over the environment, PLATFORM.md §1.3). */
  useGrafanaConfig(config: Record<string, string> | undefined): void {
    this.grafana = grafanaAccessFrom(config, process.env);
  }

  /** The source an SLO reads from, or an explanation of why there is none. */
  sourceFor(slo: Pick<Slo, 'source'>): CountSource | string {
    const { type, name } = slo.source;
    if (type === 'demo') {
      return this.sources.get('demo') ?? 'the demo source is switched off in the datasource settings';
    }
    if (name) {
      const named = this.settings.connections.find((c) => c.name === name);
      if (!named) {return `no connection named "${name}" in the datasource settings`;}
      if (named.type !== type) {return `connection "${name}" is ${named.type}, the SLO needs ${type}`;}
      return this.sources.get(name)!;
    }
    const preferred = this.settings.connections.find((c) => c.name === this.settings.defaultConnection && c.type === type);
    const any = preferred ?? this.settings.connections.find((c) => c.type === type);
    if (any) {return this.sources.get(any.name)!;}
    return `no ${type} connection is configured: add one in the datasource settings`;
  }

  /** The catalog, reloaded when the settings YAML or a catalog file changed. */
  catalog(): LoadedCatalog {
    const files = this.catalogFiles();
    const stamp = files.map((f) => `${f.name}:${f.stamp}`).join('|');
    if (!this.catalogCache || this.catalogCache.stamp !== stamp) {
      const loaded = loadCatalog(files.map(({ name, text }) => ({ name, text })));
      loaded.errors.unshift(...files.flatMap((f) => (f.readError ? [f.readError] : [])));
      this.catalogCache = { stamp, loaded };
    }
    return this.catalogCache.loaded;
  }

  private catalogFiles(): Array<CatalogFile & { stamp: string; readError?: LoadedCatalog['errors'][number] }> {
    const out: Array<CatalogFile & { stamp: string; readError?: LoadedCatalog['errors'][number] }> = [];
    if (this.settings.catalogYaml.trim() !== '') {
      out.push({ name: 'datasource settings', text: this.settings.catalogYaml, stamp: String(this.settings.catalogYaml.length) });
    }
    const dir = this.settings.catalogDir;
    if (dir) {
      for (const file of listYaml(dir)) {
        try {
          const stat = fs.statSync(file);
          out.push({ name: file, text: fs.readFileSync(file, 'utf8'), stamp: `${stat.mtimeMs}:${stat.size}` });
        } catch (error) {
          const message = `cannot read the catalog: ${(error as Error).message}`;
          out.push({ name: file, text: '', stamp: 'unreadable', readError: { file, line: 1, column: 1, path: '', message, severity: 'error' } });
        }
      }
    }
    return out;
  }
}

function listYaml(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [dir]; // reported as unreadable by the caller
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {return listYaml(full);}
      return /\.ya?ml$/.test(e.name) ? [full] : [];
    });
}
