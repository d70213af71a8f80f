/**
 * One datasource instance: the state its requests share — parsed settings,
 * sources, bucket store, catalog, ledger and its closer, computations in
 * flight, endpoint discovery, manual condition states. Cached per datasource
 * by the protocol's InstanceCache and rebuilt when the settings change. The
 * logic lives in named modules: ./sources (which sources, which one an SLO
 * reads), ./catalogLoader (files, reloads, version), ./defaultSlos (book
 * 6.7), ./ledgerClosing (closer and backfill).
 */
import { LoadedCatalog } from '../../../core/catalog/loadCatalog';
import { Slo } from '../../../core/model/model';
import { DatasourceSettings, parseDatasourceSettings, SettingsIssue } from '../../../core/contracts/settings';
import { DataSourceSettings } from '../../protocol/settings';
import { BucketStore, DEFAULT_CACHE_LIMITS } from '../../sources/bucketCache';
import { GrafanaAccess, grafanaAccessFrom } from '../../sources/grafanaAccess';
import { CountSource } from '../../sources/types';
import { Ledger, LedgerLogger } from '../../ledger/ledgerService';
import { ledgerManualStates } from '../../ledger/ledgerManualStates';
import { openLedgerStore } from '../../ledger/openLedger';
import { LedgerCloser } from '../../ledger/schedule';
import { LedgerStore } from '../../ledger/store';
import { SharedComputations } from '../compute/sharedComputations';
import { ManualStateStore } from '../policy/manualStates';
import { CatalogLoader } from './catalogLoader';
import { catalogWithDefaultSlos, EndpointDiscovery } from './defaultSlos';
import { BACKFILL_DELAY_MS, closerFor, scheduleBackfill } from './ledgerClosing';
import { buildSources, sourceFor } from './sources';

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
  readonly sources: Map<string, CountSource>;
  /** Complete buckets of every source of this datasource; dropped with the instance when settings change. */
  readonly buckets: BucketStore;
  /** Closed periods and policy history (DESIGN.md "The ledger"). */
  readonly ledger: Ledger;
  readonly closer: LedgerCloser;
  readonly closePeriodsAfterRefresh: boolean;
  /** SLO computations in flight, shared by identical concurrent queries (issue 9). */
  readonly computations = new SharedComputations();
  /** Endpoints discovered for default SLOs, cached per refresh interval (./defaultSlos). */
  readonly discovery = new EndpointDiscovery();
  /** Recorded manual policy condition states (book 10.5), kept in the ledger. */
  manualStates: ManualStateStore;
  private readonly catalogs: CatalogLoader;
  private readonly backfillTimer?: NodeJS.Timeout;
  /** Grafana's URL and the plugin's service account token, as the latest request brought them. */
  private grafana: GrafanaAccess = grafanaAccessFrom(undefined, process.env);

  constructor(raw: Pick<DataSourceSettings, 'jsonData' | 'decryptedSecureJsonData'> & { uid?: string }, options: InstanceOptions = {}) {
    const { settings, issues } = parseDatasourceSettings(raw.jsonData);
    this.settings = settings;
    this.settingsIssues = issues;
    this.catalogs = new CatalogLoader(settings);
    this.buckets = new BucketStore({ ...DEFAULT_CACHE_LIMITS, ...settings.cache });
    const secrets = raw.decryptedSecureJsonData ?? {};
    this.ledger = new Ledger(options.openLedger ?? (() => openLedgerStore(settings, secrets, raw.uid ?? '')), options.logger);
    this.manualStates = ledgerManualStates(this.ledger);
    this.closePeriodsAfterRefresh = options.closePeriodsAfterRefresh ?? true;
    this.closer = closerFor(this.ledger, this);
    this.backfillTimer = scheduleBackfill(this.closer, options.backfillDelayMs === undefined ? BACKFILL_DELAY_MS : options.backfillDelayMs);
    this.sources = buildSources(settings, secrets, this.buckets, () => this.grafana);
  }

  /** Takes Grafana's URL and token from a request's grafanaConfig (preferred over the environment, PLATFORM.md §1.3). */
  useGrafanaConfig(config: Record<string, string> | undefined): void {
    this.grafana = grafanaAccessFrom(config, process.env);
  }

  /** The source an SLO reads from, or an explanation of why there is none (./sources). */
  sourceFor(slo: Pick<Slo, 'source'>): CountSource | string {
    return sourceFor(this.settings, this.sources, slo);
  }

  /** The catalog with the default SLOs expanded over discovered endpoints (book 6.7); failed discoveries are warnings. */
  catalogWithDefaults(nowMs = Date.now()): Promise<LoadedCatalog> {
    return catalogWithDefaultSlos(this.catalog(), (s) => this.sourceFor(s), this.discovery, nowMs);
  }

  /** The catalog, reloaded when the settings YAML or a catalog file changed. */
  catalog(): LoadedCatalog {
    return this.catalogs.load();
  }

  /** Hash of the catalog text (names and contents of its files): the version recorded with ledger rows. */
  catalogVersion(): string {
    return this.catalogs.version();
  }

  /** Stops background work and closes the ledger (settings replaced, or shutdown). */
  async dispose(): Promise<void> {
    clearTimeout(this.backfillTimer);
    await this.ledger.close();
  }
}
