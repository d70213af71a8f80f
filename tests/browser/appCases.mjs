// Browser tests of the app pages (src/app) in the preview: the real SceneApp and
// the real SloLedgerDataSource class, whose queries and resource calls the
// preview server answers with the real backend handlers. Expected values come
// from the same resources and queries fetched here, outside the page.
import { assert, frameRows, openAppPage, waitReady } from './harness.mjs';
import { TO } from './previewCases.mjs';

const DAY = 86_400_000;
const toMs = Date.parse(TO);
const fromMs = toMs - 28 * DAY;
const DS = 'api/datasources/uid/sloledger-preview/';
const pct = (ratio, decimals) => (ratio === null || ratio === undefined ? '–' : `${(ratio * 100).toFixed(decimals)}%`);
const objective = (ratio) => `${Number((ratio * 100).toFixed(3))}%`;

/** A resource as the page asks for it (GET …/resources/<path>?…), answered by the backend. */
async function resource(baseUrl, path, params = {}) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`${baseUrl}${DS}resources/${path}${q.size ? `?${q}` : ''}`);
  const body = await res.json();
  assert.equal(res.status, 200, `${path}: ${JSON.stringify(body)}`);
  return body;
}

const openApp = (page, baseUrl, path, options = {}) => openAppPage(page, baseUrl, path, { fromMs, toMs, ...options });

/** The rows of the RowsTable captioned `caption`, as arrays of cell texts. */
async function tableRows(page, caption) {
  const table = page.locator('table', { has: page.locator('caption', { hasText: caption }) }).first();
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
}

