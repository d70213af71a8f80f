// Builds the preview (a development tool): the browser bundle with esbuild
// (React, @grafana/ui and the real panels, bundled whole: no Grafana runtime
// to provide externals) and the Node server bundle that runs the backend
// handlers. Output: build/preview/{client/app.js,app.css,server.cjs}.
// Usage: node preview/build.mjs [--serve [--catalog <dir>] [--prometheus <url>]]
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

/** The value after `--<name>` (or `--<name>=<value>`); `null` when the flag is given without one. */
function option(argv, name) {
  const at = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (at < 0) {
    return undefined;
  }
  const value = argv[at].includes('=') ? argv[at].slice(name.length + 3) : argv[at + 1];
  return value === undefined || value.startsWith('--') ? null : value;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const catalogArg = option(argv, 'catalog');
  const prometheusUrl = option(argv, 'prometheus');
  for (const [name, value] of [['catalog', catalogArg], ['prometheus', prometheusUrl]]) {
    if (value === null) {
      console.error(`preview: --${name} needs a value (${name === 'catalog' ? '--catalog <dir>' : '--prometheus http://127.0.0.1:9090'})`);
      process.exit(2);
    }
  }
  const { serverModule, assetsDir } = await buildPreview();
  if (argv.includes('--serve')) {
    const { startPreviewServer, PreviewOptionError } = loadPreviewServer(serverModule);
    const catalogDir = catalogArg ? path.resolve(catalogArg) : path.join(root, 'preview/catalog');
    try {
      const { url, prometheus } = await startPreviewServer({ assetsDir, catalogDir, prometheusUrl, port: Number(process.env.PREVIEW_PORT) || 0 });
      const sources = prometheus ? 'the demo source and a Prometheus' : 'the demo source';
      console.log(`preview: ${url}  (a development tool: the real panels over ${sources}; catalog ${path.relative(root, catalogDir)}/)`);
      if (prometheus) {
        console.log(`preview: ${prometheus}`);
      }
    } catch (error) {
      if (!(error instanceof PreviewOptionError)) {
        throw error;
      }
      console.error(`preview: ${error.message}`);
      process.exit(2);
    }
  }
}
