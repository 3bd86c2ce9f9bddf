// The import arrows between the parts of src/ (one part per top-level folder, plus the shared
// files at its root), read from the code with TypeScript's own import scanner, and the line
// counts of the largest files. ARCHITECTURE.md's arrows table is this script's output:
//
//   node scripts/importArrows.mjs             the table (Markdown), then any import cycle between files
//   node scripts/importArrows.mjs --files     every cross-part import, file by file
//   node scripts/importArrows.mjs --lines     files of src/ by line count, longest first
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

/** src/ files, as paths relative to the repository with forward slashes. */
function sourceFiles(dir = SRC) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [relative(ROOT, path).split(sep).join('/')] : [];
  }).sort();
}

/** The part a file belongs to: its folder under src/, or the file's own name for src/*.ts. */
export function partOf(file) {
  const [, first, second] = file.split('/');
  return second === undefined ? first.replace(/\.ts$/, '') : first;
}

/** Relative imports (values and types alike) of one file, resolved to repository paths. */
function importsOf(file, known) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return ts.preProcessFile(text, true, true).importedFiles
    .map((reference) => reference.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const base = posix.normalize(posix.join(posix.dirname(file), specifier));
      return [`${base}.ts`, `${base}/index.ts`].find((candidate) => known.has(candidate)) ?? base;
    });
}

/** Files that import each other, directly or around a loop (Tarjan's strongly connected components). */
function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let next = 0;
  const visit = (file) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), index.get(target)));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

const files = sourceFiles();
const known = new Set(files);
const graph = new Map(files.map((file) => [file, importsOf(file, known)]));
const arrows = new Map();
for (const file of files) {
  for (const target of graph.get(file)) {
    const from = partOf(file);
    const to = target.startsWith('src/') ? partOf(target) : target;
    if (from === to) continue;
    const key = `${from} → ${to}`;
    const entry = arrows.get(key) ?? { from, to, imports: [] };
    entry.imports.push(`${file} → ${target}`);
    arrows.set(key, entry);
  }
}

const mode = process.argv[2];
if (mode === '--lines') {
  const counted = files.map((file) => [file, readFileSync(join(ROOT, file), 'utf8').split('\n').length - 1]);
  counted.sort((a, b) => b[1] - a[1]);
  for (const [file, lines] of counted) console.log(`${String(lines).padStart(5)} ${file}`);
} else if (mode === '--files') {
  for (const entry of [...arrows.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))) {
    console.log(`${entry.from} → ${entry.to}`);
    for (const line of entry.imports) console.log(`    ${line}`);
  }
} else {
  const froms = [...new Set([...arrows.values()].map((entry) => entry.from))].sort();
  console.log('| from | to (imports) |');
  console.log('|---|---|');
  for (const from of froms) {
    const targets = [...arrows.values()].filter((entry) => entry.from === from)
      .sort((a, b) => a.to.localeCompare(b.to))
      .map((entry) => {
        // A part reached through one file only is named with that file.
        const files = new Set(entry.imports.map((line) => line.split(' → ')[1]));
        const only = files.size === 1 && entry.to !== [...files][0] && ![...files][0].endsWith('/index.ts') ? [...files][0].replace(/^src\//, '').replace(/\.ts$/, '') : entry.to;
        return `${only} (${entry.imports.length})`;
      });
    console.log(`| ${from} | ${targets.join(', ')} |`);
  }
  const loops = cycles(graph);
  console.log(loops.length === 0 ? '\nImport cycles between files: none.' : `\nImport cycles between files:\n${loops.map((loop) => `- ${loop.join(', ')}`).join('\n')}`);
}
