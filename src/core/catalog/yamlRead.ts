/** Small typed readers over yaml nodes that report located issues instead of throwing. */
import { isMap, isScalar, isSeq, YAMLMap } from 'yaml';
import { IssueSink } from './issues';

export type MapNode = YAMLMap<unknown, unknown>;

/** The value node under `key`, or undefined. */
export function child(map: MapNode, key: string): unknown {
  return map.get(key, true);
}

/** Keys of a map, as strings. */
export function keysOf(map: MapNode): string[] {
  return map.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key));
}

/** Warns about keys that are not in `allowed` (a typo should not pass silently). */
export function warnUnknownKeys(map: MapNode, allowed: readonly string[], path: string, sink: IssueSink): void {
  for (const pair of map.items) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (!allowed.includes(key)) {
      sink.warning(pair.key, joinPath(path, key), `unknown key "${key}" (allowed: ${allowed.join(', ')})`);
    }
  }
}

export function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function readString(map: MapNode, key: string, path: string, sink: IssueSink, required: boolean): string | undefined {
  const node = child(map, key);
  if (node === undefined || (isScalar(node) && (node.value === null || node.value === ''))) {
    if (required) {
      sink.error(map, joinPath(path, key), `required: a non-empty text`);
    }
    return undefined;
  }
  if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
    sink.error(node, joinPath(path, key), 'must be a text value');
    return undefined;
  }
  return String(node.value);
}

export function readNumber(map: MapNode, key: string, path: string, sink: IssueSink): number | undefined {
  const node = child(map, key);
  if (node === undefined) {
    return undefined;
  }
  if (!isScalar(node) || typeof node.value !== 'number' || !Number.isFinite(node.value)) {
    sink.error(node, joinPath(path, key), 'must be a number');
    return undefined;
  }
  return node.value;
}

export function readStringList(map: MapNode, key: string, path: string, sink: IssueSink): string[] {
  const node = child(map, key);
  if (node === undefined) {
    return [];
  }
  if (!isSeq(node)) {
    sink.error(node, joinPath(path, key), 'must be a list of texts');
    return [];
  }
  return node.items.flatMap((item, i) => {
    if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) {
      return [String(item.value)];
    }
    sink.error(item, `${joinPath(path, key)}[${i}]`, 'must be a text value');
    return [];
  });
}

/** The list under `key` as map nodes with their index; non-maps are reported. */
export function readMapList(map: MapNode, key: string, path: string, sink: IssueSink): Array<{ node: MapNode; path: string }> {
  const node = child(map, key);
  if (node === undefined) {
    return [];
  }
  if (!isSeq(node)) {
    sink.error(node, joinPath(path, key), 'must be a list');
    return [];
  }
  return node.items.flatMap((item, i) => {
    const itemPath = `${joinPath(path, key)}[${i}]`;
    if (!isMap(item)) {
      sink.error(item, itemPath, 'must be a mapping (key: value pairs)');
      return [];
    }
    return [{ node: item as MapNode, path: itemPath }];
  });
}
