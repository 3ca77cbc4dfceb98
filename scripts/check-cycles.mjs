// Import cycles that ESLint's import-x/no-cycle cannot see: it skips type-only imports, and it
// knows files, not folders. Here every import counts (`import type` and `import('…')` types too),
// and src/main/<folder> and src/renderer/features/<folder> must not depend on each other both ways.
// The composition roots that wire the features together are left out of the folder check:
// src/main/api (the dispatcher and the handler map), the files directly in src/main, and
// src/renderer/app (the shell and its routes).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const rel = (f) => path.relative(root, f).split(path.sep).join('/');
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function resolve(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, ...EXTENSIONS.map((x) => base + x)]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return null;
}

const files = sources(path.join(root, 'src'));
const imports = new Map(
  files.map((f) => {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(f, 'utf8'), true, true);
    return [f, [...new Set(importedFiles.map((i) => resolve(f, i.fileName)).filter(Boolean))]];
  }),
);

/** Strongly connected components with more than one member (Tarjan). */
function cycles(graph) {
  let next = 0;
  const index = new Map(),
    low = new Map(),
    stack = [],
    onStack = new Set(),
    out = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1) out.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

function folderOf(file) {
  const m = /^src\/(main|renderer\/features)\/([^/]+)\//.exec(rel(file));
  return m && !(m[1] === 'main' && m[2] === 'api') ? `src/${m[1]}/${m[2]}` : null;
}

const folders = new Map();
const examples = new Map();
for (const [from, targets] of imports) {
  const a = folderOf(from);
  if (!a) continue;
  for (const to of targets) {
    const b = folderOf(to);
    if (!b || a === b) continue;
    if (!folders.has(a)) folders.set(a, new Set());
    folders.get(a).add(b);
    if (!examples.has(`${a}>${b}`)) examples.set(`${a}>${b}`, `${rel(from)} → ${rel(to)}`);
  }
}

const problems = [
  ...cycles(imports).map((c) => `file cycle: ${c.map(rel).join(', ')}`),
  ...cycles(folders).map(
    (c) =>
      `folder cycle: ${c.join(' ↔ ')}\n${c
        .flatMap((a) => c.map((b) => examples.get(`${a}>${b}`)).filter(Boolean))
        .map((e) => `    ${e}`)
        .join('\n')}`,
  ),
];
for (const p of problems) console.error(p);
if (problems.length) process.exitCode = 1;
