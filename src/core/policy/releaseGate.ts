/**
 * The release gate (book 10.5, table 10.3 I/J; REQUIREMENTS 6.4: a
 * "deployment allowed?" answer for CD pipelines): a release of a service to
 * an environment is denied while a release-blocking consequence of a policy
 * covering the service is in force for that environment. Every answer says why.
 */
import { Service } from '../model/model';
import type { ConsequenceResult } from './consequences';
import { serviceInScope } from './scope';

export interface GateDecision {
  service: string;
  /** null: asked for no particular environment (any block counts). */
  environment: string | null;
  decision: 'allow' | 'deny';
  reasons: string[];
}

export interface JudgedPolicy {
  name: string;
  scope: { teams: string[]; services: string[] };
  consequences: readonly ConsequenceResult[];
}

const appliesTo = (c: ConsequenceResult, environment: string | null) => environment === null || c.environments.length === 0 || c.environments.includes(environment);

export function releaseGate(service: Pick<Service, 'name' | 'team'>, environment: string | null, policies: readonly JudgedPolicy[]): GateDecision {
  const covering = policies.filter((p) => serviceInScope(p, service));
  const where = environment === null ? '' : ` to ${environment}`;
  if (covering.length === 0) {
    return { service: service.name, environment, decision: 'allow', reasons: [`no error budget policy covers ${service.name} (team ${service.team})`] };
  }
  const blocks = covering.flatMap((p) => p.consequences.filter((c) => c.inForce && c.blocksReleases && appliesTo(c, environment)).map((c) => ({ p, c })));
  if (blocks.length > 0) {
    return {
      service: service.name,
      environment,
      decision: 'deny',
      reasons: blocks.map(({ p, c }) => `policy ${p.name}, consequence ${c.id} "${c.description}" is in force (${c.because})`),
    };
  }
  return {
    service: service.name,
    environment,
    decision: 'allow',
    reasons: covering.map((p) => `policy ${p.name}: no release-blocking consequence in force${where}`),
  };
}

/** Gates for every environment of a service: each deployment, or one gate for "any" when it declares none. */
export function serviceGates(service: Pick<Service, 'name' | 'team' | 'deployments'>, policies: readonly JudgedPolicy[]): GateDecision[] {
  const environments: Array<string | null> = service.deployments.length > 0 ? service.deployments : [null];
  return environments.map((env) => releaseGate(service, env, policies));
}
