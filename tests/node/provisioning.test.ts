/**
 * The docker compose stack without Docker: every YAML under provisioning/,
 * docker-compose.yaml and the Prometheus config parse, and every id, uid,
 * path, host and port they mention refers to something real — a plugin id of
 * the bundle, a provisioned datasource, a mounted directory, a compose
 * service and the port it listens on, a catalog SLO. The generated rule
 * files match a fresh `npm run rules:generate`, and the Prometheus config
 * passes `promtool check config` (with its rules) when promtool is installed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { runCli } from '../../src/backend/cli/main';
import { CliIo } from '../../src/backend/cli/io';
import { nodeIo } from '../../src/backend/cli/nodeIo';
import { loadCatalog } from '../../src/core/catalog/loadCatalog';
import { parseDatasourceSettings } from '../../src/core/contracts/settings';
import { exampleCatalog, PROMETHEUS_RULES_PER_SLO } from './exampleCatalog';

const root = path.resolve(__dirname, '../..');
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
const yamlAt = (rel: string) => parse(read(rel));

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? yamlFiles(rel) : /\.ya?ml$/.test(e.name) ? [rel] : [];
  });
}

const pluginIds = ['src/plugin.json', 'src/datasource/plugin.json', ...fs.readdirSync(path.join(root, 'src/panels')).map((p) => `src/panels/${p}/plugin.json`).filter((f) => fs.existsSync(path.join(root, f)))].map(
  (f) => JSON.parse(read(f)).id as string
);
const compose = yamlAt('docker-compose.yaml') as { services: Record<string, { volumes?: string[]; environment?: Record<string, string>; ports?: string[]; build?: unknown; image?: string }> };
const grafana = compose.services.grafana;

/** Where a container path of the Grafana service comes from on the host (its volume mounts, then the image's plugin folder). */
function hostPathOf(containerPath: string): string | undefined {
  for (const volume of grafana.volumes ?? []) {
    const [host, target] = volume.split(':');
    if (containerPath === target || containerPath.startsWith(target + '/')) {
      return path.join(root, host, containerPath.slice(target.length));
    }
  }
  const plugin = '/var/lib/grafana/plugins/sloledger-app';
  if (containerPath.startsWith(plugin + '/')) {
    // Dockerfile: COPY --from=build /src/dist /var/lib/grafana/plugins/sloledger-app; dist/datasource ← src/datasource
    return path.join(root, 'src', containerPath.slice(plugin.length + 1));
  }
  return undefined;
}

/** `http://prometheus:9090` must name a compose service that listens on that port. */
function expectComposeUrl(url: string) {
  const { hostname, port } = new URL(url);
  expect(Object.keys(compose.services)).toContain(hostname);
  const service = compose.services[hostname];
  const listens = (service.ports ?? []).map((p) => String(p).split(':').pop());
  expect(listens).toContain(port);
}

