/** The example catalog of provisioning/slos as the tests count it (other files may join it). */
import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../../src/core/catalog/loadCatalog';
import { Catalog } from '../../src/core/model/model';

export const EXAMPLE_DIR = path.resolve(__dirname, '../../provisioning/slos');

export function exampleCatalog(): Catalog {
  const files = fs
    .readdirSync(EXAMPLE_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ name: path.join(EXAMPLE_DIR, f), text: fs.readFileSync(path.join(EXAMPLE_DIR, f), 'utf8') }));
  return loadCatalog(files).catalog;
}

/**
 * Prometheus rules per Prometheus SLO with the default presets and the book's
 * 60-minute window: 7 recorded windows (5m 30m 1h 2h 6h 1d 3d), page, ticket,
 * the book rule, and the recorded whole period.
 */
export const PROMETHEUS_RULES_PER_SLO = 11;
