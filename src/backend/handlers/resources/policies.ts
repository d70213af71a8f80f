/**
 * Resource routes of error budget policies (src/core/contracts/resourceContract.ts):
 *   GET policies?team=                → PoliciesResponse: each policy's seven parts, met conditions, consequences in force
 *   GET gates/<service>?environment=  → GateResponse: 200 allow / 200 deny with the reasons; 404 unknown service
 * A CD pipeline asks the gate before releasing (book table 10.3 I/J).
 */
import { PolicyEvaluation } from '../../../core/policy/evaluatePolicy';
import { releaseGate } from '../../../core/policy/releaseGate';
import { policiesFor } from '../../../core/policy/scope';
import { GateResponse, PoliciesResponse, PolicyStateJson } from '../../../core/contracts/resourceContract';
import { CallResourceResponse, jsonResource } from '../../protocol/handlers';
import { Instance } from '../instance/instance';
import { judgePolicies, policiesForSelection } from '../policy/judgement';

/** Longest a resource call waits for the sources behind the policies. */
const RESOURCE_TIMEOUT_MS = 30_000;

function policyJson(e: PolicyEvaluation): PolicyStateJson {
  const p = e.policy;
  return {
    policy: p.name,
    scope: { teams: [...p.scope.teams], services: [...p.scope.services] },
    purpose: p.purpose,
    conditions: e.conditions.map((c) => ({ id: c.id, description: c.description, trigger: c.trigger, met: c.met, because: c.because })),
    consequencesInForce: e.consequences.filter((c) => c.inForce).map((c) => ({ id: c.id, description: c.description, blocksReleases: c.blocksReleases })),
    escalation: p.escalation,
    agreedBy: [...p.agreedBy],
    nextReviewMs: p.nextReview ?? null,
    reviewOverdue: e.reviewOverdue,
  };
}

export async function policiesResource(instance: Instance, params: URLSearchParams, nowMs = Date.now()): Promise<CallResourceResponse> {
  const teams = params.getAll('team').filter((t) => t !== '');
  const { catalog } = await instance.catalogWithDefaults(nowMs);
  const unknown = teams.filter((t) => !catalog.teams.some((x) => x.name === t));
  if (unknown.length > 0) {
    return jsonResource({ error: `unknown team ${unknown.map((t) => `"${t}"`).join(', ')} (teams: ${catalog.teams.map((t) => t.name).join(', ') || 'none'})` }, 404);
  }
  const judgement = await judgePolicies(instance, catalog, nowMs, AbortSignal.timeout(RESOURCE_TIMEOUT_MS), new Map(), policiesForSelection(catalog, { teams }));
  const out: PoliciesResponse = { policies: judgement.evaluations.map(policyJson) };
  return jsonResource(out);
}

export async function gateResource(instance: Instance, serviceName: string, params: URLSearchParams, nowMs = Date.now()): Promise<CallResourceResponse> {
  const environment = params.get('environment') || null;
  const { catalog } = await instance.catalogWithDefaults(nowMs);
  const service = catalog.services.find((s) => s.name === serviceName);
  if (!service) {
    return jsonResource({ error: `unknown service "${serviceName}" (services: ${catalog.services.map((s) => s.name).join(', ') || 'none'})` }, 404);
  }
  if (environment !== null && service.deployments.length > 0 && !service.deployments.includes(environment)) {
    return jsonResource({ error: `service "${service.name}" has no environment "${environment}" (deployments: ${service.deployments.join(', ')})` }, 400);
  }
  // only the policies covering this service are judged (and only the SLOs they read are fetched)
  const judgement = await judgePolicies(instance, catalog, nowMs, AbortSignal.timeout(RESOURCE_TIMEOUT_MS), new Map(), policiesFor(catalog.policies, service));
  const gate = releaseGate(service, environment, judgement.evaluations.map((e) => ({ name: e.policy.name, scope: e.policy.scope, consequences: e.consequences })));
  const out: GateResponse = { service: gate.service, environment: gate.environment, decision: gate.decision, reasons: [...gate.reasons, ...judgement.notices] };
  return jsonResource(out);
}
