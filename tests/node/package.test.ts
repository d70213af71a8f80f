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
  const manifests = ['plugin.json', 'datasource/plugin.json', ...fs.readdirSync(path.join(root, 'src/panels')).filter((p) => fs.existsSync(path.join(root, 'src/panels', p, 'plugin.json'))).map((p) => `panels/${p}/plugin.json`)];
  for (const m of manifests) {
    fs.mkdirSync(path.join(dir, path.dirname(m)), { recursive: true });
    fs.copyFileSync(path.join(root, 'src', m), path.join(dir, m));
    fs.writeFileSync(path.join(dir, path.dirname(m), 'module.js'), `/* ${m} */`);
  }
  for (const arch of withArm64 ? ['amd64', 'arm64'] : ['amd64']) {
    fs.writeFileSync(path.join(dir, `datasource/gpx_sloledger_linux_${arch}`), '#!/bin/sh\necho backend\n', { mode: 0o755 });
  }
  return manifests;
}

function pack(dist: string, artifacts: string, tool: 'zip' | 'node') {
  return spawnSync(process.execPath, [path.join(root, 'scripts/package.mjs')], {
    env: { ...process.env, SLOLEDGER_DIST: dist, SLOLEDGER_ARTIFACTS: artifacts, SLOLEDGER_ZIP: tool === 'node' ? 'node' : '' },
    encoding: 'utf8',
  });
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-pkg-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run package', () => {
  it.each((hasZip ? ['zip', 'node'] : ['node']) as Array<'zip' | 'node'>)('lays the zip out as Grafana expects (%s)', (tool) => {
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
  });

  it('refuses a dist without the arm64 executable, naming it', () => {
    const dist = path.join(tmp, 'dist');
    fakeDist(dist, { withArm64: false });
    const result = pack(dist, path.join(tmp, 'out'), 'node');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('datasource/gpx_sloledger_linux_arm64 is missing (plugin sloledger-datasource is a backend plugin)');
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
