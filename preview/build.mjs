// Builds the preview (a development tool): the browser bundle with esbuild
// (React, @grafana/ui and the real panels, bundled whole: no Grafana runtime
// to provide externals) and the Node server bundle that runs the backend
// handlers. Output: build/preview/{client/app.js,app.css,server.cjs}.
// Usage: node preview/build.mjs [--serve [--catalog <dir>]]
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build/preview');

// Grafana installs its page chrome into @grafana/runtime's PluginPage at start-up; the preview
// has no Grafana, so the runtime's placeholder module is swapped for the preview's stand-in.
const pluginPageStandIn = {
  name: 'plugin-page-stand-in',
  setup(build) {
    build.onResolve({ filter: /components\/PluginPage\.mjs$/ }, (args) =>
      args.importer.includes(`${path.sep}@grafana${path.sep}runtime${path.sep}`) ? { path: path.join(root, 'preview/client/app/PluginPageStandIn.tsx') } : undefined
    );
  },
};

export async function buildPreview({ quiet = false } = {}) {
  const t0 = Date.now();
  await Promise.all([
    esbuild.build({
      absWorkingDir: root,
      entryPoints: { app: 'preview/client/main.tsx' },
      outdir: path.join(out, 'client'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      jsx: 'automatic',
      loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
      define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
      // React's production build with the Profiler on, so the preview can time renders (bench:browser)
      alias: { 'react-dom/client': 'react-dom/profiling' },
      plugins: [pluginPageStandIn],
      logLevel: 'warning',
    }),
    esbuild.build({
      absWorkingDir: root,
      entryPoints: ['preview/server/main.ts'],
      outfile: path.join(out, 'server.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      loader: { '.proto': 'text' },
      logLevel: 'warning',
    }),
  ]);
  if (!quiet) {
    console.log(`preview built in ${Date.now() - t0} ms → ${path.relative(root, out)}/`);
  }
  return { serverModule: path.join(out, 'server.cjs'), assetsDir: path.join(out, 'client') };
}

/** Loads the built server module (CommonJS) from ESM scripts. */
export function loadPreviewServer(serverModule) {
  return createRequire(import.meta.url)(serverModule);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { serverModule, assetsDir } = await buildPreview();
  if (process.argv.includes('--serve')) {
    const { startPreviewServer } = loadPreviewServer(serverModule);
    const at = process.argv.indexOf('--catalog');
    const catalogDir = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : path.join(root, 'preview/catalog');
    const { url } = await startPreviewServer({ assetsDir, catalogDir, port: Number(process.env.PREVIEW_PORT) || 0 });
    console.log(`preview: ${url}  (a development tool: the real panels over the demo source; catalog ${path.relative(root, catalogDir)}/)`);
  }
}
