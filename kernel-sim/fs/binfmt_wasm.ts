// Models a binfmt handler (like linux/fs/binfmt_elf.c) for user programs compiled from C (`kwb build --user`): wasm32 executables whose one import is the system call.
//
// The program keeps its own linear memory (the process's address space: uaccess copies in and out of it). Every
// system call enters do_syscall_64; one that sleeps (a read() on an empty device) unwinds the program's wasm stack
// with asyncify (the toolchain builds programs that way) and rewinds it once the call completes.
import type { KGen, UserEntry } from '../include/linux/sched.ts';
import type { mm_struct } from '../include/linux/mm_types.ts';
import { PAGE_SIZE, VM_READ, VM_WRITE } from '../include/linux/mm_types.ts';
import { ENOEXEC, ENOMEM } from '../include/uapi/asm-generic/errno.ts';
import { register_binfmt, type linux_binfmt } from './exec.ts';
import { do_syscall_64 } from '../arch/x86/entry/common.ts';
import { readModuleInfo } from '../toolchain/wasm/module-info.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const ASYNC_UNWINDING = 1, ASYNC_REWINDING = 2;
const ASYNC_BUF = 64 * 1024;
const MAX_PAGES = 4096;

interface prog_exports {
  memory: WebAssembly.Memory;
  _start(): void;
  asyncify_start_unwind?(p: number): void;
  asyncify_stop_unwind?(): void;
  asyncify_start_rewind?(p: number): void;
  asyncify_stop_rewind?(): void;
  asyncify_get_state?(): number;
}

/** Is this a user program (an executable importing env.__syscall), not a module? */
function is_user_program(b: Uint8Array): boolean {
  if (b.length < 8 || WASM_MAGIC.some((x, i) => b[i] !== x)) return false;
  try {
    const info = readModuleInfo(b);
    if (info.sections.some((s) => s.id === 0 && s.name === 'dylink.0')) return false;
    return info.imports.some((i) => i.module === 'env' && i.name === '__syscall') && info.exports.some((e) => e.name === '_start');
  } catch {
    return false;
  }
}

function wasm_mm(memory: WebAssembly.Memory): mm_struct {
  let view = new Uint8Array(memory.buffer);
  const mm: mm_struct = {
    memory: () => (view.buffer === memory.buffer ? view : (view = new Uint8Array(memory.buffer))),
    grow: (bytes: number) => {
      const have = memory.buffer.byteLength;
      if (bytes <= have) return true;
      const pages = Math.ceil((bytes - have) / 65536);
      if (have / 65536 + pages > MAX_PAGES) return false;
      try { memory.grow(pages); return true; } catch { return false; }
    },
    mmap: [], start_code: 0, end_code: 0, start_data: 1024, end_data: 1024, start_brk: PAGE_SIZE, brk: PAGE_SIZE,
    start_stack: memory.buffer.byteLength, arg_start: 0, arg_end: 0, env_start: 0, env_end: 0, users: 1, kind: 'wasm',
  };
  mm.mmap.push({ vm_start: 0, vm_end: memory.buffer.byteLength, vm_flags: VM_READ | VM_WRITE, vm_pgoff: 0, vm_name: '[heap]' });
  return mm;
}

/** Runs the program: _start, with every sleeping system call unwinding and rewinding the wasm stack. */
function program_entry(module: WebAssembly.Module, argv: string[], box: { mm: mm_struct | null }): UserEntry {
  return function* (): KGen<number> {
    let pending: KGen<number> | null = null;
    let result = 0;
    let buf = 0;
    const holder: { ex: prog_exports | null } = { ex: null };
    const x = (): prog_exports => holder.ex!;
    const enc = new TextEncoder();
    const imports = {
      env: {
        __syscall: (n: number, a1: number, a2: number, a3: number, a4: number, a5: number, a6: number): number => {
          if (x().asyncify_get_state?.() === ASYNC_REWINDING) { x().asyncify_stop_rewind!(); return result; }
          const g = do_syscall_64(n, a1, a2, a3, a4, a5, a6);
          const first = g.next();
          if (first.done) return first.value;
          if (!x().asyncify_start_unwind) throw new Error('a sleeping system call in a program built without asyncify');
          pending = g;
          const dv = new DataView(x().memory.buffer);
          dv.setUint32(buf, buf + 8, true);
          dv.setUint32(buf + 4, buf + ASYNC_BUF, true);
          x().asyncify_start_unwind!(buf);
          return 0;
        },
        __kwb_argv: (p: number, size: number): number => {
          const bytes = enc.encode(argv.map((a) => `${a}\0`).join(''));
          if (bytes.length > size) return -bytes.length;
          new Uint8Array(x().memory.buffer).set(bytes, p);
          return argv.length;
        },
      },
    };
    const instance = new WebAssembly.Instance(module, imports as WebAssembly.Imports);
    holder.ex = instance.exports as unknown as prog_exports;
    const mm = box.mm!;
    // The process's address space is the instance's memory from now on.
    mm.memory = (): Uint8Array => new Uint8Array(x().memory.buffer);
    mm.grow = (bytes: number): boolean => {
      const have = x().memory.buffer.byteLength;
      if (bytes <= have) return true;
      const pages = Math.ceil((bytes - have) / 65536);
      if (have / 65536 + pages > MAX_PAGES) return false;
      try { x().memory.grow(pages); return true; } catch { return false; }
    };
    const base = x().memory.buffer.byteLength;
    if (!mm.grow(base + ASYNC_BUF)) return 127;
    buf = base;
    x()._start();
    while (x().asyncify_get_state?.() === ASYNC_UNWINDING) {
      x().asyncify_stop_unwind!();
      const g: KGen<number> = pending!;
      pending = null;
      let step: IteratorResult<void, number>;
      do { yield; step = g.next(); } while (!step.done);
      result = step.value;
      x().asyncify_start_rewind!(buf);
      x()._start();
    }
    return 0;
  };
}

const wasm_format: linux_binfmt = {
  name: 'wasm',
  load_binary: function* (bprm) {
    if (!is_user_program(bprm.buf)) return -ENOEXEC;
    let module: WebAssembly.Module;
    try { module = new WebAssembly.Module(bprm.buf as unknown as ArrayBuffer); } catch { return -ENOEXEC; }
    // The program's memory exists once it is instantiated (at entry); until then the mm is a placeholder of one page.
    const placeholder = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES });
    const box: { mm: mm_struct | null } = { mm: null };
    const mm = wasm_mm(placeholder);
    box.mm = mm;
    if (!mm) return -ENOMEM;
    yield* (function* (): KGen<void> { /* nothing to wait for */ })();
    return { mm, entry: program_entry(module, bprm.argv, box) };
  },
};

export function init_wasm_binfmt(): number {
  register_binfmt(wasm_format);
  return 0;
}

export const initcalls: initcall_entry[] = [['fs', 'init_wasm_binfmt', init_wasm_binfmt, 1_000]];
