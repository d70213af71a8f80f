/**
 * Part 1 of an error budget policy (book 10.3, table 10.1): the scope. A
 * policy names teams (then it covers all their services, book 3.4: "applicable
 * to all services owned by the team") and/or single services.
 */
import { ErrorBudgetPolicy, Service } from '../model/model';

export function serviceInScope(policy: Pick<ErrorBudgetPolicy, 'scope'>, service: Pick<Service, 'name' | 'team'>): boolean {
  return policy.scope.teams.includes(service.team) || policy.scope.services.includes(service.name);
}

/** The policies whose scope covers a service (normally one: one policy per team). */
export function policiesFor<P extends Pick<ErrorBudgetPolicy, 'scope'>>(policies: readonly P[], service: Pick<Service, 'name' | 'team'>): P[] {
  return policies.filter((p) => serviceInScope(p, service));
}
