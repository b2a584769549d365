// The compile flags that only save cc1 work (flags.ts SPEED_FLAGS) leave every byte of a module and of a user program (with the libc's loops) as clang builds them without.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Toolchain } from '../../../kernel-sim/toolchain/build.ts';
import { yowaspBackend, type ClangBackend } from '../../../kernel-sim/toolchain/clang.ts';
import { SPEED_FLAGS } from '../../../kernel-sim/toolchain/flags.ts';
import { loadTree } from '../../../kernel-sim/host/kwb-build.ts';
import { INCLUDE, ROOT, buildDriver } from './helpers.ts';

/** A backend that counts the compiles it saw with the speed flags, and (strip) runs them without. */
function backend(strip: boolean): ClangBackend & { withFlags: () => number } {
  const inner = yowaspBackend(undefined, undefined, { preambles: false });
  let n = 0;
  return {
    clang: (args, files) => {
      if (SPEED_FLAGS.every((f) => args.includes(f))) n++;
      return inner.clang(strip ? args.filter((a) => !SPEED_FLAGS.includes(a)) : args, files);
    },
    llvm: inner.llvm,
    withFlags: () => n,
  };
}

describe('speed flags', () => {
  const include = loadTree(INCLUDE);
  const fast = backend(false), plain = backend(true);
  const withFlags = new Toolchain(fast, include), without = new Toolchain(plain, include);

  it('build the drivers byte for byte as without them', { timeout: 300_000 }, async () => {
    // edu and kfifo-demo have the loops a vectorizer looks at; apis calls across many headers.
    for (const dir of ['edu', 'kfifo-demo', 'apis']) {
      const a = await buildDriver(without, dir), b = await buildDriver(withFlags, dir);
      expect(a.ok, a.log).toBe(true);
      expect(b.log).toBe(a.log);
      expect(Buffer.from(b.wasm!).equals(Buffer.from(a.wasm!)), dir).toBe(true);
    }
    expect(fast.withFlags()).toBeGreaterThanOrEqual(3);
  });

  it('build a user program and the libc byte for byte as without them', { timeout: 300_000 }, async () => {
    const p = 'test/fixtures/user/edu-test.c', h = 'test/fixtures/drivers/edu/edu.h';
    const req = { mode: 'user' as const, sources: [{ path: p, text: readFileSync(join(ROOT, p)) }], extraFiles: [{ path: h, text: readFileSync(join(ROOT, h)) }] };
    const before = fast.withFlags();
    const a = await without.build(req), b = await withFlags.build(req);
    expect(a.ok, a.log).toBe(true);
    expect(Buffer.from(b.wasm!).equals(Buffer.from(a.wasm!))).toBe(true);
    // The program and every libc file went through cc1 with the flags.
    expect(fast.withFlags() - before).toBeGreaterThan(2);
  });
});
