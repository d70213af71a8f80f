/**
 * CheckHealth ("Save & test"): settings, catalog and every configured source,
 * each problem in words a user can act on (file:line for the catalog).
 */
import { CheckHealthResult } from '../protocol/handlers';
import { formatIssue } from '../../core/catalog/issues';
import { Instance } from './instance/instance';

export async function checkInstanceHealth(instance: Instance, signal: AbortSignal): Promise<CheckHealthResult> {
  const problems: string[] = instance.settingsIssues.map((i) => `settings ${i.path}: ${i.message}`);
  const { catalog, errors, warnings } = instance.catalog();
  problems.push(...errors.slice(0, 20).map((e) => `catalog ${formatIssue(e)}`));
  if (errors.length > 20) {problems.push(`… and ${errors.length - 20} more catalog errors`);}
  const sources = await Promise.all([...instance.sources.values()].map((s) => s.health(signal)));
  problems.push(...sources.filter((s) => !s.ok).map((s) => s.message));
  problems.push(...(await instance.ledger.problems()));
  const summary = `${catalog.slos.length} SLOs in ${catalog.services.length} services; sources: ${[...instance.sources.keys()].join(', ') || 'none'}`;
  if (catalog.slos.length === 0 && errors.length === 0) {
    problems.push('the catalog is empty: add SLO YAML in the settings or set a catalog directory');
  }
  return problems.length === 0
    ? { status: 'OK', message: `SLO Ledger is working: ${summary}`, details: { warnings: warnings.map(formatIssue), ledger: instance.ledger.description } }
    : { status: 'ERROR', message: `${problems.length} problem${problems.length > 1 ? 's' : ''}: ${problems.join('; ')}`, details: { summary, problems, ledger: instance.ledger.description } };
}
