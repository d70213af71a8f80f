/**
 * The ledger's resource routes (src/core/contracts/resourceContract.ts):
 *   GET  ledger/periods?slo=&sla=&customer=&kind=budget|month&from=&to=&format=json|csv   closed periods for audits (book 11.1)
 *   GET  policies/<policy>/conditions                    latest manual condition states and their history
 *   POST policies/<policy>/conditions/<conditionId>      ManualConditionWrite → ManualConditionState
 *   GET|POST policies/<policy>/enactments                EnactmentWrite → Enactment
 *   GET|POST policies/<policy>/reviews                   ReviewWrite → Review
 * Writes need the Editor role or above, read from the request's user (any
 * method but GET/HEAD on these routes counts as a write attempt); the
 * login is kept with the record for the audit trail (never ranked: book 11.3).
 */
import { ledgerCsv } from '../../core/ledger/ledgerCsv';
import { LedgerPeriodsResponse, parseEnactmentWrite, parseManualConditionWrite, parseReviewWrite, Parsed } from '../../core/contracts/ledgerContract';
import { LedgerPeriodKind } from '../../core/ledger/ledgerRecord';
import { ErrorBudgetPolicy } from '../../core/model/model';
import { ManualConditionState } from '../../core/contracts/resourceContract';
import { CallResourceRequest, CallResourceResponse, jsonResource } from '../protocol/handlers';
import { UserInfo } from '../protocol/settings';
import type { Instance } from '../handlers/instance/instance';
import { LedgerStore, PeriodFilter } from './store';

const MAX_BODY = 64_000;
const WRITER_ROLES = ['Editor', 'Admin'];
/** Methods that never write; every other method on a write route needs a writer (PUT, PATCH, DELETE: 403, then 405). */
const READ_METHODS = ['GET', 'HEAD'];
const WRITE_NAMES: Record<string, string> = {
  conditions: 'recording a manual condition state',
  enactments: 'recording a policy enactment',
  reviews: 'recording a policy review',
};

/** 403 unless the request's user is an Editor or Admin of the organisation. */
export function forbiddenUnlessEditor(user: UserInfo | undefined, what: string): CallResourceResponse | undefined {
  if (!user || !user.login) {
    return jsonResource({ error: `${what} needs a signed-in user with the Editor role or above; this request carries no user` }, 403);
  }
  if (!WRITER_ROLES.includes(user.role)) {
    return jsonResource({ error: `${what} needs the Editor role or above in this organisation; ${user.login} has the ${user.role || 'no'} role` }, 403);
  }
  return undefined;
}

function parseBody<T>(req: CallResourceRequest, parse: (body: unknown) => Parsed<T>): T | CallResourceResponse {
  if (req.body.length > MAX_BODY) {
    return jsonResource({ error: `body over ${MAX_BODY} bytes` }, 413);
  }
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    return jsonResource({ error: 'body is not JSON' }, 400);
  }
  const parsed = parse(body);
  return 'error' in parsed ? jsonResource({ error: parsed.error }, 400) : parsed.ok;
}

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

const isResponse = (v: unknown): v is CallResourceResponse => typeof v === 'object' && v !== null && 'status' in v && typeof (v as { status: unknown }).status === 'number';

function timeParam(params: URLSearchParams, name: string): number | undefined | string {
  const raw = params.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  const n = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return Number.isFinite(n) ? n : `${name}: "${raw}" is neither epoch milliseconds nor an ISO date`;
}

