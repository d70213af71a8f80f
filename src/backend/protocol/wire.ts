/**
 * Shapes of decoded `pluginv2` messages as proto-loader produces them with
 * PROTO_OPTIONS (int64 → number, bytes → Buffer, enums → names, unset
 * messages → null). Only the protocol layer sees these; handlers get the
 * plain types of `handlers.ts`. Fields are optional because a peer may omit
 * them and tests build partial messages.
 */

export interface WireUser {
  login?: string;
  name?: string;
  email?: string;
  role?: string;
}

export interface WireDataSourceInstanceSettings {
  id?: number;
  name?: string;
  url?: string;
  user?: string;
  database?: string;
  basicAuthEnabled?: boolean;
  basicAuthUser?: string;
  jsonData?: Uint8Array;
  decryptedSecureJsonData?: Record<string, string>;
  lastUpdatedMS?: number;
  uid?: string;
  apiVersion?: string;
}

export interface WireAppInstanceSettings {
  jsonData?: Uint8Array;
  decryptedSecureJsonData?: Record<string, string>;
  lastUpdatedMS?: number;
  apiVersion?: string;
}

export interface WirePluginContext {
  orgId?: number;
  pluginId?: string;
  user?: WireUser | null;
  appInstanceSettings?: WireAppInstanceSettings | null;
  dataSourceInstanceSettings?: WireDataSourceInstanceSettings | null;
  grafanaConfig?: Record<string, string>;
  pluginVersion?: string;
  userAgent?: string;
  apiVersion?: string;
  namespace?: string;
}

export interface WireDataQuery {
  refId?: string;
  maxDataPoints?: number;
  intervalMS?: number;
  timeRange?: { fromEpochMS?: number; toEpochMS?: number } | null;
  json?: Uint8Array;
  queryType?: string;
}

export interface WireQueryDataRequest {
  pluginContext?: WirePluginContext | null;
  headers?: Record<string, string>;
  queries?: WireDataQuery[];
  format?: string | number;
}

export interface WireDataResponse {
  frames: Uint8Array[];
  error?: string;
  status?: number;
  errorSource?: string;
}

export interface WireQueryDataResponse {
  responses: Record<string, WireDataResponse>;
}

export interface WireCheckHealthRequest {
  pluginContext?: WirePluginContext | null;
  headers?: Record<string, string>;
}

export interface WireCheckHealthResponse {
  status: 'UNKNOWN' | 'OK' | 'ERROR';
  message: string;
  jsonDetails?: Uint8Array;
}

export interface WireStringList {
  values?: string[];
}

export interface WireCallResourceRequest {
  pluginContext?: WirePluginContext | null;
  path?: string;
  method?: string;
  url?: string;
  headers?: Record<string, WireStringList>;
  body?: Uint8Array;
}

export interface WireCallResourceResponse {
  code: number;
  headers?: Record<string, WireStringList>;
  body?: Uint8Array;
}

export interface WireCollectMetricsRequest {
  pluginContext?: WirePluginContext | null;
}

export interface WireCollectMetricsResponse {
  metrics: { prometheus: Uint8Array };
}
