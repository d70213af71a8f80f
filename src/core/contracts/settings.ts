/**
 * The SLO Ledger datasource settings (Grafana's jsonData + secureJsonData):
 * one shape shared by the config editor (frontend), the backend and
 * provisioning files. Pure: parses plain objects, never reads files.
 *
 * Secrets live only in secureJsonData, under keys derived from the
 * connection name (`secretKey`), and are never part of ConnectionSettings.
 */

export type ConnectionType = 'prometheus' | 'loki';
export type AuthMethod = 'none' | 'basic' | 'bearer';

/** One Prometheus-compatible or Loki connection the SLOs can name as their source. */
export interface ConnectionSettings {
  /** Name an SLO's `source.name` refers to; unique. */
  name: string;
  type: ConnectionType;
  /** Own URL, queried by the backend directly. */
  url?: string;
  /** Or: UID of an existing Grafana Prometheus/Loki datasource, queried through Grafana. */
  grafanaUid?: string;
  auth: AuthMethod;
  basicAuthUser?: string;
  /** `X-Scope-OrgID` for Mimir, Cortex and Loki multi-tenancy. */
  tenant?: string;
  /** Names of extra headers; their values are secrets. */
  headerNames: string[];
  tlsSkipVerify: boolean;
  /** Per-request timeout. (A CA certificate, if any, is a secret: `secretKey.tlsCACert`.) */
  timeoutMs: number;
  maxConcurrency: number;
  /** Larger answers are refused with a clear error instead of exhausting memory (a huge matrix). */
  maxResponseBytes: number;
}

export interface DatasourceSettings {
  connections: ConnectionSettings[];
  /** Connection used by SLOs whose source names no connection; defaults to the first of the SLO's type. */
  defaultConnection?: string;
  /** Catalog YAML kept in the datasource settings. */
  catalogYaml: string;
  /** Directory of catalog files on the Grafana host (re-read when they change). */
  catalogDir?: string;
  /** The built-in synthetic source; on by default when no connection is configured. */
  demo: boolean;
  /** IANA time zone of calendar periods (DESIGN.md: UTC default). */
  timeZone: string;
  /** Ledger database file (SQLite); default in Grafana's data directory. */
  ledgerPath?: string;
  /** Immutable-bucket cache bounds (shared by the connections of this datasource). */
  cache: { maxEntries: number; maxBytes: number };
  /** Where the ledger lives: embedded SQLite (default) or PostgreSQL for Grafana in high availability. */
  ledgerBackend: LedgerBackend;
}

export type LedgerBackend = 'sqlite' | 'postgres';

/** secureJsonData keys of the PostgreSQL ledger: a connection string, and optionally its password apart. */
export const LEDGER_SECRET_KEYS = { postgresUrl: 'ledger.postgresUrl', postgresPassword: 'ledger.postgresPassword' } as const;

/** One problem with the settings, naming the field. */
export interface SettingsIssue {
  path: string;
  message: string;
}

/** Keys under which a connection's secrets live in secureJsonData. */
export const secretKey = {
  basicAuthPassword: (connection: string) => `${connection}.basicAuthPassword`,
  bearerToken: (connection: string) => `${connection}.bearerToken`,
  header: (connection: string, header: string) => `${connection}.header.${header}`,
  tlsCACert: (connection: string) => `${connection}.tlsCACert`,
};

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_CONCURRENCY = 8;
export const DEFAULT_MAX_RESPONSE_MB = 64;
export const DEFAULT_CACHE_MAX_ENTRIES = 10_000;
export const DEFAULT_CACHE_MAX_MB = 256;
const MB = 1024 * 1024;

const CONNECTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Parses jsonData into DatasourceSettings. Never throws: every problem is an
 * issue naming its path, and a bad connection is dropped while the good ones
 * stay (one bad entry never hides the others).
 *
 * @example parseDatasourceSettings({}) → demo on, no connections, UTC, no issues
 */
