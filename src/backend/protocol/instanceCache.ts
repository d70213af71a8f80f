/**
 * One instance (HTTP clients, caches, a ledger connection…) per datasource,
 * reused across requests and rebuilt when its settings are saved again —
 * Grafana signals that by a new `lastUpdatedMS` (the Go SDK's instance
 * manager does the same). The replaced instance is disposed.
 */

/** What the cache needs from settings: an identity and a version. */
export interface VersionedSettings {
  uid: string;
  id?: number;
  lastUpdatedMS: number;
}

export interface InstanceCacheOptions<S extends VersionedSettings, T> {
  create: (settings: S) => T;
  /** Called with a replaced or dropped instance; may be async; errors go to onDisposeError. */
  dispose?: (instance: T) => void | Promise<void>;
  onDisposeError?: (err: unknown) => void;
}

export class InstanceCache<S extends VersionedSettings, T> {
  private readonly entries = new Map<string, { version: number; instance: T }>();

  constructor(private readonly options: InstanceCacheOptions<S, T>) {}

  /** The instance for these settings, created on first use or after a settings change. */
  get(settings: S): T {
    const key = settings.uid || `id:${settings.id ?? 0}`;
    const entry = this.entries.get(key);
    if (entry && entry.version === settings.lastUpdatedMS) {
      return entry.instance;
    }
    // Create before dropping the old one: a failing create leaves the cache as it was.
    const instance = this.options.create(settings);
    this.entries.set(key, { version: settings.lastUpdatedMS, instance });
    if (entry) {
      this.release(entry.instance);
    }
    return instance;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Disposes every instance (plugin shutdown). */
  clear(): void {
    for (const { instance } of this.entries.values()) {
      this.release(instance);
    }
    this.entries.clear();
  }

  private release(instance: T): void {
    const { dispose, onDisposeError } = this.options;
    if (!dispose) {
      return;
    }
    try {
      Promise.resolve(dispose(instance)).catch((err) => onDisposeError?.(err));
    } catch (err) {
      onDisposeError?.(err);
    }
  }
}
