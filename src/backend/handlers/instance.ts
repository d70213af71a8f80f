/**
 * One datasource instance: its parsed settings, its sources and its catalog
 * (YAML from the settings plus the files of `catalogDir`, re-read when a
 * file's modification time changes). Cached per datasource by the protocol's
 * InstanceCache and rebuilt when the settings change.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CatalogFile, loadCatalog, LoadedCatalog } from '../../core/catalog/loadCatalog';
import { Slo } from '../../core/model';
import { DatasourceSettings, parseDatasourceSettings, SettingsIssue } from '../../core/settings';
import { DataSourceSettings } from '../protocol/settings';
import { DemoSource } from '../sources/demo';
import { HttpCountSource } from '../sources/prometheus';
import { CountSource } from '../sources/types';
import { Ledger, LedgerLogger } from '../ledger/ledgerService';
import { openLedgerStore } from '../ledger/openLedger';
import { LedgerCloser } from '../ledger/schedule';
import { LedgerStore } from '../ledger/store';

/** The backfill waits a little after start so Grafana's first dashboards are not competing with it. */
const BACKFILL_DELAY_MS = 30_000;

export interface InstanceOptions {
  /** Opens the ledger store (default: from the settings, see ledger/openLedger.ts). */
  openLedger?: () => LedgerStore;
  /** Delay before the start-up backfill; null: no automatic backfill (tests call it). */
  backfillDelayMs?: number | null;
  logger?: LedgerLogger;
}

export class Instance {
  readonly settings: DatasourceSettings;
  readonly settingsIssues: SettingsIssue[];
  readonly sources = new Map<string, CountSource>();
  /** Closed periods and policy history (DESIGN.md "The ledger"). */
  readonly ledger: Ledger;
  readonly closer: LedgerCloser;
  private catalogCache?: { stamp: string; loaded: LoadedCatalog; version: string };
  private backfillTimer?: NodeJS.Timeout;

  constructor(raw: Pick<DataSourceSettings, 'jsonData' | 'decryptedSecureJsonData'> & { uid?: string }, options: InstanceOptions = {}) {
    const { settings, issues } = parseDatasourceSettings(raw.jsonData);
    this.settings = settings;
    this.settingsIssues = issues;
    const secrets = raw.decryptedSecureJsonData ?? {};
    this.ledger = new Ledger(options.openLedger ?? (() => openLedgerStore(settings, secrets, raw.uid ?? '')), options.logger);
    this.closer = new LedgerCloser(this.ledger, { catalog: () => this.catalog().catalog, catalogVersion: () => this.catalogVersion(), sourceFor: (s) => this.sourceFor(s) });
    const delay = options.backfillDelayMs === undefined ? BACKFILL_DELAY_MS : options.backfillDelayMs;
    if (delay !== null) {
      this.backfillTimer = setTimeout(() => void this.closer.backfill(Date.now()), delay);
      this.backfillTimer.unref();
    }
    for (const connection of settings.connections) {
      this.sources.set(connection.name, new HttpCountSource(connection, raw.decryptedSecureJsonData ?? {}));
    }
    if (settings.demo) {
      this.sources.set('demo', new DemoSource());
    }
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
      const hash = createHash('sha256');
      for (const f of files) {
        hash.update(f.name).update('\0').update(f.text).update('\0');
      }
      this.catalogCache = { stamp, loaded, version: hash.digest('hex').slice(0, 12) };
    }
    return this.catalogCache.loaded;
  }

  /** Hash of the catalog text (names and contents of its files): the version recorded with ledger rows. */
  catalogVersion(): string {
    this.catalog();
    return this.catalogCache!.version;
  }

  /** Stops background work and closes the ledger (settings replaced, or shutdown). */
  async dispose(): Promise<void> {
    clearTimeout(this.backfillTimer);
    await this.ledger.close();
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
