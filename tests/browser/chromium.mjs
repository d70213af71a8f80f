// Debian's Chromium through playwright-core (never `npx playwright install`):
// headless, sandbox off (containers), no background traffic, a fresh profile.
// Pages may only reach loopback: every other request is aborted and recorded.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** The chromium binary, or undefined (callers print why they skip). */
export function findChromium() {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) {
    return process.env.CHROMIUM_PATH;
  }
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function launchChromium(executablePath) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
  });
  const blocked = [];
  await context.route(/.*/, (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') {
      return route.continue();
    }
    blocked.push(url.href);
    return route.abort();
  });
  return {
    context,
    blocked,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
