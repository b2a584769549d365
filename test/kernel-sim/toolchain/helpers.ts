// Shared setup for toolchain tests: one warm Toolchain per test file, fixture paths, reference files.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Toolchain, type BuildResult } from '../../../kernel-sim/toolchain/build.ts';
import { yowaspBackend } from '../../../kernel-sim/toolchain/clang.ts';
import { loadTree } from '../../../kernel-sim/host/kwb-build.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const INCLUDE = join(ROOT, 'resources/include');
export { REFERENCE } from '../../fixtures/reference.ts';

export function makeToolchain(): Toolchain {
  return new Toolchain(yowaspBackend(), loadTree(INCLUDE));
}

/** Builds a fixture driver directory (every .c in it) as a kernel module, with its headers. */
export async function buildDriver(tc: Toolchain, dir: string, defines: string[] = []): Promise<BuildResult> {
  const abs = join(ROOT, 'test/fixtures/drivers', dir);
  const names = readdirSync(abs);
  const rel = (n: string): string => `test/fixtures/drivers/${dir}/${n}`;
  const flags = kbuildFlags(abs, `test/fixtures/drivers/${dir}`);
  return tc.build({
    mode: 'kernel',
    sources: names.filter((n) => n.endsWith('.c')).map((n) => ({ path: rel(n), text: readFileSync(join(abs, n)) })),
    extraFiles: names.filter((n) => n.endsWith('.h')).map((n) => ({ path: rel(n), text: readFileSync(join(abs, n)) })),
    defines: [...defines, ...flags.defines],
    ...(flags.includeDirs.length ? { includeDirs: flags.includeDirs } : {}),
  });
}

/** A fixture's `ccflags-y` from its Kbuild or Makefile, as kbuild passes them: -I$(src)[/sub] and -DNAME[=value]. */
function kbuildFlags(abs: string, src: string): { includeDirs: string[]; defines: string[] } {
  const out = { includeDirs: [] as string[], defines: [] as string[] };
  for (const f of ['Kbuild', 'Makefile']) {
    let text: string;
    try { text = readFileSync(join(abs, f), 'utf8'); } catch { continue; }
    for (const m of text.matchAll(/^\s*ccflags-y\s*[:+]?=\s*(.*)$/gm)) {
      for (const flag of m[1]!.split(/\s+/)) {
        if (flag.startsWith('-I$(src)')) out.includeDirs.push(src + flag.slice('-I$(src)'.length));
        else if (flag.startsWith('-D')) out.defines.push(flag.slice(2));
      }
    }
    break;
  }
  return out;
}

export function buildSource(tc: Toolchain, path: string, text: string, mode: 'kernel' | 'user' = 'kernel'): Promise<BuildResult> {
  return tc.build({ mode, sources: [{ path, text }] });
}
