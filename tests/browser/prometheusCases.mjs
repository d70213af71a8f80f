// Browser tests on a real Prometheus (Debian's package): two days of the
// checkout counters of tests/node/prometheus/realPrometheus.mjs backfilled with
// promtool, a second preview server started as `npm run preview -- --catalog
// tests/browser/prometheus --prometheus <url>` would start it, and the pages in
// Chromium. The referee is Prometheus itself: every SLI and remaining budget the
// pages show is compared with PromQL asked here, over the HTTP API, at the same
// instant ("now" = 15 minutes before the last backfilled minute, which is the
// wall clock's last minute: the checks mean the same whatever the date). Skipped with a printed reason when prometheus or
// promtool is missing (CI installs them).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { badPerMinute, prometheusAvailable, startPrometheus } from '../node/prometheus/realPrometheus.mjs';
import { assert, openAppPage, openView } from './harness.mjs';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const CATALOG_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'prometheus');
/** Both Prometheus SLOs of tests/browser/prometheus/slos.yaml: the same traffic over a rolling day, two objectives. */
const BAD = 'sum(increase(http_requests_total{service="checkout",code=~"5.."}[1d]))';
const TOTAL = 'sum(increase(http_requests_total{service="checkout"}[1d]))';
const PROM_SLOS = [
  { id: 'checkout/requests-availability', name: 'requests-availability', objective: 0.99 },
  { id: 'checkout/requests-availability-strict', name: 'requests-availability-strict', objective: 0.999 },
];
const DEMO_SLO = 'login-availability';
/** Tolerances against PromQL (as tests/node/realPrometheus.test.ts): 0.01 percentage points of SLI, 0.5 points of budget. */
const SLI_PP = 0.01;
const BUDGET_PP = 0.5;
/**
 * The pages look at "now" = 15 minutes before the last backfilled sample, so that the backend's aligned bucket
 * holding "now" (5 minutes wide here) is complete in Prometheus. At the very end of the data a partial last bucket
 * moves the figures a little (seen: SLI 99.4910% against PromQL's 99.4917%, −409.3% against −408.3% at 99.9%).
 */
const VIEW_LAG_MS = 15 * 60_000;
/** The backend counts in aligned buckets: an episode's edges may sit one or two buckets off the incident's minutes. */
const EDGE_MS = 10 * 60_000;

const pct = (ratio, decimals) => `${(ratio * 100).toFixed(decimals)}%`;
/** A percentage as the pages write it ("49.2%", "-408.3%") → its number of percent. */
const percentOf = (text) => {
  const m = /^(-?\d+(?:\.\d+)?)%$/.exec(text.trim().replace('\u2212', '-'));
  assert.ok(m, `"${text}" is a percentage`);
  return Number(m[1]);
};
const near = (shown, want, tolerance, what) => assert.ok(Math.abs(shown - want) <= tolerance, `${what}: shown ${shown}, PromQL ${want.toFixed(3)} (±${tolerance})`);

/** Backfills Prometheus and starts a preview server on it, as `npm run preview -- --catalog tests/browser/prometheus --prometheus <url>`. */
async function startPrometheusPreview({ startPreviewServer, assetsDir }) {
  const started = Date.now();
  // one block for the two days: promtool writes it in well under a second
  const prom = await startPrometheus(2, undefined, { maxBlockDuration: '72h' });
  let server;
  try {
    server = await startPreviewServer({ assetsDir, catalogDir: CATALOG_DIR, prometheusUrl: prom.url });
  } catch (error) {
    await prom.stop();
    throw error;
  }
  console.log(`    real Prometheus at ${prom.url}: 2 days backfilled in ${prom.timings.backfillMs} ms, ready ${prom.timings.readyMs} ms later; its preview at ${server.url} (${Date.now() - started} ms in all)`);
  console.log(`    ${server.prometheus}`);
  const toMs = prom.endMs - VIEW_LAG_MS;
  return {
    baseUrl: server.url,
    prom,
    toMs,
    fromMs: toMs - 2 * DAY,
    async close() {
      await server.close();
      await prom.stop();
    },
  };
}

/**
 * Registers the cases; Prometheus and its preview server start when the first of them runs (so `BROWSER_CASES`
 * without them starts nothing). `preview`: `startPreviewServer` and `assetsDir` of the build run.mjs made.
 * Without prometheus/promtool the cases are skipped with the reason printed. Returns `close()` for the end of the run.
 */
