/**
 * `sloledger validate <files|dirs...> [--format text|json]`: the same catalog
 * loader the backend uses. Exit 0 valid, 1 invalid, 2 usage.
 */
import { formatIssue } from '../../core/catalog/issues';
import { CatalogFile, loadCatalog } from '../../core/catalog/loadCatalog';
import { CliIo, UsageError } from './io';

export const validateHelp = 'validate <files|dirs...> [--format text|json]   check catalog YAML; errors as file:line:col: path: message';

export function runValidate(args: string[], io: CliIo): number {
  let format: 'text' | 'json' = 'text';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format') {
      const value = args[++i];
      if (value !== 'text' && value !== 'json') {
        throw new UsageError(`--format takes text or json (got ${value === undefined ? 'nothing' : `"${value}"`})`);
      }
      format = value;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown flag ${arg} for validate`);
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) {
    throw new UsageError('validate needs at least one file or directory');
  }
  const files = paths.flatMap((p) => collect(p, io));
  if (files.length === 0) {
    throw new UsageError(`no .yaml or .yml files found in ${paths.join(', ')}`);
  }
  const { catalog, errors, warnings } = loadCatalog(files);
  const valid = errors.length === 0;
  if (format === 'json') {
    io.stdout(JSON.stringify({ valid, slos: catalog.slos.length, files: files.map((f) => f.name), errors, warnings }, null, 2) + '\n');
  } else {
    for (const issue of [...errors, ...warnings]) {
      io.stdout(formatIssue(issue) + '\n');
    }
    io.stdout(
      valid
        ? `${catalog.slos.length} SLOs in ${files.length} files: OK${warnings.length ? ` (${warnings.length} warnings)` : ''}\n`
        : `${errors.length} errors in ${files.length} files (${catalog.slos.length} SLOs valid)\n`
    );
  }
  return valid ? 0 : 1;
}

/** The catalog files under the given paths (directories recursively, .yaml/.yml). */
export function collect(path: string, io: CliIo): CatalogFile[] {
  const kind = io.kind(path);
  if (kind === undefined) {
    throw new UsageError(`no such file or directory: ${path}`);
  }
  if (kind === 'file') {
    return [{ name: path, text: io.readFile(path) }];
  }
  return io.list(path).flatMap((name) => {
    const child = `${path.replace(/\/+$/, '')}/${name}`;
    const childKind = io.kind(child);
    if (childKind === 'dir') {
      return collect(child, io);
    }
    return /\.ya?ml$/.test(name) ? [{ name: child, text: io.readFile(child) }] : [];
  });
}
