// `npm run screenshots`: every preview view and app page in the dark and light themes,
// as PNGs in docs/screenshots/<view>-<theme>.png (the README shows them).
// Same fixed "now" as the browser tests, so the pictures only change when the code does.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPreview, loadPreviewServer } from '../../preview/build.mjs';
import { findChromium, launchChromium } from './chromium.mjs';
import { openAppPage, openView } from './harness.mjs';
import { TO } from './previewCases.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'docs/screenshots');
const VIEWS = ['overview', 'adherence', 'budget', 'config'];
/** The app pages at their Grafana URLs, on the last 28 days before TO. */
const APP_PAGES = {
  'app-overview': '/a/sloledger-app/overview',
  'app-service-detail': '/a/sloledger-app/service/checkout/availability/all',
  'app-indicators': '/a/sloledger-app/indicators/adherence',
  'app-policies': '/a/sloledger-app/policies',
  'app-decisions': '/a/sloledger-app/decisions/setting-slo',
  'app-config': '/plugins/sloledger-app',
};

const executable = findChromium();
if (!executable) {
  console.error('screenshots need chromium (apt-get install chromium, or set CHROMIUM_PATH)');
  process.exit(1);
}
const { serverModule, assetsDir } = await buildPreview();
const { startPreviewServer } = loadPreviewServer(serverModule);
const server = await startPreviewServer({ assetsDir, catalogDir: path.join(root, 'preview/catalog') });
const browser = await launchChromium(executable);
fs.mkdirSync(outDir, { recursive: true });
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1480, height: 1000 });
  for (const view of VIEWS) {
    for (const theme of ['dark', 'light']) {
      await openView(page, server.url, view, { theme, to: TO });
      if (view === 'config') {
        await page.locator('.monaco-editor .squiggly-error').first().waitFor();
      }
      const file = path.join(outDir, `${view}-${theme}.png`);
      await page.locator('[data-testid=preview-view]').screenshot({ path: file, animations: 'disabled' });
      console.log(`${path.relative(root, file)}  ${(fs.statSync(file).size / 1024).toFixed(0)} KiB`);
    }
  }
  const toMs = Date.parse(TO);
  for (const [name, appPath] of Object.entries(APP_PAGES)) {
    for (const theme of ['dark', 'light']) {
      await openAppPage(page, server.url, appPath, { theme, fromMs: toMs - 28 * 86_400_000, toMs });
      if (name === 'app-config') {
        await page.getByTestId('sloledger-app-config-check').click();
        await page.getByText(/Datasource is healthy|Datasource has problems/).waitFor();
      }
      const file = path.join(outDir, `${name}-${theme}.png`);
      await page.locator('[data-testid=preview-view]').screenshot({ path: file, animations: 'disabled' });
      console.log(`${path.relative(root, file)}  ${(fs.statSync(file).size / 1024).toFixed(0)} KiB`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