describe('provisioning/ as Grafana reads it', () => {
  it('has only YAML files that parse, each with apiVersion 1 (except the catalog)', () => {
    const files = yamlFiles('provisioning');
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      if (file.startsWith('provisioning/slos/')) {
        // catalog files may hold several documents (OpenSLO: one per object)
        for (const doc of parseAllDocuments(read(file))) {
          expect(doc.errors).toEqual([]);
          expect(String(doc.toJS().apiVersion)).toMatch(/^sloledger\/v1$|openslo|sloth|pyrra/i);
        }
      } else {
        const doc = yamlAt(file);
        expect({ file, apiVersion: doc.apiVersion }).toEqual({ file, apiVersion: 1 });
      }
    }
  });

  describe('datasources', () => {
    const { datasources } = yamlAt('provisioning/datasources/sloledger.yaml') as { datasources: Array<{ name: string; uid: string; type: string; url?: string; jsonData?: Record<string, unknown> }> };
    const sloledger = datasources.find((d) => d.type === 'sloledger-datasource')!;

    it('provisions the SLO Ledger datasource (uid sloledger) with the bundle plugin id and settings the backend accepts', () => {
      expect(pluginIds).toContain(sloledger.type);
      expect(sloledger.uid).toBe('sloledger');
      const { settings, issues } = parseDatasourceSettings(sloledger.jsonData ?? {});
      expect(issues).toEqual([]);
      expect(settings.demo).toBe(true);
      expect(settings.connections.map((c) => `${c.name}:${c.type}`)).toEqual(['prometheus:prometheus', 'loki:loki']);
      settings.connections.forEach((c) => expectComposeUrl(c.url!));
    });

    it('reads the catalog from a mounted directory that holds a valid catalog', () => {
      const dir = hostPathOf(String(sloledger.jsonData!.catalogDir))!;
      expect(dir).toBe(path.join(root, 'provisioning/slos'));
      const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => ({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
      const { errors, catalog } = loadCatalog(files);
      expect(errors).toEqual([]);
      expect(catalog.slos.length).toBeGreaterThan(0);
    });

    it('gives Prometheus and Loki datasources compose URLs and unique uids', () => {
      expect(new Set(datasources.map((d) => d.uid)).size).toBe(datasources.length);
      datasources.filter((d) => d.url).forEach((d) => expectComposeUrl(d.url!));
    });
  });

  it('enables the app by its plugin id', () => {
    const { apps } = yamlAt('provisioning/plugins/apps.yaml') as { apps: Array<{ type: string; disabled: boolean }> };
    expect(apps).toEqual([expect.objectContaining({ type: 'sloledger-app', disabled: false })]);
    expect(pluginIds[0]).toBe('sloledger-app');
  });

  it("loads the bundled dashboards from the installed plugin folder, each selecting the SLO Ledger datasource", () => {
    const { providers } = yamlAt('provisioning/dashboards/sloledger.yaml') as { providers: Array<{ type: string; options: { path: string } }> };
    const dir = hostPathOf(providers[0].options.path)!;
    const includes = (JSON.parse(read('src/datasource/plugin.json')).includes as Array<{ path: string }>).map((i) => path.join(root, 'src/datasource', i.path));
    const dashboards = fs.readdirSync(dir).map((f) => path.join(dir, f));
    expect(dashboards.sort()).toEqual(includes.sort());
    for (const file of dashboards) {
      const d = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(d.uid).toMatch(/^sloledger-/);
      expect(d.templating.list.find((v: { name: string }) => v.name === 'datasource').query).toBe('sloledger-datasource');
    }
  });

  describe('alerting', () => {
    const file = yamlAt('provisioning/alerting/sloledger-alerts.yaml') as {
      groups: Array<{ folder: string; interval: string; rules: Array<{ uid: string; labels: Record<string, string>; data: Array<{ datasourceUid: string; model: { slos?: string[] } }> }> }>;
      contactPoints: Array<{ name: string; receivers: Array<{ settings: { url: string } }> }>;
      policies: Array<{ receiver: string; routes: Array<{ receiver: string }> }>;
    };
    const rules = file.groups.flatMap((g) => g.rules);
    const catalog = exampleCatalog();

    it('queries only the provisioned SLO Ledger datasource and Grafana expressions', () => {
      expect(new Set(rules.flatMap((r) => r.data.map((d) => d.datasourceUid)))).toEqual(new Set(['sloledger', '__expr__']));
    });

    it('has page, ticket and book rules for every catalog SLO, each selecting exactly that SLO', () => {
      expect(new Set(rules.map((r) => r.uid)).size).toBe(rules.length);
      for (const slo of catalog.slos) {
        const mine = rules.filter((r) => r.labels.slo === slo.id);
        expect(mine.map((r) => `${r.labels.sloledger_rule}/${r.labels.severity}`).sort()).toEqual(['book/page', 'multiwindow/page', 'multiwindow/ticket']);
        for (const r of mine) {
          const selected = new Set(r.data.flatMap((d) => d.model.slos ?? []));
          expect([...selected]).toEqual([slo.id]);
        }
      }
    });

    it("routes every team's alerts to a contact point that exists, delivering to the workload's alert inbox", () => {
      const names = file.contactPoints.map((c) => c.name);
      expect(file.policies[0].routes.map((r) => r.receiver)).toEqual(names);
      expect(names).toEqual(catalog.teams.map((t) => `${t.name}-slo-breaches`).sort());
      file.contactPoints.forEach((c) => expectComposeUrl(c.receivers[0].settings.url));
    });
  });
});

describe('docker-compose.yaml', () => {
  it('allows exactly the bundle plugin ids to load unsigned', () => {
    expect(grafana.environment!.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',').sort()).toEqual([...pluginIds].sort());
  });

  it('builds Grafana from the Dockerfile on the Ubuntu-based image and mounts existing directories', () => {
    expect(grafana.build).toBeDefined();
    expect(read('Dockerfile')).toMatch(/FROM grafana\/grafana:\$\{GRAFANA_VERSION\}-ubuntu/);
    expect(read('Dockerfile')).toMatch(/COPY --from=build \/src\/dist \/var\/lib\/grafana\/plugins\/sloledger-app/);
    for (const service of Object.values(compose.services)) {
      for (const volume of service.volumes ?? []) {
        expect(fs.existsSync(path.join(root, volume.split(':')[0]))).toBe(true);
      }
    }
  });

  it('has Prometheus scrape the workload on the port the workload listens on, and load the generated rules', () => {
    const config = yamlAt('deploy/prometheus/prometheus.yml') as { rule_files: string[]; scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }> };
    const target = config.scrape_configs[0].static_configs[0].targets[0];
    expect(target).toBe(`workload:${compose.services.workload.environment!.PORT}`);
    expect(config.rule_files).toEqual(['/etc/prometheus/rules/*.yaml']);
    expect(compose.services.prometheus.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
  });
});