/** Answers the ledger routes; undefined when the route is not one of them. */
export async function handleLedgerResource(instance: Instance, req: CallResourceRequest, route: string, params: URLSearchParams): Promise<CallResourceResponse | undefined> {
  if (route === 'ledger/periods') {
    if (req.method !== 'GET') {
      return jsonResource({ error: 'ledger/periods takes GET' }, 405);
    }
    return periods(instance, params);
  }
  const m = /^policies\/([^/]+)\/(conditions|enactments|reviews)(?:\/([^/]+))?$/.exec(route);
  if (!m) {
    return undefined;
  }
  const [, rawPolicy, what, rawCondition] = m;
  if (!READ_METHODS.includes(req.method)) {
    // who may write is settled before anything else is looked at: any method but a read is a write attempt
    const denied = forbiddenUnlessEditor(req.user, WRITE_NAMES[what]);
    if (denied) {
      return denied;
    }
  }
  const policyName = decodeSegment(rawPolicy);
  const conditionId = rawCondition === undefined ? undefined : decodeSegment(rawCondition);
  if (policyName === undefined || (rawCondition !== undefined && conditionId === undefined)) {
    return jsonResource({ error: `malformed percent-encoding in ${route}` }, 400);
  }
  const policy = instance.catalog().catalog.policies.find((p) => p.name === policyName);
  if (!policy) {
    const known = instance.catalog().catalog.policies.map((p) => p.name);
    return jsonResource({ error: `no error budget policy "${policyName}" in the catalog${known.length ? ` (known: ${known.join(', ')})` : ''}` }, 404);
  }
  const store = await instance.ledger.ready().catch((error: Error) => error);
  if (store instanceof Error) {
    return jsonResource({ error: store.message }, 503);
  }
  const at = Date.now();
  if (what === 'conditions') {
    return conditionId === undefined ? conditionsRead(req, store, policy) : conditionWrite(req, store, policy, conditionId, at);
  }
  if (rawCondition !== undefined) {
    return undefined;
  }
  if (req.method === 'GET') {
    return jsonResource(what === 'enactments' ? { enactments: await store.listEnactments(policy.name) } : { reviews: await store.listReviews(policy.name) });
  }
  if (req.method !== 'POST') {
    return jsonResource({ error: `${what} takes GET or POST` }, 405);
  }
  if (what === 'enactments') {
    const write = parseBody(req, parseEnactmentWrite);
    if (isResponse(write)) {
      return write;
    }
    if (!policy.conditions.some((c) => c.id === write.conditionId)) {
      return jsonResource({ error: `conditionId: policy "${policy.name}" has no condition "${write.conditionId}" (known: ${policy.conditions.map((c) => c.id).join(', ')})` }, 400);
    }
    const unknown = write.consequences.filter((id) => !policy.consequences.some((c) => c.id === id));
    if (unknown.length > 0) {
      return jsonResource({ error: `consequences: policy "${policy.name}" has no consequence ${unknown.map((u) => `"${u}"`).join(', ')}` }, 400);
    }
    return jsonResource(await store.recordEnactment(policy.name, write, req.user!.login, at), 201);
  }
  const write = parseBody(req, parseReviewWrite);
  return isResponse(write) ? write : jsonResource(await store.recordReview(policy.name, write, req.user!.login, at), 201);
}

async function conditionsRead(req: CallResourceRequest, store: LedgerStore, policy: ErrorBudgetPolicy): Promise<CallResourceResponse> {
  if (req.method !== 'GET') {
    return jsonResource({ error: 'POST to policies/<policy>/conditions/<conditionId>' }, 405);
  }
  return jsonResource({ latest: await store.latestManualStates(policy.name), history: await store.manualStateHistory(policy.name) });
}

async function conditionWrite(req: CallResourceRequest, store: LedgerStore, policy: ErrorBudgetPolicy, conditionId: string, at: number): Promise<CallResourceResponse> {
  if (req.method !== 'POST') {
    return jsonResource({ error: 'a manual condition state is written with POST' }, 405);
  }
  const condition = policy.conditions.find((c) => c.id === conditionId);
  if (!condition) {
    return jsonResource({ error: `policy "${policy.name}" has no condition "${conditionId}" (known: ${policy.conditions.map((c) => c.id).join(', ')})` }, 404);
  }
  if (condition.trigger !== 'manual') {
    return jsonResource({ error: `condition "${conditionId}" of policy "${policy.name}" is evaluated automatically; only manual conditions are checked by a person (book 10.5)` }, 400);
  }
  const write = parseBody(req, parseManualConditionWrite);
  if (isResponse(write)) {
    return write;
  }
  const state: ManualConditionState = { policy: policy.name, conditionId, ...write, by: req.user!.login, atMs: at };
  await store.recordManualState(state);
  return jsonResource(state, 201);
}

async function periods(instance: Instance, params: URLSearchParams): Promise<CallResourceResponse> {
  const from = timeParam(params, 'from');
  const to = timeParam(params, 'to');
  for (const t of [from, to]) {
    if (typeof t === 'string') {
      return jsonResource({ error: t }, 400);
    }
  }
  const kind = params.get('kind');
  if (kind !== null && kind !== 'budget' && kind !== 'month') {
    return jsonResource({ error: `kind: "${kind}" must be budget or month` }, 400);
  }
  const format = params.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    return jsonResource({ error: `format: "${format}" must be json or csv` }, 400);
  }
  const store = await instance.ledger.ready().catch((error: Error) => error);
  if (store instanceof Error) {
    return jsonResource({ error: store.message }, 503);
  }
  const slos = params.getAll('slo');
  const slas = params.getAll('sla');
  // customer=<value>: that customer's rows of SLAs with a customer label (book 11.2.7); absent: every row
  const customer = params.get('customer');
  const filter: PeriodFilter = { periodKind: (kind ?? undefined) as LedgerPeriodKind | undefined, fromMs: from as number | undefined, toMs: to as number | undefined, ...(customer ? { customer } : {}) };
  const rows =
    slos.length === 0 && slas.length === 0
      ? await store.listPeriods(filter)
      : [
          ...(slos.length ? await store.listPeriods({ ...filter, subjectKind: 'slo', subjectIds: slos }) : []),
          ...(slas.length ? await store.listPeriods({ ...filter, subjectKind: 'sla', subjectIds: slas }) : []),
        ];
  if (format === 'csv') {
    return { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="sloledger-periods.csv"' }, body: ledgerCsv(rows) };
  }
  const out: LedgerPeriodsResponse = { periods: rows };
  return jsonResource(out);
}
