// Models linux/lib/bug.c's __warn() and lib/refcount.c's refcount_warn_saturate as the kobject code reports through them.
import { pr_warn, printk, KERN_WARNING } from '../kernel/printk/printk.ts';
import { add_taint, dump_stack_header, TAINT_WARN } from '../kernel/panic.ts';
import { current } from '../kernel/sched/core.ts';
import { trace_event } from '../kernel/trace/trace.ts';
import { defineState } from '../kernel/state.ts';

const warnState = defineState('warn', () => ({ count: 0 }));

/** A WARN(): the cut-here banner, the message, where, and a call trace; taints the kernel with W. */
export function __warn(file: string, line: number, func: string, msg: string, calltrace: string[] = []): void {
  const n = warnState().count++;
  const t = current();
  printk(`${KERN_WARNING}------------[ cut here ]------------`);
  if (msg) printk(`${KERN_WARNING}${msg}`);
  printk(`${KERN_WARNING}WARNING: CPU: ${t.cpu} PID: ${t.pid} at ${file}:${line} ${func}+0x${(func.length * 13).toString(16)}/0x${(func.length * 29 + 0x60).toString(16)}`);
  add_taint(TAINT_WARN);
  pr_warn(dump_stack_header());
  pr_warn('Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014');
  pr_warn('Call Trace:');
  pr_warn(' <TASK>');
  for (const f of calltrace) pr_warn(` ${f}+0x${(f.length * 11).toString(16)}/0x${(f.length * 23 + 0x40).toString(16)}`);
  pr_warn(' </TASK>');
  pr_warn(`---[ end trace ${n.toString(16).padStart(16, '0')} ]---`);
  trace_event('warn', 'warning', { file, line, func, msg });
}

/** refcount_t saturation reports, as lib/refcount.c words them. */
export type refcount_saturation = 'underflow' | 'addition_on_0' | 'overflow';

export function refcount_warn_saturate(kind: refcount_saturation, calltrace: string[]): void {
  const msg = {
    underflow: 'refcount_t: underflow; use-after-free.',
    addition_on_0: 'refcount_t: addition on 0; use-after-free.',
    overflow: 'refcount_t: saturated; leaking memory.',
  }[kind];
  __warn('lib/refcount.c', kind === 'underflow' ? 28 : kind === 'addition_on_0' ? 25 : 22, 'refcount_warn_saturate', msg, calltrace);
}
