// Models a binfmt handler (like linux/fs/binfmt_elf.c) for user programs compiled from C (`kwb build --user`): wasm32 executables whose one import is the system call.
//
// The program keeps its own linear memory (the process's address space: uaccess copies in and out of it). Every
// system call enters do_syscall_64; one that sleeps (a read() on an empty device) unwinds the program's wasm stack
// with asyncify (the toolchain builds programs that way) and rewinds it once the call completes.
//
// fork() copies the running program as Linux copies a process: the call first unwinds the wasm stack into the
// program's own memory (asyncify's buffer lives there), so the address space dup_mm copies holds the whole call
// chain; the child is a new instance of the same module given that copy and the parent's __stack_pointer, and both
// rewind into the call, the parent returning the child's pid and the child 0. Globals other than __stack_pointer are
// asyncify's own (set by the rewind); tables are the module's and never change. CLONE_VM cannot be copied this way
// (a second instance cannot share a non-shared memory): such a clone stays ENOSYS.
import type { KGen, UserEntry } from '../include/linux/sched.ts';
import type { mm_struct } from '../include/linux/mm_types.ts';
import { PAGE_SIZE, VM_READ, VM_WRITE } from '../include/linux/mm_types.ts';
import { ENOEXEC, ENOMEM, ENOSYS } from '../include/uapi/asm-generic/errno.ts';
import { register_binfmt, type linux_binfmt } from './exec.ts';
import { do_syscall_64 } from '../arch/x86/entry/common.ts';
import { readModuleInfo } from '../toolchain/wasm/module-info.ts';
import { current } from '../kernel/sched/core.ts';
import { RLIMIT_STACK } from '../include/uapi/resource.ts';
import { SIGSEGV } from '../include/uapi/signal.ts';
import { wasm_trap_signal, user_fault } from '../arch/x86/kernel/traps.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const ASYNC_UNWINDING = 1, ASYNC_REWINDING = 2;
const ASYNC_BUF = 64 * 1024;
const MAX_PAGES = 4096;

