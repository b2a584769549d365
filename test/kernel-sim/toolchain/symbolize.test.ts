// Code locations map to Linux-style "func+0xOFF/0xSIZE" and to the learner's file:line, from a real trap's stack.
import { describe, it, expect, beforeAll } from 'vitest';
import { makeToolchain, buildSource } from './helpers.ts';
import { loadModule } from './mini-loader.ts';
import { Symbolizer } from '../../../kernel-sim/toolchain/symbolize.ts';
import { asyncify } from '../../../kernel-sim/toolchain/asyncify.ts';

const SRC = `#include <linux/module.h>
#include <linux/kernel.h>

static int depth = 3;
module_param(depth, int, 0444);

static noinline int crash_here(int x)
{
	if (x > 2)
		__builtin_trap();
	return x * 2;
}

static int __init crash_init(void)
{
	pr_info("about to crash\\n");
	return crash_here(depth);
}
module_init(crash_init);
MODULE_LICENSE("GPL");
`;

let wasm: Uint8Array;
let sym: Symbolizer;
beforeAll(async () => {
  const r = await buildSource(makeToolchain(), 'labs/oops/crash.c', SRC);
  expect(r.diagnostics).toEqual([]);
  wasm = r.wasm!;
  sym = new Symbolizer(wasm);
});

describe('symbolizer', () => {
  it('names each function and gives func+off/size inside it', () => {
    const crash = [...sym.info.functionNames].find(([, n]) => n === 'crash_here')![0];
    const body = sym.body(crash)!;
    const f = sym.symbolize(crash, 5);
    expect(f.name).toBe('crash_here');
    expect(f.size).toBe(body.end - body.start);
    expect(f.text).toBe(`crash_here+0x5/0x${f.size.toString(16)}`);
    expect(sym.symbolizeModuleOffset(body.start + 5)).toEqual(f);
    expect(sym.symbolizeModuleOffset(0)).toBeUndefined();
  });

  it('maps DWARF rows of a source line back to that line in the right function', () => {
    const at = sym.addressesOfLine('crash.c', 16);
    expect(at.length).toBeGreaterThan(0);
    const f = sym.symbolize(at[0]!.funcIndex, at[0]!.offset);
    expect(f).toMatchObject({ name: 'crash_init', file: 'labs/oops/crash.c', line: 16 });
  });

  function trapFrames(module: Uint8Array, s: Symbolizer): ReturnType<Symbolizer['symbolize']>[] {
    const l = loadModule(module, { functions: { _printk: () => 0 }, data: { __this_module: 0x2000, param_ops_int: 0x3000 } });
    let stack = '';
    try {
      (l.instance.exports as { init_module: () => number }).init_module();
    } catch (e) {
      stack = (e as Error).stack ?? '';
    }
    return [...stack.matchAll(/wasm-function\[(\d+)\]:0x([0-9a-f]+)/g)].map((m) => s.symbolizeModuleOffset(parseInt(m[2]!, 16))!);
  }

  it('after asyncify (DWARF dropped), lines come back by matching instructions in the original module', async () => {
    const asyncified = await asyncify(wasm, { imports: ['env._printk'] });
    expect(WebAssembly.Module.exports(new WebAssembly.Module(asyncified as BufferSource)).map((e) => e.name)).toContain('asyncify_start_unwind');
    expect(WebAssembly.Module.customSections(new WebAssembly.Module(asyncified as BufferSource), '.debug_line')).toEqual([]);
    expect(WebAssembly.Module.customSections(new WebAssembly.Module(wasm as BufferSource), '.debug_line').length).toBe(1);
    const plainSym = new Symbolizer(asyncified);
    const frames = trapFrames(asyncified, plainSym);
    expect(frames[0]).toMatchObject({ name: 'crash_here' });
    expect(frames[0]!.line).toBeUndefined();
    const mapped = trapFrames(asyncified, new Symbolizer(asyncified, { linesFrom: wasm }));
    expect(mapped[0]).toMatchObject({ name: 'crash_here', file: 'labs/oops/crash.c', line: 10 });
    expect(mapped[1]).toMatchObject({ name: 'crash_init', file: 'labs/oops/crash.c', line: 17 });
  });

  it('symbolizes the frames of a real trap to crash_here at crash.c:10 called from crash_init', () => {
    const l = loadModule(wasm, { functions: { _printk: () => 0 }, data: { __this_module: 0x2000, param_ops_int: 0x3000 } });
    let stack = '';
    try {
      (l.instance.exports as { init_module: () => number }).init_module();
    } catch (e) {
      expect(e).toBeInstanceOf(WebAssembly.RuntimeError);
      stack = (e as Error).stack ?? '';
    }
    const frames = [...stack.matchAll(/wasm-function\[(\d+)\]:0x([0-9a-f]+)/g)].map((m) => sym.symbolizeModuleOffset(parseInt(m[2]!, 16))!);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames[0]).toMatchObject({ name: 'crash_here', file: 'labs/oops/crash.c', line: 10 });
    expect(frames[0]!.text).toMatch(/^crash_here\+0x[0-9a-f]+\/0x[0-9a-f]+$/);
    expect(frames[1]).toMatchObject({ name: 'crash_init', file: 'labs/oops/crash.c', line: 17 });
  });
});
