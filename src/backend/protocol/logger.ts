/**
 * Structured logging in hclog's JSON line format on stderr, which go-plugin
 * parses and Grafana re-logs under `plugin.<id>` (PLATFORM.md §2.2):
 * `{"@level":"info","@message":"…","@timestamp":"2026-11-22T15:04:05.123456Z","key":"value"}`.
 * stdout is reserved for the handshake line, so nothing here ever writes to it.
 */
import { redact } from './redact';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

/** Keys hclog reserves; a caller's key/value with one of these names is prefixed. */
const RESERVED = new Set(['@level', '@message', '@timestamp', '@module', '@caller']);

export interface Logger {
  trace(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every line. */
  with(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  /** Lines below this level are dropped. Default `debug`: Grafana filters again by GF_LOG_FILTERS. */
  level?: LogLevel;
  /** Where lines go; default stderr. */
  write?: (line: string) => void;
  /** Clock for `@timestamp`; default the system clock. */
  now?: () => Date;
}

/**
 * go-plugin parses `@timestamp` with the Go layout `2006-01-02T15:04:05.000000Z07:00`:
 * exactly six fractional digits. `toISOString()` gives three, which fails the
 * parse and demotes the whole line to raw debug text, so pad milliseconds.
 *
 * @example formatHclogTimestamp(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 67))) // '2026-01-02T03:04:05.067000Z'
 */
export function formatHclogTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** One hclog JSON line (no newline). Field values are redacted; errors become text. */
export function formatHclogLine(level: LogLevel, message: string, fields: Record<string, unknown>, at?: Date): string {
  const entry: Record<string, unknown> = { '@level': level, '@message': message };
  if (at) {
    entry['@timestamp'] = formatHclogTimestamp(at);
  }
  const safe = redact(fields) as Record<string, unknown>;
  for (const [key, value] of Object.entries(safe)) {
    if (value !== undefined) {
      entry[RESERVED.has(key) ? `_${key}` : key] = value;
    }
  }
  return safeStringify(entry);
}

/** Creates a logger writing hclog JSON lines. */
export function createLogger(options: LoggerOptions = {}, base: Record<string, unknown> = {}): Logger {
  const min = RANK[options.level ?? 'debug'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? (() => new Date());
  const log = (level: LogLevel) => (message: string, fields: Record<string, unknown> = {}) => {
    if (RANK[level] >= min) {
      write(formatHclogLine(level, message, { ...base, ...fields }, now()));
    }
  };
  return {
    trace: log('trace'),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    with: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

/** Parses a level name (e.g. from an env var); undefined when unknown. */
export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  const v = value?.trim().toLowerCase();
  return v && v in RANK ? (v as LogLevel) : undefined;
}

// WHY: a log call must never throw (cycles, BigInt) and take a request down with it.
function safeStringify(entry: Record<string, unknown>): string {
  try {
    return JSON.stringify(entry, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return JSON.stringify({ '@level': entry['@level'], '@message': entry['@message'], logError: 'unserialisable fields' });
  }
}