interface prog_exports {
  memory: WebAssembly.Memory;
  __stack_pointer?: WebAssembly.Global;
  __heap_base?: WebAssembly.Global;
  _start(): void;
  /** The program's function table (wasm-ld --export-table): C function pointers, signal handlers among them, index it. */
  __indirect_function_table?: WebAssembly.Table;
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

const SYS_clone = 56, SYS_fork = 57, SYS_vfork = 58, SYS_clone3 = 435;
const CLONE_VM = 0x00000100;

/** Where a forked copy resumes: the unwound call chain at `buf` in the copied memory, and the stack pointer then. */
interface fork_point { sp: number; buf: number }

/** fork, vfork, and clone/clone3 without CLONE_VM: calls that make a copy of this program. */
function copies_program(ex: prog_exports, n: number, a1: number): boolean {
  if (n === SYS_fork || n === SYS_vfork) return true;
  if (n === SYS_clone) return (a1 & CLONE_VM) === 0;
  if (n !== SYS_clone3) return false;
  const mem = ex.memory.buffer;
  // struct clone_args begins with its u64 flags; a bad pointer is left to clone3 itself (EFAULT).
  return a1 >>> 0 <= mem.byteLength - 8 && (new DataView(mem).getUint32(a1 >>> 0, true) & CLONE_VM) === 0;
}

/**
 * The fork itself, run once the parent's stack is unwound: the child's entry is a copy of this program resuming at
 * the same call, handed to the clone system call the way the libc hands its clone_entry.
 */
function* wasm_fork(module: WebAssembly.Module, argv: string[], ex: prog_exports, buf: number, n: number, args: number[]): KGen<number> {
  const t = current();
  const child = program_entry(module, argv, { mm: null }, { sp: Number(ex.__stack_pointer!.value), buf });
  const saved = t.user;
  t.user = { handle_signal: saved?.handle_signal ?? function* () { /* no handler runner installed */ }, clone_entry: child };
  try {
    return yield* do_syscall_64(n, args[0], args[1], args[2], args[3], args[4], args[5]);
  } finally {
    t.user = saved;
  }
}

/**
 * Runs the program: _start, with every sleeping system call unwinding and rewinding the wasm stack. A forked copy
 * (`from`) starts instead by rewinding into the parent's fork call with the parent's memory, returning 0.
 */
function program_entry(module: WebAssembly.Module, argv: string[], box: { mm: mm_struct | null }, from: fork_point | null = null): UserEntry {
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
          // The handler depth the call is made at: a handler that sleeps inside this call must not move its buffer.
          const depth = handler_depth;
          in_kernel = true;
          if (copies_program(x(), n, a1)) {
            // Unwind first: the copy must hold the whole call chain, which asyncify writes into memory as it unwinds.
            if (!x().asyncify_start_unwind || !x().__stack_pointer) return -ENOSYS;
            pending = wasm_fork(module, argv, x(), buf, n, [a1, a2, a3, a4, a5, a6]);
            start_unwind(depth);
            in_kernel = false;
            return 0;
          }
          const g = do_syscall_64(n, a1, a2, a3, a4, a5, a6);
          const first = g.next();
          in_kernel = false;
          if (first.done) return first.value;
          if (!x().asyncify_start_unwind) throw new Error('a sleeping system call in a program built without asyncify');
          pending = g;
          start_unwind(depth);
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
    /**
     * Runs the program until it returns, unwinds or traps; a trap in its own code (not in a system call the kernel was
     * running for it) is the CPU exception of a user fault, and gives the signal it raises.
     */
    let in_kernel = false;
    /** How many signal handlers are running, one inside another. */
    let handler_depth = 0;
    const enter = (): number => {
      try {
        x()._start();
        return 0;
      } catch (err) {
        const sig = in_kernel ? 0 : wasm_trap_signal(err);
        if (!sig) throw err;
        return sig;
      }
    };
    /**
     * asyncify's buffer: [b] where the saved stack ends so far, [b + 4] its limit, the data from b + 8. The program's
     * own calls unwind into `buf`; a signal handler running at depth d (one frame per nested handler) into the d-th
     * buffer after it, so a handler that sleeps leaves the frames saved beneath it intact.
     */
    const unwind_buf = (depth: number): number => buf + depth * ASYNC_BUF;
    const start_unwind = (depth: number): void => {
      const b = unwind_buf(depth);
      const dv = new DataView(x().memory.buffer);
      dv.setUint32(b, b + 8, true);
      dv.setUint32(b + 4, b + ASYNC_BUF, true);
      x().asyncify_start_unwind!(b);
    };
    /**
     * Runs wasm code from `call` to its end: each time it unwinds for a sleeping system call, the call is completed in
     * the kernel and the code rewound (from buffer `b`) with its result. Returns the signal of a fault, or 0.
     */
    function* run_to_end(call: () => number, b: number): KGen<number> {
      let sig = call();
      while (!sig && x().asyncify_get_state?.() === ASYNC_UNWINDING) {
        x().asyncify_stop_unwind!();
        const g: KGen<number> = pending!;
        pending = null;
        let step: IteratorResult<void, number>;
        do { yield; step = g.next(); } while (!step.done);
        result = step.value;
        x().asyncify_start_rewind!(b);
        sig = call();
      }
      return sig;
    }
    /**
     * handle_signal for C programs (setup_rt_frame, the handler, then rt_sigreturn): the handler is called through the
     * program's function table on the program's own stack, below its stack pointer, as the kernel builds the signal
     * frame there; its system calls work as the program's do, a sleeping one unwinding just the handler's frames. When
     * it returns, the stack pointer is where it was (the frame popped) and the kernel restores the blocked mask. A
     * fault in the handler is a user fault like any other.
     */
    function* run_handler(sig: number, handler: number): KGen<void> {
      const fn = x().__indirect_function_table?.get(handler) as ((sig: number) => void) | null | undefined;
      if (typeof fn !== 'function') return yield* user_fault(SIGSEGV);
      const sp = x().__stack_pointer?.value;
      const outer_kernel = in_kernel;
      handler_depth++;
      const b = unwind_buf(handler_depth);
      if (!current().mm!.grow(b + ASYNC_BUF)) { handler_depth--; return yield* user_fault(SIGSEGV); }
      const call = (): number => {
        in_kernel = false;
        try { fn(sig); return 0; } catch (err) {
          const s = in_kernel ? 0 : wasm_trap_signal(err);
          if (!s) throw err;
          return s;
        }
      };
      try {
        const fault = yield* run_to_end(call, b);
        if (fault) return yield* user_fault(fault);
      } finally {
        handler_depth--;
        in_kernel = outer_kernel;
        if (sp !== undefined) x().__stack_pointer!.value = sp;
      }
    }
    const instance = new WebAssembly.Instance(module, imports as WebAssembly.Imports);
    holder.ex = instance.exports as unknown as prog_exports;
    current().user = { handle_signal: run_handler, clone_entry: null };
    // A forked copy's address space is the one dup_mm made for it: its bytes go into the new instance's memory.
    const mm = box.mm ?? current().mm!;
    const image = from ? mm.memory() : null;
    // The process's address space is the instance's memory from now on.
    mm.memory = (): Uint8Array => new Uint8Array(x().memory.buffer);
    mm.grow = (bytes: number): boolean => {
      const have = x().memory.buffer.byteLength;
      if (bytes <= have) return true;
      const pages = Math.ceil((bytes - have) / 65536);
      if (have / 65536 + pages > MAX_PAGES) return false;
      try { x().memory.grow(pages); return true; } catch { return false; }
    };
    if (from && image) {
      if (!mm.grow(image.length)) return 127;
      new Uint8Array(x().memory.buffer).set(image);
      x().__stack_pointer!.value = from.sp;
      buf = from.buf;
      result = 0;
      x().asyncify_start_rewind!(buf);
    } else {
      const base = x().memory.buffer.byteLength;
      if (!mm.grow(base + ASYNC_BUF)) return 127;
      buf = base;
      set_stack_limit(x());
    }
    const sig = yield* run_to_end(enter, buf);
    if (sig) return yield* user_fault(sig);
    return 0;
  };
}

/**
 * RLIMIT_STACK at exec: the program's stack sits below its data (wasm-ld's stack-first layout), so a stack pointer
 * started at the limit runs below address 0 — outside the address space, SIGSEGV — after that many bytes, as a
 * stack that may not grow past its rlimit does. A limit above the stack the program was linked with (64 KiB) gives
 * it no more than that.
 */
function set_stack_limit(ex: prog_exports): void {
  const sp = ex.__stack_pointer, heap = ex.__heap_base;
  if (!sp || !heap || Number(sp.value) > Number(heap.value)) return;
  const lim = current().signal.rlim[RLIMIT_STACK].rlim_cur;
  if (lim < Number(sp.value)) sp.value = Math.max(16, Math.floor(lim / 16) * 16);
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
