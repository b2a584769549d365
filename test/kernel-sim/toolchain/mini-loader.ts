// A minimal PIC module loader for tests: shared memory/table, __memory_base/__table_base, GOT.mem/GOT.func and stub env imports.
import { inspectKo, type KoInfo } from '../../../kernel-sim/toolchain/ko.ts';

export interface Loaded {
  instance: WebAssembly.Instance;
  ko: KoInfo;
  memory: WebAssembly.Memory;
  table: WebAssembly.Table;
  memoryBase: number;
  tableBase: number;
  stackPointer: WebAssembly.Global;
  bytes: () => Uint8Array;
  cstring: (addr: number) => string;
  u32: (addr: number) => number;
  setU32: (addr: number, v: number) => void;
}

type Fn = (...args: number[]) => number | void;

export function loadModule(wasm: Uint8Array, opts: {
  functions: Record<string, Fn>;
  data: Record<string, number>;
  memory?: WebAssembly.Memory;
  memoryBase?: number;
  stackTop?: number;
}): Loaded {
  const ko = inspectKo(wasm);
  const memory = opts.memory ?? new WebAssembly.Memory({ initial: 32 });
  const align = 2 ** ko.dylink.memoryAlignLog2;
  const memoryBase = Math.ceil((opts.memoryBase ?? 0x20000) / align) * align;
  const tableBase = 1;
  const table = new WebAssembly.Table({ initial: tableBase + ko.dylink.tableSize + 16, element: 'anyfunc' });
  const i32 = (v: number, mutable = false): WebAssembly.Global => new WebAssembly.Global({ value: 'i32', mutable }, v);
  const stackPointer = i32(opts.stackTop ?? 0x10000, true);
  const env: Record<string, unknown> = {
    memory, __indirect_function_table: table,
    __stack_pointer: stackPointer, __memory_base: i32(memoryBase), __table_base: i32(tableBase),
  };
  for (const f of ko.functions) {
    env[f] = opts.functions[f] ?? ((): never => { throw new Error(`unexpected call to ${f}`); });
  }
  const gotMem: Record<string, WebAssembly.Global> = {};
  for (const d of ko.dataSymbols) {
    if (opts.data[d] === undefined) throw new Error(`no address for kernel data ${d}`);
    gotMem[d] = i32(opts.data[d]!, true);
  }
  const gotFunc: Record<string, WebAssembly.Global> = {};
  for (const f of ko.functionPointers) gotFunc[f] = i32(0, true);
  const module = new WebAssembly.Module(wasm as BufferSource);
  const instance = new WebAssembly.Instance(module, { env, 'GOT.mem': gotMem, 'GOT.func': gotFunc } as WebAssembly.Imports);
  const ex = instance.exports as Record<string, unknown>;
  (ex.__wasm_apply_data_relocs as (() => void) | undefined)?.();
  (ex.__wasm_call_ctors as (() => void) | undefined)?.();
  const bytes = (): Uint8Array => new Uint8Array(memory.buffer);
  return {
    instance, ko, memory, table, memoryBase, tableBase, stackPointer, bytes,
    cstring: (addr) => { const b = bytes(); let e = addr; while (b[e]) e++; return new TextDecoder().decode(b.subarray(addr, e)); },
    u32: (addr) => new DataView(memory.buffer).getUint32(addr, true),
    setU32: (addr, v) => new DataView(memory.buffer).setUint32(addr, v, true),
  };
}

/** printk's formatting for the conversions the tests use; args come from the wasm32 varargs buffer. */
export function formatVarargs(l: Loaded, fmt: string, va: number): string {
  let p = va;
  const dv = new DataView(l.memory.buffer);
  return fmt.replace(/%(0?\d*)(l{0,2})([dusx%])/g, (_all, width: string, len: string, conv: string) => {
    if (conv === '%') return '%';
    let v: number | bigint;
    if (len === 'll') { p = Math.ceil(p / 8) * 8; v = dv.getBigInt64(p, true); p += 8; } else { v = dv.getInt32(p, true); p += 4; }
    const s = conv === 's' ? l.cstring(Number(v)) : conv === 'u' ? String(Number(v) >>> 0) : conv === 'x' ? (Number(v) >>> 0).toString(16) : String(v);
    return width.startsWith('0') ? s.padStart(Number(width), '0') : s;
  });
}
