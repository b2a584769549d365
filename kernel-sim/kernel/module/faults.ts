// Models arch/x86/mm/fault.c, arch/x86/kernel/traps.c, dumpstack.c and kernel/panic.c's __warn for module code: Oops, BUG, WARNING, divide error, KASAN reports.
//
// A trap in module code (a WebAssembly RuntimeError) or a fault the kernel API detects (ModuleFault) becomes the
// report Linux prints, with RIP and a Call Trace symbolized to function+offset [module] and the learner's file:line.
// The report is printed once; the error that carries on (KernelOopsed) tells the scheduler to kill the task quietly.
import { printk, KERN_ALERT, KERN_WARNING, KERN_ERR, KERN_EMERG } from '../printk/printk.ts';
import { add_taint, print_tainted, TAINT_DIE, TAINT_WARN } from '../panic.ts';
import { current, SchedulingWhileAtomic } from '../sched/core.ts';
import { UTS_RELEASE } from '../nsproxy.ts';
import { defineState } from '../state.ts';
import { trace_event } from '../trace/trace.ts';
import { Symbolizer, type SymbolizedFrame } from '../../toolchain/symbolize.ts';
import { original_line } from './srcmap.ts';
import type { module } from './types.ts';
import { module_list } from './list.ts';

const HARDWARE = 'Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014';

/** A fault the kernel API detected in module code; `kind` picks the report. */
export class ModuleFault extends Error {
  constructor(readonly kind: 'bug' | 'sleep' | 'null' | 'kasan' | 'lock' | 'oops', message: string, readonly lines: string[] = [], readonly address = 0) {
    super(message);
  }
}

/** Raised after the report was printed: the task dies without a second report. */
export class KernelOopsed extends Error {
  readonly oops_reported = true;
  constructor(message: string) { super(message); }
}

const faultState = defineState('module-faults', () => ({ die_count: 0 }));

export interface trace_frame { text: string; file?: string; line?: number; module?: string }

export function symbolizer(m: module): Symbolizer {
  m.symbolizer ??= new Symbolizer(m.wasm);
  return m.symbolizer;
}

/** function+offset from the running code; file:line from the module's DWARF (through the original code when instrumented). */
function symbolize_frame(m: module, s: Symbolizer, idx: number, off: number): SymbolizedFrame {
  const f = s.symbolize(idx, off);
  if (f.file) return f;
  const line = original_line(m, s, idx, off);
  return line ? { ...f, file: line.file, line: line.line } : f;
}

/** How kernel-sim's own frames are named in a trace (the Linux function that plays the part), or null to hide them. */
const JS_FRAME: Record<string, string | null> = {
  load_module: 'do_init_module+0x4a/0x1e0', sys_finit_module: '__do_sys_finit_module+0xa8/0x100', sys_init_module: '__do_sys_init_module+0x121/0x170',
  delete_module: '__do_sys_delete_module+0x19c/0x2a0', sys_delete_module: null, vfs_read: 'vfs_read+0xb5/0x2c0', vfs_write: 'vfs_write+0xc0/0x3b0',
  ksys_read: 'ksys_read+0x6b/0xf0', ksys_write: 'ksys_write+0x6b/0xf0', do_sys_openat2: 'do_sys_openat2+0x97/0x160',
  vfs_ioctl: '__x64_sys_ioctl+0x8d/0xd0', chrdev_open: 'chrdev_open+0xc7/0x250', misc_open: 'misc_open+0x109/0x160',
  really_probe: 'really_probe+0xdb/0x380', __driver_probe_device: '__driver_probe_device+0x78/0x170', driver_probe_device: 'driver_probe_device+0x1f/0x90',
  __driver_attach: '__driver_attach+0xd2/0x1c0', bus_for_each_dev: 'bus_for_each_dev+0x7b/0xd0', driver_attach: 'driver_attach+0x1e/0x30',
  bus_add_driver: 'bus_add_driver+0x11c/0x220', driver_register: 'driver_register+0x89/0xe0', param_set: 'param_attr_store+0x9a/0x100',
};
const SYSCALL_ENTRY = 'entry_SYSCALL_64_after_hwframe+0x63/0xcd';

