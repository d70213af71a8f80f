/**
 * Native `policies:` — error budget policies with the seven parts of book
 * table 10.1 (scope, purpose, conditions, consequences, escalation, agreed
 * by, next review date), all required: the book calls them the required parts
 * of an effective policy. Conditions follow table 10.2 (kinds
 * premature-exhaustion | budget-spent | burn-within | dependency | manual,
 * each automatic or manual, book 10.4), consequences table 10.3 (those that
 * stop releases gate CD pipelines). Problems are located like every other
 * catalog error; a bad policy is skipped, the rest still load.
 */
import { isScalar } from 'yaml';
import { parseDuration } from '../periods/duration';
import { Catalog, ErrorBudgetPolicy, Origin, PolicyCondition, PolicyConditionKind, PolicyConsequence } from '../model/model';
import { CatalogIssue, IssueSink } from './issues';
import { child, MapNode, readMapList, readNumber, readString, readStringList, warnUnknownKeys } from './yamlRead';

const POLICY_KEYS = ['name', 'scope', 'purpose', 'conditions', 'consequences', 'escalation', 'agreedBy', 'nextReview'] as const;
const CONDITION_KEYS = ['id', 'description', 'kind', 'trigger', 'pct', 'within'] as const;
const CONSEQUENCE_KEYS = ['id', 'description', 'when', 'blocksReleases', 'environments'] as const;
const KINDS: readonly PolicyConditionKind[] = ['premature-exhaustion', 'budget-spent', 'burn-within', 'dependency', 'manual'];

type OriginOf = (node: unknown, path: string) => Origin;

export function readPolicies(root: MapNode, sink: IssueSink, origin: OriginOf, into: Catalog): void {
  for (const { node, path } of readMapList(root, 'policies', '', sink)) {
    const policy = readPolicy(node, path, sink, origin);
    if (policy) {
      into.policies.push(policy);
    }
  }
}

function errorCount(sink: IssueSink): number {
  return sink.issues.filter((i) => i.severity === 'error').length;
}

function readPolicy(node: MapNode, path: string, sink: IssueSink, origin: OriginOf): ErrorBudgetPolicy | undefined {
  const before = errorCount(sink);
  warnUnknownKeys(node, POLICY_KEYS, path, sink);
  const name = readString(node, 'name', path, sink, true);
  const scope = readScope(node, path, sink);
  const purpose = readString(node, 'purpose', path, sink, true);
  const conditionNodes = readMapList(node, 'conditions', path, sink);
  const conditions = conditionNodes.flatMap((c) => readCondition(c.node, c.path, sink) ?? []);
  // ids as written, also of conditions with errors (so a consequence is not blamed for them)
  const declared = conditionNodes.map((c) => String((child(c.node, 'id') as { value?: unknown } | undefined)?.value ?? ''));
  const consequences = readMapList(node, 'consequences', path, sink).flatMap((c) => {
    const read = readConsequence(c.node, c.path, sink);
    return read ? [{ ...read, path: c.path }] : [];
  });
  for (const key of ['conditions', 'consequences'] as const) {
    if (child(node, key) === undefined) {
      sink.error(node, `${path}.${key}`, `required: part ${key === 'conditions' ? 3 : 4} of an error budget policy (book table 10.1)`);
    }
  }
  checkIds(conditions, `${path}.conditions`, sink);
  checkIds(consequences, `${path}.consequences`, sink);
  for (const c of consequences) {
    for (const id of c.value.when.filter((w) => !declared.includes(w))) {
      sink.error(child(c.origin as MapNode, 'when'), `${c.path}.when`, `unknown condition "${id}" (this policy's conditions: ${declared.join(', ') || 'none'})`);
    }
  }
  const escalation = readString(node, 'escalation', path, sink, true);
  const agreedBy = readStringList(node, 'agreedBy', path, sink);
  if (agreedBy.length === 0 && child(node, 'agreedBy') === undefined) {
    sink.error(node, `${path}.agreedBy`, 'required: who agreed the policy, e.g. [ops engineers, developers, product owner] (book 10.8)');
  }
  const nextReview = readDate(node, 'nextReview', path, sink);
  if (errorCount(sink) > before || !name || !scope || !purpose || !escalation || nextReview === undefined) {
    return undefined;
  }
  return {
    name,
    scope,
    purpose,
    conditions: conditions.map((c) => c.value),
    consequences: consequences.map((c) => c.value),
    escalation,
    agreedBy,
    nextReview,
    origin: origin(node, path),
  };
}