export function registerPrometheusCases(suite, preview) {
  if (!prometheusAvailable()) {
    console.log('real Prometheus cases skipped: prometheus/promtool not installed (apt-get install prometheus; CI installs it)');
    return { close: async () => undefined };
  }
  let starting;
  const env = () => (starting ??= startPrometheusPreview(preview));

  /** An instant PromQL query at "now", answered by Prometheus itself. */
  async function promQL(e, expr, atMs = e.toMs) {
    const res = await fetch(`${e.prom.url}/api/v1/query?${new URLSearchParams({ query: expr, time: String(atMs / 1000) })}`);
    const body = await res.json();
    assert.equal(body.status, 'success', `PromQL ${expr}: ${JSON.stringify(body)}`);
    assert.equal(body.data.result.length, 1, `PromQL ${expr}: one series`);
    return Number(body.data.result[0].value[1]);
  }

  /** SLI and remaining budget of each Prometheus SLO over the trailing day, by PromQL (DESIGN.md: r = 1 − B/(b·T)). */
  async function referee(e) {
    const bad = await promQL(e, BAD);
    const total = await promQL(e, TOTAL);
    return new Map(PROM_SLOS.map((s) => [s.name, { ...s, sli: 1 - bad / total, remaining: 1 - bad / total / (1 - s.objective) }]));
  }

  async function resource(e, p, params) {
    const res = await fetch(`${e.baseUrl}api/datasources/uid/sloledger-preview/resources/${p}?${new URLSearchParams(params)}`);
    const body = await res.json();
    assert.equal(res.status, 200, `${p}: ${JSON.stringify(body)}`);
    return body;
  }

  /** The budget query the page sends, answered by the backend (for the marks the chart draws). */
  async function budgetFrames(e, fromMs) {
    const body = await fetch(`${e.baseUrl}api/query`, { method: 'POST', body: JSON.stringify({ queries: [{ refId: 'A', queryType: 'budget', timeScale: 'daily', includeDefaults: true }], fromMs, toMs: e.toMs }) }).then((r) => r.json());
    assert.equal(body.results.A.error, undefined, `budget query: ${body.results.A.error}`);
    return body.results.A.frames;
  }

  /** The generator's incident (badPerMinute above 1: the two hours that end 6 h before the data's end), found minute by minute. */
  function incident(e) {
    const minutes = [];
    for (let t = e.prom.endMs - DAY; t <= e.prom.endMs; t += 60_000) {
      if (badPerMinute(t, e.prom.endMs) > 1) {
        minutes.push(t);
      }
    }
    return { startMs: minutes[0], endMs: minutes[minutes.length - 1] + 60_000 };
  }

  /**
   * Share of a 99% SLO's daily budget the incident spent, by PromQL: the bad-request counter's rise over the incident
   * minutes (its samples at the minute before the first and before the end; no increase() extrapolation) over b·T of the day.
   */
  async function incidentDepletedPct(e) {
    const { startMs, endMs } = incident(e);
    const counter = 'sum(http_requests_total{service="checkout",code=~"5.."})';
    const bad = (await promQL(e, counter, endMs - 60_000)) - (await promQL(e, counter, startMs - 60_000));
    return (bad / (0.01 * (await promQL(e, TOTAL)))) * 100;
  }

  /** The chart's y-axis labels: 100%, 50%, 0% and, in budget debt, the lowest value it reaches. */
  async function lowestAxisLabel(chart) {
    const labels = (await chart.locator('text').allTextContents()).map((t) => t.trim()).filter((t) => /^-?\d+%$/.test(t));
    return Math.min(...labels.map(percentOf));
  }

  suite.it('real Prometheus: SLOs by service shows each Prometheus SLO with the SLI and remaining budget PromQL gives, beside the demo SLO', async ({ page }) => {
    const e = await env();
    const want = await referee(e);
    await openView(page, e.baseUrl, 'overview', { to: e.toMs });
    const rows = await page.evaluate(() => {
      const table = document.querySelector('[role=table][aria-label="SLOs by service"]');
      const headers = [...table.querySelectorAll('[role=columnheader]')].map((h) => h.innerText.replace(/ [▲▼]$/, ''));
      return [...table.querySelectorAll('a[role=row]')].map((row) => Object.fromEntries([...row.querySelectorAll('[role=cell]')].map((c, i) => [headers[i], c.innerText.trim()])));
    });
    assert.deepEqual(rows.map((r) => r.SLO).sort(), [DEMO_SLO, ...PROM_SLOS.map((s) => s.name)].sort(), 'the Prometheus SLOs and the demo SLO, one row each');
    for (const w of want.values()) {
      const row = rows.find((r) => r.SLO === w.name);
      near(percentOf(row['Current SLI']), w.sli * 100, SLI_PP, `${w.name}: SLI`);
      near(percentOf(row['Remaining budget']), w.remaining * 100, BUDGET_PP, `${w.name}: remaining budget`);
    }
    // the data: about 7,320 bad of 1,440,000 over the day → 49.2% left at 99%, −408% at 99.9%: budget debt is shown, not clipped at 0
    assert.ok(percentOf(rows.find((r) => r.SLO === PROM_SLOS[0].name)['Remaining budget']) > 40);
    assert.ok(percentOf(rows.find((r) => r.SLO === PROM_SLOS[1].name)['Remaining budget']) < -400);
  });

  suite.it('real Prometheus: the app Overview counts the SLOs by state and puts checkout at risk with the budget PromQL gives', async ({ page }) => {
    const e = await env();
    const want = await referee(e);
    const res = await resource(e, 'indicators/slos-by-service', { from: e.fromMs, to: e.toMs });
    await openAppPage(page, e.baseUrl, '/a/sloledger-app/overview', { fromMs: e.fromMs, toMs: e.toMs });
    const states = await page.getByLabel('SLOs by state').innerText();
    for (const state of ['Critical', 'Increasing', 'Recovering', 'Acceptable', 'No data']) {
      const n = res.rows.filter((r) => (r.burnState ?? 'No data') === state).length;
      assert.ok(states.includes(`${state}: ${n}`), `"${state}: ${n}" in ${states}`);
    }
    const table = page.locator('table', { has: page.locator('caption', { hasText: 'Services at risk first' }) }).first();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
    const checkout = rows.find((r) => r[0] === 'checkout');
    assert.ok(checkout, `a checkout row in ${JSON.stringify(rows)}`);
    const [, team, worst] = checkout;
    assert.equal(team, 'payments');
    const strict = want.get(PROM_SLOS[1].name);
    const m = /^(\S+) \((.+)\)$/.exec(worst);
    assert.ok(m, `"${worst}" names the least budget left and its SLO`);
    assert.equal(m[2], strict.id, 'the 99.9% SLO has the least budget left');
    near(percentOf(m[1]), strict.remaining * 100, BUDGET_PP, `${strict.id}: least budget left`);
    // the bundle's overview panel inside the scene: the same remaining budgets
    const panel = page.getByRole('table', { name: 'SLOs by service' });
    for (const w of want.values()) {
      const cells = await panel.getByRole('row').filter({ has: page.getByRole('cell', { name: w.name, exact: true }) }).getByRole('cell').allInnerTexts();
      const shown = cells.map((c) => c.trim()).find((c) => /%$/.test(c) && Math.abs(percentOf(c) - w.remaining * 100) <= BUDGET_PP);
      assert.ok(shown, `${w.name}: remaining ${pct(w.remaining, 1)} (PromQL) among ${JSON.stringify(cells)}`);
    }
  });

  suite.it('real Prometheus: the service detail page shows each SLO’s SLI and budget left as PromQL gives, its burn-down into budget debt, and the incident as a depletion episode', async ({ page }) => {
    const e = await env();
    const want = await referee(e);
    await openAppPage(page, e.baseUrl, '/a/sloledger-app/service/checkout/availability/all', { fromMs: e.fromMs, toMs: e.toMs });
    for (const w of want.values()) {
      const facts = await page.getByLabel(`SLO ${w.id}`, { exact: true }).locator('dl').evaluate((dl) => Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.innerText.trim(), dt.nextElementSibling.innerText.trim()])));
      near(percentOf(facts.SLI), w.sli * 100, SLI_PP, `${w.id}: SLI card`);
      near(percentOf(facts['Budget left']), w.remaining * 100, BUDGET_PP, `${w.id}: budget left card`);
      assert.equal(await page.getByRole('img', { name: `Remaining error budget of ${w.name} · checkout` }).count(), 1, `${w.id}: a burn-down chart`);
    }
    // the 99.9% SLO's burn-down falls to its budget debt, which the chart's lowest label states
    const strict = want.get(PROM_SLOS[1].name);
    near(await lowestAxisLabel(page.getByRole('img', { name: `Remaining error budget of ${strict.name} · checkout` })), strict.remaining * 100, 1, `${strict.name}: lowest point of the burn-down`);
    // the incident, where the generator put it, with the share of the 99% SLO's budget PromQL says it spent
    const inc = incident(e);
    const episodes = await page.locator('table', { has: page.locator('caption', { hasText: 'Depletion episodes' }) }).first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
    const mine = episodes.filter((r) => r[0] === PROM_SLOS[0].id);
    assert.equal(mine.length, 1, `one episode of ${PROM_SLOS[0].id} in ${JSON.stringify(episodes)}`);
    const [, , start, , depleted] = mine[0];
    assert.ok(Math.abs(Date.parse(`${start.replace(' ', 'T')}Z`) - inc.startMs) <= EDGE_MS, `episode starts at ${start}, the incident at ${new Date(inc.startMs).toISOString()}`);
    near(percentOf(depleted), await incidentDepletedPct(e), BUDGET_PP, `${PROM_SLOS[0].id}: budget the incident depleted`);
  });

  suite.it('real Prometheus: the budget panel draws each SLO’s burn-down, the budget debt PromQL gives, and the incident’s episode with its share and speed', async ({ page }) => {
    const e = await env();
    const want = await referee(e);
    const frames = await budgetFrames(e, e.fromMs);
    await openView(page, e.baseUrl, 'budget', { to: e.toMs, days: 2 });
    const names = frames.map((f) => f.schema.meta.custom.labels.name).sort();
    assert.deepEqual(names, [DEMO_SLO, ...PROM_SLOS.map((s) => s.name)].sort(), 'a burn-down per SLO, the demo one beside');
    for (const f of frames) {
      const { labels, exhaustions } = f.schema.meta.custom;
      const chart = page.getByRole('img', { name: `Remaining error budget of ${labels.name} · ${labels.service}` });
      assert.equal(await chart.count(), 1, `a chart for ${labels.name}`);
      // the curve: one point per day and "now", drawn as a line
      assert.ok((await chart.locator('path[fill=none]').getAttribute('d')).split(/[ML]/).filter(Boolean).length >= 2, `${labels.name}: a drawn line`);
      const marks = (await chart.locator('text').allTextContents()).filter((t) => t.startsWith('exhausted after'));
      assert.equal(marks.length, exhaustions.length, `${labels.name}: one mark per exhaustion`);
      const values = f.data.values[1];
      const w = want.get(labels.name);
      if (w) {
        near(values[values.length - 1] * 100, w.remaining * 100, BUDGET_PP, `${labels.name}: the burn-down's last point`);
      }
    }
    const strict = want.get(PROM_SLOS[1].name);
    const strictChart = page.getByRole('img', { name: `Remaining error budget of ${strict.name} · checkout` });
    near(await lowestAxisLabel(strictChart), strict.remaining * 100, 1, `${strict.name}: lowest label of the burn-down`);
    assert.ok((await strictChart.getByTestId('budget-debt').getAttribute('d')).length > 0, `${strict.name}: budget debt shaded`);
    // the 99% SLO's only episode is the incident: share of the budget by PromQL, speed = share / duration
    const chart = page.locator('div', { has: page.getByRole('img', { name: `Remaining error budget of ${PROM_SLOS[0].name} · checkout` }) }).last();
    const bands = await chart.getByRole('button', { name: /^Depletion episode/ }).evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
    assert.equal(bands.length, 1, JSON.stringify(bands));
    const m = /^Depletion episode: ([\d.]+)% of the budget in ([\d.]+) h, ([\d.]+) % per hour$/.exec(bands[0]);
    assert.ok(m, bands[0]);
    const [share, hours, speed] = m.slice(1).map(Number);
    near(share, await incidentDepletedPct(e), BUDGET_PP, `${PROM_SLOS[0].name}: share the incident depleted`);
    near(hours, 2, EDGE_MS / HOUR, `${PROM_SLOS[0].name}: episode duration (the incident lasts 2 h)`);
    // the label rounds the duration to 0.1 h: the speed it states may differ from share / rounded hours by that much
    near(speed, share / hours, (share / hours) * (0.05 / hours) + 0.01, `${PROM_SLOS[0].name}: speed = share / duration`);
    await chart.getByRole('button', { name: bands[0] }).focus();
    assert.equal((await chart.getByRole('tooltip').innerText()).trim(), bands[0], 'the focused episode says the same in its tooltip');
  });

  return {
    async close() {
      if (starting) {
        await (await starting).close();
      }
    },
  };
}
