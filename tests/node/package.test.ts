/**
 * `npm run package` (scripts/package.mjs): the zip holds one folder named
 * after the app id with the dist content Grafana loads — every plugin.json of
 * the bundle (from src/), each module.js, the backend executables with their
 * executable bit — and a sha256 file `sha256sum -c` accepts. Both zip tools
 * (Debian's zip, the Node writer) are checked; the listing is read from the
 * zip's own central directory, so the test needs no unzip.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const hasZip = spawnSync('which', ['zip']).status === 0;
const hasUnzip = spawnSync('which', ['unzip']).status === 0;
if (!hasZip) {
  console.warn('package: Debian zip not installed, only the Node zip writer is checked');
}

/** Entry names and Unix modes from a zip's central directory. */
function listZip(file: string): Array<{ name: string; mode: number }> {
  const buf = fs.readFileSync(file);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out: Array<{ name: string; mode: number }> = [];
  for (let i = 0; i < count; i++) {
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    out.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLength), mode: buf.readUInt32LE(at + 38) >>> 16 });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

/** A dist/ as `npm run build` lays it out, with the real plugin.json files and small stand-ins for the bundles. */
function fakeDist(dir: string, { withArm64 = true } = {}): string[] {
  const manifests = [
    'plugin.json',
    'datasource/plugin.json',
    ...fs
      .readdirSync(path.join(root, 'src/panels'))
      .filter((p) => fs.existsSync(path.join(root, 'src/panels', p, 'plugin.json')))
      .map((p) => `panels/${p}/plugin.json`),
  ];
  for (const m of manifests) {
    fs.mkdirSync(path.join(dir, path.dirname(m)), { recursive: true });
    fs.copyFileSync(path.join(root, 'src', m), path.join(dir, m));
    fs.writeFileSync(path.join(dir, path.dirname(m), 'module.js'), `/* ${m} */`);
  }
  fs.cpSync(path.join(root, 'src/datasource/dashboards'), path.join(dir, 'datasource/dashboards'), { recursive: true });
  for (const arch of withArm64 ? ['amd64', 'arm64'] : ['amd64']) {
    fs.writeFileSync(path.join(dir, `datasource/gpx_sloledger_linux_${arch}`), '#!/bin/sh\necho backend\n', {
      mode: 0o755,
    });
  }
  return manifests;
}

function pack(dist: string, artifacts: string, tool: 'zip' | 'node') {
  return spawnSync(process.execPath, [path.join(root, 'scripts/package.mjs')], {
    env: {
      ...process.env,
      SLOLEDGER_DIST: dist,
      SLOLEDGER_ARTIFACTS: artifacts,
      SLOLEDGER_ZIP: tool === 'node' ? 'node' : '',
    },
    encoding: 'utf8',
  });
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-pkg-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run package', () => {
  it.each((hasZip ? ['zip', 'node'] : ['node']) as Array<'zip' | 'node'>)(
    'lays the zip out as Grafana expects (%s)',
    (tool) => {
      const dist = path.join(tmp, 'dist');
      const manifests = fakeDist(dist);
      const result = pack(dist, path.join(tmp, 'out'), tool);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      // src/plugin.json says %VERSION% (filled by the build): the version then comes from package.json
      const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
      const zip = path.join(tmp, 'out', `sloledger-app-${version}.zip`);
      const entries = listZip(zip);
      const names = entries.map((e) => e.name);
      expect(names.every((n) => n.startsWith('sloledger-app/'))).toBe(true);
      for (const m of manifests) {
        expect(names).toContain(`sloledger-app/${m}`);
        expect(names).toContain(`sloledger-app/${path.dirname(m) === '.' ? '' : path.dirname(m) + '/'}module.js`);
      }
      for (const arch of ['amd64', 'arm64']) {
        const exe = entries.find((e) => e.name === `sloledger-app/datasource/gpx_sloledger_linux_${arch}`)!;
        expect((exe.mode & 0o777).toString(8)).toBe('755');
      }
      // "<sha256>  <name>" as sha256sum writes it
      const sha = crypto.createHash('sha256').update(fs.readFileSync(zip)).digest('hex');
      expect(fs.readFileSync(`${zip}.sha256`, 'utf8')).toBe(`${sha}  ${path.basename(zip)}\n`);
      if (hasUnzip) {
        expect(spawnSync('unzip', ['-tq', zip], { encoding: 'utf8' }).status).toBe(0);
      }
    }
  );

  it('refuses a dist without the arm64 executable, naming it', () => {
    const dist = path.join(tmp, 'dist');
    fakeDist(dist, { withArm64: false });
    const result = pack(dist, path.join(tmp, 'out'), 'node');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'datasource/gpx_sloledger_linux_arm64 is missing (plugin sloledger-datasource is a backend plugin)'
    );
    expect(fs.existsSync(path.join(tmp, 'out'))).toBe(false);
  });

  it('refuses an executable without its x bit', () => {
    const dist = path.join(tmp, 'dist');
    fakeDist(dist);
    fs.chmodSync(path.join(dist, 'datasource/gpx_sloledger_linux_amd64'), 0o644);
    const result = pack(dist, path.join(tmp, 'out'), 'node');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('datasource/gpx_sloledger_linux_amd64 is not executable');
  });

  it('asks for a build when there is no dist', () => {
    const result = pack(path.join(tmp, 'nothing'), path.join(tmp, 'out'), 'node');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('run `npm run build` first');
  });
});

