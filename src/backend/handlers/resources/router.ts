/**
 * The resource API (src/core/contracts/resourceContract.ts): catalog, options for
 * template variables, and validate. Unknown routes answer 404, bad input 400.
 */
import { loadCatalog } from '../../../core/catalog/loadCatalog';
import { CatalogIssue } from '../../../core/catalog/issues';
import { CatalogIssueJson, CatalogResponse, OptionsResponse, ValidateResponse } from '../../../core/contracts/resourceContract';
import { CallResourceRequest, CallResourceResponse, jsonResource } from '../../protocol/handlers';
import { Instance } from '../instance/instance';
import { gateResource, policiesResource } from './policies';
import { readTextBody } from './requestBody';
import { selectSlos } from '../query/selection';
import { indicatorResource } from './indicators';
import { sloStateResource } from './sloState';
import { customerOptionsResource } from './customers';
import { handleLedgerResource } from '../../ledger/routes';

const DIMENSIONS: Record<string, (s: { team: string; service: string; sli: string; deployment?: string; id: string; endpoint?: string }) => string | undefined> = {
  teams: (s) => s.team,
  services: (s) => s.service,
  slis: (s) => s.sli,
  deployments: (s) => s.deployment,
  slos: (s) => s.id,
  endpoints: (s) => s.endpoint,
};

const issueJson = (i: CatalogIssue): CatalogIssueJson => ({ ...i });

export async function handleResource(instance: Instance, req: CallResourceRequest, signal: AbortSignal = new AbortController().signal): Promise<CallResourceResponse> {
  // WHY not new URL(req.url, base): "//x" would be read as a host, and "//" throws
  let url: URL;
  try {
    url = new URL(`http://plugin/${(req.url || req.path).replace(/^\/+/, '')}`);
  } catch {
    return jsonResource({ error: 'the request URL is malformed' }, 400);
  }
  const route = req.path.replace(/^\/+/, '').replace(/\/+$/, '');
  const params = url.searchParams;
  const selection = { teams: params.getAll('team'), services: params.getAll('service'), slis: params.getAll('sli'), deployments: params.getAll('deployment'), slos: params.getAll('slo') };

  const ledgerAnswer = await handleLedgerResource(instance, req, route, params);
  if (ledgerAnswer) {return ledgerAnswer;}
  if (route === 'validate') {
    if (req.method !== 'POST') {return jsonResource({ error: 'validate takes POST with YAML in the body' }, 405);}
    const body = readTextBody(req);
    if ('response' in body) {return body.response;}
    const { catalog, errors, warnings } = loadCatalog([{ name: 'request', text: body.ok }]);
    const out: ValidateResponse = { valid: errors.length === 0, slos: catalog.slos.length, issues: [...errors, ...warnings].map(issueJson) };
    return jsonResource(out);
  }
  if (req.method !== 'GET') {return jsonResource({ error: `${req.method} is not allowed on ${route}` }, 405);}
  if (route === 'catalog') {
    const { catalog, errors, warnings } = await instance.catalogWithDefaults();
    const out: CatalogResponse = {
      version: instance.catalogVersion(),
      slos: selectSlos(catalog.slos, selection).map((s) => ({
        id: s.id, name: s.name, service: s.service, team: s.team, sli: s.sli, endpoint: s.endpoint, deployment: s.deployment, objective: s.objective,
        periodLabel: s.period.kind === 'rolling' ? `${Math.round(s.period.lengthMs / 86_400_000)}d rolling` : `${s.period.unit} calendar`,
        isDefault: s.isDefault, source: s.source.name ?? s.source.type, description: s.description, runbookUrl: s.runbookUrl,
      })),
      teams: catalog.teams.map((t) => t.name),
      services: catalog.services.map((s) => ({ name: s.name, team: s.team, deployments: s.deployments, dependencies: s.dependencies })),
      slas: [],
      issues: [...errors, ...warnings].map(issueJson),
    };
    return jsonResource(out);
  }
  if (route === 'options/customers') {return customerOptionsResource(instance, params, signal);}
  const option = /^options\/([a-z]+)$/.exec(route);
  if (option) {
    const pick = DIMENSIONS[option[1]];
    if (!pick) {return jsonResource({ error: `unknown dimension "${option[1]}" (one of ${Object.keys(DIMENSIONS).join(', ')})` }, 404);}
    const values = [...new Set(selectSlos((await instance.catalogWithDefaults()).catalog.slos, selection).map(pick).filter((v): v is string => !!v))].sort();
    const out: OptionsResponse = { values: values.map((v) => ({ value: v, label: v })) };
    return jsonResource(out);
  }
  if (route === 'policies') {return policiesResource(instance, params);}
  const gate = /^gates\/(.+)$/.exec(route);
  if (gate) {return gateResource(instance, safeDecode(gate[1]), params);}
  const slo = /^slos\/([^/]+)$/.exec(route);
  if (slo) {return sloStateResource(instance, safeDecode(slo[1]), params, signal);}
  const indicator = /^indicators\/([a-z-]+)$/.exec(route);
  if (indicator) {return indicatorResource(instance, indicator[1], params, signal);}
  return jsonResource({ error: `no resource "${route}" (known: catalog, options/<dimension>, slos/<id>, indicators/<name>, policies, gates/<service>, validate, ledger/periods, policies/<policy>/conditions|enactments|reviews)` }, 404);
}

/** `gates/a%20b` → `a b`; a malformed escape is taken literally (and answers 404 as an unknown service). */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
