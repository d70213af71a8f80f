/**
 * The catalog of one datasource: the YAML of its settings plus the YAML
 * files below `catalogDir`, parsed once and re-read only when the settings
 * text or a file's modification time or size changes. Its version (a hash of
 * the files' names and texts) is recorded with every ledger row.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CatalogFile, loadCatalog, LoadedCatalog } from '../../../core/catalog/loadCatalog';
import { DatasourceSettings } from '../../../core/contracts/settings';

type StampedFile = CatalogFile & { stamp: string; readError?: LoadedCatalog['errors'][number] };

export class CatalogLoader {
  private cache?: { stamp: string; loaded: LoadedCatalog; version: string };

  constructor(private readonly settings: Pick<DatasourceSettings, 'catalogYaml' | 'catalogDir'>) {}

  /** The catalog, reloaded when the settings YAML or a catalog file changed; unreadable files are located errors. */
  load(): LoadedCatalog {
    return this.current().loaded;
  }

  /** Hash of the catalog text (names and contents of its files): the version recorded with ledger rows. */
  version(): string {
    return this.current().version;
  }

  private current(): { loaded: LoadedCatalog; version: string } {
    const files = this.files();
    const stamp = files.map((f) => `${f.name}:${f.stamp}`).join('|');
    if (!this.cache || this.cache.stamp !== stamp) {
      const loaded = loadCatalog(files.map(({ name, text }) => ({ name, text })));
      loaded.errors.unshift(...files.flatMap((f) => (f.readError ? [f.readError] : [])));
      const hash = createHash('sha256');
      for (const f of files) {
        hash.update(f.name).update('\0').update(f.text).update('\0');
      }
      this.cache = { stamp, loaded, version: hash.digest('hex').slice(0, 12) };
    }
    return this.cache;
  }

  private files(): StampedFile[] {
    const out: StampedFile[] = [];
    if (this.settings.catalogYaml.trim() !== '') {
      out.push({ name: 'datasource settings', text: this.settings.catalogYaml, stamp: String(this.settings.catalogYaml.length) });
    }
    const dir = this.settings.catalogDir;
    if (dir) {
      for (const file of listYaml(dir)) {
        try {
          const stat = fs.statSync(file);
          out.push({ name: file, text: fs.readFileSync(file, 'utf8'), stamp: `${stat.mtimeMs}:${stat.size}` });
        } catch (error) {
          const message = `cannot read the catalog: ${(error as Error).message}`;
          out.push({ name: file, text: '', stamp: 'unreadable', readError: { file, line: 1, column: 1, path: '', message, severity: 'error' } });
        }
      }
    }
    return out;
  }
}

function listYaml(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [dir]; // reported as unreadable by the caller
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {return listYaml(full);}
      return /\.ya?ml$/.test(e.name) ? [full] : [];
    });
}
