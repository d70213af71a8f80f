// Browser tests against the preview (npm run preview): the real panels and the
// datasource config editor in Debian's Chromium, fed by the real backend
// handlers over the demo source. Expected values come from the backend's own
// frames, fetched separately from the page, so each case checks that the page
// shows what the backend computed, formatted as the panels promise.
import { assert, frameRows, openView } from './harness.mjs';

/** A fixed "now" mid-period, so the current month is in progress and results are reproducible. */
export const TO = '2026-10-20T12:00:00Z';
const DAY = 86_400_000;

/** The backend's answer to a view's query, fetched like the page does. */
async function backendFrames(baseUrl, query, rangeDays) {
  const toMs = Date.parse(TO);
  const res = await fetch(`${baseUrl}api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queries: [{ refId: 'A', includeDefaults: true, ...query }], fromMs: toMs - rangeDays * DAY, toMs }) });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.equal(body.results.A.error, undefined, `backend error: ${body.results.A.error}`);
  return body.results.A.frames;
}

const pct = (ratio, decimals) => `${(ratio * 100).toFixed(decimals)}%`;
const sloLink = (slo) => `/a/sloledger-app/slo/${encodeURIComponent(slo)}`;

/** The overview's rows as the user sees them: group header or the cells' text by column header. */
async function overviewRows(page) {
  return page.evaluate(() => {
    const table = document.querySelector('[role=table][aria-label="SLOs by service"]');
    const headers = [...table.querySelectorAll('[role=columnheader]')].map((h) => h.innerText.replace(/ [▲▼]$/, ''));
    return [...table.querySelectorAll('[role=row]')].slice(1).map((row) => {
      const cells = [...row.querySelectorAll('[role=cell]')].map((c) => c.innerText.trim());
      if (row.tagName !== 'A') {
        return { group: cells[0] };
      }
      return { href: row.getAttribute('href'), ...Object.fromEntries(headers.map((h, i) => [h, cells[i]])) };
    });
  });
}

export function registerPreviewCases(suite) {
  suite.it('SLOs by service shows every SLO with the SLI, remaining budget, burn rates and state the backend computed', async ({ page, baseUrl }) => {
    const [frame] = await backendFrames(baseUrl, { queryType: 'catalog' }, 1);
    const expected = frameRows(frame);
    assert.equal(expected.length, 5, 'the preview catalog has 5 SLOs');
    await openView(page, baseUrl, 'overview', { to: TO });
    const rows = (await overviewRows(page)).filter((r) => !r.group);
    assert.equal(rows.length, expected.length);
    for (const want of expected) {
      const row = rows.find((r) => r.SLO === want.name);
      assert.ok(row, `a row for ${want.name}`);
      assert.equal(row['Current SLI'], pct(want.sliValue, 3), `${want.name}: SLI`);
      assert.equal(row['Remaining budget'], pct(want.remaining, 1), `${want.name}: remaining budget`);
      assert.equal(row['Burn 1h'], want.burn1h.toFixed(2), `${want.name}: burn 1h`);
      assert.equal(row['Burn 24h'], want.burn24h.toFixed(2), `${want.name}: burn 24h`);
      assert.equal(row.State, want.burnState, `${want.name}: state`);
      assert.equal(row.href, sloLink(want.slo), `${want.name}: row link`);
    }
    // budget debt is visible as a negative number, not clipped at 0 (DESIGN.md: r < 0 is shown)
    assert.ok(expected.some((r) => r.remaining < 0), 'the demo has an SLO in budget debt');
  });

  suite.it('SLOs by service groups by service and sorts each group by remaining budget when the header is clicked', async ({ page, baseUrl }) => {
    const [frame] = await backendFrames(baseUrl, { queryType: 'catalog' }, 1);
    const bySlo = new Map(frameRows(frame).map((r) => [r.name, r]));
    await openView(page, baseUrl, 'overview', { to: TO });
    const header = page.getByRole('columnheader', { name: /Remaining budget/ });
    for (const [direction, sign] of [['ascending', 1], ['descending', -1]]) {
      await header.getByRole('button').click();
      assert.equal(await header.getAttribute('aria-sort'), direction);
      let group;
      const groups = new Map();
      for (const row of await overviewRows(page)) {
        if (row.group) {
          group = row.group.split(' · ')[0];
          groups.set(group, []);
        } else {
          assert.equal(bySlo.get(row.SLO).service, group, `${row.SLO} is listed under its service`);
          groups.get(group).push(row.SLO);
        }
      }
      assert.deepEqual([...groups.keys()].sort(), ['accounts', 'catalog', 'checkout']);
      for (const [service, names] of groups) {
        const want = [...names].sort((a, b) => sign * (bySlo.get(a).remaining - bySlo.get(b).remaining));
        assert.deepEqual(names, want, `${service} sorted ${direction} by remaining budget`);
      }
    }
  });

  suite.it('SLOs by service sorts from the keyboard too, and each row opens its SLO in the app', async ({ page, baseUrl }) => {
    await openView(page, baseUrl, 'overview', { to: TO });
    const header = page.getByRole('columnheader', { name: /^State/ });
    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    await page.keyboard.press('Enter');
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    const row = page.getByRole('row').filter({ hasText: 'orders-availability' });
    await row.click();
    await page.waitForURL((u) => u.pathname.startsWith('/a/sloledger-app/'));
    assert.equal(await page.getByTestId('app-route').innerText(), 'slo/checkout/orders-availability');
  });

  suite.it('SLOs by service keeps only the essential columns at a quarter of a dashboard width', async ({ page, baseUrl }) => {
    await openView(page, baseUrl, 'overview', { to: TO, width: 320 });
    const headers = (await page.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
    assert.deepEqual(headers, ['SLO', 'Remaining budget', 'State']);
    assert.equal((await overviewRows(page)).filter((r) => !r.group).length, 5);
  });

  suite.it('adherence shows each SLO and period as Fulfilled, Broken or In progress with its SLI, and each cell links to that SLO and period', async ({ page, baseUrl }) => {
    const [frame] = await backendFrames(baseUrl, { queryType: 'adherence', timeScale: 'period' }, 92);
    const expected = frameRows(frame);
    await openView(page, baseUrl, 'adherence', { to: TO });
    const links = await page.$$eval('table a[aria-label]', (as) => as.map((a) => ({ label: a.getAttribute('aria-label'), href: a.getAttribute('href'), text: a.innerText })));
    assert.equal(links.length, expected.length, 'one cell per SLO and period');
    const states = new Set(expected.map((r) => r.state));
    assert.ok(states.has('Broken') && states.has('Fulfilled') && states.has('In progress'), `the demo shows several states: ${[...states]}`);
    for (const want of expected) {
      // consecutive rolling windows are told apart by their last day
      const period = want.period.startsWith('rolling ') ? `${want.period} to ${new Date(want.periodEnd - 1).toISOString().slice(0, 10)}` : want.period;
      const label = `${want.name}, ${period}: ${want.state}${want.sliValue === null ? '' : `, SLI ${pct(want.sliValue, 3)}`}`;
      const cell = links.find((l) => l.label === label);
      assert.ok(cell, `a cell "${label}"`);
      assert.equal(cell.href, `${sloLink(want.slo)}?from=${want.periodStart}&to=${want.periodEnd}`, `${label}: link`);
      assert.ok(cell.text.includes(want.state), `${label}: the state is written out`);
    }
    const broken = expected.find((r) => r.state === 'Broken' && !r.period.startsWith('rolling '));
    await page.getByRole('link', { name: new RegExp(`^${broken.name}, ${broken.period}: Broken`) }).click();
    await page.waitForURL((u) => u.pathname === sloLink(broken.slo));
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('from'), String(broken.periodStart));
    assert.equal(url.searchParams.get('to'), String(broken.periodEnd));
    assert.equal(await page.getByTestId('app-route').innerText(), `slo/${broken.slo}`);
  });

  suite.it('budget depletion draws one chart per SLO with every premature exhaustion marked with its time to exhaustion', async ({ page, baseUrl }) => {
    const frames = await backendFrames(baseUrl, { queryType: 'budget', timeScale: 'daily' }, 92);
    await openView(page, baseUrl, 'budget', { to: TO });
    assert.equal(frames.length, 5);
    let marks = 0;
    for (const f of frames) {
      const { labels, exhaustions } = f.schema.meta.custom;
      const chart = page.getByRole('img', { name: `Remaining error budget of ${labels.name} · ${labels.service}` });
      assert.equal(await chart.count(), 1, `a chart for ${labels.name}`);
      const texts = (await chart.locator('text').allTextContents()).map((t) => t.trim());
      for (const x of exhaustions) {
        marks++;
        const want = `exhausted after ${(x.timeToExhaustionMs / DAY).toFixed(1)} d`;
        assert.ok(texts.includes(want), `${labels.name}: "${want}" among ${JSON.stringify(texts)}`);
      }
      assert.equal(texts.filter((t) => t.startsWith('exhausted after')).length, exhaustions.length, `${labels.name}: no other exhaustion marks`);
    }
    assert.ok(marks > 0, 'the demo exhausts some budgets early');
  });

  suite.it('budget depletion episodes are focusable and say the depleted share, duration and speed the backend found', async ({ page, baseUrl }) => {
    const frames = await backendFrames(baseUrl, { queryType: 'budget', timeScale: 'daily' }, 92);
    await openView(page, baseUrl, 'budget', { to: TO });
    const fromMs = Date.parse(TO) - 92 * DAY;
    let focused = 0;
    for (const f of frames) {
      const { labels, episodes } = f.schema.meta.custom;
      const chart = page.locator('div', { has: page.getByRole('img', { name: `Remaining error budget of ${labels.name} · ${labels.service}` }) }).last();
      const shown = episodes.filter((e) => e.endMs > fromMs && e.startMs < Date.parse(TO));
      assert.equal(await chart.getByRole('button', { name: /^Depletion episode/ }).count(), shown.length, `${labels.name}: one band per episode`);
      const e = shown[0];
      if (!e) {
        continue;
      }
      const text = `Depletion episode: ${e.depletedPct.toFixed(1)}% of the budget in ${((e.endMs - e.startMs) / 3_600_000).toFixed(1)} h, ${e.speedPctPerHour.toFixed(2)} % per hour`;
      await chart.getByRole('button', { name: text }).first().focus();
      assert.equal((await chart.getByRole('tooltip').innerText()).trim(), text, `${labels.name}: tooltip of the focused episode`);
      focused++;
    }
    assert.ok(focused >= 3, `episodes in most demo SLOs (${focused})`);
  });

  suite.it('the datasource config editor flags a YAML error at its line and clears it when the line is fixed', async ({ page, baseUrl }) => {
    await openView(page, baseUrl, 'config', { to: TO });
    await page.locator('.monaco-editor .view-line').first().waitFor();
    const issue = page.getByRole('list', { name: 'Catalog issues' }).getByRole('button');
    assert.equal(await issue.count(), 1);
    assert.match((await issue.innerText()).trim(), /^line 12, col 15: services\[0\]\.slos\[0\]\.good: must contain the \$__window placeholder/);
    assert.match(await page.getByRole('status').innerText(), /^1 error: 0 SLOs load/);
    // the editor marks line 12: its squiggle sits at the height of line number 12
    const lineTop = async (n) => page.locator('.monaco-editor .line-numbers', { hasText: new RegExp(`^${n}$`) }).evaluate((e) => e.getBoundingClientRect().top);
    const squiggleTops = await page.locator('.monaco-editor .squiggly-error').evaluateAll((es) => es.map((e) => e.getBoundingClientRect().top));
    assert.ok(squiggleTops.length > 0, 'a squiggle is drawn');
    const top12 = await lineTop(12);
    assert.ok(squiggleTops.every((t) => Math.abs(t - top12) < 3), `squiggles at ${squiggleTops}, line 12 at ${top12}`);
    // "Show in the editor" puts the cursor on that line; typing the placeholder fixes it
    await issue.click();
    // Monaco moves the cursor and redraws its current-line highlight on a later frame: wait for it, up to 5 s
    let cursorTop = NaN;
    for (const started = Date.now(); Date.now() - started < 5_000; await page.waitForTimeout(50)) {
      cursorTop = await page.locator('.monaco-editor .current-line').first().evaluate((e) => e.getBoundingClientRect().top);
      if (Math.abs(cursorTop - top12) < 3) {
        break;
      }
    }
    assert.ok(Math.abs(cursorTop - top12) < 3, `cursor line at ${cursorTop}, line 12 at ${top12}`);
    await page.keyboard.press('End');
    await page.keyboard.type('[$__window]');
    await page.getByRole('status').filter({ hasText: /^Valid: 1 SLO\.$/ }).waitFor({ timeout: 5000 });
    assert.equal(await page.getByRole('list', { name: 'Catalog issues' }).count(), 0);
    // Monaco redraws its markers on its next frame after the new ones are set
    await page.waitForFunction(() => document.querySelectorAll('.monaco-editor .squiggly-error').length === 0, null, { timeout: 5000 });
  });

  for (const view of ['overview', 'adherence', 'budget', 'config']) {
    suite.it(`the ${view} view renders in both Grafana themes: dark canvas with light text, light canvas with dark text`, async ({ page, baseUrl }) => {
      const seen = {};
      for (const theme of ['dark', 'light']) {
        await openView(page, baseUrl, view, { theme, to: TO });
        const colors = await page.evaluate(() => {
          const lum = (c) => {
            const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
          };
          const bg = getComputedStyle(document.body).backgroundColor;
          const text = getComputedStyle(document.querySelector('[data-testid=preview-view]')).color;
          return { bg, text, bgLum: lum(bg), textLum: lum(text), chars: document.querySelector('[data-testid=preview-view]').innerText.length };
        });
        seen[theme] = colors;
        assert.ok(colors.chars > 100, `${theme}: the view shows its content`);
      }
      assert.ok(seen.dark.bgLum < 0.2 && seen.dark.textLum > 0.7, `dark: ${JSON.stringify(seen.dark)}`);
      assert.ok(seen.light.bgLum > 0.8 && seen.light.textLum < 0.4, `light: ${JSON.stringify(seen.light)}`);
    });
  }
}
