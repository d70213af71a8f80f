// `npm run bench:browser [-- --sizes]` — a bench, not a timed test: prints numbers and budgets.
// 1. SLOs by service with 1,000 SLOs in Debian's Chromium (the preview, the real
//    backend over the demo source): first render, and re-sorting on a column header.
// 2. module.js size of each plugin in dist/ (run `npm run build:frontend` first),
//    raw and gzipped, and which heavy libraries each bundles (Grafana's own
//    packages and React must be externals, provided by Grafana at runtime).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { buildPreview, loadPreviewServer } from '../../preview/build.mjs';
import { findChromium, launchChromium } from '../../tests/browser/chromium.mjs';
import { openView } from '../../tests/browser/harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const N = 1000;
const TO = '2026-10-20T12:00:00Z';
// Budgets (ms) on this 2-core machine: a dashboard refresh should feel immediate.
const BUDGET = { firstRenderMs: 300, sortMs: 100 };

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** A catalog of N demo SLOs over 40 services and 7 teams, each with its own traffic seed. */
function writeCatalog(dir) {
  const teams = Array.from({ length: 7 }, (_, t) => `  - name: team${t}`).join('\n');
  const services = Array.from({ length: 40 }, (_, s) => {
    const slos = Array.from({ length: N / 40 }, (_, k) => {
      const id = `svc${s}-slo${k}`;
      const objective = [99, 99.5, 99.9, 99.95][(s + k) % 4];
      return `      - name: slo${k}\n        sli: availability\n        endpoint: GET /r${k}\n        objective: ${objective}\n        source: demo\n        good: demo_good{slo="${id}"}[$__window]\n        total: demo_total{slo="${id}"}[$__window]`;
    }).join('\n');
    return `  - name: svc${s}\n    team: team${s % 7}\n    slos:\n${slos}`;
  }).join('\n');
  fs.writeFileSync(path.join(dir, 'bench.yaml'), `apiVersion: sloledger/v1\ndefaults:\n  period: { calendar: month }\nteams:\n${teams}\nservices:\n${services}\n`);
}

