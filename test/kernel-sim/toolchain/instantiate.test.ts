// A built module instantiates as a PIC side module against shared memory and table; its params and init/exit run like insmod/rmmod.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeToolchain, buildDriver, REFERENCE } from './helpers.ts';
import { loadModule, formatVarargs, type Loaded } from './mini-loader.ts';
import { offsetOf } from '../../../kernel-sim/toolchain/layouts/access.ts';

let hello: Uint8Array;
beforeAll(async () => {
  const r = await buildDriver(makeToolchain(), 'hello');
  expect(r.ok).toBe(true);
  hello = r.wasm!;
});

const THIS_MODULE = 0x2000, OPS_CHARP = 0x3000, OPS_INT = 0x3010;

function loadHello(log: string[]): Loaded {
  const l: Loaded = loadModule(hello, {
    functions: { _printk: (fmt, va) => { const s = formatVarargs(l, l.cstring(fmt!), va!); log.push(s); return s.length; } },
    data: { __this_module: THIS_MODULE, param_ops_charp: OPS_CHARP, param_ops_int: OPS_INT },
  });
  return l;
}

describe('loading hello.ko', () => {
  it('imports memory, table, stack pointer and bases from env, kernel objects from GOT.mem', () => {
    const l = loadHello([]);
    const mod = new WebAssembly.Module(hello as BufferSource);
    const imports = WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name}:${i.kind}`);
    expect(imports).toEqual(expect.arrayContaining([
      'env.memory:memory', 'env.__indirect_function_table:table', 'env.__stack_pointer:global', 'env.__memory_base:global',
      'env.__table_base:global', 'env._printk:function', 'GOT.mem.__this_module:global',
    ]));
    expect(l.ko.dylink.memorySize).toBeGreaterThan(0);
    expect(l.memoryBase % 2 ** l.ko.dylink.memoryAlignLog2).toBe(0);
  });

  it('module_param data is a struct kernel_param at the exported offset, relocated to this memory base', () => {
    const l = loadHello([]);
    const who = l.ko.params.find((p) => p.name === 'who')!;
    const kp = l.memoryBase + who.offset;
    expect(l.cstring(l.u32(kp + offsetOf('kernel_param', 'name')))).toBe('who');
    expect(l.u32(kp + offsetOf('kernel_param', 'mod'))).toBe(THIS_MODULE);
    expect(l.u32(kp + offsetOf('kernel_param', 'ops'))).toBe(OPS_CHARP);
    expect(new DataView(l.memory.buffer).getUint16(kp + offsetOf('kernel_param', 'perm'), true)).toBe(0o444);
    const arg = l.u32(kp + offsetOf('kernel_param', 'arg'));
    expect(arg).toBeGreaterThanOrEqual(l.memoryBase);
    expect(l.cstring(l.u32(arg))).toBe('world');
    const times = l.ko.params.find((p) => p.name === 'times')!;
    const tp = l.memoryBase + times.offset;
    expect(l.u32(tp + offsetOf('kernel_param', 'ops'))).toBe(OPS_INT);
    expect(new DataView(l.memory.buffer).getUint16(tp + offsetOf('kernel_param', 'perm'), true)).toBe(0o644);
    expect(l.u32(l.u32(tp + offsetOf('kernel_param', 'arg')))).toBe(1);
  });

  it('init_module with who=anchor times=2 prints the lines real Linux printed; cleanup_module says goodbye', () => {
    const log: string[] = [];
    const l = loadHello(log);
    const argOf = (name: string): number => l.u32(l.memoryBase + l.ko.params.find((p) => p.name === name)!.offset + offsetOf('kernel_param', 'arg'));
    l.bytes().set(new TextEncoder().encode('anchor\0'), 0x4000);
    l.setU32(argOf('who'), 0x4000);
    l.setU32(argOf('times'), 2);
    const ex = l.instance.exports as { init_module: () => number; cleanup_module: () => void };
    expect(ex.init_module()).toBe(0);
    ex.cleanup_module();
    expect(log.every((s) => s.startsWith('\x016'))).toBe(true);
    const lines = log.map((s) => s.slice(2).replace(/\n$/, ''));
    const ref = readFileSync(new URL('dmesg-our-modules.txt', REFERENCE), 'utf8') + readFileSync(new URL('edu-rmmod.txt', REFERENCE), 'utf8');
    const refHello = [...ref.matchAll(/^\[[ \d.]+\] (hello: (?:hello|goodbye).*)$/gm)].map((m) => m[1]);
    expect(lines).toEqual(refHello);
    expect(lines).toEqual(['hello: hello, anchor (1/2)', 'hello: hello, anchor (2/2)', 'hello: goodbye, anchor']);
  });

  it('init_module rejects times out of range with -EINVAL', () => {
    const l = loadHello([]);
    const arg = l.u32(l.memoryBase + l.ko.params.find((p) => p.name === 'times')!.offset + offsetOf('kernel_param', 'arg'));
    l.setU32(arg, 1000);
    expect((l.instance.exports as { init_module: () => number }).init_module()).toBe(-22);
  });

  it('EXPORT_SYMBOL_GPL gives another module a callable table entry through __ksymtab_gpl_<sym>', async () => {
    const r = await buildDriver(makeToolchain(), 'apis');
    const l = loadModule(r.wasm!, {
      functions: { _raw_read_lock: () => {}, _raw_read_unlock: () => {} },
      data: { __this_module: 0x2000, jiffies: 0x2100, system_wq: 0x2104, param_ops_int: 0x3000, param_array_ops: 0x3010, param_ops_string: 0x3020, param_ops_bool: 0x3030 },
    });
    const sym = l.ko.ksymtab.find((k) => k.name === 'kwb_apis_sum_weights')!;
    const index = l.u32(l.memoryBase + sym.offset);
    expect(index).toBeGreaterThanOrEqual(l.tableBase);
    const fn = l.table.get(index) as () => number;
    expect(fn()).toBe(1 + 2 + 3 + 4);
  });
});
