#!/usr/bin/env node
// Fails when kernel-sim's value imports form a cycle (type-only imports are erased and do not count).
//
// A cycle between modules means one of them runs against a half-initialised other
// (Linux's link order has no such thing). The graph comes from each file's import and
// re-export declarations, parsed with the TypeScript compiler; `import type`,
// `export type` and imports whose every name is `type X` are left out.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const roots = args.length ? args : ['kernel-sim'];

function* ts_files(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules') yield* ts_files(p); }
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) yield p;
  }
}

/** True when an import or export declaration brings no value across (erased by the compiler). */
function type_only(decl) {
  if (ts.isImportDeclaration(decl)) {
    const c = decl.importClause;
    if (!c) return false; // side-effect import: a real edge
    if (c.isTypeOnly) return true;
    if (c.name) return false;
    const b = c.namedBindings;
    if (!b) return true;
    if (ts.isNamespaceImport(b)) return false;
    return b.elements.length > 0 && b.elements.every((e) => e.isTypeOnly);
  }
  if (decl.isTypeOnly) return true;
  const b = decl.exportClause;
  return !!b && ts.isNamedExports(b) && b.elements.length > 0 && b.elements.every((e) => e.isTypeOnly);
}

/** Value edges of one file: resolved relative specifiers. */
function value_imports(file) {
  const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const out = [];
  for (const s of src.statements) {
    if (!(ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) || !s.moduleSpecifier) continue;
    const spec = s.moduleSpecifier.text;
    if (!spec.startsWith('.') || type_only(s)) continue;
    out.push(path.resolve(path.dirname(file), spec));
  }
  return out;
}

const graph = new Map();
for (const r of roots) for (const f of ts_files(path.resolve(repo, r))) graph.set(f, value_imports(f).filter((t) => t !== f));

/** Tarjan's strongly connected components; every component with more than one file is a cycle. */
function sccs(g) {
  let index = 0;
  const idx = new Map(), low = new Map(), on = new Set(), stack = [], out = [];
  const visit = (v) => {
    // Iterative DFS: kernel-sim's import chains are deep enough to matter for recursion.
    const work = [[v, 0]];
    idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
    while (work.length) {
      const top = work[work.length - 1];
      const [u, i] = top;
      const edges = (g.get(u) ?? []).filter((w) => g.has(w));
      if (i < edges.length) {
        top[1]++;
        const w = edges[i];
        if (!idx.has(w)) { idx.set(w, index); low.set(w, index); index++; stack.push(w); on.add(w); work.push([w, 0]); }
        else if (on.has(w)) low.set(u, Math.min(low.get(u), idx.get(w)));
        continue;
      }
      work.pop();
      if (work.length) { const p = work[work.length - 1][0]; low.set(p, Math.min(low.get(p), low.get(u))); }
      if (low.get(u) === idx.get(u)) {
        const comp = [];
        let w;
        do { w = stack.pop(); on.delete(w); comp.push(w); } while (w !== u);
        if (comp.length > 1) out.push(comp);
      }
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** One shortest cycle through the component's first file, for the message. */
function example_cycle(comp) {
  const inside = new Set(comp);
  const start = [...comp].sort()[0];
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const u = queue.shift();
    for (const w of graph.get(u) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const chain = [];
        for (let x = u; x; x = prev.get(x)) chain.unshift(x);
        return [...chain, start];
      }
      if (!prev.has(w)) { prev.set(w, u); queue.push(w); }
    }
  }
  return comp;
}

const rel = (f) => path.relative(repo, f);

/**
 * Cycles that existed when the check arrived, each a set of files (check-cycles.known.json).
 * They are debts to cut, not permissions: a component that is not inside one of them, or a
 * known one that grew, fails. A known cycle that is gone is reported so the list shrinks.
 */
const known_file = path.join(repo, 'scripts', 'check-cycles.known.json');
const known = fs.existsSync(known_file) ? JSON.parse(fs.readFileSync(known_file, 'utf8')).map((c) => new Set(c)) : [];
const found = sccs(graph);
if (process.argv.includes('--write-known')) fs.writeFileSync(known_file, JSON.stringify(found.map((c) => c.map(rel).sort()), null, 1) + '\n');
const fresh = found.filter((c) => !known.some((k) => c.every((f) => k.has(rel(f)))));
const scanned = (k) => [...k].some((f) => graph.has(path.resolve(repo, f)));
const gone = known.filter((k) => scanned(k) && !found.some((c) => c.some((f) => k.has(rel(f)))));
for (const k of gone) console.log(`check-cycles: a known cycle is cut, remove it from scripts/check-cycles.known.json: ${[...k].join(', ')}`);
if (fresh.length) {
  console.error(`check-cycles: ${fresh.length} new value-import cycle(s) in ${roots.join(', ')}:`);
  for (const c of fresh) console.error(`  ${c.length} files, e.g. ${example_cycle(c).map(rel).join(' -> ')}`);
  console.error('Cut them: move the shared piece down a layer, or pass a callback at registration (type-only imports do not count).');
  process.exit(1);
}
console.log(`check-cycles: ${graph.size} files, no new value-import cycles (${found.length} known left to cut)`);
