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
import { Slo } from '../../core/model/model';
import { DatasourceSettings, parseDatasourceSettings, secretKey, SettingsIssue } from '../../core/contracts/settings';
import { DataSourceSettings } from '../protocol/settings';
import { DemoSource } from '../sources/demo';
import { BucketStore, DEFAULT_CACHE_LIMITS } from '../sources/bucketCache';
import { GrafanaAccess, grafanaAccessFrom } from '../sources/grafanaAccess';
import { GrafanaProxySource } from '../sources/grafanaProxy';
import { HttpCountSource } from '../sources/prometheus';
import { resilient } from '../sources/resilient';
import { needsOwnTls, tlsFetch } from '../sources/tlsFetch';
import { CountSource } from '../sources/types';
import { EndpointDiscovery, withDefaultSlos } from './defaultSlos';
import { ManualStateStore } from './manualStates';
import { SharedComputations } from './sharedComputations';
import { Ledger, LedgerLogger } from '../ledger/ledgerService';
import { ledgerManualStates } from '../ledger/ledgerManualStates';
import { openLedgerStore } from '../ledger/openLedger';
import { LedgerCloser } from '../ledger/schedule';
import { discoverCustomers } from './resources/customers';
import { LedgerStore } from '../ledger/store';

/** The backfill waits a little after start so Grafana's first dashboards are not competing with it. */
const BACKFILL_DELAY_MS = 30_000;

export interface InstanceOptions {
  /** Opens the ledger store (default: from the settings, see ledger/openLedger.ts). */
  openLedger?: () => LedgerStore;
  /** Delay before the start-up backfill; null: no automatic backfill (tests call it). */
  backfillDelayMs?: number | null;
  logger?: LedgerLogger;
  /** Record closed periods after refreshes (default true); tests of the query path alone turn it off. */
  closePeriodsAfterRefresh?: boolean;
}

export class Instance {
  readonly settings: DatasourceSettings;
  readonly settingsIssues: SettingsIssue[];
  readonly sources = new Map<string, CountSource>();
  /** Complete buckets of every source of this datasource; dropped with the instance when settings change. */
  readonly buckets: BucketStore;
  /** Closed periods and policy history (DESIGN.md "The ledger"). */
  readonly ledger: Ledger;
  readonly closer: LedgerCloser;
  readonly closePeriodsAfterRefresh: boolean;
  /** SLO computations in flight, shared by identical concurrent queries (issue 9). */
  readonly computations = new SharedComputations();
  private catalogCache?: { stamp: string; loaded: LoadedCatalog; version: string };
  private backfillTimer?: NodeJS.Timeout;
  /** Grafana's URL and the plugin's service account token, as the latest request brought them. */
  private grafana: GrafanaAccess = grafanaAccessFrom(undefined, process.env);

  constructor(raw: Pick<DataSourceSettings, 'jsonData' | 'decryptedSecureJsonData'> & { uid?: string }, options: InstanceOptions = {}) {
    const { settings, issues } = parseDatasourceSettings(raw.jsonData);
    this.settings = settings;
    this.settingsIssues = issues;
    this.buckets = new BucketStore({ ...DEFAULT_CACHE_LIMITS, ...settings.cache });
    const secrets = raw.decryptedSecureJsonData ?? {};
    this.ledger = new Ledger(options.openLedger ?? (() => openLedgerStore(settings, secrets, raw.uid ?? '')), options.logger);
    this.manualStates = ledgerManualStates(this.ledger);
    this.closePeriodsAfterRefresh = options.closePeriodsAfterRefresh ?? true;
    this.closer = new LedgerCloser(this.ledger, {
      catalog: () => this.catalog().catalog,
      catalogVersion: () => this.catalogVersion(),
      sourceFor: (s) => this.sourceFor(s),
      // per-customer SLA rows (book 11.2.7): the customers options/customers offers
      customersOf: (sla, nowMs, signal) => discoverCustomers(this, this.catalog().catalog, sla, signal, nowMs),
    });
    const delay = options.backfillDelayMs === undefined ? BACKFILL_DELAY_MS : options.backfillDelayMs;
    if (delay !== null) {
      this.backfillTimer = setTimeout(() => void this.closer.backfill(Date.now()), delay);
      this.backfillTimer.unref();
    }
    for (const connection of settings.connections) {
      const { grafanaUid } = connection;
      const tls = { caPem: secrets[secretKey.tlsCACert(connection.name)], skipVerify: connection.tlsSkipVerify };
      const inner = grafanaUid
        ? new GrafanaProxySource({ ...connection, grafanaUid }, () => this.grafana)
        : new HttpCountSource(connection, secrets, needsOwnTls(connection.url, tls) ? tlsFetch(tls) : fetch);
      this.sources.set(connection.name, resilient(inner, { maxConcurrency: connection.maxConcurrency, deadlineMs: connection.timeoutMs, store: this.buckets }));
    }
    if (settings.demo) {
      this.sources.set('demo', resilient(new DemoSource(), { maxConcurrency: 64, deadlineMs: 30_000, store: this.buckets }));
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

  /** Endpoints discovered for default SLOs, cached per refresh interval (./defaultSlos). */
  readonly discovery = new EndpointDiscovery();
  /** Recorded manual policy condition states (book 10.5), kept in the ledger. */
  manualStates: ManualStateStore;

  /** The catalog with the default SLOs expanded over discovered endpoints (book 6.7); failed discoveries are warnings. */
  async catalogWithDefaults(nowMs = Date.now()): Promise<LoadedCatalog> {
    const loaded = this.catalog();
    const { slos, issues } = await withDefaultSlos(loaded.catalog, (s) => this.sourceFor(s), this.discovery, nowMs);
    return { catalog: { ...loaded.catalog, slos }, errors: loaded.errors, warnings: [...loaded.warnings, ...issues] };
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
