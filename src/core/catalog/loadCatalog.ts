/**
 * Loads catalog files into one model (DESIGN.md "The catalog"). Pure: takes
 * file names and texts. Every problem is reported at once, located; one bad
 * SLO never hides the good ones; it never throws on any input.
 */
import { isMap, LineCounter, parseAllDocuments } from 'yaml';
import { Catalog, emptyCatalog } from '../model/model';
import { DIALECTS, ForeignDocuments } from './dialects';
import { CatalogIssue, IssueSink } from './issues';
import { readNativeDocument } from './native';
import { crossCheckPolicies } from './policies';
import { MapNode } from './yamlRead';

export interface CatalogFile {
  name: string;
  text: string;
}

export interface LoadedCatalog {
  catalog: Catalog;
  errors: CatalogIssue[];
  warnings: CatalogIssue[];
}

const NATIVE = 'sloledger/v1';

/** Parses and validates `files`; cross-references are checked across all of them. */
export function loadCatalog(files: readonly CatalogFile[]): LoadedCatalog {
  const catalog = emptyCatalog();
  // OpenSLO objects refer to each other across files: foreign documents are resolved after all files
  const foreign = new ForeignDocuments();
  const sinks = files.map((file) => loadFile(file, catalog, foreign));
  foreign.finish(catalog, files.map((f) => f.name));
  const issues = sinks.flatMap((sink) => sink.issues);
  issues.push(...crossCheck(catalog));
  issues.push(...crossCheckPolicies(catalog));
  return {
    catalog,
    errors: issues.filter((i) => i.severity === 'error'),
    warnings: issues.filter((i) => i.severity === 'warning'),
  };
}

function loadFile(file: CatalogFile, into: Catalog, foreign: ForeignDocuments): IssueSink {
  const lines = new LineCounter();
  const sink = new IssueSink(file.name, lines);
  const docs = parseAllDocuments(file.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, index) => {
    const prefix = list.length > 1 ? `documents[${index}]` : '';
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = lines.linePos(err.pos[0]);
        sink.issues.push({ file: file.name, line: pos.line, column: pos.col, path: prefix, message: `YAML syntax: ${err.message.split('\n')[0]}`, severity: 'error' });
      }
      return;
    }
    const root = doc.contents;
    if (root === null) {
      return; // an empty document (e.g. a trailing ---) is fine
    }
    if (!isMap(root)) {
      sink.error(root, prefix, `a catalog document must be a mapping starting with apiVersion: ${NATIVE}`);
      return;
    }
    const apiVersion = (root as MapNode).get('apiVersion');
    if (apiVersion !== NATIVE) {
      if (!foreign.read(root as MapNode, prefix, file.name, sink)) {
        // a mistyped native version gets the native answer; anything else the list of dialects
        const use = String(apiVersion).startsWith('sloledger/') ? NATIVE : DIALECTS;
        sink.error(root, prefix ? `${prefix}.apiVersion` : 'apiVersion', `unsupported apiVersion ${JSON.stringify(apiVersion ?? null)}: use ${use}`);
      }
      return;
    }
    readNativeDocument(root as MapNode, file.name, sink, into);
  });
  return sink;
}

/** Checks across files: teams exist, ids unique. Offending SLOs are removed. */
function crossCheck(catalog: Catalog): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const at = (o: { file: string; line: number; column: number; path: string }, path: string, message: string): CatalogIssue => ({
    file: o.file,
    line: o.line,
    column: o.column,
    path,
    message,
    severity: 'error',
  });
  const teams = new Set(catalog.teams.map((t) => t.name));
  for (const service of catalog.services) {
    if (!teams.has(service.team)) {
      issues.push(at(service.origin, `${service.origin.path}.team`, `unknown team "${service.team}" (declared teams: ${[...teams].join(', ') || 'none'})`));
    }
  }
  const badServices = new Set(catalog.services.filter((s) => !teams.has(s.team)).map((s) => s.name));
  const seen = new Map<string, string>();
  catalog.slos = catalog.slos.filter((slo) => {
    if (badServices.has(slo.service)) {
      return false;
    }
    const first = seen.get(slo.id);
    if (first) {
      issues.push(at(slo.origin, `${slo.origin.path}.name`, `duplicate SLO "${slo.id}" (first defined at ${first})`));
      return false;
    }
    seen.set(slo.id, `${slo.origin.file}:${slo.origin.line}`);
    return true;
  });
  // an SLA whose components are unknown cannot be computed: report it, drop it
  catalog.slas = catalog.slas.filter((sla) => {
    const missing = sla.components.filter((id) => !seen.has(id));
    if (missing.length > 0) {
      issues.push(at(sla.origin, `${sla.origin.path}.components`, `unknown SLO ${missing.map((m) => `"${m}"`).join(', ')} (SLO ids are <service>/<name>)`));
      return false;
    }
    return true;
  });
  return issues;
}
