// scripts/build.js without a full build: @yowasp/clang's glue patched to read its wasm directly and to reuse LLVM's memory between runs (same output), binaryen split from its embedded wasm, and a kwb whose sources do not bundle keeps running the previous bundle.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { scratchDirs } from '../fixtures/scratch.ts';
// @ts-expect-error: a plain ES module script without type declarations
import { BINARYEN_WASM, ensureCli, importPatchedYowasp, patchYowaspGlue, splitBinaryen } from '../../scripts/build.js';
import { yowaspBackend, type YowaspModule } from '../../kernel-sim/toolchain/clang.ts';
import { Toolchain, type BuildRequest } from '../../kernel-sim/toolchain/build.ts';
import { loadTree, useClangV8Flags } from '../../kernel-sim/host/kwb-build.ts';

const ROOT = join(import.meta.dirname, '../..');
const tmp = scratchDirs();
afterAll(tmp.cleanup);

/** The patched glue's prelude (its helpers) as functions, without the package. */
function preludeOf(names: string[]): Record<string, (...a: any[]) => any> {
  const source = readFileSync(join(ROOT, 'node_modules/@yowasp/clang/gen/bundle.js'), 'utf8');
  const prelude = (patchYowaspGlue(source) as string).split('\n').filter((l) => !l.startsWith('import ')).join('\n').split('var __defProp')[0]!;
  return new Function(`${prelude.replace('import.meta.resolve("@yowasp/clang")', '""')}; return { ${names.join(', ')} };`)() as Record<string, (...a: any[]) => any>;
}

/** (module (import "env" "f" (func)) (memory 1 10) (export "memory" (memory 0)) (data (i32.const 16) "hi")) */
const SMALL_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
  0x02, 0x09, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66, 0x00, 0x00,
  0x05, 0x04, 0x01, 0x01, 0x01, 0x0a,
  0x07, 0x0a, 0x01, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00,
  0x0b, 0x08, 0x01, 0x00, 0x41, 0x10, 0x0b, 0x02, 0x68, 0x69,
]);

