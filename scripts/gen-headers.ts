// Writes the struct bodies in resources/include and kernel-sim/toolchain/layouts/offsets.generated.ts from the layout data (--check: only verify).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planGeneratedFiles } from '../kernel-sim/toolchain/layouts/generate.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const files = planGeneratedFiles((rel) => readFileSync(join(root, 'resources/include', rel), 'utf8'));
let stale = 0;
for (const f of files) {
  const p = join(root, f.path);
  let cur = '';
  try { cur = readFileSync(p, 'utf8'); } catch { /* new file */ }
  if (cur === f.text) continue;
  stale++;
  if (check) console.error(`stale: ${f.path}`);
  else { writeFileSync(p, f.text); console.log(`wrote ${f.path}`); }
}
if (check && stale) { console.error('run: npx tsx scripts/gen-headers.ts'); process.exit(1); }
