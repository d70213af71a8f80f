/**
 * Turns the PluginContext Grafana sends with every request into plain
 * settings: numbers instead of Longs, parsed jsonData, and no protobuf types.
 * Datasource settings are "only set if the request targets a data source
 * instance"; the user is absent on requests Grafana itself makes (alerting).
 */
import { BadRequestError } from './errors';
import { WireAppInstanceSettings, WireDataSourceInstanceSettings, WirePluginContext, WireUser } from './wire';

export interface UserInfo {
  login: string;
  name: string;
  email: string;
  /** Grafana org role: `Viewer`, `Editor` or `Admin` (empty when unknown). */
  role: string;
}

export interface DataSourceSettings {
  /** Deprecated by Grafana; prefer uid. */
  id: number;
  uid: string;
  name: string;
  url: string;
  user: string;
  database: string;
  basicAuthEnabled: boolean;
  basicAuthUser: string;
  jsonData: Record<string, unknown>;
  /** Decrypted secrets: never log (use `redact`). */
  decryptedSecureJsonData: Record<string, string>;
  /** Changes whenever the settings are saved: the instance cache keys on it. */
  lastUpdatedMS: number;
  apiVersion: string;
}

export interface AppSettings {
  jsonData: Record<string, unknown>;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMS: number;
  apiVersion: string;
}

export interface PluginContext {
  orgId: number;
  pluginId: string;
  pluginVersion: string;
  userAgent: string;
  apiVersion: string;
  namespace: string;
  user?: UserInfo;
  dataSource?: DataSourceSettings;
  app?: AppSettings;
  /** Per-request Grafana configuration (GF_APP_URL, GF_SQL_ROW_LIMIT, …); preferred over env. */
  grafanaConfig: Record<string, string>;
}

/** Converts a decoded PluginContext. Throws BadRequestError when jsonData is not a JSON object. */
export function parsePluginContext(wire: WirePluginContext | null | undefined): PluginContext {
  const w = wire ?? {};
  const context: PluginContext = {
    orgId: num(w.orgId),
    pluginId: w.pluginId ?? '',
    pluginVersion: w.pluginVersion ?? '',
    userAgent: w.userAgent ?? '',
    apiVersion: w.apiVersion ?? '',
    namespace: w.namespace ?? '',
    grafanaConfig: { ...w.grafanaConfig },
  };
  if (w.user) {
    context.user = parseUser(w.user);
  }
  if (w.dataSourceInstanceSettings) {
    context.dataSource = parseDataSourceSettings(w.dataSourceInstanceSettings);
  }
  if (w.appInstanceSettings) {
    context.app = parseAppSettings(w.appInstanceSettings);
  }
  return context;
}

export function parseDataSourceSettings(w: WireDataSourceInstanceSettings): DataSourceSettings {
  return {
    id: num(w.id),
    uid: w.uid ?? '',
    name: w.name ?? '',
    url: w.url ?? '',
    user: w.user ?? '',
    database: w.database ?? '',
    basicAuthEnabled: w.basicAuthEnabled ?? false,
    basicAuthUser: w.basicAuthUser ?? '',
    jsonData: parseJsonObject(w.jsonData, `datasource "${w.name ?? w.uid ?? ''}" settings: jsonData`),
    decryptedSecureJsonData: { ...w.decryptedSecureJsonData },
    lastUpdatedMS: num(w.lastUpdatedMS),
    apiVersion: w.apiVersion ?? '',
  };
}

function parseAppSettings(w: WireAppInstanceSettings): AppSettings {
  return {
    jsonData: parseJsonObject(w.jsonData, 'app settings: jsonData'),
    decryptedSecureJsonData: { ...w.decryptedSecureJsonData },
    lastUpdatedMS: num(w.lastUpdatedMS),
    apiVersion: w.apiVersion ?? '',
  };
}

function parseUser(w: WireUser): UserInfo {
  return { login: w.login ?? '', name: w.name ?? '', email: w.email ?? '', role: w.role ?? '' };
}

/**
 * Parses UTF-8 JSON bytes that must hold an object. Empty bytes and `null`
 * mean "nothing configured" → `{}`.
 *
 * @example parseJsonObject(Buffer.from('{"a":1}'), 'jsonData') // { a: 1 }
 */
export function parseJsonObject(bytes: Uint8Array | undefined, what: string): Record<string, unknown> {
  if (!bytes || bytes.length === 0) {
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (err) {
    throw new BadRequestError(`${what} is not valid JSON (${(err as Error).message})`);
  }
  if (value === null) {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BadRequestError(`${what} must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  }
  return value as Record<string, unknown>;
}

// WHY: int64 arrives as a number with PROTO_OPTIONS, but a Long or string
// from another decoder must not leak through as a non-number.
function num(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  if (value === undefined || value === null) {
    return 0;
  }
  const n = Number(String(value));
  return Number.isFinite(n) ? n : 0;
}
