/**
 * `sloledger report <catalog...>`: the SLO table — remaining budget, burn
 * rates, burn state, time to exhaustion, recent adherence, priority — and the
 * premature exhaustions of the recent periods, for CI/CD gates and periodic
 * service reviews (book 11.2.2, 11.2.5). The numbers are the datasource's own:
 * the report runs the backend's `catalog` and `exhaustion` queries
 * (handlers/query/pipeline.ts → compute/engine.ts) on the same sources, not a second copy of
 * the math.
 *
 * Exit codes: 0 report written; 1 a --fail-on condition holds; 2 usage;
 * 3 the report is incomplete (catalog errors or SLOs whose data could not be
 * read) and no --fail-on condition holds.
 */
import { formatIssue } from '../../core/catalog/issues';
import { loadCatalog, LoadedCatalog } from '../../core/catalog/loadCatalog';
import { parseDuration } from '../../core/periods/duration';
import { SqliteLedger } from '../ledger/sqlite';
import { Instance } from '../handlers/instance/instance';
import { runQuery } from '../handlers/query/pipeline';
import { frameRows } from '../protocol/frame';
import { oneOf, parseArgs } from './args';
import { runLedger } from './ledgerExport';
import { CliIo, UsageError } from './io';
import { ExhaustionRow, renderReport, ReportRow } from './reportFormat';
import { collect } from './validate';

export const reportHelp =
  'report --from-ledger --db <file>|--postgres <url> [--format json|csv]   the recorded closed periods (as `ledger export`)\n  ' +
  'report <files|dirs...> [--prometheus URL] [--loki URL] [--source demo] [--team a,b] [--service s] [--slo id] [--format text|json|csv] [--at ISO-time] [--since 28d] [--fail-on-exhausted] [--fail-on-critical]   the SLO table; exit 0 ok, 1 a --fail-on condition holds, 3 incomplete';

/** A datasource instance whose catalog is the files given on the command line. */
class CliInstance extends Instance {
  constructor(
    jsonData: Record<string, unknown>,
    secrets: Record<string, string>,
    private readonly loaded: LoadedCatalog
  ) {
    // a report reads; it records nothing: an in-memory ledger, no backfill (use `sloledger ledger export` for the ledger)
    super({ jsonData, decryptedSecureJsonData: secrets }, { openLedger: () => new SqliteLedger(':memory:'), backfillDelayMs: null });
  }
  override catalog(): LoadedCatalog {
    return this.loaded;
  }
  override catalogVersion(): string {
    return 'cli';
  }
}

