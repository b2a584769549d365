// Models arch/x86/kernel/dumpstack.c's oops_begin/oops_end: a fault in kernel code becomes a report, the task dies, the kernel goes on tainted.
import type { task_struct, KGen } from '../include/linux/sched.ts';
import { EXIT_ZOMBIE } from '../include/linux/sched.ts';
import { SIGSEGV, SIGKILL } from '../include/uapi/signal.ts';
import { pr_emerg, pr_warn, printk, KERN_ALERT } from './printk/printk.ts';
import { add_taint, print_tainted, panic, TAINT_DIE } from './panic.ts';
import { UTS_RELEASE } from './nsproxy.ts';
import { exit_notify } from './exit.ts';
import { put_files_struct } from '../fs/file.ts';
import { SchedulingWhileAtomic } from './sched/core.ts';
import { trace_event } from './trace/trace.ts';
import { defineState } from './state.ts';

const oopsState = defineState('oops', () => ({ count: 0 }));

/** Drives a generator that is not expected to sleep; gives up if it would. */
export function run_sync(g: KGen<unknown>): void {
  for (let i = 0; i < 10_000; i++) if (g.next().done) return;
}

/** Turns a JavaScript stack into kernel-style "func+0x../0x.." frames. */
function frames(err: unknown): string[] {
  const stack = err instanceof Error && err.stack ? err.stack.split('\n').slice(1) : [];
  return stack.slice(0, 12).map((l) => {
    const m = /at (?:[\w$.<>]+\.)?([\w$<>]+) \(/.exec(l) ?? /at ([\w$<>]+)/.exec(l);
    const name = m ? m[1].replace(/[<>]/g, '') : 'unknown';
    return ` ${name}+0x${(name.length * 17).toString(16)}/0x${(name.length * 43 + 0x80).toString(16)}`;
  });
}

/** Reports a fault in the context of task `t` and kills the task (die()). */
export function oops_task(t: task_struct, err: unknown): void {
  // Module code faults print their own report (kernel/module/faults.ts); only the task's death is left to do.
  if (typeof err === 'object' && err !== null && (err as { oops_reported?: boolean }).oops_reported) { make_task_dead(t, err); return; }
  const n = ++oopsState().count;
  if (err instanceof SchedulingWhileAtomic) {
    printk(`\x013BUG: scheduling while atomic: ${t.comm}/${t.pid}/0x00000002`);
  } else {
    const msg = err instanceof Error ? err.message : String(err);
    pr_emerg('------------[ cut here ]------------');
    pr_emerg(`kernel BUG in kernel-sim: ${msg}`);
    printk(`${KERN_ALERT}invalid opcode: 0000 [#${n}] PREEMPT SMP NOPTI`);
  }
  add_taint(TAINT_DIE);
  pr_warn(`CPU: ${t.cpu} PID: ${t.pid} Comm: ${t.comm} ${print_tainted()} ${UTS_RELEASE} #1`);
  pr_warn('Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014');
  pr_warn('Call Trace:');
  pr_warn(' <TASK>');
  for (const f of frames(err)) pr_warn(f);
  pr_warn(' </TASK>');
  pr_warn(`---[ end trace ${n.toString(16).padStart(16, '0')} ]---`);
  trace_event('oops', 'die', { pid: t.pid, comm: t.comm, msg: err instanceof Error ? err.message : String(err) });
  make_task_dead(t, err);
}

/** make_task_dead(): the task exits with SIGSEGV (SIGKILL when it was already exiting); init's death panics. */
function make_task_dead(t: task_struct, err: unknown): void {
  if (t.pid === 1) { panic('Attempted to kill init! exitcode=0x0000000b'); return; }
  if (t.exit_state !== EXIT_ZOMBIE && t.exit_state === 0) {
    t.exit_code = err instanceof SchedulingWhileAtomic ? SIGKILL : SIGSEGV;
    run_sync(put_files_struct(t.files));
    exit_notify(t);
  }
}
