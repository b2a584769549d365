// Models the calling convention between kernel-sim and module code: the shared function table and stack pointer, per-task kernel stacks, entering C.
//
// Every task that runs module code gets its own kernel stack (THREAD_SIZE) in the kernel memory; the shared
// __stack_pointer is saved and restored around every switch, as switch_to() switches kernel stacks. A kernel
// function a module imports may sleep only when the module was built with asyncify (the stack unwinds at the call
// and rewinds when the task runs again); otherwise a sleeping call in module code is reported as a BUG.
import type { KGen, task_struct } from '../../include/linux/sched.ts';
import { defineState } from '../state.ts';
import { current, runqueue } from '../sched/core.ts';
import { printk, KERN_ERR } from '../printk/printk.ts';
import { alloc_pages_exact, free_pages_exact, kasan_poison, KASAN_STACK_GUARD, kwrite_u32, kwrite_u64, ksymbol } from '../../mm/kmem.ts';
import { set_alloc_context } from '../../mm/slab.ts';
import { jiffies } from '../time/timekeeping.ts';
import type { module } from './types.ts';
import { module_fault, ModuleFault } from './faults.ts';

export const THREAD_SIZE = 16384;
/** V8's stack depth for error stacks (module backtraces need more than the default 10). */
const ErrorV8 = Error as unknown as { stackTraceLimit: number };
const STACK_GUARD = 4096;
const ASYNCIFY_BUF = 8192;
/** asyncify_get_state() values. */
const ASYNC_NORMAL = 0, ASYNC_UNWINDING = 1, ASYNC_REWINDING = 2;

export interface c_frame {
  mod: module;
  /** The sleeping kernel call this frame is suspended in, and the value it returned. */
  pending: KGen<unknown> | null;
  result: unknown;
  buf: number;
  /** Entered from a context that cannot sleep (call_c_atomic): a blocking call here is a bug. */
  atomic: boolean;
}

interface task_c_state {
  stack: number;
  frames: c_frame[];
  saved_sp: number;
  /** Watchdog ticks (function entries and loop heads) since the task last left module code or slept. */
  ticks: number;
}

/** Ticks without a sleep or a return to the kernel after which the watchdog calls it a soft lockup. */
export const SOFTLOCKUP_TICKS = 20_000_000;

interface RuntimeState {
  table: WebAssembly.Table;
  sp: WebAssembly.Global;
  tasks: Map<task_struct, task_c_state>;
  /** Table slots of kernel functions modules take the address of (GOT.func), by name and back. */
  kfunc_slots: Map<string, number>;
  slot_kfunc: Map<number, string>;
  /** Table index -> [module, function index in that module]. */
  slot_owner: Map<number, [module, number]>;
}

export const runtimeState = defineState<RuntimeState>('module-runtime', () => ({
  table: new WebAssembly.Table({ initial: 1, element: 'anyfunc' }),
  sp: new WebAssembly.Global({ value: 'i32', mutable: true }, 0),
  tasks: new Map(), kfunc_slots: new Map(), slot_kfunc: new Map(), slot_owner: new Map(),
}));

/** Reserves `n` table slots; returns the first. */
export function table_reserve(n: number): number {
  const t = runtimeState().table;
  const base = t.length;
  if (n > 0) t.grow(n);
  return base;
}

/** The slot standing for a kernel function's address (a call through it traps: kernel code is not in the table). */
export function kfunc_slot(name: string): number {
  const s = runtimeState();
  let i = s.kfunc_slots.get(name);
  if (i === undefined) {
    i = table_reserve(1);
    s.kfunc_slots.set(name, i);
    s.slot_kfunc.set(i, name);
  }
  return i;
}

export function kfunc_of_slot(i: number): string | undefined { return runtimeState().slot_kfunc.get(i); }

export function table_get(i: number): ((...a: unknown[]) => unknown) | null {
  const t = runtimeState().table;
  if (i <= 0 || i >= t.length) return null;
  return t.get(i) as ((...a: unknown[]) => unknown) | null;
}

