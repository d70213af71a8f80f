/**
 * Frontend types of the SLO Ledger datasource. The query model and the
 * settings shape are owned by src/core (shared with the backend); this file
 * only adapts them to Grafana's DataQuery / DataSourceJsonData.
 */
import type { DataQuery, DataSourceJsonData } from '@grafana/schema';
import type { SloLedgerQueryModel, SloSelection } from '../core/contracts/queryModel';
import type { AuthMethod, ConnectionType } from '../core/contracts/settings';

/** A query as dashboards, alert rules and Explore store it (src/core/contracts/queryModel.ts). */
export interface SloLedgerQuery extends Omit<DataQuery, 'queryType'>, SloLedgerQueryModel {}

/**
 * One connection as stored in jsonData (the raw form `parseDatasourceSettings`
 * reads; note `timeoutSeconds`, which the parser turns into `timeoutMs`).
 * Secrets are not here: they live in secureJsonData under `secretKey.*`.
 */
export interface ConnectionJson {
  name: string;
  type: ConnectionType;
  url?: string;
  grafanaUid?: string;
  auth?: AuthMethod;
  basicAuthUser?: string;
  tenant?: string;
  headerNames?: string[];
  tlsSkipVerify?: boolean;
  timeoutSeconds?: number;
  maxConcurrency?: number;
  maxResponseMB?: number;
}

/** jsonData of the datasource (raw form of core/contracts/settings.ts `DatasourceSettings`). */
export interface SloLedgerOptions extends DataSourceJsonData {
  connections?: ConnectionJson[];
  defaultConnection?: string;
  catalogYaml?: string;
  catalogDir?: string;
  demo?: boolean;
  timeZone?: string;
  ledgerPath?: string;
  ledgerBackend?: 'sqlite' | 'postgres';
  /** Bucket cache bounds; the parser turns MB into bytes. */
  cacheMaxEntries?: number;
  cacheMaxMB?: number;
}

/** secureJsonData: keys are `secretKey.*(connection, …)` of core/contracts/settings.ts. */
export type SloLedgerSecureJsonData = Record<string, string>;

/** Dimensions the `options/<dimension>` resource answers (src/core/contracts/resourceContract.ts). */
export type OptionDimension = 'teams' | 'services' | 'slis' | 'deployments' | 'slos' | 'endpoints' | 'customers';
export const OPTION_DIMENSIONS: readonly OptionDimension[] = ['teams', 'services', 'slis', 'deployments', 'slos', 'endpoints', 'customers'];

/** The selection fields of a query, in the order the editors show them. */
export type SelectionKey = Exclude<keyof SloSelection, 'includeDefaults'>;
export const SELECTION_KEYS: readonly SelectionKey[] = ['teams', 'services', 'slis', 'deployments', 'slos'];

/** Which resource dimension feeds each selection field. */
export const DIMENSION_OF: Record<SelectionKey, OptionDimension> = {
  teams: 'teams',
  services: 'services',
  slis: 'slis',
  deployments: 'deployments',
  slos: 'slos',
};

/**
 * A template-variable query: which dimension to list, narrowed by a selection
 * that may itself use variables (`services` of `$team`: the book's cascading
 * filters, B:7543).
 */
export interface SloLedgerVariableQuery extends DataQuery, Omit<SloSelection, 'includeDefaults'> {
  dimension: OptionDimension;
}
