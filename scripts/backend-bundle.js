// Builds build/backend/main.cjs (the backend + CLI bundle) with esbuild when it
// is missing or older than any source file. Shared by bin/sloledger.js and
// scripts/build-backend.mjs so both produce the same bundle.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  loader: { '.proto': 'text' },
  // pg's optional native binding is never installed: pg falls back to its JavaScript client
  external: ['pg-native'],
  sourcemap: 'inline',
  logLevel: 'warning',
};

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      newest = Math.max(newest, newestMtime(full));
    } else {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** Returns the bundle path, building it first when stale. */
function ensureBackendBundle(root, { force = false } = {}) {
  const out = path.join(root, 'build', 'backend', 'main.cjs');
  const sources = ['src/core', 'src/backend'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
  const stale = force || !fs.existsSync(out) || sources.some((d) => newestMtime(d) > fs.statSync(out).mtimeMs);
  if (stale) {
    require('esbuild').buildSync({ ...ESBUILD_OPTIONS, entryPoints: [path.join(root, 'src/backend/main.ts')], outfile: out });
  }
  return out;
}

module.exports = { ensureBackendBundle, ESBUILD_OPTIONS };