function task_state(t: task_struct): task_c_state {
  const s = runtimeState();
  let ts = s.tasks.get(t);
  if (!ts) {
    const stack = alloc_pages_exact(THREAD_SIZE + STACK_GUARD, 4);
    if (!stack) throw new Error('out of memory for a kernel stack');
    kasan_poison(stack, STACK_GUARD, KASAN_STACK_GUARD);
    ts = { stack, frames: [], saved_sp: stack + STACK_GUARD + THREAD_SIZE, ticks: 0 };
    s.tasks.set(t, ts);
  }
  return ts;
}

/** Frees kernel stacks of tasks that have exited. */
export function reap_stacks(): void {
  const s = runtimeState();
  for (const [t, ts] of s.tasks) if (t.gen === null && ts.frames.length === 0) { free_pages_exact(ts.stack); s.tasks.delete(t); }
}

export function stack_bounds(t: task_struct = current()): [number, number] | null {
  const ts = runtimeState().tasks.get(t);
  return ts ? [ts.stack + STACK_GUARD, ts.stack + STACK_GUARD + THREAD_SIZE] : null;
}

/** The module whose code called into the kernel (the innermost C frame of the current task). */
export function calling_module(): module | null {
  const ts = runtimeState().tasks.get(current());
  return ts && ts.frames.length ? ts.frames[ts.frames.length - 1]!.mod : null;
}

function top_frame(): c_frame | null {
  const ts = runtimeState().tasks.get(current());
  return ts && ts.frames.length ? ts.frames[ts.frames.length - 1]! : null;
}

set_alloc_context(() => {
  const m = calling_module();
  const t = current();
  return { owner: m ? m.name : 'kernel', caller: m ? m.name : '', pid: t.pid, comm: t.comm, ...(m ? { trace: new Error('alloc') } : {}) };
});

interface asyncify_exports {
  asyncify_start_unwind(p: number): void;
  asyncify_stop_unwind(): void;
  asyncify_start_rewind(p: number): void;
  asyncify_stop_rewind(): void;
  asyncify_get_state(): number;
}

function asyncify(mod: module): asyncify_exports | null {
  const ex = mod.instance?.exports as unknown as Partial<asyncify_exports> | undefined;
  return ex && typeof ex.asyncify_get_state === 'function' ? (ex as asyncify_exports) : null;
}

/** log_execution(): one watchdog tick; past the budget the task is reported as a soft lockup. */
export function watchdog_tick(): boolean {
  const ts = runtimeState().tasks.get(current());
  if (!ts) return false;
  return ++ts.ticks > SOFTLOCKUP_TICKS;
}

/** Kernel data updated before module code runs (jiffies is a variable C reads). */
function sync_kernel_data(): void {
  const j = ksymbol('jiffies', 8);
  kwrite_u64(j, BigInt(jiffies()));
}

function enter(mod: module): [task_c_state, c_frame] {
  const ts = task_state(current());
  const s = runtimeState();
  if (ts.frames.length === 0) { s.sp.value = ts.stack + STACK_GUARD + THREAD_SIZE; ts.ticks = 0; }
  const frame: c_frame = { mod, pending: null, result: 0, buf: 0, atomic: false };
  ts.frames.push(frame);
  sync_kernel_data();
  return [ts, frame];
}

function leave(ts: task_c_state, frame: c_frame): void {
  const i = ts.frames.lastIndexOf(frame);
  if (i >= 0) ts.frames.splice(i, 1);
  if (frame.buf) { free_pages_exact(frame.buf); frame.buf = 0; }
}

/** Subsystems that must undo state a task held when its module code oopsed (spinlocks ...). */
// kernel-static: hooks subsystems add when they load, the same for every boot
const fault_cleanups: ((t: task_struct) => void)[] = [];
export function on_module_fault(fn: (t: task_struct) => void): void { fault_cleanups.push(fn); }

/** After an oops in module code: drop what the task held and restore its preemption count (do_exit's note). */
function fault_cleanup(preempt: number): void {
  const t = current();
  for (const f of fault_cleanups) f(t);
  const rq = runqueue();
  if (rq.preempt_count !== preempt) {
    printk(`${KERN_ERR}note: ${t.comm}[${t.pid}] exited with preempt_count ${rq.preempt_count - preempt}`);
    rq.preempt_count = preempt;
  }
}

