/**
 * Shared setup of the Grafana end-to-end specs: they need a running Grafana
 * with this bundle (`docker compose up --build`) and GRAFANA_URL pointing at
 * it; without it every spec is skipped with this reason.
 */
import { test } from '@grafana/plugin-e2e';

export const NO_GRAFANA = 'GRAFANA_URL is not set: start the stack (docker compose up --build) and run GRAFANA_URL=http://localhost:3000 npm run e2e';

/** Call at the top of each spec file. */
export function skipWithoutGrafana() {
  test.skip(!process.env.GRAFANA_URL, NO_GRAFANA);
}

/** The provisioned datasource (provisioning/datasources/sloledger.yaml). */
export const DATASOURCE_FILE = 'sloledger.yaml';
export const DATASOURCE_NAME = 'SLO Ledger';

/** An SLO of the example catalog on the built-in demo source: it has data without Prometheus. */
export const DEMO_SLO = { id: 'accounts/login-availability-demo', name: 'login-availability-demo' };
