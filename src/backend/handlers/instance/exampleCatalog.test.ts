/** The provisioned example catalog stays valid and shows every catalog feature (docs/catalog.md). */
import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../../../core/catalog/loadCatalog';

it('the example catalog has one policy per team with all seven parts, default SLOs and a timeslices SLO', () => {
  const file = path.resolve(__dirname, '../../../../provisioning/slos/example.yaml');
  const { catalog, errors, warnings } = loadCatalog([{ name: file, text: fs.readFileSync(file, 'utf8') }]);
  expect([...errors, ...warnings]).toEqual([]);
  expect(catalog.teams.map((t) => [t.name, t.policy])).toEqual([['payments', 'payments-error-budget-policy'], ['identity', 'identity-error-budget-policy']]);
  for (const p of catalog.policies) {
    expect(p.purpose && p.escalation && p.agreedBy.length > 0 && p.nextReview! > 0 && p.conditions.length > 0 && p.consequences.length > 0).toBeTruthy();
  }
  expect(catalog.services.filter((s) => s.defaults.length > 0).map((s) => s.name)).toEqual(['checkout', 'accounts']);
  expect(catalog.slos.filter((s) => s.budgeting === 'timeslices').map((s) => s.id)).toEqual(['accounts/login-slices-demo']);
});
