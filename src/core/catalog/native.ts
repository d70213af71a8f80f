/**
 * The native catalog format `apiVersion: sloledger/v1` (docs/catalog.md):
 * defaults, teams, and services with their SLOs. Reads one yaml document into
 * the model, reporting every problem at its place; a bad SLO is skipped and
 * reported while the good ones load.
 */
import { isMap } from 'yaml';
import { Catalog, Origin, PeriodSpec, SLI_KINDS, SliKind, Slo } from '../model/model';
import { IssueSink } from './issues';
import { readAlertSpec } from './alertSpec';
import { readPeriod } from './period';
import { readBudgeting } from './budgeting';
import { readPolicies } from './policies';
import { readServiceDefaults } from './serviceDefaults';
import { readQuery, readSource } from './sliQuery';
import { readCorrections, readSlas } from './slasAndCorrections';
import { readOnCall } from './teams';
import { child, MapNode, readMapList, readNumber, readString, readStringList, warnUnknownKeys } from './yamlRead';

const TOP_KEYS = ['apiVersion', 'defaults', 'teams', 'services', 'slas', 'corrections', 'policies'] as const;
const TEAM_KEYS = ['name', 'onCall', 'policy'] as const;
const SERVICE_KEYS = ['name', 'team', 'description', 'deployments', 'deploymentLabel', 'endpointLabel', 'dependencies', 'endpointDiscovery', 'defaults', 'slos'] as const;
const SLO_KEYS = [
  'name', 'sli', 'objective', 'thresholdMs', 'endpoint', 'deployment', 'period', 'source', 'good', 'bad', 'total',
  'minEvents', 'priority', 'description', 'userJourney', 'runbookUrl', 'labels', 'budgeting', 'timeslice', 'alert',
] as const;

/** Org-wide defaults (book 3.3: "the time units used are the same for all the error budgets"). */
interface Defaults {
  period: PeriodSpec;
  minEvents: number;
}

const FOUR_WEEKS: PeriodSpec = { kind: 'rolling', lengthMs: 28 * 86_400_000 };

/** Reads one native document into `into`. */
export function readNativeDocument(root: MapNode, file: string, sink: IssueSink, into: Catalog): void {
  warnUnknownKeys(root, TOP_KEYS, '', sink);
  const defaults = readDefaults(root, sink);
  const origin = (node: unknown, path: string): Origin => ({ file, ...sink.locate(node), path, format: 'sloledger/v1' });

  for (const { node, path } of readMapList(root, 'teams', '', sink)) {
    warnUnknownKeys(node, TEAM_KEYS, path, sink);
    const name = readString(node, 'name', path, sink, true);
    if (name) {
      into.teams.push({ name, onCall: readOnCall(node, path, sink), policy: readString(node, 'policy', path, sink, false), origin: origin(node, path) });
    }
  }

  for (const { node, path } of readMapList(root, 'services', '', sink)) {
    warnUnknownKeys(node, SERVICE_KEYS, path, sink);
    const name = readString(node, 'name', path, sink, true);
    const team = readString(node, 'team', path, sink, true);
    if (!name || !team) {
      continue;
    }
    into.services.push({
      name,
      team,
      description: readString(node, 'description', path, sink, false),
      deployments: readStringList(node, 'deployments', path, sink),
      deploymentLabel: readString(node, 'deploymentLabel', path, sink, false),
      endpointLabel: readString(node, 'endpointLabel', path, sink, false),
      dependencies: readStringList(node, 'dependencies', path, sink),
      endpointDiscovery: readString(node, 'endpointDiscovery', path, sink, false),
      defaults: readServiceDefaults(node, path, defaults, sink, origin),
      origin: origin(node, path),
    });
    for (const slo of readMapList(node, 'slos', path, sink)) {
      const parsed = readSlo(slo.node, slo.path, { service: name, team }, defaults, sink, origin(slo.node, slo.path));
      if (parsed) {
        into.slos.push(parsed);
      }
    }
  }
  readSlas(root, sink, origin, defaults.period, into);
  readCorrections(root, sink, origin, into);
  readPolicies(root, sink, origin, into);
}

