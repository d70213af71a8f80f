/** Each app page of src/plugin.json loads with data from the provisioned catalog. */
import { expect, test } from '@grafana/plugin-e2e';
import pluginJson from '../../src/plugin.json';
import { DEMO_SLO, skipWithoutGrafana } from './grafana';

skipWithoutGrafana();

const pages = pluginJson.includes.filter((i) => i.type === 'page' && i.path?.startsWith('/a/'));

for (const p of pages) {
  test(`the app page "${p.name}" loads and shows the catalog's SLOs`, async ({ gotoAppPage, page }) => {
    await gotoAppPage({ pluginId: pluginJson.id, path: p.path!.replace('/a/%PLUGIN_ID%', '') });
    await expect(page.getByText(DEMO_SLO.name).first()).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: /error/i })).toHaveCount(0);
  });
}
