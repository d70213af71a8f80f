/**
 * No import circles in src/ (issue 17, "The house"): a circle means two
 * modules that cannot be understood, tested or moved apart, and under
 * CommonJS one of them sees the other half-initialised.
 *
 * Every .ts/.tsx file under src/ (tests included) is read with TypeScript's
 * own `ts.preProcessFile`, which lists the specifiers of `import`,
 * `export … from`, `import()`, `require()` and `import x = require()`.
 * `import type` and `export type … from` COUNT: a type-only edge is still a
 * dependency between the two files (the issue asks for no circles at all),
 * and the cure is the same — move the shared type to where it belongs.
 * Relative specifiers are resolved like the compiler does (`.ts`, `.tsx`,
 * `/index.ts(x)`, a written `.js` meaning `.ts`), bare ones against the
 * tsconfig baseUrl `src/` when such a file exists; packages are ignored.
 * Strongly connected components (Tarjan) with more than one file, or a file
 * importing itself, are the circles; the failure lists each with one loop
 * through it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      sourceFiles(file, out);
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(file);
    }
  }
  return out;
}

const files = sourceFiles(src).sort();
const known = new Set(files);

/** The file under src/ a specifier names, or undefined (a package, or something outside src/). */
function resolve(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith('.') ? path.resolve(path.dirname(from), specifier) : path.join(src, specifier);
  const stem = base.replace(/\.(js|jsx|mjs)$/, '');
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${stem}.ts`, `${stem}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  return candidates.find((c) => known.has(c));
}

/** file → the files under src/ it imports (type-only imports included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map((i) => resolve(file, i.fileName)).filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Tarjan's strongly connected components; returns those that are circles. */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) {
        found.push(component.sort());
      }
    }
  };
  for (const v of graph.keys()) {
    if (!index.has(v)) {
      visit(v);
    }
  }
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

/** One loop through a component, from its first file back to it (breadth-first, so the shortest). */
function loopThrough(component: string[], graph: Map<string, string[]>): string[] {
  const inside = new Set(component);
  const start = component[0];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (w === start) {
        const loop = [v];
        for (let u = v; u !== start; u = cameFrom.get(u)!) {
          loop.unshift(cameFrom.get(u)!);
        }
        return [...loop, start];
      }
      if (inside.has(w) && !cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

const relative = (file: string) => path.relative(src, file).split(path.sep).join('/');

function listCircles(found: string[][], graph: Map<string, string[]>): string {
  return found
    .map((c, i) => `circle ${i + 1} (${c.length} files): ${c.map(relative).join(', ')}\n  e.g. ${loopThrough(c, graph).map(relative).join(' → ')}`)
    .join('\n');
}

describe('import circles', () => {
  const graph = importGraph();

  it('the graph is read: src/ has files and they import each other', () => {
    expect(files.length).toBeGreaterThan(100);
    const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
    expect(edges).toBeGreaterThan(files.length);
    // a type-only import is an edge (see the header)
    const datasource = path.join(src, 'datasource/query/AnnotationQueryEditor.tsx');
    expect(graph.get(datasource)).toContain(path.join(src, 'datasource/editorSource.ts'));
  });

  it('no file under src/ reaches itself through its imports', () => {
    const found = circles(graph);
    expect(listCircles(found, graph)).toBe('');
  });

  it('the folders of src/core depend on each other without a circle (tests aside)', () => {
    const core = path.join(src, 'core');
    const folderOf = (file: string) => path.relative(core, file).split(path.sep)[0];
    const folders = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      if (!file.startsWith(core + path.sep) || /\.test\.tsx?$/.test(file)) {
        continue;
      }
      const from = `core/${folderOf(file)}`;
      const to = targets.filter((t) => t.startsWith(core + path.sep)).map((t) => `core/${folderOf(t)}`).filter((t) => t !== from);
      folders.set(from, [...new Set([...(folders.get(from) ?? []), ...to])]);
    }
    const found = circles(folders);
    expect(found.map((c) => `${c.join(', ')}\n  e.g. ${loopThrough(c, folders).join(' → ')}`).join('\n')).toBe('');
  });
});
