// A small test harness for the browser tests: named cases run in order, each
// with a fresh page; a failure prints its message and the page's errors.
// Prints "browser: N passed, N failed" last.
import assert from 'node:assert/strict';

export { assert };

/** `BROWSER_CASES=<regex>` runs only the matching cases (while working on some). */
export function createSuite(only = process.env.BROWSER_CASES ? new RegExp(process.env.BROWSER_CASES) : undefined) {
  const cases = [];
  return {
    /** Registers a case; `fn({ page, ... })` throws to fail. */
    it(name, fn) {
      if (only && !only.test(name)) {
        return;
      }
      cases.push({ name, fn });
    },
    async run(makeContext) {
      let passed = 0;
      let failed = 0;
      const started = Date.now();
      for (const c of cases) {
        const t0 = Date.now();
        const ctx = await makeContext();
        try {
          await c.fn(ctx);
          if (ctx.pageErrors.length > 0) {
            throw new Error(`the page threw: ${ctx.pageErrors.join(' | ')}`);
          }
          passed++;
          console.log(`  ✓ ${c.name} (${Date.now() - t0} ms)`);
        } catch (error) {
          failed++;
          console.log(`  ✗ ${c.name}\n      ${String(error?.message ?? error).split('\n').join('\n      ')}`);
        } finally {
          await ctx.dispose();
        }
      }
      console.log(`browser tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return { passed, failed };
    },
  };
}

/** Rows of a DataFrameJSON (`/api/query` result) as objects keyed by field name. */
export function frameRows(frame) {
  const names = frame.schema.fields.map((f) => f.name);
  const length = frame.data.values[0]?.length ?? 0;
  return Array.from({ length }, (_, i) => Object.fromEntries(names.map((n, k) => [n, frame.data.values[k][i]])));
}

/** Opens a preview view and waits until it has rendered its data. */
export async function openView(page, baseUrl, view, { theme = 'dark', to, width, days } = {}) {
  await page.goto(`${baseUrl}?view=${view}&theme=${theme}&to=${to}${width ? `&width=${width}` : ''}${days ? `&days=${days}` : ''}`);
  await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.previewState), null, { timeout: 60_000 });
  const state = await page.evaluate(() => document.body.dataset.previewState);
  if (state !== 'ready') {
    throw new Error(`view ${view} did not render: ${await page.innerText('body')}`);
  }
}

/** Waits until the preview says the page has rendered its data (no request in flight, nothing busy). */
export async function waitReady(page) {
  await page.waitForFunction(() => document.body.dataset.previewState === 'ready', null, { timeout: 60_000 });
}

/** Opens an app page at its Grafana URL (e.g. /a/sloledger-app/overview) on a fixed time range, and waits until its data has rendered. */
export async function openAppPage(page, baseUrl, path, { theme = 'dark', fromMs, toMs, query = '' }) {
  await page.goto(`${baseUrl}${path.replace(/^\//, '')}?theme=${theme}&from=${fromMs}&to=${toMs}${query ? `&${query}` : ''}`);
  await waitReady(page);
}
