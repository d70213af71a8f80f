/**
 * Secrets of the datasource settings. Values live only in secureJsonData
 * under `secretKey.*` names (core/contracts/settings.ts); Grafana never sends them back,
 * it only says which are set (secureJsonFields). Nothing here reads a stored
 * secret: the editor shows "configured" and offers a reset.
 */
import type { DataSourceSettings } from '@grafana/data';
import type { SloLedgerOptions, SloLedgerSecureJsonData } from '../types';

export type Options = DataSourceSettings<SloLedgerOptions, SloLedgerSecureJsonData>;

/** True when Grafana holds a value for `key`. */
export function isSecretConfigured(options: Options, key: string): boolean {
  return options.secureJsonFields?.[key] === true;
}

/** What the user typed for `key` in this session ('' otherwise; never the stored value). */
export function typedSecret(options: Options, key: string): string {
  return options.secureJsonData?.[key] ?? '';
}

/** Stores a new value for `key` (sent on save). */
export function withSecret(options: Options, key: string, value: string): Options {
  return { ...options, secureJsonData: { ...(options.secureJsonData ?? {}), [key]: value } };
}

/** Clears `key`: Grafana stores an empty value on save and no longer reports it as set. */
export function withSecretReset(options: Options, key: string): Options {
  return {
    ...options,
    secureJsonFields: { ...(options.secureJsonFields ?? {}), [key]: false },
    secureJsonData: { ...(options.secureJsonData ?? {}), [key]: '' },
  };
}

/**
 * Moves secrets when their key changes (a connection or header renamed):
 * values typed in this session move along; values Grafana holds under the
 * old key cannot be read, so they are reset and must be entered again.
 */
export function withSecretsRenamed(options: Options, rename: (key: string) => string | undefined): Options {
  let next = options;
  const typed = { ...(options.secureJsonData ?? {}) };
  let movedTyped = false;
  for (const [key, value] of Object.entries(options.secureJsonData ?? {})) {
    const to = rename(key);
    if (to !== undefined && to !== key && !isSecretConfigured(options, key)) {
      delete typed[key];
      if (value !== '') {
        typed[to] = value;
      }
      movedTyped = true;
    }
  }
  if (movedTyped) {
    next = { ...next, secureJsonData: typed };
  }
  for (const key of Object.keys(options.secureJsonFields ?? {})) {
    const to = rename(key);
    if (to !== undefined && to !== key && isSecretConfigured(options, key)) {
      next = withSecretReset(next, key);
    }
  }
  return next;
}

/** Resets every secret whose key starts with `prefix` (a removed connection or header). */
export function withSecretsDropped(options: Options, prefix: string): Options {
  let next = options;
  const typed = { ...(options.secureJsonData ?? {}) };
  let changed = false;
  for (const key of Object.keys(typed)) {
    if (key.startsWith(prefix) && !isSecretConfigured(options, key)) {
      delete typed[key];
      changed = true;
    }
  }
  if (changed) {
    next = { ...next, secureJsonData: typed };
  }
  for (const key of Object.keys(options.secureJsonFields ?? {})) {
    if (key.startsWith(prefix) && isSecretConfigured(options, key)) {
      next = withSecretReset(next, key);
    }
  }
  return next;
}