/**
 * The nested-plugin layout Grafana expects of an app bundle (PLATFORM.md §1.1, §6): Grafana finds
 * nested plugins by directory containment; each folder with a plugin.json needs its module.js; a
 * backend plugin's executable `<executable>_<os>_<arch>` lies beside its own plugin.json, with one of
 * the names Grafana's zip installer marks 0755 (grafana/grafana pkg/plugins/storage/fs.go); ids match
 * Grafana's pattern and end with their type; the app's `includes` name each nested plugin so the app
 * lists them, and each included dashboard's `path` is a file in its plugin's folder. Checked on src/ with a dist/ laid out from it, and on the real dist/ once built.
 */
describe('the bundle as Grafana discovers it', () => {
  const ID = /^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$/;
  const MODE_0755_SUFFIXES = [
    '_linux_amd64',
    '_linux_arm',
    '_linux_arm64',
    '_darwin_amd64',
    '_darwin_arm64',
    '_windows_amd64.exe',
  ];

  interface Manifest {
    dir: string;
    json: {
      id: string;
      type: string;
      name: string;
      backend?: boolean;
      alerting?: boolean;
      executable?: string;
      includes?: Array<{ type: string; name: string; path?: string }>;
    };
  }

  /** Every plugin.json below `base` (Grafana's directory containment), the root one first. */
  function discover(base: string): Manifest[] {
    const found: Manifest[] = [];
    const walk = (dir: string) => {
      if (fs.existsSync(path.join(dir, 'plugin.json'))) {
        found.push({
          dir: path.relative(base, dir) || '.',
          json: JSON.parse(fs.readFileSync(path.join(dir, 'plugin.json'), 'utf8')),
        });
      }
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== 'node_modules') {
          walk(path.join(dir, entry.name));
        }
      }
    };
    walk(base);
    return found;
  }

  function layoutProblems(base: string, moduleFile: (dir: string) => boolean, withExecutables: boolean): string[] {
    const problems: string[] = [];
    const all = discover(base);
    const [app, ...nested] = all;
    if (!app || app.dir !== '.' || app.json.type !== 'app') {
      return [`${base}: no app plugin.json at the top`];
    }
    const ids = new Set<string>();
    for (const { dir, json } of all) {
      if (!ID.test(json.id) || !json.id.endsWith(`-${json.type}`)) {
        problems.push(`${dir}: id ${json.id} does not match ${ID} for type ${json.type}`);
      }
      if (ids.has(json.id)) {
        problems.push(`${dir}: id ${json.id} twice`);
      }
      ids.add(json.id);
      if (!moduleFile(path.join(base, dir))) {
        problems.push(`${dir}: no module file`);
      }
      for (const inc of (json.includes ?? []).filter((i) => i.type === 'dashboard')) {
        if (!inc.path || !fs.existsSync(path.join(base, dir, inc.path))) {
          problems.push(`${dir}: included dashboard "${inc.name}" not found at ${inc.path}`);
        }
      }
      if (json.alerting && !json.backend) {
        problems.push(`${dir}: alerting without backend`);
      }
      if (json.backend && withExecutables) {
        const exes = fs
          .readdirSync(path.join(base, dir))
          .filter((f) => json.executable && f.startsWith(`${json.executable}_`));
        if (!exes.some((f) => f === `${json.executable}_linux_amd64`)) {
          problems.push(`${dir}: no ${json.executable}_linux_amd64 beside its plugin.json`);
        }
        for (const exe of exes) {
          const mode = fs.statSync(path.join(base, dir, exe)).mode & 0o777;
          if (!MODE_0755_SUFFIXES.some((s) => exe.endsWith(s)) || mode !== 0o755) {
            problems.push(
              `${dir}/${exe}: mode ${mode.toString(8)}, or a name Grafana's installer does not mark executable`
            );
          }
        }
      }
    }
    for (const { dir, json } of nested) {
      if (!(app.json.includes ?? []).some((inc) => inc.type === json.type && inc.name === json.name)) {
        problems.push(`${dir}: the app's includes do not name ${json.type} "${json.name}"`);
      }
    }
    return problems;
  }

  it('src/ holds the app with a nested datasource and three nested panels, each with its module', () => {
    expect(
      discover(path.join(root, 'src'))
        .map((m) => `${m.dir} ${m.json.id}`)
        .sort()
    ).toEqual([
      '. sloledger-app',
      'datasource sloledger-datasource',
      'panels/adherence sloledger-adherence-panel',
      'panels/budget sloledger-budget-panel',
      'panels/overview sloledger-overview-panel',
    ]);
    const moduleSource = (dir: string) => ['ts', 'tsx'].some((ext) => fs.existsSync(path.join(dir, `module.${ext}`)));
    expect(layoutProblems(path.join(root, 'src'), moduleSource, false)).toEqual([]);
  });

  it('a dist/ laid out from src/ passes, and each broken rule is named', () => {
    const dist = path.join(tmp, 'dist');
    fakeDist(dist);
    const hasModule = (dir: string) => fs.existsSync(path.join(dir, 'module.js'));
    expect(layoutProblems(dist, hasModule, true)).toEqual([]);
    fs.chmodSync(path.join(dist, 'datasource/gpx_sloledger_linux_arm64'), 0o644);
    fs.renameSync(
      path.join(dist, 'datasource/gpx_sloledger_linux_amd64'),
      path.join(dist, 'datasource/gpx_sloledger_linux_x64')
    );
    fs.rmSync(path.join(dist, 'panels/budget/module.js'));
    fs.rmSync(path.join(dist, 'datasource/dashboards/slo-detail.json'));
    const app = JSON.parse(fs.readFileSync(path.join(dist, 'plugin.json'), 'utf8'));
    app.includes = app.includes.filter((i: { name: string }) => i.name !== 'SLO adherence');
    fs.writeFileSync(path.join(dist, 'plugin.json'), JSON.stringify(app));
    expect(layoutProblems(dist, hasModule, true).sort()).toEqual([
      "datasource/gpx_sloledger_linux_arm64: mode 644, or a name Grafana's installer does not mark executable",
      "datasource/gpx_sloledger_linux_x64: mode 755, or a name Grafana's installer does not mark executable",
      'datasource: included dashboard "SLO detail" not found at dashboards/slo-detail.json',
      'datasource: no gpx_sloledger_linux_amd64 beside its plugin.json',
      'panels/adherence: the app\'s includes do not name panel "SLO adherence"',
      'panels/budget: no module file',
    ]);
  });

  const built =
    fs.existsSync(path.join(root, 'dist/plugin.json')) &&
    fs.existsSync(path.join(root, 'dist/datasource/gpx_sloledger_linux_amd64'));
  if (!built) {
    console.warn('package: no built dist/ (npm run build), the real layout was not checked');
  }
  (built ? it : it.skip)('the real dist/ passes', () => {
    expect(layoutProblems(path.join(root, 'dist'), (dir) => fs.existsSync(path.join(dir, 'module.js')), true)).toEqual(
      []
    );
  });
});