/** Part 1: `scope: { teams: [...], services: [...] }`; at least one of them. */
function readScope(node: MapNode, path: string, sink: IssueSink): ErrorBudgetPolicy['scope'] | undefined {
  const raw = child(node, 'scope');
  const where = `${path}.scope`;
  if (raw === undefined || !(raw as MapNode).items) {
    sink.error(raw ?? node, where, 'required: {teams: [<team>], services: [<service>]} — part 1 of the policy (book table 10.1); normally all services of a team');
    return undefined;
  }
  const map = raw as MapNode;
  warnUnknownKeys(map, ['teams', 'services'], where, sink);
  const teams = readStringList(map, 'teams', where, sink);
  const services = readStringList(map, 'services', where, sink);
  if (teams.length + services.length === 0) {
    sink.error(raw, where, 'names no team and no service: list at least one');
    return undefined;
  }
  return { teams, services };
}

type Located<T> = { value: T; origin: unknown };

function readCondition(node: MapNode, path: string, sink: IssueSink): Located<PolicyCondition> | undefined {
  const before = errorCount(sink);
  warnUnknownKeys(node, CONDITION_KEYS, path, sink);
  const id = readString(node, 'id', path, sink, true);
  const description = readString(node, 'description', path, sink, true);
  const kindText = readString(node, 'kind', path, sink, false) ?? 'manual';
  if (!KINDS.includes(kindText as PolicyConditionKind)) {
    sink.error(child(node, 'kind'), `${path}.kind`, `"${kindText}" is not a condition kind (one of ${KINDS.join(', ')}; book table 10.2)`);
  }
  const kind = kindText as PolicyConditionKind;
  const triggerText = readString(node, 'trigger', path, sink, false) ?? (kind === 'manual' ? 'manual' : 'automatic');
  if (triggerText !== 'automatic' && triggerText !== 'manual') {
    sink.error(child(node, 'trigger'), `${path}.trigger`, `"${triggerText}" is not a trigger: use automatic or manual (book 10.4)`);
  } else if (kind === 'manual' && triggerText === 'automatic') {
    sink.error(child(node, 'trigger'), `${path}.trigger`, 'a manual condition cannot be triggered automatically: give it a kind of premature-exhaustion, budget-spent, burn-within or dependency');
  }
  const pct = readNumber(node, 'pct', path, sink);
  if ((kind === 'budget-spent' || kind === 'burn-within') && pct === undefined && child(node, 'pct') === undefined) {
    sink.error(node, `${path}.pct`, `required for ${kind}: the percentage of the period budget, e.g. ${kind === 'budget-spent' ? '70 (book table 10.2 B)' : '30 within 24h (E) or 50 within 7d (F)'}`);
  }
  if (pct !== undefined && !(pct > 0 && pct <= 100)) {
    sink.error(child(node, 'pct'), `${path}.pct`, `${pct} is not a percentage of the budget: use a number above 0 and at most 100`);
  }
  let withinMs: number | undefined;
  const within = readString(node, 'within', path, sink, kind === 'burn-within');
  if (within !== undefined) {
    try {
      withinMs = parseDuration(within);
    } catch (error) {
      sink.error(child(node, 'within'), `${path}.within`, (error as Error).message);
    }
  }
  if (errorCount(sink) > before || !id || !description) {
    return undefined;
  }
  return { value: { id, description, kind, trigger: triggerText as PolicyCondition['trigger'], pct, withinMs }, origin: node };
}