/** Frames of a host stack: wasm frames symbolized against the loaded modules, kernel-sim frames named as Linux names them. */
export function stack_frames(err: unknown): trace_frame[] {
  const stack = err instanceof Error && err.stack ? err.stack.split('\n').slice(1) : [];
  const out: trace_frame[] = [];
  for (const l of stack) {
    const w = /at (?:(\S+) )?\(?wasm:\/\/wasm\/[^:]*:wasm-function\[(\d+)\]:0x([0-9a-f]+)/.exec(l);
    if (w) {
      const idx = Number(w[2]);
      const off = parseInt(w[3]!, 16);
      const raw = w[1] ?? '';
      const name = raw.includes('.') ? raw.slice(raw.lastIndexOf('.') + 1) : raw;
      if (/^(SAFE_HEAP_|wasm$)/.test(name) || raw === 'out.wasm') continue;
      let found: trace_frame | null = null;
      for (const m of module_list()) {
        const s = symbolizer(m);
        const b = s.body(idx);
        if (!b || off < b.start || off >= b.end) continue;
        if (name && s.functionName(idx) !== name) continue;
        const f = symbolize_frame(m, s, idx, off - b.start);
        found = { text: `${f.text} [${m.name}]`, module: m.name, ...(f.file ? { file: f.file } : {}), ...(f.line ? { line: f.line } : {}) };
        break;
      }
      if (found) out.push(found);
      continue;
    }
    const j = /at (?:[\w$.<>]+\.)?([\w$<>]+) \(/.exec(l);
    if (!j || !/kernel-sim\//.test(l)) continue;
    const fn = j[1]!;
    if (fn === 'do_syscall_64' || fn === 'do_syscall_64_slow') { out.push({ text: 'do_syscall_64+0x3b/0x90' }, { text: SYSCALL_ENTRY }); break; }
    const mapped = JS_FRAME[fn];
    if (mapped) out.push({ text: mapped });
  }
  return out;
}

function frame_line(f: trace_frame): string {
  return ` ${f.text}${f.file ? ` ${f.file}:${f.line}` : ''}`;
}

export function modules_linked_in(): string {
  return `Modules linked in: ${module_list().map((m) => `${m.name}${m.taints ? `(${m.taints})` : ''}`).join(' ')}`;
}

function cpu_line(): string {
  const t = current();
  return `CPU: ${t.cpu} PID: ${t.pid} Comm: ${t.comm} ${print_tainted()} ${UTS_RELEASE} #1`;
}

function first_module_frame(frames: trace_frame[]): trace_frame | undefined {
  return frames.find((f) => f.module);
}

/** Prints the rest of an oops after its headline lines: CPU, RIP, Call Trace, modules, end marker. */
function die_body(level: string, frames: trace_frame[], cr2?: number, modulesFirst = false): void {
  const p = (s: string): void => { printk(`${level}${s}`); };
  if (modulesFirst) p(modules_linked_in());
  p(cpu_line());
  p(HARDWARE);
  const rip = first_module_frame(frames) ?? frames[0];
  if (rip) p(`RIP: 0010:${rip.text}${rip.file ? ` ${rip.file}:${rip.line}` : ''}`);
  p('RSP: 0018:ffffc90000383d30 EFLAGS: 00010246');
  p('Call Trace:');
  p(' <TASK>');
  for (const f of frames) p(frame_line(f));
  p(' </TASK>');
  if (!modulesFirst) p(modules_linked_in());
  if (cr2 !== undefined) p(`CR2: ${cr2.toString(16).padStart(16, '0')}`);
  p('---[ end trace 0000000000000000 ]---');
}

/** oops_begin/die(): headline lines, the body, taint D. Returns the error that kills the task. */
export function die(headline: string[], oops: string, err: unknown, cr2?: number): KernelOopsed {
  const frames = stack_frames(err);
  const n = ++faultState().die_count;
  for (const h of headline) printk(`${KERN_ALERT}${h}`);
  if (oops) printk(`${KERN_EMERG}${oops.replace('#N', `#${n}`)}`);
  // A soft lockup is not an oops: no D taint, and the modules come first (watchdog_timer_fn).
  if (oops) add_taint(TAINT_DIE);
  die_body(KERN_WARNING, frames, cr2, !oops);
  trace_event('oops', 'die', { pid: current().pid, comm: current().comm, msg: headline[0] ?? oops });
  return new KernelOopsed(headline[0] ?? oops);
}

/** __warn(): a WARNING with the backtrace; taint W; the caller goes on. */
export function report_warn(file: string, line: number, msg: string, taint = TAINT_WARN): void {
  const err = new Error('warn');
  const frames = stack_frames(err);
  const where = first_module_frame(frames);
  const t = current();
  printk(`${KERN_WARNING}------------[ cut here ]------------`);
  if (msg) printk(`${KERN_WARNING}${msg}`);
  printk(`${KERN_WARNING}WARNING: CPU: ${t.cpu} PID: ${t.pid} at ${file}:${line} ${where?.text ?? ''}`.trimEnd());
  printk(`${KERN_WARNING}${modules_linked_in()}`);
  add_taint(taint);
  const p = (s: string): void => { printk(`${KERN_WARNING}${s}`); };
  p(cpu_line());
  p(HARDWARE);
  if (where) p(`RIP: 0010:${where.text}`);
  p('Call Trace:');
  p(' <TASK>');
  for (const f of frames) p(frame_line(f));
  p(' </TASK>');
  p('---[ end trace 0000000000000000 ]---');
}

const hex16 = (a: number): string => (a >>> 0).toString(16).padStart(16, '0');

/** Turns whatever module code threw into the Linux report; returns the error to propagate. */
export function module_fault(e: unknown, mod: module, what: string): unknown {
  if (e instanceof KernelOopsed) return e;
  void what;
  void mod;
  if (e instanceof SchedulingWhileAtomic) {
    const t = current();
    printk(`${KERN_ERR}BUG: scheduling while atomic: ${t.comm}/${t.pid}/0x00000002`);
    printk(`${KERN_ERR}${modules_linked_in()}`);
    add_taint(TAINT_WARN);
    const frames = stack_frames(e);
    const p = (s: string): void => { printk(`${KERN_WARNING}${s}`); };
    p(cpu_line());
    p(HARDWARE);
    p('Call Trace:');
    p(' <TASK>');
    for (const f of frames) p(frame_line(f));
    p(' </TASK>');
    return new KernelOopsed('scheduling while atomic');
  }
  if (e instanceof ModuleFault) {
    if (e.kind === 'bug') return die(['------------[ cut here ]------------', e.message], 'invalid opcode: 0000 [#N] PREEMPT SMP NOPTI', e);
    if (e.kind === 'null') {
      return die([`BUG: kernel NULL pointer dereference, address: ${hex16(e.address)}`, ...e.lines, '#PF: error_code(0x0000) - not-present page', 'PGD 0 P4D 0 '],
        'Oops: 0000 [#N] PREEMPT SMP NOPTI', e, e.address);
    }
    if (e.kind === 'sleep') return die([`BUG: ${e.message}`], 'invalid opcode: 0000 [#N] PREEMPT SMP NOPTI', e);
    return die([e.message, ...e.lines], e.kind === 'oops' ? 'Oops: 0000 [#N] PREEMPT SMP NOPTI' : '', e);
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return die(['BUG: TASK stack guard page was hit at 00000000c8d2e5f0 (stack is 00000000a51b3cb1..00000000e4d1cf30)'],
      'kernel stack overflow (double-fault): 0000 [#N] PREEMPT SMP NOPTI', e);
  }
  if (e instanceof WebAssembly.RuntimeError) {
    const msg = e.message;
    if (/divide by zero|division by zero/i.test(msg)) return die([], 'divide error: 0000 [#N] PREEMPT SMP NOPTI', e);
    if (/integer overflow/i.test(msg)) return die([], 'divide error: 0000 [#N] PREEMPT SMP NOPTI', e);
    if (/null function|function signature|table index/i.test(msg)) {
      return die(['BUG: kernel NULL pointer dereference, address: 0000000000000000', '#PF: supervisor instruction fetch in kernel mode',
        '#PF: error_code(0x0010) - not-present page', 'PGD 0 P4D 0 '], 'Oops: 0010 [#N] PREEMPT SMP NOPTI', e, 0);
    }
    if (/out of bounds/i.test(msg)) {
      return die(['BUG: unable to handle page fault for address: ffffffffffffffff', '#PF: supervisor read access in kernel mode',
        '#PF: error_code(0x0000) - not-present page'], 'Oops: 0000 [#N] PREEMPT SMP NOPTI', e);
    }
    return die(['------------[ cut here ]------------', `kernel BUG at ${msg}!`], 'invalid opcode: 0000 [#N] PREEMPT SMP NOPTI', e);
  }
  return e;
}
