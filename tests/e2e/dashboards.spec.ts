/** Each panel renders from the bundled dashboards (provisioned by provisioning/dashboards/sloledger.yaml). */
import { expect, test } from '@grafana/plugin-e2e';
import detail from '../../src/datasource/dashboards/slo-detail.json';
import indicators from '../../src/datasource/dashboards/error-budget-indicators.json';
import overview from '../../src/datasource/dashboards/slo-overview.json';
import { DEMO_SLO, skipWithoutGrafana } from './grafana';

skipWithoutGrafana();

const panelTitle = (dashboard: { panels: Array<{ type: string; title: string }> }, type: string) => dashboard.panels.find((p) => p.type === type)!.title;

test('SLOs by service lists the demo SLO with its remaining budget', async ({ gotoDashboardPage }) => {
  const dashboardPage = await gotoDashboardPage({ uid: overview.uid });
  const panel = dashboardPage.getPanelByTitle(panelTitle(overview, 'sloledger-overview-panel'));
  await expect(panel.locator.getByRole('table', { name: 'SLOs by service' })).toBeVisible();
  const row = panel.locator.getByRole('row').filter({ hasText: DEMO_SLO.name });
  await expect(row).toContainText(/-?\d+\.\d%/);
  await expect(panel.getErrorIcon()).toHaveCount(0);
});

test('the adherence matrix links each cell to its SLO and period', async ({ gotoDashboardPage }) => {
  const dashboardPage = await gotoDashboardPage({ uid: overview.uid });
  const panel = dashboardPage.getPanelByTitle(panelTitle(overview, 'sloledger-adherence-panel'));
  const cell = panel.locator.getByRole('link', { name: new RegExp(`^${DEMO_SLO.name}, .*: (Fulfilled|Broken|In progress|No data)`) }).first();
  await expect(cell).toBeVisible();
  await expect(cell).toHaveAttribute('href', new RegExp(`/a/sloledger-app/slo/${encodeURIComponent(DEMO_SLO.id)}\\?from=\\d+&to=\\d+`));
});

test('the budget panel draws the remaining budget of the demo SLO', async ({ gotoDashboardPage }) => {
  const dashboardPage = await gotoDashboardPage({ uid: indicators.uid });
  const panel = dashboardPage.getPanelByTitle(panelTitle(indicators, 'sloledger-budget-panel'));
  await expect(panel.locator.getByRole('img', { name: new RegExp(`^Remaining error budget of ${DEMO_SLO.name}`) })).toBeVisible();
  await expect(panel.getErrorIcon()).toHaveCount(0);
});

test('the SLO detail dashboard renders its budget panel for one SLO', async ({ gotoDashboardPage }) => {
  const dashboardPage = await gotoDashboardPage({ uid: detail.uid, queryParams: new URLSearchParams({ 'var-slo': DEMO_SLO.id }) });
  const panel = dashboardPage.getPanelByTitle(panelTitle(detail, 'sloledger-budget-panel'));
  await expect(panel.locator.getByRole('img', { name: /^Remaining error budget/ }).first()).toBeVisible();
});
