import type { PluginOptions } from '@grafana/plugin-e2e';
import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

const pluginE2eAuth = `${dirname(require.resolve('@grafana/plugin-e2e'))}/auth`;

// The specs need a running Grafana with the bundle (docker compose up --build). Without
// GRAFANA_URL they are skipped (tests/e2e/grafana.ts) and the login step is left out.
const grafanaUrl = process.env.GRAFANA_URL;
if (!grafanaUrl) {
  console.log('e2e: GRAFANA_URL is not set, so the Grafana specs in tests/e2e are skipped (docker compose up --build, then GRAFANA_URL=http://localhost:3000 npm run e2e)');
}
// Debian's Chromium (never `npx playwright install`); CHROMIUM_PATH overrides.
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/**
 * Read environment variables from file.
 * https://github.com/motdotla/dotenv
 */
// require('dotenv').config();

/**
 * See https://playwright.dev/docs/test-configuration.
 */
export default defineConfig<PluginOptions>({
  testDir: './tests/e2e',
  /* Run tests in files in parallel */
  fullyParallel: true,
  /* Fail the build on CI if you accidentally left test.only in the source code. */
  forbidOnly: !!process.env.CI,
  /* Retry on CI only */
  retries: process.env.CI ? 2 : 0,
  /* Reporter to use. See https://playwright.dev/docs/test-reporters */
  reporter: [['list'], ['html', { open: 'never' }]],
  /* Shared settings for all the projects below. See https://playwright.dev/docs/api/class-testoptions. */
  use: {
    /* Base URL to use in actions like `await page.goto('/')`. */
    baseURL: grafanaUrl || 'http://localhost:3000',

    /* Collect trace when retrying the failed test. See https://playwright.dev/docs/trace-viewer */
    trace: 'on-first-retry',
  },

  /* Configure projects for major browsers */
  projects: grafanaUrl
    ? [
        // 1. Login to Grafana and store the cookie on disk for use in other tests.
        { name: 'auth', testDir: pluginE2eAuth, testMatch: [/.*\.js/], use: { launchOptions: { executablePath: chromiumPath } } },
        // 2. Run tests in Chromium. Every test will start authenticated as admin user.
        {
          name: 'chromium',
          use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: chromiumPath }, storageState: 'playwright/.auth/admin.json' },
          dependencies: ['auth'],
        },
      ]
    : [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: chromiumPath } } }],
});