function readDefaults(root: MapNode, sink: IssueSink): Defaults {
  const node = child(root, 'defaults');
  if (node === undefined) {
    return { period: FOUR_WEEKS, minEvents: 0 };
  }
  if (!isMap(node)) {
    sink.error(node, 'defaults', 'must be a mapping with period and minEvents');
    return { period: FOUR_WEEKS, minEvents: 0 };
  }
  const map = node as MapNode;
  warnUnknownKeys(map, ['period', 'minEvents'], 'defaults', sink);
  return { period: readPeriod(map, 'defaults', sink) ?? FOUR_WEEKS, minEvents: readNumber(map, 'minEvents', 'defaults', sink) ?? 0 };
}

/** One SLO; undefined (with located errors) when it cannot load. */
function readSlo(node: MapNode, path: string, owner: { service: string; team: string }, defaults: Defaults, sink: IssueSink, origin: Origin): Slo | undefined {
  const before = sink.issues.filter((i) => i.severity === 'error').length;
  warnUnknownKeys(node, SLO_KEYS, path, sink);
  const name = readString(node, 'name', path, sink, true);
  const sliText = readString(node, 'sli', path, sink, true);
  if (sliText && !SLI_KINDS.includes(sliText as SliKind)) {
    sink.error(child(node, 'sli'), `${path}.sli`, `"${sliText}" is not an SLI kind (one of ${SLI_KINDS.join(', ')})`);
  }
  const objective = readObjective(node, path, sink);
  const thresholdMs = readNumber(node, 'thresholdMs', path, sink);
  if (sliText === 'latency' && thresholdMs === undefined) {
    sink.error(node, `${path}.thresholdMs`, 'required for a latency SLI (book 6.3.3: "95% within 400 ms")');
  }
  const query = readQuery(node, path, sink);
  const source = readSource(node, path, sink);
  const period = readPeriod(node, path, sink) ?? defaults.period;
  const minEvents = readNumber(node, 'minEvents', path, sink) ?? defaults.minEvents;
  const budgeting = readBudgeting(node, path, sink);
  const priorityNode = child(node, 'priority');
  let priority: Slo['priority'];
  if (priorityNode !== undefined) {
    if (!isMap(priorityNode)) {
      sink.error(priorityNode, `${path}.priority`, 'must be {level: 1-5, reason: text} (book 9.2.4)');
    } else {
      const level = readNumber(priorityNode as MapNode, 'level', `${path}.priority`, sink);
      if (level === undefined || !Number.isInteger(level) || level < 1 || level > 5) {
        sink.error(priorityNode, `${path}.priority.level`, 'must be a whole number from 1 (highest) to 5');
      } else {
        priority = { level, reason: readString(priorityNode as MapNode, 'reason', `${path}.priority`, sink, false) };
      }
    }
  }
  const alert = readAlertSpec(node, path, sink);
  const errorsNow = sink.issues.filter((i) => i.severity === 'error').length;
  if (errorsNow > before || !name || !sliText || objective === undefined || !query || !source || !budgeting) {
    return undefined;
  }
  const deployment = readString(node, 'deployment', path, sink, false);
  return {
    id: `${owner.service}/${name}${deployment ? '@' + deployment : ''}`,
    name,
    service: owner.service,
    team: owner.team,
    sli: sliText as SliKind,
    endpoint: readString(node, 'endpoint', path, sink, false),
    deployment,
    objective,
    thresholdMs,
    period,
    ...budgeting,
    source,
    query,
    minEvents,
    priority,
    description: readString(node, 'description', path, sink, false),
    userJourney: readString(node, 'userJourney', path, sink, false),
    runbookUrl: readString(node, 'runbookUrl', path, sink, false),
    labels: {},
    alert,
    isDefault: false,
    origin,
  };
}

/** 99.9 or 0.999 → 0.999; 100% is refused (book 3.3.3: an SLO of 100% leaves an error budget of zero). */
function readObjective(node: MapNode, path: string, sink: IssueSink): number | undefined {
  const value = readNumber(node, 'objective', path, sink);
  const where = `${path}.objective`;
  if (value === undefined) {
    if (child(node, 'objective') === undefined) {
      sink.error(node, where, 'required: a percentage such as 99.9 (or the ratio 0.999)');
    }
    return undefined;
  }
  // Percent → ratio without binary noise: 99.9 / 100 must be exactly 0.999 (STYLE habit 3).
  const ratio = value > 1 ? Number((value / 100).toPrecision(12)) : value;
  if (!(ratio > 0 && ratio < 1)) {
    sink.error(child(node, 'objective'), where, `${value} is not allowed: use a value above 0 and below 100% (book 3.3: a 100% SLO leaves no error budget)`);
    return undefined;
  }
  return ratio;
}
