#!/usr/bin/env node
// `npm run package`: the distributable zip Grafana installs, from dist/
// (run after `npm run build`; `npm run package` does both):
//
//   artifacts/sloledger-app-<version>.zip          sloledger-app/ = dist/ (plugin.json, module.js,
//                                                   datasource/ with gpx_sloledger_linux_{amd64,arm64},
//                                                   panels/*), executables keep their x bit
//   artifacts/sloledger-app-<version>.zip.sha256   "<sha256>  <file name>" (sha256sum -c)
//
// The layout is checked before zipping: every plugin.json of the bundle,
// each plugin's module.js, and the backend executables, executable.
// Zip tool: Debian's `zip` when installed, else scripts/zipWriter.mjs.
// Environment: SLOLEDGER_DIST, SLOLEDGER_ARTIFACTS (folders), SLOLEDGER_ZIP=node (force the Node writer).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeZip } from './zipWriter.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.SLOLEDGER_DIST ?? path.join(ROOT, 'dist'));
const OUT = path.resolve(process.env.SLOLEDGER_ARTIFACTS ?? path.join(ROOT, 'artifacts'));
const ARCHES = ['amd64', 'arm64'];

/** Problems with the folder as Grafana would load it; empty when fine. */
export function layoutProblems(dist) {
  const problems = [];
  const root = path.join(dist, 'plugin.json');
  if (!fs.existsSync(root)) {
    return [`${root} is missing: run \`npm run build\` first`];
  }
  const manifests = [root];
  for (const sub of ['datasource', ...(fs.existsSync(path.join(dist, 'panels')) ? fs.readdirSync(path.join(dist, 'panels')).map((p) => `panels/${p}`) : [])]) {
    manifests.push(path.join(dist, sub, 'plugin.json'));
  }
  for (const manifest of manifests) {
    if (!fs.existsSync(manifest)) {
      problems.push(`${path.relative(dist, manifest)} is missing`);
      continue;
    }
    const plugin = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    const dir = path.dirname(manifest);
    if (!fs.existsSync(path.join(dir, 'module.js'))) {
      problems.push(`${path.relative(dist, dir) || '.'}/module.js is missing (plugin ${plugin.id})`);
    }
    if (plugin.backend) {
      for (const arch of ARCHES) {
        const exe = path.join(dir, `${plugin.executable}_linux_${arch}`);
        if (!fs.existsSync(exe)) {
          problems.push(`${path.relative(dist, exe)} is missing (plugin ${plugin.id} is a backend plugin)`);
        } else if ((fs.statSync(exe).mode & 0o111) === 0) {
          problems.push(`${path.relative(dist, exe)} is not executable`);
        }
      }
    }
  }
  return problems;
}

function main() {
  const problems = layoutProblems(DIST);
  if (problems.length > 0) {
    console.error(`package: ${DIST} is not a complete plugin folder:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const { id, info } = JSON.parse(fs.readFileSync(path.join(DIST, 'plugin.json'), 'utf8'));
  const version = info?.version && !info.version.includes('%') ? info.version : JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  fs.mkdirSync(OUT, { recursive: true });
  const zipName = `${id}-${version}.zip`;
  const zipFile = path.join(OUT, zipName);
  fs.rmSync(zipFile, { force: true });
  const started = performance.now();
  const useZip = process.env.SLOLEDGER_ZIP !== 'node' && spawnSync('which', ['zip']).status === 0;
  if (useZip) {
    // zip stores the folder under its own name: stage a link named after the plugin id
    const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-package-'));
    fs.symlinkSync(DIST, path.join(stage, id));
    const result = spawnSync('zip', ['-r', '-X', '-q', zipFile, id], { cwd: stage, stdio: 'inherit' });
    fs.rmSync(stage, { recursive: true, force: true });
    if (result.status !== 0) {
      console.error(`package: zip failed (exit ${result.status})`);
      process.exit(1);
    }
  } else {
    writeZip(zipFile, DIST, id);
  }
  const sha = crypto.createHash('sha256').update(fs.readFileSync(zipFile)).digest('hex');
  fs.writeFileSync(`${zipFile}.sha256`, `${sha}  ${zipName}\n`);
  const mb = (fs.statSync(zipFile).size / 1e6).toFixed(1);
  console.log(`package: ${path.relative(process.cwd(), zipFile)} (${mb} MB, ${useZip ? 'zip' : 'Node zip writer'}, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`package: sha256 ${sha}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
