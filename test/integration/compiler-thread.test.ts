// The compiled hosts build on a compiler thread of their own (kernel-sim/host/compiler-thread.ts): bundled as dist/host bundles it, it builds what the toolchain builds in-process, and ends when asked.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: a plain ES module script without type declarations
import { buildHosts } from '../../scripts/build.js';
import { getToolchain, SYMVERS_FILE } from '../../kernel-sim/host/kwb-build.ts';
import { vmlinux } from '../../kernel-sim/Kbuild.ts';
import { write_dump } from '../../kernel-sim/kernel/module/symvers.ts';
import type { BuildRequest, BuildResult } from '../../kernel-sim/toolchain/build.ts';
import { parseSections } from '../../kernel-sim/toolchain/wasm/sections.ts';

const ROOT = join(import.meta.dirname, '../..');
/**
 * What clang and wasm-ld made: the .ko's copy of the linked module (kwb.orig). The instrumented code around it is not
 * compared: binaryen's log-execution pass numbers its calls from a counter that lives as long as the process does.
 */
function linked(ko: Uint8Array): Buffer {
  const s = parseSections(ko).find((x) => x.id === 0 && x.name === 'kwb.orig')!;
  return Buffer.from(ko.subarray(s.headerStart, s.end));
}

const made: string[] = [];
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

type ThreadModule = {
  compilerThreadAvailable(): boolean;
  compilerThread(): { build(req: BuildRequest): Promise<BuildResult> };
  stopCompilerThread(): Promise<void>;
};

describe('compiler thread', () => {
  it('builds on its own thread what the toolchain builds in-process, and ends when asked', { timeout: 300_000 }, async () => {
    // Inside the checkout, as dist/host is: the bundle finds node_modules (clang, binaryen) and resources/ from there.
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'dist', '.test-compiler-thread-'));
    made.push(dir);
    await buildHosts({
      outdir: dir,
      entryPoints: { 'compiler-thread': join(ROOT, 'kernel-sim/host/compiler-thread.ts'), 'compiler-worker': join(ROOT, 'kernel-sim/host/compiler-worker.ts') },
    });
    // The thread checks modules against the kernel's Module.symvers beside it (it never links the kernel).
    expect(readFileSync(join(dir, SYMVERS_FILE), 'utf8')).toBe(write_dump(vmlinux.ksymtab));
    const t = await import(pathToFileURL(join(dir, 'compiler-thread.js')).href) as ThreadModule;
    expect(t.compilerThreadAvailable()).toBe(true);
    const f = (n: string) => ({ path: `chardev/${n}`, text: readFileSync(join(ROOT, 'test/fixtures/drivers/chardev', n)) });
    const req: BuildRequest = { mode: 'kernel', sources: [f('kwbchar.c')], extraFiles: [f('kwbchar.h')] };
    const [threaded, broken] = await Promise.all([
      t.compilerThread().build(req),
      // Builds queue on the one clang; a failing one comes back as a result, as in-process.
      t.compilerThread().build({ mode: 'kernel', sources: [{ path: 'broken.c', text: 'int f(void) { return undeclared; }\n' }] }),
    ]);
    const local = await getToolchain().build(req);
    expect(threaded.ok, threaded.log).toBe(true);
    expect(threaded.wasm!.length).toBe(local.wasm!.length);
    expect(linked(threaded.wasm!).equals(linked(local.wasm!))).toBe(true);
    expect(threaded.modinfo).toEqual(local.modinfo);
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics[0]).toMatchObject({ file: 'broken.c', line: 1, severity: 'error' });
    await t.stopCompilerThread();
    // A thread that has ended is replaced by the next build.
    const again = await t.compilerThread().build(req);
    expect(linked(again.wasm!).equals(linked(local.wasm!))).toBe(true);
    await t.stopCompilerThread();
  });

  it('is not used from the TypeScript sources (tests build in their own thread)', async () => {
    const t = await import('../../kernel-sim/host/compiler-thread.ts') as ThreadModule;
    expect(t.compilerThreadAvailable()).toBe(false);
  });
});