async function waitChecked(box, want, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while ((await box.isChecked()) !== want) {
    assert.ok(Date.now() < until, `the checkbox is ${want ? 'checked' : 'unchecked'} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function registerAppCases(suite) {
  suite.it('app Overview shows the period, the SLO count per state and the services at risk that indicators/slos-by-service answers', async ({ page, baseUrl }) => {
    const res = await resource(baseUrl, 'indicators/slos-by-service', { from: fromMs, to: toMs });
    assert.equal(res.rows.length, 5);
    await openApp(page, baseUrl, '/a/sloledger-app/overview');
    assert.match(await page.getByTestId('preview-banner').innerText(), /built-in panels \(time series, table\) are not available outside Grafana/);
    assert.equal(await page.getByRole('heading', { name: 'Overview', level: 1 }).count(), 1);
    const states = await page.getByLabel('SLOs by state').innerText();
    for (const state of ['Critical', 'Increasing', 'Recovering', 'Acceptable', 'No data']) {
      const n = res.rows.filter((r) => (r.burnState ?? 'No data') === state).length;
      assert.ok(states.includes(`${state}: ${n}`), `"${state}: ${n}" in ${states}`);
    }
    const rows = await tableRows(page, 'Services at risk first');
    const services = [...new Set(res.rows.map((r) => r.service))];
    assert.equal(rows.length, services.length);
    for (const [service, team, worst] of rows) {
      const mine = res.rows.filter((r) => r.service === service);
      const least = mine.reduce((a, b) => (b.remaining < a.remaining ? b : a));
      assert.equal(team, mine[0].team);
      assert.equal(worst, `${pct(least.remaining, 1)} (${least.slo})`, `${service}: least budget left`);
    }
    // the bundle's overview panel inside the scene: every SLO with the remaining budget of the catalog query
    const q = await fetch(`${baseUrl}api/ds/query`, { method: 'POST', body: JSON.stringify({ queries: [{ refId: 'A', queryType: 'catalog', includeDefaults: true }], from: String(fromMs), to: String(toMs) }) }).then((r) => r.json());
    const table = page.getByRole('table', { name: 'SLOs by service' });
    for (const want of frameRows(q.results.A.frames[0])) {
      const row = table.getByRole('row').filter({ hasText: want.name });
      assert.ok((await row.innerText()).includes(pct(want.remaining, 1)), `${want.name}: ${pct(want.remaining, 1)} in the overview panel`);
    }
    // a service at risk opens its detail page on the same time range, with the SLO state slos/<id> answers
    const [first] = rows;
    const least = res.rows.filter((r) => r.service === first[0]).reduce((a, b) => (b.remaining < a.remaining ? b : a));
    await page.getByRole('link', { name: first[0], exact: true }).click();
    await page.waitForURL((u) => u.pathname.startsWith(`/a/sloledger-app/service/${first[0]}/`));
    await waitReady(page);
    assert.equal(Date.parse(new URL(page.url()).searchParams.get('to')), toMs, 'the detail page keeps the overview’s time range');
    const state = await resource(baseUrl, `slos/${encodeURIComponent(least.slo)}`, { from: fromMs, to: toMs });
    assert.ok((await page.getByLabel(`SLO ${least.slo}`).innerText()).includes(pct(state.remaining, 1)), `${least.slo}: budget left on the detail page`);
  });

  suite.it('app Overview keeps its time range and a team filter in the URL across a reload (scenes URL sync)', async ({ page, baseUrl }) => {
    const res = await resource(baseUrl, 'indicators/slos-by-service', { from: fromMs, to: toMs, team: 'identity' });
    await openApp(page, baseUrl, '/a/sloledger-app/overview', { query: 'var-team=identity' });
    const check = async (when) => {
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('var-team'), 'identity', `${when}: var-team in ${url}`);
      assert.equal(Date.parse(url.searchParams.get('to')), toMs, `${when}: to in ${url}`);
      assert.equal(Date.parse(url.searchParams.get('from')), fromMs, `${when}: from in ${url}`);
      const rows = await tableRows(page, 'Services at risk first');
      assert.deepEqual(rows.map((r) => r[0]), [...new Set(res.rows.map((r) => r.service))], `${when}: only identity's services`);
      assert.ok((await page.getByLabel('SLOs by state').innerText()).includes(`Critical: ${res.rows.filter((r) => r.burnState === 'Critical').length}`));
    };
    await check('before reload');
    await page.reload();
    await waitReady(page);
    await check('after reload');
  });

  suite.it('app Services lists each detail URL, and a detail page shows each SLO state, dependencies and the policy in force from the resources', async ({ page, baseUrl }) => {
    await openApp(page, baseUrl, '/a/sloledger-app/service');
    const links = await page.locator('table', { has: page.getByRole('columnheader', { name: 'Detail page' }) }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
    assert.ok(links.some((r) => r[0] === '/service/checkout/availability/all'), JSON.stringify(links));
    await page.getByRole('link', { name: '/service/checkout/availability/all' }).click();
    await page.waitForURL((u) => u.pathname === '/a/sloledger-app/service/checkout/availability/all');
    await waitReady(page);
    assert.equal(Date.parse(new URL(page.url()).searchParams.get('to')), toMs, 'the detail page opens on the list’s time range');
    const catalog = await resource(baseUrl, 'catalog', { service: 'checkout' });
    for (const slo of catalog.slos) {
      const state = await resource(baseUrl, `slos/${encodeURIComponent(slo.id)}`, { from: fromMs, to: toMs });
      const card = await page.getByLabel(`SLO ${slo.id}`).innerText();
      assert.ok(card.includes(pct(state.sli, 3)), `${slo.id}: SLI ${pct(state.sli, 3)} in ${card}`);
      assert.ok(card.includes(pct(state.remaining, 1)), `${slo.id}: budget left ${pct(state.remaining, 1)}`);
      assert.ok(card.includes(state.burnState), `${slo.id}: ${state.burnState}`);
      assert.equal(await page.getByRole('img', { name: `Remaining error budget of ${slo.name} · checkout` }).count(), 1, `${slo.id}: a budget chart`);
    }
    const deps = await resource(baseUrl, 'indicators/slos-by-service', { from: fromMs, to: toMs, service: 'accounts' });
    const [dep] = await tableRows(page, 'Dependencies of checkout');
    assert.equal(dep[0], 'accounts');
    assert.equal(dep[1], String(deps.rows.length));
    assert.equal(dep[2], pct(Math.min(...deps.rows.map((r) => r.remaining)), 1));
    const policies = await resource(baseUrl, 'policies', { team: 'payments' });
    const body = await page.getByTestId('preview-view').innerText();
    for (const c of policies.policies[0].consequencesInForce) {
      assert.ok(body.includes(`In force: ${c.description}`), `consequence "${c.description}" shown`);
    }
    // Grafana's built-in panels are stood in for: the burn-rate frames appear as tables
    assert.ok((await page.getByTestId('builtin-standin-timeseries').count()) >= 1);
  });

  suite.it('app Error budget policies shows each policy’s conditions, consequences in force and release gates from the policies and gates resources', async ({ page, baseUrl }) => {
    const { policies } = await resource(baseUrl, 'policies');
    assert.equal(policies.length, 2);
    await openApp(page, baseUrl, '/a/sloledger-app/policies');
    for (const p of policies) {
      const card = page.getByRole('article', { name: `Policy ${p.policy}` });
      const text = await card.innerText();
      for (const c of p.conditions.filter((x) => x.trigger === 'automatic')) {
        assert.ok(text.includes(`${c.met ? 'met' : 'not met'} ${c.description}`), `${p.policy}: condition ${c.id} "${c.description}" ${c.met ? 'met' : 'not met'}`);
      }
      for (const c of p.conditions.filter((x) => x.trigger === 'manual')) {
        assert.equal(await card.getByRole('checkbox', { name: c.description }).count(), 1, `${p.policy}: manual condition ${c.id} as a checkbox`);
      }
      const inForce = p.consequencesInForce.map((c) => `${c.description}${c.blocksReleases ? ' (blocks releases)' : ''}`).join('; ') || 'none';
      assert.ok(text.includes(inForce), `${p.policy}: consequences in force "${inForce}"`);
      assert.equal(text.includes('Review overdue'), p.reviewOverdue, `${p.policy}: review overdue flag`);
      const gates = await card.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
      assert.ok(gates.length > 0, `${p.policy}: gate rows`);
      for (const [service, env, decision] of gates) {
        const g = await resource(baseUrl, `gates/${service}`, { environment: env });
        assert.equal(decision, g.decision, `${p.policy}: gate of ${service} in ${env}`);
      }
    }
  });

  suite.it('app Error budget policies records a manual condition from the on-call checklist in the ledger, and it stays checked after a reload', async ({ page, baseUrl }) => {
    const before = (await resource(baseUrl, 'policies', { team: 'payments' })).policies[0];
    const manual = before.conditions.find((c) => c.trigger === 'manual');
    assert.ok(manual, 'the payments policy has a manual condition');
    await openApp(page, baseUrl, '/a/sloledger-app/policies');
    const box = page.getByRole('article', { name: `Policy ${before.policy}` }).getByRole('checkbox', { name: manual.description });
    assert.equal(await box.isChecked(), manual.met);
    await box.click({ force: true });
    // the box follows the ledger: checked once the write is answered and the policies are read again
    await waitChecked(box, !manual.met);
    const after = (await resource(baseUrl, 'policies', { team: 'payments' })).policies[0];
    assert.equal(after.conditions.find((c) => c.id === manual.id).met, !manual.met, 'the policies resource reports the recorded state');
    await page.reload();
    await waitReady(page);
    assert.equal(await page.getByRole('article', { name: `Policy ${before.policy}` }).getByRole('checkbox', { name: manual.description }).isChecked(), !manual.met, 'still recorded after a reload');
    // put it back, so the other cases see the catalog's state
    const again = page.getByRole('article', { name: `Policy ${before.policy}` }).getByRole('checkbox', { name: manual.description });
    await again.click({ force: true });
    await waitChecked(again, manual.met);
  });

  suite.it('app Decisions “Setting an SLO” names each dependency’s ensured level and suggests an objective for every SLO', async ({ page, baseUrl }) => {
    const catalog = await resource(baseUrl, 'catalog');
    await openApp(page, baseUrl, '/a/sloledger-app/decisions/setting-slo');
    assert.equal(await page.getByRole('tab', { name: /Setting an SLO/, selected: true }).count() + (await page.locator('[aria-selected=true]', { hasText: 'Setting an SLO' }).count()) > 0, true, 'the tab is active');
    const text = await page.getByTestId('preview-view').innerText();
    assert.match(text, /Step 1 · SLAs by service/);
    const deps = [...new Set(catalog.services.flatMap((s) => s.dependencies))];
    for (const dep of deps) {
      assert.match(text, new RegExp(`\\n${dep}\\t(High|Medium|Low|Undefined)\\t`), `dependency ${dep} with its ensured level`);
    }
    const rows = await page.locator('table', { has: page.getByRole('columnheader', { name: 'Objective now' }) }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
    assert.deepEqual(rows.map((r) => r[0]).sort(), catalog.slos.map((s) => s.id).sort());
    for (const [id, now, all] of rows) {
      assert.equal(now, objective(catalog.slos.find((s) => s.id === id).objective), `${id}: objective now`);
      assert.match(all, /^\d+(\.\d+)?%$|period/, `${id}: a suggestion or why there is none`);
    }
  });

  suite.it('app Indicators tabs keep the filters in the URL, and the adherence tab shows the states the adherence query computes', async ({ page, baseUrl }) => {
    const q = await fetch(`${baseUrl}api/ds/query`, { method: 'POST', body: JSON.stringify({ queries: [{ refId: 'A', queryType: 'adherence', timeScale: 'period', includeDefaults: true, teams: ['payments'] }], from: String(fromMs), to: String(toMs) }) }).then((r) => r.json());
    const expected = frameRows(q.results.A.frames[0]);
    await openApp(page, baseUrl, '/a/sloledger-app/indicators/adherence', { query: 'var-team=payments' });
    const labels = await page.locator('table a[aria-label], table [aria-label*=": "]').evaluateAll((es) => es.map((e) => e.getAttribute('aria-label')));
    for (const want of expected) {
      assert.ok(labels.some((l) => l.startsWith(`${want.name}, `) && l.includes(`: ${want.state}`)), `${want.name} ${want.period}: ${want.state} among ${labels.length} cells`);
    }
    await page.getByRole('tab', { name: /On-call rotations/ }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/indicators/on-call'));
    await waitReady(page);
    assert.equal(new URL(page.url()).searchParams.get('var-team'), 'payments', 'the team filter survives the tab change');
    const rotations = await resource(baseUrl, 'indicators/on-call-rotations', { from: fromMs, to: toMs, team: 'payments' });
    assert.equal((await tableRows(page, 'Book 11.2.10')).length, Math.max(rotations.rows.length, 0));
  });

  suite.it('app Configuration checks the datasource’s health and shows the backend’s answer', async ({ page, baseUrl }) => {
    const health = await fetch(`${baseUrl}${DS}health`).then((r) => r.json());
    await openApp(page, baseUrl, '/plugins/sloledger-app');
    await page.getByTestId('sloledger-app-config-check').click();
    const alert = page.getByRole('alert').or(page.locator('[data-testid="data-testid Alert success"], [data-testid="data-testid Alert error"]')).first();
    await alert.waitFor();
    const text = await alert.innerText();
    assert.ok(text.includes(health.status === 'OK' ? 'Datasource is healthy' : 'Datasource has problems'), text);
    assert.ok(text.includes(health.message), `"${health.message}" in ${text}`);
    // Node 24 (npm run test:browser) opens the SQLite ledger: the demo datasource is healthy
    if (Number(process.versions.node.split('.')[0]) >= 24) {
      assert.equal(health.status, 'OK', health.message);
    }
    await page.getByTestId('sloledger-app-config-save').click();
    await page.getByText('Saved. The app pages use this datasource').waitFor();
  });

  for (const path of ['/a/sloledger-app/overview', '/a/sloledger-app/service/checkout/availability/all', '/a/sloledger-app/indicators/adherence', '/a/sloledger-app/policies', '/a/sloledger-app/decisions/setting-slo', '/plugins/sloledger-app']) {
    suite.it(`app page ${path} renders in both Grafana themes`, async ({ page, baseUrl }) => {
      const seen = {};
      for (const theme of ['dark', 'light']) {
        await openApp(page, baseUrl, path, { theme });
        seen[theme] = await page.evaluate(() => {
          const lum = (c) => {
            const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
          };
          const view = document.querySelector('[data-testid=preview-view]');
          return { bgLum: lum(getComputedStyle(document.body).backgroundColor), textLum: lum(getComputedStyle(view).color), chars: view.innerText.length };
        });
        assert.ok(seen[theme].chars > 100, `${theme}: the page shows its content`);
      }
      assert.ok(seen.dark.bgLum < 0.2 && seen.dark.textLum > 0.7, `dark: ${JSON.stringify(seen.dark)}`);
      assert.ok(seen.light.bgLum > 0.8 && seen.light.textLum < 0.4, `light: ${JSON.stringify(seen.light)}`);
    });
  }
}