function readConsequence(node: MapNode, path: string, sink: IssueSink): Located<PolicyConsequence> | undefined {
  const before = errorCount(sink);
  warnUnknownKeys(node, CONSEQUENCE_KEYS, path, sink);
  const id = readString(node, 'id', path, sink, true);
  const description = readString(node, 'description', path, sink, true);
  const when = readStringList(node, 'when', path, sink);
  if (when.length === 0 && child(node, 'when') === undefined) {
    sink.error(node, `${path}.when`, 'required: the ids of the conditions that put it in force, e.g. [A, B]');
  }
  const blocks = child(node, 'blocksReleases');
  if (blocks !== undefined && !(isScalar(blocks) && typeof blocks.value === 'boolean')) {
    sink.error(blocks, `${path}.blocksReleases`, 'must be true (it stops releases, book table 10.3 I/J) or false');
  }
  const environments = readStringList(node, 'environments', path, sink);
  if (errorCount(sink) > before || !id || !description) {
    return undefined;
  }
  return { value: { id, description, when, blocksReleases: isScalar(blocks) && blocks.value === true, environments }, origin: node };
}

function checkIds(items: ReadonlyArray<Located<{ id: string }>>, path: string, sink: IssueSink): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.value.id)) {
      sink.error(child(item.origin as MapNode, 'id'), path, `duplicate id "${item.value.id}" in this policy`);
    }
    seen.add(item.value.id);
  }
}

/** `2027-03-01` or an ISO instant → epoch ms (UTC midnight for a date). */
function readDate(node: MapNode, key: string, path: string, sink: IssueSink): number | undefined {
  const raw = child(node, key);
  const where = `${path}.${key}`;
  if (raw === undefined) {
    sink.error(node, where, 'required: the next review date, e.g. 2027-03-01 — part 7 of the policy (book 10.11)');
    return undefined;
  }
  const value = isScalar(raw) ? raw.value : undefined;
  const text = value instanceof Date ? value.toISOString() : String(value ?? '');
  const ms = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(text) ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : NaN;
  if (Number.isNaN(ms)) {
    sink.error(raw, where, `"${text}" is not a date such as 2027-03-01`);
    return undefined;
  }
  return ms;
}

/**
 * Across files: a policy's scope names declared teams and services, each
 * team's `policy:` names a loaded policy (a warning), and policy names are unique.
 * A policy with an unknown scope entry still loads (it is reported).
 */
export function crossCheckPolicies(catalog: Catalog): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const at = (o: Origin, path: string, message: string): CatalogIssue => ({ file: o.file, line: o.line, column: o.column, path, message, severity: 'error' });
  const teams = new Set(catalog.teams.map((t) => t.name));
  const services = new Set(catalog.services.map((s) => s.name));
  const names = new Map<string, Origin>();
  catalog.policies = catalog.policies.filter((p) => {
    const first = names.get(p.name);
    if (first) {
      issues.push(at(p.origin, `${p.origin.path}.name`, `duplicate policy "${p.name}" (first defined at ${first.file}:${first.line})`));
      return false;
    }
    names.set(p.name, p.origin);
    return true;
  });
  for (const p of catalog.policies) {
    for (const team of p.scope.teams.filter((t) => !teams.has(t))) {
      issues.push(at(p.origin, `${p.origin.path}.scope.teams`, `unknown team "${team}" (declared teams: ${[...teams].join(', ') || 'none'})`));
    }
    for (const service of p.scope.services.filter((s) => !services.has(s))) {
      issues.push(at(p.origin, `${p.origin.path}.scope.services`, `unknown service "${service}"`));
    }
  }
  // book 3.4 / REQUIREMENTS: one error budget policy per team, covering all its services
  for (const team of catalog.teams) {
    const covering = catalog.policies.filter((p) => p.scope.teams.includes(team.name));
    if (covering.length > 1) {
      issues.push({ ...at(covering[1].origin, `${covering[1].origin.path}.scope.teams`, `team "${team.name}" is already covered by policy "${covering[0].name}": a team has one error budget policy`), severity: 'warning' });
    }
  }
  for (const team of catalog.teams) {
    if (team.policy && !names.has(team.policy)) {
      // a warning: the policy's scope decides what it covers; this reference only documents it (and a policy with errors is not loaded)
      issues.push({ ...at(team.origin, `${team.origin.path}.policy`, `unknown error budget policy "${team.policy}" (loaded: ${[...names.keys()].join(', ') || 'none'})`), severity: 'warning' });
    }
  }
  return issues;
}
