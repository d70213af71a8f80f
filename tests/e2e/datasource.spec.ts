/** The datasource's config page saves and tests; a query in Explore returns a budget. */
import { expect, test } from '@grafana/plugin-e2e';
import { DATASOURCE_FILE, DATASOURCE_NAME, DEMO_SLO, skipWithoutGrafana } from './grafana';

skipWithoutGrafana();

test('the provisioned datasource saves and tests with its catalog and connections', async ({ readProvisionedDataSource, gotoDataSourceConfigPage }) => {
  const ds = await readProvisionedDataSource({ fileName: DATASOURCE_FILE, name: DATASOURCE_NAME });
  const configPage = await gotoDataSourceConfigPage(ds.uid);
  await expect(configPage.saveAndTest()).toBeOK();
  await expect(configPage).toHaveAlert('success');
});

test('the config page flags a catalog YAML error at its line', async ({ readProvisionedDataSource, createDataSourceConfigPage, page }) => {
  const ds = await readProvisionedDataSource({ fileName: DATASOURCE_FILE, name: DATASOURCE_NAME });
  await createDataSourceConfigPage({ type: ds.type });
  const editor = page.getByRole('group', { name: 'Catalog YAML' }).locator('.monaco-editor').first();
  await editor.click();
  await page.keyboard.type('apiVersion: sloledger/v1\nservices:\n- name: web\nslos:\n- name: home\n');
  await expect(page.getByRole('list', { name: 'Catalog issues' })).toContainText(/line \d+, col \d+: /);
});

test('a budget query in Explore returns the remaining error budget of a demo SLO', async ({ explorePage, readProvisionedDataSource, page }) => {
  const ds = await readProvisionedDataSource({ fileName: DATASOURCE_FILE, name: DATASOURCE_NAME });
  await explorePage.datasource.set(ds.name);
  const response = await explorePage.runQuery();
  expect(response.ok()).toBe(true);
  const body = await response.json();
  const frames = Object.values(body.results as Record<string, { frames: Array<{ schema: { name: string; fields: Array<{ name: string }> }; data: { values: number[][] } }> }>).flatMap((r) => r.frames);
  const demo = frames.find((f) => f.schema.name === DEMO_SLO.id);
  expect(demo?.schema.fields.map((f) => f.name)).toEqual(['time', 'remaining']);
  expect(demo!.data.values[1].length).toBeGreaterThan(0);
  expect(demo!.data.values[1].every((v) => v === null || Number.isFinite(v))).toBe(true);
  await expect(page.getByText(DEMO_SLO.id).first()).toBeVisible();
});
