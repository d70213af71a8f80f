/**
 * Live validation of the catalog YAML kept in the datasource settings, with
 * the same core loader the backend and the CLI use (src/core/catalog), so
 * what the editor flags is exactly what Save & test would report.
 */
import { loadCatalog } from '../../core/catalog/loadCatalog';
import type { CatalogIssue } from '../../core/catalog/issues';

/** File name the issues carry; the backend reads `catalogYaml` under the same name. */
export const SETTINGS_FILE = 'catalogYaml';

export interface CatalogCheck {
  issues: CatalogIssue[];
  slos: number;
}

/** Located issues in reading order (line, column; an error before a warning at the same place) and the number of SLOs that load. */
export function validateCatalogText(text: string): CatalogCheck {
  if (text.trim() === '') {
    return { issues: [], slos: 0 };
  }
  const { catalog, errors, warnings } = loadCatalog([{ name: SETTINGS_FILE, text }]);
  const issues = [...errors, ...warnings].sort((a, b) => a.line - b.line || a.column - b.column || rank(a) - rank(b));
  return { issues, slos: catalog.slos.length };
}

/**
 * "line N, col M: path: message", the form shown under the editor.
 *
 * @example formatIssueAt({ line: 3, column: 5, path: 'services[0].team', message: 'required', … }) → "line 3, col 5: services[0].team: required"
 */
export function formatIssueAt(issue: Pick<CatalogIssue, 'line' | 'column' | 'path' | 'message'>): string {
  return `line ${issue.line}, col ${issue.column}: ${issue.path ? issue.path + ': ' : ''}${issue.message}`;
}

const rank = (i: CatalogIssue) => (i.severity === 'error' ? 0 : 1);
