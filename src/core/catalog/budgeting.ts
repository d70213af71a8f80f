/**
 * An SLO's budgeting method (DESIGN.md "Normative math"): `occurrences`
 * (default: budget = b · events) or `timeslices` with a slice length and a
 * slice target (a slice is good when its SLI ≥ target; budget = b · slices,
 * fixed up front, so a burn-down only falls in bad slices — book fig. 3.9).
 *
 *   budgeting: timeslices
 *   timeslice: { length: 5m, target: 95 }
 */
import { isMap } from 'yaml';
import { parseDuration } from '../periods/duration';
import { BudgetingMethod, TimesliceSpec } from '../model/model';
import { IssueSink } from './issues';
import { percentToRatio } from './ratio';
import { child, MapNode, readNumber, readString, warnUnknownKeys } from './yamlRead';

export function readBudgeting(node: MapNode, path: string, sink: IssueSink): { budgeting: BudgetingMethod; timeslice?: TimesliceSpec } | undefined {
  const method = readString(node, 'budgeting', path, sink, false) ?? 'occurrences';
  const sliceNode = child(node, 'timeslice');
  if (method !== 'occurrences' && method !== 'timeslices') {
    sink.error(child(node, 'budgeting'), `${path}.budgeting`, `"${method}" is not a budgeting method: use occurrences (default) or timeslices`);
    return undefined;
  }
  if (method === 'occurrences') {
    if (sliceNode !== undefined) {
      sink.error(sliceNode, `${path}.timeslice`, 'only used with budgeting: timeslices');
      return undefined;
    }
    return { budgeting: 'occurrences' };
  }
  const where = `${path}.timeslice`;
  if (!isMap(sliceNode)) {
    sink.error(sliceNode ?? node, where, 'required for budgeting: timeslices: {length: 5m, target: 95} (a slice is good when its SLI ≥ target)');
    return undefined;
  }
  const map = sliceNode as MapNode;
  warnUnknownKeys(map, ['length', 'target'], where, sink);
  const lengthText = readString(map, 'length', where, sink, true);
  const target = readNumber(map, 'target', where, sink);
  let lengthMs: number | undefined;
  if (lengthText !== undefined) {
    try {
      lengthMs = parseDuration(lengthText);
    } catch (error) {
      sink.error(child(map, 'length'), `${where}.length`, (error as Error).message);
    }
  }
  const ratio = target === undefined ? undefined : percentToRatio(target);
  if (target === undefined && child(map, 'target') === undefined) {
    sink.error(map, `${where}.target`, 'required: the SLI a slice must reach to be good, e.g. 95 (or 0.95)');
  } else if (ratio !== undefined && !(ratio > 0 && ratio <= 1)) {
    sink.error(child(map, 'target'), `${where}.target`, `${target} is not a slice target: use a value above 0 and at most 100%`);
    return undefined;
  }
  if (lengthMs === undefined || ratio === undefined) {
    return undefined;
  }
  return { budgeting: 'timeslices', timeslice: { lengthMs, target: ratio } };
}