export async function runReport(args: string[], io: CliIo): Promise<number> {
  // `report --from-ledger`: the recorded closed periods for audits (book 11.1), the same as `ledger export`
  if (args.includes('--from-ledger')) {
    return runLedger(['export', ...args.filter((a) => a !== '--from-ledger')], io);
  }
  const parsed = parseArgs('report', args, {
    prometheus: 'value',
    loki: 'value',
    source: 'value',
    format: 'value',
    at: 'value',
    since: 'value',
    team: 'value',
    service: 'value',
    slo: 'value',
    'fail-on-exhausted': 'switch',
    'fail-on-critical': 'switch',
  });
  // the book's dimensions (11.2.1), comma-separated lists; empty selects everything
  const list = (flag: string) => (parsed.values[flag] ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  const selection = { teams: list('team'), services: list('service'), slos: list('slo') };
  const format = oneOf('format', parsed.values.format, ['text', 'json', 'csv'], 'text');
  const forceDemo = oneOf('source', parsed.values.source, ['demo', 'catalog'], 'catalog') === 'demo';
  if (parsed.positional.length === 0) {
    throw new UsageError('report needs at least one catalog file or directory');
  }
  const nowMs = parsed.values.at !== undefined ? Date.parse(parsed.values.at) : (io.now?.() ?? Date.now());
  if (!Number.isFinite(nowMs)) {
    throw new UsageError(`--at takes an ISO 8601 instant such as 2026-11-30T12:00:00Z (got "${parsed.values.at}")`);
  }
  let sinceMs: number;
  try {
    sinceMs = parseDuration(parsed.values.since ?? '28d');
  } catch (error) {
    throw new UsageError(`--since: ${(error as Error).message}`);
  }

  const files = parsed.positional.flatMap((p) => collect(p, io));
  if (files.length === 0) {
    throw new UsageError(`no .yaml or .yml files found in ${parsed.positional.join(', ')}`);
  }
  const loaded = loadCatalog(files);
  for (const issue of loaded.errors) {
    io.stderr(formatIssue(issue) + '\n');
  }
  if (forceDemo) {
    // every SLO gets its own deterministic synthetic traffic, seeded by its id (sources/demo.ts)
    loaded.catalog.slos = loaded.catalog.slos.map((s) => {
      const label = JSON.stringify(s.id);
      return { ...s, source: { type: 'demo' }, query: { good: `demo_good{slo=${label}}[$__window]`, total: `demo_total{slo=${label}}[$__window]` } };
    });
  }

  const connections = [
    ...(parsed.values.prometheus ? [{ name: 'prometheus', type: 'prometheus', url: parsed.values.prometheus }] : []),
    ...(parsed.values.loki ? [{ name: 'loki', type: 'loki', url: parsed.values.loki }] : []),
  ];
  // secrets only from the environment, never from the command line (visible in `ps`)
  const secrets: Record<string, string> = {};
  const token = io.env?.('SLOLEDGER_PROMETHEUS_TOKEN');
  if (token && connections.some((c) => c.name === 'prometheus')) {
    Object.assign(connections[0], { auth: 'bearer' });
    secrets['prometheus.bearerToken'] = token;
  }
  const instance = new CliInstance({ connections, demo: true, timeZone: 'UTC' }, secrets, loaded);
  if (instance.settingsIssues.length > 0) {
    const issue = instance.settingsIssues[0];
    throw new UsageError(`${issue.path}: ${issue.message}`);
  }

  const signal = new AbortController().signal;
  const query = (queryType: string, fromMs: number) =>
    runQuery(instance, { refId: 'report', queryType, maxDataPoints: 1000, intervalMs: 60_000, timeRange: { fromMs, toMs: nowMs }, json: { queryType, ...selection } }, signal, nowMs);
  const [table, exhaustion] = await Promise.all([query('catalog', nowMs - 86_400_000), query('exhaustion', nowMs - sinceMs)]);
  const rows = frameRows(table.frames[0]) as unknown as ReportRow[];
  // the report is about SLOs (book 11.2.5): the exhaustion query's SLA rows (kind 'sla') are not listed
  const exhaustions = (frameRows(exhaustion.frames[0]) as unknown as Array<ExhaustionRow & { kind?: string }>).filter((r) => r.kind !== 'sla');

  io.stdout(
    renderReport(format, {
      generatedAtMs: nowMs,
      since: parsed.values.since ?? '28d',
      sources: [...instance.sources.keys()],
      rows,
      exhaustions,
      catalogErrors: loaded.errors.map(formatIssue),
    })
  );

  const exhausted = rows.filter((r) => typeof r.remaining === 'number' && r.remaining <= 0);
  const critical = rows.filter((r) => r.burnState === 'Critical');
  const failed: string[] = [];
  if (parsed.switches.has('fail-on-exhausted') && exhausted.length > 0) {
    failed.push(`${exhausted.length} SLOs have exhausted their error budget: ${exhausted.map((r) => r.slo).join(', ')}`);
  }
  if (parsed.switches.has('fail-on-critical') && critical.length > 0) {
    failed.push(`${critical.length} SLOs are Critical: ${critical.map((r) => r.slo).join(', ')}`);
  }
  for (const line of failed) {
    io.stderr(`sloledger report: ${line}\n`);
  }
  const incomplete = loaded.errors.length > 0 || rows.some((r) => r.error);
  if (incomplete) {
    io.stderr(`sloledger report: incomplete: ${loaded.errors.length} catalog errors, ${rows.filter((r) => r.error).length} SLOs without data\n`);
  }
  return failed.length > 0 ? 1 : incomplete ? 3 : 0;
}
