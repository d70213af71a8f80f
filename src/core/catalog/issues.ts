/**
 * Located catalog problems: every issue names the file, line, column and the
 * path inside the document (`services[1].slos[0].objective`) and says what
 * would be valid (DESIGN.md "The catalog").
 */
import { isNode, LineCounter, Node as YamlNode } from 'yaml';

export interface CatalogIssue {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Collects issues for one file, locating yaml nodes through its LineCounter. */
export class IssueSink {
  readonly issues: CatalogIssue[] = [];

  constructor(
    readonly file: string,
    private readonly lines: LineCounter
  ) {}

  /** Line/column (1-based) where `node` starts, or 1:1 when unknown. */
  locate(node: unknown): { line: number; column: number } {
    const offset = isNode(node) && (node as YamlNode).range ? (node as YamlNode).range![0] : 0;
    const pos = this.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  error(node: unknown, path: string, message: string): void {
    this.issues.push({ file: this.file, ...this.locate(node), path, message, severity: 'error' });
  }

  warning(node: unknown, path: string, message: string): void {
    this.issues.push({ file: this.file, ...this.locate(node), path, message, severity: 'warning' });
  }
}

/** `file:line:col: path: message`, the form the CLI prints. */
export function formatIssue(i: CatalogIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.severity === 'warning' ? 'warning: ' : ''}${i.path ? i.path + ': ' : ''}${i.message}`;
}