describe('scripts/build.js', () => {
  it('patches the installed @yowasp/clang glue to read and compile its resources from its own folder', () => {
    const source = readFileSync(join(ROOT, 'node_modules/@yowasp/clang/gen/bundle.js'), 'utf8');
    const out = patchYowaspGlue(source) as string | null;
    expect(out).not.toBeNull();
    for (const wasm of ['llvm.core.wasm', 'llvm.core2.wasm', 'llvm.core3.wasm', 'llvm.core4.wasm']) expect(out).toContain(`__kwbCompile("${wasm}")`);
    // clang's 29 MB resource tar (libc++ and wasi-libc under /usr) is neither read nor unpacked: every run is -nostdinc.
    expect(out).not.toContain('llvm-resources.tar');
    expect(out).toMatch(/var filesystem = async \(fetch3\) => \(\{\n\}\);/);
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

  it('skips per-run rebuilding of the resource file system and the task bookkeeping of synchronous calls', () => {
    const out = patchYowaspGlue(readFileSync(join(ROOT, 'node_modules/@yowasp/clang/gen/bundle.js'), 'utf8')) as string;
    expect(out).toContain('environment.root.files[dirName] = __kwbResourceDirectory(dirContents);');
    expect(out).toContain('function startCurrentTask(componentIdx, isAsync, entryFnName) {\n    if (!__kwbJcoDebug) return 0;');
    expect(out).toContain('function endCurrentTask(componentIdx, taskId) {\n    if (!__kwbJcoDebug) return;');
    // Only while every call site is synchronous.
    const asyncCall = readFileSync(join(ROOT, 'node_modules/@yowasp/clang/gen/bundle.js'), 'utf8').replace('startCurrentTask(0, false, ', 'startCurrentTask(0, true, ');
    expect(patchYowaspGlue(asyncCall)).not.toContain('if (!__kwbJcoDebug) return 0;');
  });

  it('moves a module\'s memory to an import with the same limits, and hands a reused memory back zeroed over its initial size', () => {
    const { __kwbImportMemory, __kwbTakeMemory, __kwbGiveMemory } = preludeOf(['__kwbImportMemory', '__kwbTakeMemory', '__kwbGiveMemory']);
    expect(__kwbTakeMemory!()).toBeUndefined(); // nothing rewritten yet: the module keeps its own memory
    const rewritten = __kwbImportMemory!(SMALL_MODULE) as Uint8Array<ArrayBuffer>;
    const mod = new WebAssembly.Module(rewritten);
    expect(WebAssembly.Module.imports(mod)).toEqual([{ module: 'env', name: 'f', kind: 'function' }, { module: 'kwb', name: 'memory', kind: 'memory' }]);
    const memory = __kwbTakeMemory!() as WebAssembly.Memory;
    expect(memory.buffer.byteLength).toBe(65536);
    expect(() => memory.grow(10)).toThrow(); // maximum 10 pages, as declared
    const inst = new WebAssembly.Instance(mod, { env: { f: () => {} }, kwb: { memory } });
    expect(inst.exports.memory).toBe(memory);
    const bytes = new Uint8Array(memory.buffer);
    expect(new TextDecoder().decode(bytes.subarray(16, 18))).toBe('hi');
    bytes[100] = 7; // a run's bss
    memory.grow(2); // and heap past the initial size
    new Uint8Array(memory.buffer)[70000] = 9;
    __kwbGiveMemory!(memory);
    const again = __kwbTakeMemory!() as WebAssembly.Memory;
    expect(again).toBe(memory);
    expect(new Uint8Array(again.buffer).subarray(0, 65536).every((b) => b === 0)).toBe(true);
    expect(__kwbTakeMemory!()).not.toBe(memory); // in use: the next run gets its own
    // A module with no memory of its own is left alone.
    expect(__kwbImportMemory!(SMALL_MODULE.filter((_, i) => i < 25 || i > 30))).toBeNull();
  });

  it('rewrites the module in place when it is read after a slack, with the bytes a copy gets', () => {
    const { __kwbImportMemory } = preludeOf(['__kwbImportMemory']);
    const copied = __kwbImportMemory!(SMALL_MODULE) as Uint8Array;
    for (const slack of [64, 20]) {
      const read = new Uint8Array(slack + SMALL_MODULE.length);
      read.set(SMALL_MODULE, slack);
      const inPlace = __kwbImportMemory!(read, slack) as Uint8Array;
      expect(inPlace.buffer).toBe(read.buffer); // no second copy of LLVM's 75 MB while V8 compiles
      expect([...inPlace]).toEqual([...copied]);
    }
    // Only the sections before the memory section move: the bytes after it stay where they were read.
    const read = new Uint8Array(64 + SMALL_MODULE.length);
    read.set(SMALL_MODULE, 64);
    const inPlace = __kwbImportMemory!(read, 64) as Uint8Array;
    expect(inPlace.byteOffset + inPlace.length).toBe(read.length);
    expect(inPlace.byteOffset).toBe(64 + 6 - 15); // the memory section's 6 bytes gone, the import's 15 more
    // A slack too small for the larger import section: a new array, same bytes.
    const tight = new Uint8Array(4 + SMALL_MODULE.length);
    tight.set(SMALL_MODULE, 4);
    const fallback = __kwbImportMemory!(tight, 4) as Uint8Array;
    expect(fallback.buffer).not.toBe(tight.buffer);
    expect([...fallback]).toEqual([...copied]);
  });

  it('drops a memory grown past the pool\'s limit and, where the host exposes gc, schedules a collection', async () => {
    const { __kwbImportMemory, __kwbTakeMemory, __kwbGiveMemory } = preludeOf(['__kwbImportMemory', '__kwbTakeMemory', '__kwbGiveMemory']);
    __kwbImportMemory!(SMALL_MODULE);
    const calls: unknown[] = [];
    const g = globalThis as { gc?: unknown };
    const saved = g.gc;
    g.gc = (o: unknown) => { calls.push(o); };
    try {
      const small = __kwbTakeMemory!() as WebAssembly.Memory;
      __kwbGiveMemory!(small);
      await new Promise((r) => setTimeout(r, 5));
      expect(calls).toEqual([]); // pooled: nothing to collect
      expect(__kwbTakeMemory!()).toBe(small);
      const grown = new WebAssembly.Memory({ initial: 24 * 16 + 1 }); // as a run leaves it: 24 MB + 64 KiB
      __kwbGiveMemory!(grown);
      expect(__kwbTakeMemory!()).not.toBe(grown);
      expect(calls).toEqual([]); // not while the run that gave it back may still hold its instance
      await new Promise((r) => setTimeout(r, 5));
      expect(calls).toEqual([{ type: 'major', execution: 'async' }]);
    } finally {
      g.gc = saved;
    }
  });

  it('builds byte for byte what the shipped glue builds, run after run on a reused memory', async () => {
    useClangV8Flags();
    const include = loadTree(join(ROOT, 'resources/include'));
    const shipped = new Toolchain(yowaspBackend(), include);
    const patched = new Toolchain(yowaspBackend(undefined, importPatchedYowasp as () => Promise<YowaspModule>), include);
    const driver = (dir: string, names: string[]): BuildRequest => {
      const f = (n: string) => ({ path: `${dir}/${n}`, text: readFileSync(join(ROOT, 'test/fixtures/drivers', dir, n)) });
      return { mode: 'kernel', sources: [f(names[0]!)], extraFiles: names.slice(1).map(f) };
    };
    const hello = driver('hello', ['hello.c']), chardev = driver('chardev', ['kwbchar.c', 'kwbchar.h']);
    const expected = new Map<BuildRequest, Uint8Array>();
    for (const req of [hello, chardev]) {
      const r = await shipped.build(req);
      expect(r.ok, r.log).toBe(true);
      expected.set(req, r.wasm!);
    }
    // Ten runs: the memory is reused, and replaced once it has grown past the pool's limit.
    for (const req of [hello, chardev, hello, chardev, hello]) {
      const r = await patched.build(req);
      expect(r.ok, r.log).toBe(true);
      expect(Buffer.from(r.wasm!).equals(Buffer.from(expected.get(req)!))).toBe(true);
    }
  }, 300_000);

  it('splits binaryen into its JavaScript and its wasm, which instruments as the installed package does', async () => {
    const split = splitBinaryen(readFileSync(join(ROOT, 'node_modules/binaryen/index.js'), 'utf8')) as { js: string; wasm: Uint8Array } | null;
    expect(split).not.toBeNull();
    expect(split!.js.length).toBeLessThan(1 << 20); // the 14.7 MB literal is gone
    expect([...split!.wasm.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
    const dir = tmp.make('kwb-binaryen-split-');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'index.js'), split!.js);
    writeFileSync(join(dir, BINARYEN_WASM), split!.wasm);
    type B = typeof import('binaryen').default;
    const mine = (await import(pathToFileURL(join(dir, 'index.js')).href) as { default: B }).default;
    const theirs = (await import('binaryen')).default;
    const text = '(module (func $f (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))';
    const out = (b: B): Uint8Array => { const m = b.parseText(text); m.optimize(); const w = m.emitBinary(); m.dispose(); return w; };
    expect(Buffer.from(out(mine)).equals(Buffer.from(out(theirs)))).toBe(true);
    // Source it does not recognise is left alone (binaryen then stays external).
    expect(splitBinaryen('export default 1;')).toBeNull();
  }, 120_000);

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
