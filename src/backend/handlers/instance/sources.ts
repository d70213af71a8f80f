/**
 * The count sources of one datasource: one per configured connection
 * (Prometheus or Loki over HTTP, or through Grafana's datasource proxy), plus
 * the demo source when switched on, each wrapped by sources/resilient.ts
 * (bucket cache, dedupe, retry, bounded concurrency). And the rule by which
 * an SLO finds its source.
 */
import { Slo } from '../../../core/model/model';
import { DatasourceSettings, secretKey } from '../../../core/contracts/settings';
import { BucketStore } from '../../sources/bucketCache';
import { DemoSource } from '../../sources/demo';
import { GrafanaAccess } from '../../sources/grafanaAccess';
import { GrafanaProxySource } from '../../sources/grafanaProxy';
import { HttpCountSource } from '../../sources/prometheus';
import { resilient } from '../../sources/resilient';
import { needsOwnTls, tlsFetch } from '../../sources/tlsFetch';
import { CountSource } from '../../sources/types';

/**
 * The sources by connection name ('demo' for the demo source), sharing one
 * bucket store. `grafana` is read at each proxied request: Grafana's URL and
 * token arrive with the requests, after the sources are built.
 */
export function buildSources(settings: DatasourceSettings, secrets: Record<string, string>, buckets: BucketStore, grafana: () => GrafanaAccess): Map<string, CountSource> {
  const sources = new Map<string, CountSource>();
  for (const connection of settings.connections) {
    const { grafanaUid } = connection;
    const tls = { caPem: secrets[secretKey.tlsCACert(connection.name)], skipVerify: connection.tlsSkipVerify };
    const inner = grafanaUid
      ? new GrafanaProxySource({ ...connection, grafanaUid }, grafana)
      : new HttpCountSource(connection, secrets, needsOwnTls(connection.url, tls) ? tlsFetch(tls) : fetch);
    sources.set(connection.name, resilient(inner, { maxConcurrency: connection.maxConcurrency, deadlineMs: connection.timeoutMs, store: buckets }));
  }
  if (settings.demo) {
    sources.set('demo', resilient(new DemoSource(), { maxConcurrency: 64, deadlineMs: 30_000, store: buckets }));
  }
  return sources;
}

/**
 * The source an SLO reads from, or an explanation of why there is none: the
 * connection it names, else the default connection of its type, else any
 * connection of its type.
 */
export function sourceFor(settings: DatasourceSettings, sources: ReadonlyMap<string, CountSource>, slo: Pick<Slo, 'source'>): CountSource | string {
  const { type, name } = slo.source;
  if (type === 'demo') {
    return sources.get('demo') ?? 'the demo source is switched off in the datasource settings';
  }
  if (name) {
    const named = settings.connections.find((c) => c.name === name);
    if (!named) {return `no connection named "${name}" in the datasource settings`;}
    if (named.type !== type) {return `connection "${name}" is ${named.type}, the SLO needs ${type}`;}
    return sources.get(name)!;
  }
  const preferred = settings.connections.find((c) => c.name === settings.defaultConnection && c.type === type);
  const any = preferred ?? settings.connections.find((c) => c.type === type);
  if (any) {return sources.get(any.name)!;}
  return `no ${type} connection is configured: add one in the datasource settings`;
}
