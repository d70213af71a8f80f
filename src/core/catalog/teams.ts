/**
 * A team's on-call facts (book 3.4 table 3.4, 11.2.10): rotation, how many
 * people share it and where they talk. Team is the lowest level of
 * aggregation (book 11.3): members is a count, never a list of people.
 *
 *   onCall: { rotation: weekly, members: 6, chatChannel: "#payments-oncall" }
 */
import { isMap } from 'yaml';
import { Team } from '../model/model';
import { IssueSink } from './issues';
import { child, MapNode, readNumber, readString, warnUnknownKeys } from './yamlRead';

export function readOnCall(node: MapNode, path: string, sink: IssueSink): Team['onCall'] {
  const raw = child(node, 'onCall');
  if (raw === undefined) {
    return undefined;
  }
  const where = `${path}.onCall`;
  if (!isMap(raw)) {
    sink.error(raw, where, 'must be {rotation: weekly, members: 6, chatChannel: "#team-oncall"}');
    return undefined;
  }
  const map = raw as MapNode;
  warnUnknownKeys(map, ['rotation', 'members', 'chatChannel'], where, sink);
  const members = readNumber(map, 'members', where, sink);
  if (members !== undefined && !(Number.isInteger(members) && members > 0)) {
    sink.error(child(map, 'members'), `${where}.members`, 'must be a whole number of people above 0 (a count: no names, book 11.3)');
  }
  return {
    rotation: readString(map, 'rotation', where, sink, false),
    members: members !== undefined && Number.isInteger(members) && members > 0 ? members : undefined,
    chatChannel: readString(map, 'chatChannel', where, sink, false),
  };
}
