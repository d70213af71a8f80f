/**
 * The preview server (a development tool, not part of the plugin): serves the
 * preview bundle and answers `/api/query` with the real backend handlers over
 * the demo source, and, for the app pages running the real datasource class,
 * Grafana's own routes: `/api/ds/query`, `/api/datasources/uid/<uid>/resources/…`,
 * `/api/datasources/uid/<uid>/health`, and the app's settings
 * (`/api/plugins/sloledger-app/settings`, kept in memory). Loopback only;
 * port from PREVIEW_PORT, or a free one.
 *
 *   npm run preview [-- --catalog <dir>] [--prometheus <url>]   → prints "preview: http://127.0.0.1:<port>/"
 *
 * With `prometheusUrl` the datasource also reads that Prometheus (./prometheusConnection);
 * a bad URL or a server that does not answer rejects with a PreviewOptionError before anything listens.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { createPreviewBackend, PreviewQueryRequest } from './previewBackend';
import { previewPrometheus } from './prometheusConnection';

export { PreviewOptionError } from './prometheusConnection';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json' };

export interface PreviewServerOptions {
  /** Folder with the client bundle (app.js, app.css, fonts). */
  assetsDir: string;
  /** Catalog directory the demo datasource reads. */
  catalogDir: string;
  port?: number;
  /** Answer a repeated identical query from memory (benches: the backend's time is measured once). */
  memoize?: boolean;
  /** A Prometheus the datasource reads beside the demo source (`--prometheus`). */
  prometheusUrl?: string;
}

export interface RunningPreviewServer {
  url: string;
  /** With `prometheusUrl`: where its connections point and which SLOs read them. */
  prometheus?: string;
  close: () => Promise<void>;
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<RunningPreviewServer> {
  const prometheus = options.prometheusUrl === undefined ? undefined : await previewPrometheus(options.prometheusUrl, options.catalogDir);
  const backend = createPreviewBackend(options.catalogDir, prometheus?.jsonData);
  const answered = new Map<string, string>();
  const dsPrefix = `/api/datasources/uid/${backend.uid}/`;
  let appSettings: unknown = { enabled: true, jsonData: { datasourceUid: backend.uid } };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (process.env.PREVIEW_LOG) {
      console.log(req.method, req.url);
    }
    try {
      if (req.method === 'POST' && url.pathname === '/api/query') {
        const text = await readBody(req);
        const answer = (options.memoize && answered.get(text)) || JSON.stringify(await backend.query(JSON.parse(text) as PreviewQueryRequest));
        if (options.memoize) {
          answered.set(text, answer);
        }
        return send(res, 200, 'application/json', answer);
      }
      if (req.method === 'POST' && url.pathname === '/api/ds/query') {
        return send(res, 200, 'application/json', JSON.stringify(await backend.dsQuery(JSON.parse(await readBody(req)))));
      }
      if (url.pathname.startsWith(`${dsPrefix}resources/`)) {
        const body = req.method === 'GET' ? Buffer.alloc(0) : Buffer.from(await readBody(req), 'utf8');
        const answer = await backend.resource(req.method ?? 'GET', url.pathname.slice(`${dsPrefix}resources/`.length) + url.search, body);
        return send(res, answer.status, answer.headers['content-type'] ?? 'application/json', answer.body);
      }
      if (req.method === 'GET' && url.pathname === `${dsPrefix}health`) {
        const health = await backend.health();
        return send(res, health.status, 'application/json', JSON.stringify(health.body));
      }
      if (url.pathname === '/api/plugins/sloledger-app/settings') {
        if (req.method === 'POST') {
          appSettings = JSON.parse(await readBody(req));
        }
        return send(res, 200, 'application/json', JSON.stringify(req.method === 'POST' ? { message: 'Plugin settings updated' } : appSettings));
      }
      // `/`: the views; `/a/sloledger-app/…`: the app's pages (and where panel links point); `/plugins/sloledger-app`: its configuration
      if (req.method === 'GET' && (url.pathname === '/' || url.pathname.startsWith('/a/sloledger-app/') || url.pathname === '/plugins/sloledger-app')) {
        return send(res, 200, 'text/html; charset=utf-8', shell(url.searchParams.get('theme') === 'light' ? 'light' : 'dark'));
      }
      if (req.method === 'GET' && url.pathname === '/public/build/img/icons/unicons/spinner.svg') {
        return send(res, 200, 'image/svg+xml', SPINNER_SVG);
      }
      const file = staticFile(url.pathname, options.assetsDir);
      if (req.method === 'GET' && file) {
        return send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
      }
      // a few icons the time picker uses (angle-double-left…) come with Grafana, not @grafana/ui: a neutral mark will do
      if (req.method === 'GET' && /^\/public\/build\/img\/icons\/unicons\/[\w-]+\.svg$/.test(url.pathname)) {
        return send(res, 200, 'image/svg+xml', MISSING_ICON_SVG);
      }
      send(res, 404, 'text/plain', `no route ${req.method} ${url.pathname}`);
    } catch (error) {
      send(res, 400, 'application/json', JSON.stringify({ error: (error as Error).message }));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    prometheus: prometheus?.summary,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The page: Grafana's boot data (the theme @grafana/runtime's config reads), the bundle. */
function shell(theme: 'light' | 'dark'): string {
  const boot = { settings: { buildInfo: { version: 'preview' } }, user: { theme, lightTheme: theme === 'light' }, navTree: [], assets: { dark: '', light: '' } };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SLO Ledger preview</title>
<script>window.grafanaBootData = ${JSON.stringify(boot)}; window.__grafana_public_path__ = '/public/';</script>
<link rel="stylesheet" href="/assets/app.css"></head>
<body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>`;
}

// @grafana/ui's icons are fetched from `${__grafana_public_path__}build/img/icons/`; the package ships them.
const ICONS_DIR = path.dirname(require.resolve('@grafana/ui/package.json')) + '/dist/public/img/icons';

// Grafana serves its spinner icon itself (it is not among @grafana/ui's icons): a quarter circle will do.
const SPINNER_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2a10 10 0 0 1 10 10h-2.5A7.5 7.5 0 0 0 12 4.5z"/></svg>';

const MISSING_ICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="3"/></svg>';

/** The file behind /assets/* (the bundle) or /public/build/img/icons/* (icons); undefined when none. */
function staticFile(pathname: string, assetsDir: string): string | undefined {
  const mounts: Array<[string, string]> = [['/assets/', assetsDir], ['/public/build/img/icons/', ICONS_DIR]];
  for (const [prefix, dir] of mounts) {
    if (pathname.startsWith(prefix)) {
      const file = path.resolve(dir, decodeURIComponent(pathname.slice(prefix.length)));
      return file.startsWith(dir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : undefined;
    }
  }
  return undefined;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
