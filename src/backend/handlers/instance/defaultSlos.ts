/**
 * Default SLOs in the backend (book 6.7): discover each service's endpoints
 * through its `endpointDiscovery` query on the source of its defaults, then
 * expand the defaults (src/core/queries/defaults.ts). Discovery is cached for one
 * refresh interval, so a new endpoint or a changed default shows up on the
 * next refresh (the book asks for "within about an hour"). A failed discovery
 * is a located warning; the explicit SLOs are unaffected.
 */
import { CatalogIssue } from '../../../core/catalog/issues';
import { LoadedCatalog } from '../../../core/catalog/loadCatalog';
import { expandDefaults } from '../../../core/queries/defaults';
import { Catalog, Service, Slo, SourceRef } from '../../../core/model/model';
import { canListLabelValues } from '../../sources/labelValues';
import { CountSource } from '../../sources/types';

/** How long discovered endpoints are reused: one refresh interval. */
export const DISCOVERY_TTL_MS = 5 * 60_000;
const DISCOVERY_TIMEOUT_MS = 10_000;

type SourceFor = (slo: { source: SourceRef }) => CountSource | string;

export class EndpointDiscovery {
  private readonly cache = new Map<string, { atMs: number; values: Promise<string[]> }>();

  constructor(private readonly ttlMs = DISCOVERY_TTL_MS) {}

  /** Endpoint label values of a service on one source, cached per refresh interval (concurrent callers share one request). */
  discover(service: Service, sourceRef: SourceRef, source: CountSource, nowMs: number): Promise<string[]> {
    const key = `${source.name}\u0000${service.endpointLabel}\u0000${service.endpointDiscovery}\u0000${sourceRef.type}`;
    const hit = this.cache.get(key);
    if (hit && nowMs - hit.atMs < this.ttlMs) {
      return hit.values;
    }
    if (!canListLabelValues(source)) {
      return Promise.reject(new Error(`the ${source.name} source cannot list label values`));
    }
    const values = source.labelValues(service.endpointDiscovery!, service.endpointLabel!, nowMs, AbortSignal.timeout(DISCOVERY_TIMEOUT_MS));
    this.cache.set(key, { atMs: nowMs, values });
    values.catch(() => this.cache.delete(key)); // a failure is retried on the next refresh
    return values;
  }
}

/** The catalog's explicit SLOs plus the expanded defaults of every service, with a warning per failed discovery. */
export async function withDefaultSlos(catalog: Catalog, sourceFor: SourceFor, discovery: EndpointDiscovery, nowMs: number): Promise<{ slos: Slo[]; issues: CatalogIssue[] }> {
  const issues: CatalogIssue[] = [];
  const expanded = await Promise.all(
    catalog.services
      .filter((s) => s.defaults.length > 0 && s.endpointDiscovery && s.endpointLabel)
      .map(async (service) => {
        const bySource = new Map<string, Service['defaults']>();
        for (const d of service.defaults) {
          const key = JSON.stringify(d.source);
          bySource.set(key, [...(bySource.get(key) ?? []), d]);
        }
        const parts = await Promise.all(
          [...bySource.values()].map(async (defaults) => {
            const ref = defaults[0].source;
            const source = sourceFor({ source: ref });
            try {
              if (typeof source === 'string') {
                throw new Error(source);
              }
              const endpoints = await discovery.discover(service, ref, source, nowMs);
              return expandDefaults({ ...service, defaults }, endpoints, catalog.slos);
            } catch (error) {
              const o = service.origin;
              const message = `endpoint discovery for the default SLOs of ${service.name} failed: ${(error as Error).message}`;
              issues.push({ file: o.file, line: o.line, column: o.column, path: `${o.path}.endpointDiscovery`, message, severity: 'warning' });
              return [];
            }
          })
        );
        return parts.flat();
      })
  );
  const seen = new Set(catalog.slos.map((s) => s.id));
  return { slos: [...catalog.slos, ...expanded.flat().filter((s) => !seen.has(s.id))], issues };
}

/** A loaded catalog with the default SLOs expanded over discovered endpoints (book 6.7); failed discoveries are its warnings. */
export async function catalogWithDefaultSlos(loaded: LoadedCatalog, sourceFor: SourceFor, discovery: EndpointDiscovery, nowMs: number): Promise<LoadedCatalog> {
  const { slos, issues } = await withDefaultSlos(loaded.catalog, sourceFor, discovery, nowMs);
  return { catalog: { ...loaded.catalog, slos }, errors: loaded.errors, warnings: [...loaded.warnings, ...issues] };
}
