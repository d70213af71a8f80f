// Browser test entry (scripts/test.sh runs it): builds the preview, serves it
// on loopback, and runs the cases in Debian's Chromium. Skips with a reason
// when Chromium is missing. Exit code 1 on any failure.
// Last line: "browser: N passed, N failed".
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPreview, loadPreviewServer } from '../../preview/build.mjs';
import { findChromium, launchChromium } from './chromium.mjs';
import { createSuite } from './harness.mjs';
import { registerPreviewCases } from './previewCases.mjs';
import { registerAppCases } from './appCases.mjs';
import { registerPrometheusCases } from './prometheusCases.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const executable = findChromium();
if (!executable) {
  console.log('browser tests skipped: no chromium on PATH (apt-get install chromium, or set CHROMIUM_PATH)');
  console.log('browser: 0 passed, 0 failed');
  process.exit(0);
}

const { serverModule, assetsDir } = await buildPreview();
const { startPreviewServer } = loadPreviewServer(serverModule);
const server = await startPreviewServer({ assetsDir, catalogDir: path.join(root, 'preview/catalog') });
const browser = await launchChromium(executable);
console.log(`preview at ${server.url}, ${executable}`);

const suite = createSuite();
registerPreviewCases(suite);
registerAppCases(suite);
// a second preview server, on a real Prometheus backfilled for the run (skipped with a reason without prometheus/promtool)
const prometheusCases = registerPrometheusCases(suite, { startPreviewServer, assetsDir });
let result = { passed: 0, failed: 1 };
try {
  result = await suite.run(async () => {
    const page = await browser.context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('response', (r) => {
      // Grafana's web fonts ship with Grafana, not @grafana/ui: the preview falls back to system fonts
      if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/public/fonts/')) {
        pageErrors.push(`HTTP ${r.status()} for ${r.url()}`);
      }
    });
    return { page, baseUrl: server.url, pageErrors, dispose: () => page.close() };
  });
  if (browser.blocked.length > 0) {
    console.log(`  ✗ pages tried to leave loopback: ${[...new Set(browser.blocked)].join(', ')}`);
    result.failed++;
  } else {
    console.log('  ✓ no request left 127.0.0.1');
    result.passed++;
  }
} finally {
  await browser.close();
  await server.close();
  await prometheusCases.close();
}
console.log(`browser: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed > 0 ? 1 : 0);