/** kthread_exit() from module code: unwinds the thread's C frames to its kthread() wrapper, which returns `code`. */
export class kthread_exit_request {
  constructor(readonly code: number) {}
}

/** Calls module function `fn` from a context that may sleep; the module's stack unwinds while the task sleeps. */
export function* call_c(mod: module, fn: (...a: unknown[]) => unknown, args: unknown[], what: string): KGen<unknown> {
  const [ts, frame] = enter(mod);
  const s = runtimeState();
  const preempt = runqueue().preempt_count;
  const prevLimit = ErrorV8.stackTraceLimit;
  try {
    ErrorV8.stackTraceLimit = 64;
    let r = fn(...args);
    const az = asyncify(mod);
    while (az && az.asyncify_get_state() === ASYNC_UNWINDING) {
      az.asyncify_stop_unwind();
      const g = frame.pending!;
      frame.pending = null;
      let step: IteratorResult<void, unknown>;
      do {
        ts.saved_sp = s.sp.value as number;
        ErrorV8.stackTraceLimit = prevLimit;
        yield;
        ErrorV8.stackTraceLimit = 64;
        s.sp.value = ts.saved_sp;
        ts.ticks = 0;
        sync_kernel_data();
        step = g.next();
      } while (!step.done);
      frame.result = step.value;
      az.asyncify_start_rewind(frame.buf);
      r = fn(...args);
    }
    return r;
  } catch (e) {
    if (e instanceof kthread_exit_request) throw e;
    const err = module_fault(e, mod, what);
    if (ts.frames[0] === frame) fault_cleanup(preempt);
    throw err;
  } finally {
    ErrorV8.stackTraceLimit = prevLimit;
    leave(ts, frame);
  }
}

/** Calls module code that must not sleep (interrupt handlers, sysfs show, timers). */
export function call_c_atomic(mod: module, fn: (...a: unknown[]) => unknown, args: unknown[], what: string): unknown {
  const [ts, frame] = enter(mod);
  frame.atomic = true;
  const prevLimit = ErrorV8.stackTraceLimit;
  try {
    ErrorV8.stackTraceLimit = 64;
    return fn(...args);
  } catch (e) {
    throw module_fault(e, mod, what);
  } finally {
    ErrorV8.stackTraceLimit = prevLimit;
    leave(ts, frame);
  }
}

/**
 * Wraps a sleeping kernel function (a generator) as a module import. It runs synchronously when it does not
 * block; when it blocks, the calling module's stack unwinds (asyncify) and call_c drives the generator.
 */
export function sleeping_import(name: string, impl: (...a: never[]) => KGen<unknown>): (...a: unknown[]) => unknown {
  return (...args: unknown[]) => {
    const frame = top_frame();
    const az = frame ? asyncify(frame.mod) : null;
    if (frame && az && az.asyncify_get_state() === ASYNC_REWINDING) {
      az.asyncify_stop_rewind();
      return frame.result;
    }
    const g = (impl as (...a: unknown[]) => KGen<unknown>)(...args);
    const first = g.next();
    if (first.done) return first.value;
    if (!frame || !az) throw new ModuleFault('sleep', `sleeping function ${name} called from module code that cannot sleep (built without asyncify)`);
    if (frame.atomic) throw new ModuleFault('sleep', `${name} would sleep in module code the kernel runs without sleeping (a show/store, IRQ handler or timer)`);
    frame.pending = g;
    if (!frame.buf) {
      frame.buf = alloc_pages_exact(ASYNCIFY_BUF, 5);
      kwrite_u32(frame.buf, frame.buf + 8);
      kwrite_u32(frame.buf + 4, frame.buf + ASYNCIFY_BUF);
    } else {
      kwrite_u32(frame.buf, frame.buf + 8);
    }
    az.asyncify_start_unwind(frame.buf);
    return typeof first === 'object' ? 0 : 0;
  };
}

export { ASYNC_NORMAL };
