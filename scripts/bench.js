#!/usr/bin/env node
// `npm run bench`: runs every benchmark file and prints one JSON object with all their figures.
//
// How to add figures: put a file `bench/<area>.bench.ts` whose default export is
// a function (sync or async) returning a flat object of figures, e.g.
//
//   export default async function bench() {
//     return { pci_enumeration_ms: 1.8, pci_devices: 7 };
//   }
//
// Name keys with their unit (`_ms`, `_us`, `_per_sec`). Each file runs in its own
// Node process (with tsx, so TypeScript imports work), after the others, so one
// file's JIT state and garbage don't skew another's. Results are merged into one
// object in file-name order; a key that two files both report is kept from each
// as `<area>.<key>`. A file that throws or prints no result is listed under
// "errors" and the script exits non-zero, after printing everything else.
//
// Options: `node scripts/bench.js [FILTER]` runs only files whose name contains
// FILTER. Timings are wall-clock on whatever machine runs them: compare runs on
// the same machine only.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, basename } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const MARK = '@@KWB-BENCH-RESULT@@';
const filter = process.argv[2] ?? '';

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();

/** The child: imports the file, runs its default export and prints the result after a marker. */
const childSource = `
const file = process.argv[1];
const mod = await import(file);
const fn = mod.default ?? mod.bench;
if (typeof fn !== 'function') throw new Error('no default export function');
const result = await fn();
process.stdout.write('\\n${MARK}' + JSON.stringify(result) + '\\n');
`;

const results = {};
const owners = {};
const collided = new Set();
const errors = {};

for (const f of files) {
  const area = basename(f, '.bench.ts');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', childSource, pathToFileURL(join(benchDir, f)).href], {
    cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' },
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith(MARK));
  if (r.status !== 0 || !line) {
    errors[area] = (r.stderr || r.error?.message || `exit status ${r.status}`).trim().split('\n').slice(-5).join('\n');
    continue;
  }
  let figures;
  try { figures = JSON.parse(line.slice(MARK.length)); } catch (e) { errors[area] = `bad result: ${e.message}`; continue; }
  for (const [k, v] of Object.entries(figures)) {
    if (collided.has(k)) results[`${area}.${k}`] = v;
    else if (k in results) {
      // Two files report it: keep both, qualified by area.
      collided.add(k);
      results[`${owners[k]}.${k}`] = results[k];
      delete results[k];
      results[`${area}.${k}`] = v;
    } else {
      results[k] = v;
      owners[k] = area;
    }
  }
}

const out = { ...results, bench_files: files.map((f) => basename(f, '.bench.ts')) };
if (Object.keys(errors).length) out.errors = errors;
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
process.exitCode = Object.keys(errors).length ? 1 : 0;