describe('generated rule files', () => {
  const capture = (): CliIo & { out: string } => {
    const io = { ...nodeIo, out: '' };
    io.stdout = (t: string) => void (io.out += t);
    io.stderr = () => undefined;
    return io;
  };
  /** The commands of `npm run rules:generate`, run in-process. */
  const script = (JSON.parse(read('package.json')).scripts['rules:generate'] as string).split('&&').map((part) => {
    const [command, target] = part.split('>').map((s) => s.trim());
    const args = command.replace(/^node bin\/sloledger\.js /, '').match(/'[^']*'|\S+/g)!.map((a) => a.replace(/^'|'$/g, ''));
    return { args, target };
  });

  it.each(script.map((s) => [s.target, s.args] as const))('%s matches a fresh `npm run rules:generate`', async (target, args) => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const io = capture();
      expect(await runCli(args, io)).toBe(0);
      expect(io.out).toBe(read(target));
    } finally {
      process.chdir(cwd);
    }
  });

  const promtool = spawnSync('which', ['promtool']).status === 0;
  if (!promtool) {
    console.warn('provisioning: promtool not installed, promtool check config skipped');
  }
  (promtool ? it : it.skip)('deploy/prometheus/prometheus.yml passes promtool check config with its rules', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-promcfg-'));
    const config = read('deploy/prometheus/prometheus.yml').replace('/etc/prometheus/rules/', path.join(root, 'deploy/prometheus/rules') + '/');
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), config);
    const result = spawnSync('promtool', ['check', 'config', path.join(dir, 'prometheus.yml')], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    const prometheusSlos = exampleCatalog().slos.filter((s) => s.source.type === 'prometheus').length;
    expect(result.stdout + result.stderr).toContain(`SUCCESS: ${PROMETHEUS_RULES_PER_SLO * prometheusSlos} rules found`);
    expect(result.status).toBe(0);
  });
});
