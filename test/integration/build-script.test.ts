// scripts/build.js without a full build: @yowasp/clang's glue patched to read its wasm directly, and a kwb whose sources do not bundle keeps running the previous bundle.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDirs } from '../fixtures/scratch.ts';
// @ts-expect-error: a plain ES module script without type declarations
import { ensureCli, patchYowaspGlue } from '../../scripts/build.js';

const ROOT = join(import.meta.dirname, '../..');
const tmp = scratchDirs();
afterAll(tmp.cleanup);

describe('scripts/build.js', () => {
  it('patches the installed @yowasp/clang glue to read and compile its resources from its own folder', () => {
    const source = readFileSync(join(ROOT, 'node_modules/@yowasp/clang/gen/bundle.js'), 'utf8');
    const out = patchYowaspGlue(source) as string | null;
    expect(out).not.toBeNull();
    for (const wasm of ['llvm.core.wasm', 'llvm.core2.wasm', 'llvm.core3.wasm', 'llvm.core4.wasm']) expect(out).toContain(`__kwbCompile("${wasm}")`);
    expect(out).toContain('__kwbArrayBuffer("llvm-resources.tar")');
    // Nothing is fetched through Response streams any more, and every relative URL resolves in the package's folder.
    expect(out).not.toMatch(/fetch3\(new URL/);
    expect(out).not.toContain('import.meta.url');
    expect(out).toContain('import.meta.resolve("@yowasp/clang")');
    // No process.env lookup per WASI call, no whole-file copy per write.
    expect(out).not.toContain('globalThis?.process?.env?.JCO_DEBUG) {');
    expect(out).toContain('this.file.data = __kwbGrow(this.file.data, offset + contents.length);');
  });

  it('grows a written file geometrically, as a correct view, without touching arrays it did not allocate', async () => {
    const source = readFileSync(join(ROOT, 'node_modules/@yowasp/clang/gen/bundle.js'), 'utf8');
    const prelude = (patchYowaspGlue(source) as string).split('\n').filter((l) => !l.startsWith('import ')).join('\n').split('var __defProp')[0]!;
    const grow = new Function(`${prelude.replace('import.meta.resolve("@yowasp/clang")', '""')}; return __kwbGrow;`)() as (d: Uint8Array, end: number) => Uint8Array;
    const input = new Uint8Array(new ArrayBuffer(16), 4, 4).fill(7);
    const a = grow(input, 6);
    expect(a.length).toBe(6);
    expect(a.buffer).not.toBe(input.buffer);
    expect([...a.subarray(0, 4)]).toEqual([7, 7, 7, 7]);
    a.set([1, 2], 4);
    const b = grow(a, 1000);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(1000);
    expect([...b.subarray(0, 6)]).toEqual([7, 7, 7, 7, 1, 2]);
    expect(grow(b, 10).length).toBe(1000);
  });

  it('leaves glue it does not recognise alone (the package then loads as it ships)', () => {
    expect(patchYowaspGlue('export const runLLVM = () => fetch(new URL("./llvm.wasm", import.meta.url));')).toBeNull();
  });

  it('runs the previous CLI bundle when the sources no longer bundle, and says why', async () => {
    const dir = tmp.make('kwb-cli-fallback-');
    mkdirSync(join(dir, 'v1'));
    writeFileSync(join(dir, 'v1', 'kwb.js'), 'export async function main() { return 0; }\n');
    // Built long ago from a file that changed since: stale.
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 'v1', entry: 'v1/kwb.js', built: 0, inputs: ['package.json'] }));
    const failing = async (): Promise<never> => { throw new Error('Build failed with 1 error:\nkernel-sim/x.ts:1:1: ERROR: Could not resolve "./y.ts"'); };
    const m = await ensureCli({ dir, rebuild: failing }) as { entry: string; rebuilt: boolean; staleError?: string };
    expect(m.entry).toBe('v1/kwb.js');
    expect(m.rebuilt).toBe(false);
    expect(m.staleError).toMatch(/Could not resolve "\.\/y\.ts"/);
    // With no previous bundle there is nothing to fall back to: the error is the caller's.
    await expect(ensureCli({ dir: join(dir, 'none'), rebuild: failing })).rejects.toThrow(/Could not resolve/);
  });
});