export function parseDatasourceSettings(jsonData: unknown): { settings: DatasourceSettings; issues: SettingsIssue[] } {
  const issues: SettingsIssue[] = [];
  const raw = isObject(jsonData) ? jsonData : {};
  if (jsonData !== undefined && jsonData !== null && !isObject(jsonData)) {
    issues.push({ path: 'jsonData', message: 'must be an object' });
  }

  const connections: ConnectionSettings[] = [];
  const rawConnections = raw.connections ?? [];
  if (!Array.isArray(rawConnections)) {
    issues.push({ path: 'connections', message: 'must be a list of connections' });
  } else {
    rawConnections.forEach((c, i) => {
      const parsed = parseConnection(c, `connections[${i}]`, issues);
      if (!parsed) {
        return;
      }
      if (connections.some((other) => other.name === parsed.name)) {
        issues.push({ path: `connections[${i}].name`, message: `duplicate connection name "${parsed.name}"` });
        return;
      }
      connections.push(parsed);
    });
  }

  const defaultConnection = optionalString(raw.defaultConnection, 'defaultConnection', issues);
  if (defaultConnection && !connections.some((c) => c.name === defaultConnection)) {
    issues.push({ path: 'defaultConnection', message: `no connection named "${defaultConnection}"` });
  }
  const timeZone = optionalString(raw.timeZone, 'timeZone', issues) ?? 'UTC';
  if (!isValidTimeZone(timeZone)) {
    issues.push({ path: 'timeZone', message: `unknown IANA time zone "${timeZone}" (e.g. UTC, Europe/Berlin)` });
  }
  const ledgerBackend = raw.ledgerBackend ?? 'sqlite';
  if (ledgerBackend !== 'sqlite' && ledgerBackend !== 'postgres') {
    issues.push({ path: 'ledgerBackend', message: 'must be "sqlite" (embedded, default) or "postgres"' });
  }
  const demoRaw = raw.demo;
  if (demoRaw !== undefined && typeof demoRaw !== 'boolean') {
    issues.push({ path: 'demo', message: 'must be true or false' });
  }

  return {
    settings: {
      connections,
      defaultConnection,
      catalogYaml: optionalString(raw.catalogYaml, 'catalogYaml', issues) ?? '',
      catalogDir: optionalString(raw.catalogDir, 'catalogDir', issues) || undefined,
      demo: typeof demoRaw === 'boolean' ? demoRaw : connections.length === 0,
      timeZone: isValidTimeZone(timeZone) ? timeZone : 'UTC',
      ledgerPath: optionalString(raw.ledgerPath, 'ledgerPath', issues) || undefined,
      cache: {
        maxEntries: Math.floor(positiveNumber(raw.cacheMaxEntries, 'cacheMaxEntries', issues, DEFAULT_CACHE_MAX_ENTRIES)),
        maxBytes: Math.floor(positiveNumber(raw.cacheMaxMB, 'cacheMaxMB', issues, DEFAULT_CACHE_MAX_MB) * MB),
      },
      ledgerBackend: ledgerBackend === 'postgres' ? 'postgres' : 'sqlite',
    },
    issues,
  };
}

function parseConnection(raw: unknown, path: string, issues: SettingsIssue[]): ConnectionSettings | undefined {
  if (!isObject(raw)) {
    issues.push({ path, message: 'must be an object with name, type and url (or grafanaUid)' });
    return undefined;
  }
  const before = issues.length;
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  if (!CONNECTION_NAME.test(name)) {
    issues.push({ path: `${path}.name`, message: 'required: letters, digits, "-" or "_", at most 63 characters' });
  }
  const type = raw.type;
  if (type !== 'prometheus' && type !== 'loki') {
    issues.push({ path: `${path}.type`, message: 'must be "prometheus" or "loki"' });
  }
  const url = typeof raw.url === 'string' && raw.url.trim() !== '' ? raw.url.trim().replace(/\/+$/, '') : undefined;
  const grafanaUid = typeof raw.grafanaUid === 'string' && raw.grafanaUid.trim() !== '' ? raw.grafanaUid.trim() : undefined;
  if (!url && !grafanaUid) {
    issues.push({ path: `${path}.url`, message: 'set url (e.g. http://prometheus:9090) or grafanaUid of an existing datasource' });
  }
  if (url && !/^https?:\/\/[^\s/]+/.test(url)) {
    issues.push({ path: `${path}.url`, message: `"${url}" is not an http(s) URL` });
  }
  const auth = raw.auth ?? 'none';
  if (auth !== 'none' && auth !== 'basic' && auth !== 'bearer') {
    issues.push({ path: `${path}.auth`, message: 'must be "none", "basic" or "bearer"' });
  }
  if (auth === 'basic' && (typeof raw.basicAuthUser !== 'string' || raw.basicAuthUser === '')) {
    issues.push({ path: `${path}.basicAuthUser`, message: 'required when auth is "basic"' });
  }
  const headerNames = Array.isArray(raw.headerNames) ? raw.headerNames : [];
  headerNames.forEach((h, i) => {
    if (typeof h !== 'string' || !HEADER_NAME.test(h)) {
      issues.push({ path: `${path}.headerNames[${i}]`, message: 'must be an HTTP header name' });
    }
  });
  const timeoutMs = positiveNumber(raw.timeoutSeconds, `${path}.timeoutSeconds`, issues, DEFAULT_TIMEOUT_MS / 1000) * 1000;
  const maxConcurrency = positiveNumber(raw.maxConcurrency, `${path}.maxConcurrency`, issues, DEFAULT_MAX_CONCURRENCY);
  const maxResponseBytes = Math.floor(positiveNumber(raw.maxResponseMB, `${path}.maxResponseMB`, issues, DEFAULT_MAX_RESPONSE_MB) * MB);
  if (issues.length > before) {
    return undefined;
  }
  return {
    name,
    type: type as ConnectionType,
    url,
    grafanaUid,
    auth: auth as AuthMethod,
    basicAuthUser: typeof raw.basicAuthUser === 'string' ? raw.basicAuthUser : undefined,
    tenant: typeof raw.tenant === 'string' && raw.tenant !== '' ? raw.tenant : undefined,
    headerNames: headerNames as string[],
    tlsSkipVerify: raw.tlsSkipVerify === true,
    timeoutMs,
    maxConcurrency: Math.max(1, Math.floor(maxConcurrency)),
    maxResponseBytes,
  };
}

function positiveNumber(value: unknown, path: string, issues: SettingsIssue[], fallback: number): number {
  if (value === undefined || value === null || value === '') {
    return fallback;
  }
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
    issues.push({ path, message: 'must be a number greater than 0' });
    return fallback;
  }
  return n;
}

function optionalString(value: unknown, path: string, issues: SettingsIssue[]): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    issues.push({ path, message: 'must be a string' });
    return undefined;
  }
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when Intl knows the IANA zone name. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