async function benchOverview() {
  const executable = findChromium();
  if (!executable) {
    console.log('overview bench skipped: no chromium (apt-get install chromium, or set CHROMIUM_PATH)');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sloledger-bench-'));
  writeCatalog(dir);
  const { serverModule, assetsDir } = await buildPreview({ quiet: true });
  const { startPreviewServer } = loadPreviewServer(serverModule);
  const server = await startPreviewServer({ assetsDir, catalogDir: dir, memoize: true });
  const browser = await launchChromium(executable);
  try {
    const toMs = Date.parse(TO);
    const t0 = performance.now();
    // the exact body the overview view sends, so the page gets the memoized answer
    const request = JSON.stringify({ queries: [{ refId: 'A', queryType: 'catalog', includeDefaults: true }], fromMs: toMs - 86_400_000, toMs });
    const res = await fetch(`${server.url}api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request });
    const body = await res.json();
    const backendMs = performance.now() - t0;
    const rows = body.results.A.frames[0].data.values[0].length;
    console.log(`catalog query, ${rows} SLOs, backend over the demo source (Node, once): ${backendMs.toFixed(0)} ms`);

    const firstRender = [];
    const mountCommit = [];
    const sorts = [];
    let domRows = 0;
    const page = await browser.context.newPage();
    for (let run = 0; run < 3; run++) {
      await openView(page, server.url, 'overview', { to: TO });
      const t = await page.evaluate(() => window.previewTimings);
      firstRender.push(t.firstPaintMs);
      mountCommit.push(t.commits.find((c) => c.phase === 'mount').actualMs);
      domRows = await page.locator('[role=table] a[role=row]').count();
      // each click re-sorts 1,000 rows (asc → desc → unsorted); timed from the click to the next frame
      for (const header of ['Remaining budget', 'Burn 1h', 'SLO', 'State']) {
        for (let click = 0; click < 3; click++) {
          sorts.push(
            await page.evaluate(async (name) => {
              const button = [...document.querySelectorAll('[role=columnheader] button')].find((b) => b.textContent.replace(/ [▲▼]$/, '') === name);
              const start = performance.now();
              button.click();
              await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
              return performance.now() - start;
            }, header)
          );
        }
      }
    }
    const verdict = (ms, budget) => `${ms.toFixed(1)} ms (budget ${budget} ms: ${ms <= budget ? 'within' : 'OVER'})`;
    console.log(`overview with ${rows} SLOs in Chromium: ${domRows} rows in the DOM (virtualised)`);
    console.log(`  first render, frames in → painted (median of 3): ${verdict(median(firstRender), BUDGET.firstRenderMs)}; React mount commit ${median(mountCommit).toFixed(1)} ms`);
    console.log(`  sort on click → painted (median of ${sorts.length}, max ${Math.max(...sorts).toFixed(1)} ms): ${verdict(median(sorts), BUDGET.sortMs)}`);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// A plugin's module.js is an AMD module: its define([...]) lists what Grafana provides at
// runtime (webpack externals). Heavy libraries are recognised by string literals of their
// own code; each should appear in at most one module.js, React in none.
// Size budgets (KiB, minified): panels only draw; the datasource carries the YAML
// validator; the app will carry @grafana/scenes (not provided by Grafana).
const SIZE_BUDGET_KIB = { app: 768, datasource: 256, panel: 64 };
const HEAVY = { yaml: 'YAMLParseError', '@grafana/scenes': 'scene-object-state-committed', monaco: 'monaco-editor', react: 'react.transitional.element' };

function moduleSizes() {
  const dist = path.join(root, 'dist');
  const modules = [['sloledger-app', 'module.js'], ['sloledger-datasource', 'datasource/module.js'], ...fs.readdirSync(path.join(root, 'src/panels'), { withFileTypes: true }).filter((e) => e.isDirectory()).map(({ name: p }) => [`sloledger-${p}-panel`, `panels/${p}/module.js`])];
  if (!fs.existsSync(path.join(dist, 'module.js'))) {
    console.log('module.js sizes skipped: dist/ has no build (run `npm run build:frontend` first)');
    return;
  }
  console.log('module.js per plugin (dist/):');
  const heavyIn = {};
  for (const [id, file] of modules) {
    const full = path.join(dist, file);
    if (!fs.existsSync(full)) {
      console.log(`  ${id.padEnd(28)} missing: ${file}`);
      continue;
    }
    const code = fs.readFileSync(full, 'utf8');
    const externals = JSON.parse(/define\((\[[^\]]*\])/.exec(code)?.[1] ?? '[]').filter((e) => e !== 'module');
    const heavy = Object.entries(HEAVY).filter(([, marker]) => code.includes(marker)).map(([lib]) => lib);
    heavy.forEach((lib) => (heavyIn[lib] = [...(heavyIn[lib] ?? []), id]));
    const raw = Buffer.byteLength(code);
    const gz = zlib.gzipSync(code).length;
    const budget = SIZE_BUDGET_KIB[id.endsWith('-panel') ? 'panel' : id.endsWith('-app') ? 'app' : 'datasource'];
    const verdict = raw / 1024 <= budget ? `≤ ${budget} KiB` : `OVER ${budget} KiB`;
    console.log(`  ${id.padEnd(28)} ${(raw / 1024).toFixed(1).padStart(7)} KiB ${verdict} (${(gz / 1024).toFixed(1).padStart(6)} KiB gzipped)  bundles: ${heavy.join(', ') || 'no heavy library'}; from Grafana: ${externals.join(', ')}`);
  }
  for (const [lib, ids] of Object.entries(heavyIn)) {
    if (ids.length > 1) {
      console.log(`  ${lib} is bundled ${ids.length} times: ${ids.join(', ')}`);
    }
  }
}

// `npm run bench:browser -- --sizes` skips the overview (its backend query takes about a minute)
if (!process.argv.includes('--sizes')) {
  await benchOverview();
}
moduleSizes();
