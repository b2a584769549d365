// Precompiled preambles: a source's leading #include <...>/#define lines are compiled once into a PCH, and builds with it give the bytes and diagnostics builds without it give.
import { describe, expect, it } from 'vitest';
import { preambleOf } from '../../../kernel-sim/toolchain/preamble.ts';
import { Toolchain, type BuildRequest } from '../../../kernel-sim/toolchain/build.ts';
import { yowaspBackend, type YowaspModule } from '../../../kernel-sim/toolchain/clang.ts';
import { loadTree } from '../../../kernel-sim/host/kwb-build.ts';
import { INCLUDE, buildDriver } from './helpers.ts';

describe('preambleOf', () => {
  it('takes the leading includes, with the comments and one-line defines among them', () => {
    const text = '// SPDX\n/*\n * a driver\n */\n#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt\n\n#include <linux/module.h>\n#include <linux/pci.h> /* bus */\n#include "mine.h"\n#include <linux/fs.h>\nint x;\n';
    expect(preambleOf(text)).toBe(text.split('\n').slice(0, 8).join('\n') + '\n');
  });

  it('stops at a conditional, a continued define or code, and is empty without a leading include', () => {
    expect(preambleOf('#include <a.h>\n#ifdef X\n#include <b.h>\n#endif\n')).toBe('#include <a.h>\n');
    expect(preambleOf('#include <a.h>\n#define LONG(x) \\\n  (x)\n#include <b.h>\n')).toBe('#include <a.h>\n');
    expect(preambleOf('#include <a.h>\n/* note */ int y;\n#include <b.h>\n')).toBe('#include <a.h>\n');
    expect(preambleOf('int main(void) { return 0; }\n')).toBe('');
    expect(preambleOf('#include "local.h"\n#include <a.h>\n')).toBe('');
  });
});

/** @yowasp/clang with its LLVM runs that precompile a preamble (cc1 -emit-pch) counted. */
function counting(): { load: () => Promise<YowaspModule>; pchRuns: () => number } {
  let n = 0;
  return {
    load: async () => {
      const m = await import('@yowasp/clang');
      return { ...m, runLLVM: ((argv, ...rest) => { if (argv?.includes('-emit-pch')) n++; return m.runLLVM(argv, ...rest); }) as YowaspModule['runLLVM'] };
    },
    pchRuns: () => n,
  };
}

describe('precompiled preambles', () => {
  const include = loadTree(INCLUDE);
  const withPch = new Toolchain(yowaspBackend(), include);
  const without = new Toolchain(yowaspBackend(undefined, undefined, { preambles: false }), include);
  const source = (text: string): BuildRequest => ({ mode: 'kernel', sources: [{ path: 'pre.c', text }] });

  it('builds the fixtures byte for byte as without, again and again', { timeout: 300_000 }, async () => {
    for (const dir of ['hello', 'chardev', 'edu']) {
      const expected = await buildDriver(without, dir);
      expect(expected.ok, expected.log).toBe(true);
      // The first build precompiles nothing, the second makes the PCH, the third reuses it.
      for (let i = 0; i < 3; i++) {
        const r = await buildDriver(withPch, dir);
        expect(r.ok, r.log).toBe(true);
        expect(r.log).toBe(expected.log);
        expect(Buffer.from(r.wasm!).equals(Buffer.from(expected.wasm!)), `${dir} build ${i + 1}`).toBe(true);
      }
    }
  });

  it('reports an error after the preamble at the same line and column, and a warning inside it as without', { timeout: 300_000 }, async () => {
    const broken = '#define pr_fmt(fmt) "x: " fmt\n#include <linux/module.h>\n#include <linux/init.h>\n\nstatic int __init f(void)\n{\n\treturn undeclared;\n}\nmodule_init(f);\nMODULE_LICENSE("GPL");\n';
    // KERN_INFO redefined: the warning comes from the preamble itself, so that one is compiled without a PCH.
    const warns = '#include <linux/module.h>\n#define KERN_INFO "6"\n#include <linux/init.h>\nMODULE_LICENSE("GPL");\n';
    for (const text of [broken, warns]) {
      const a = await without.build(source(text)), b = await withPch.build(source(text));
      expect(b.ok).toBe(a.ok);
      expect(b.diagnostics).toEqual(a.diagnostics);
      expect(b.diagnostics.length).toBeGreaterThan(0);
    }
    const errors = (await withPch.build(source(broken))).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.line, d.column])).toEqual([[7, 9]]);
  });

  it('precompiles a preamble when it comes a second time, once for every later build that starts with it', { timeout: 300_000 }, async () => {
    const c = counting();
    const tc = new Toolchain(yowaspBackend(undefined, c.load), include);
    const body = (n: number): string => `#include <linux/module.h>\n#include <linux/kernel.h>\nstatic int __init f(void) { pr_info("%d\\n", ${n}); return 0; }\nmodule_init(f);\nMODULE_LICENSE("GPL");\n`;
    expect((await tc.build(source(body(1)))).ok).toBe(true);
    expect(c.pchRuns()).toBe(0); // a file built once gets no PCH
    for (const n of [2, 3, 4]) expect((await tc.build(source(body(n)))).ok).toBe(true);
    expect(c.pchRuns()).toBe(1);
    // Another preamble (one more header) is precompiled anew, on its second build.
    const other = (n: number): BuildRequest => source(`#include <linux/slab.h>\n${body(n)}`);
    for (const n of [5, 6]) expect((await tc.build(other(n))).ok).toBe(true);
    expect(c.pchRuns()).toBe(2);
  });
});
