// Models linux/kernel/hung_task.c: khungtaskd, which reports tasks stuck in TASK_UNINTERRUPTIBLE (D state) for hung_task_timeout_secs.
import { TASK_UNINTERRUPTIBLE, PF_KTHREAD, type KGen, type task_struct } from '../include/linux/sched.ts';
import { runqueue, schedule_timeout_interruptible } from './sched/core.ts';
import { ktime_get, NSEC_PER_SEC } from './time/timekeeping.ts';
import { pr_err, pr_info, printk, KERN_INFO } from './printk/printk.ts';
import { print_tainted } from './panic.ts';
import { UTS_RELEASE, UTS_VERSION } from './nsproxy.ts';
import { defineState } from './state.ts';
import { trace_event } from './trace/trace.ts';
import { kthread_run_at_boot } from '../init/boot_state.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';

/** CONFIG_DEFAULT_HUNG_TASK_TIMEOUT. */
export const DEFAULT_HUNG_TASK_TIMEOUT = 120;

interface HungTaskState {
  /** /proc/sys/kernel/hung_task_timeout_secs: 0 disables the check. */
  timeout_secs: number;
  /** /proc/sys/kernel/hung_task_check_interval_secs: 0 means "the timeout". */
  check_interval_secs: number;
  /** /proc/sys/kernel/hung_task_warnings: reports left (-1: unlimited). */
  warnings: number;
  /** hung_task_check_count. */
  check_count: number;
  /** Per task: the switch count and when the detector last saw it change (t->last_switch_count/time). */
  seen: WeakMap<task_struct, { count: number; time: number }>;
  /** Reports so far (for tests and the UI). */
  reports: number;
}

export const hungTaskState = defineState<HungTaskState>('hung_task', () => ({
  timeout_secs: DEFAULT_HUNG_TASK_TIMEOUT, check_interval_secs: 0, warnings: 10, check_count: 4_194_304,
  seen: new WeakMap(), reports: 0,
}));

/** task_state_to_char for the states a report can show. */
function state_char(t: task_struct): string {
  const s = t.__state;
  if (s === 0) return 'R';
  if (s & 0x0001) return 'S';
  if (s & 0x0002) return 'D';
  if (s & 0x0004) return 'T';
  if (s & 0x0008) return 't';
  return 'I';
}

/** A kernel-style frame with deterministic offsets ("name+0x2f/0x90"). */
function frame(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const size = 0x40 + (h % 0x400);
  return ` ${name}+0x${(h % size).toString(16)}/0x${size.toString(16)}`;
}

/** sched_show_task(): the task line and its call trace. */
export function sched_show_task(t: task_struct): void {
  const ppid = t.real_parent ? t.real_parent.pid : 0;
  pr_info(`task:${t.comm.slice(0, 15).padEnd(15)} state:${state_char(t)} stack:${'0'.padEnd(5)} pid:${String(t.pid).padEnd(5)} ppid:${String(ppid).padEnd(6)} flags:0x${(0x00004000).toString(16).padStart(8, '0')}`);
  printk(`${KERN_INFO}Call Trace:`);
  printk(`${KERN_INFO} <TASK>`);
  const trace = ['__schedule', 'schedule', ...(t.wchan ? [t.wchan] : [])];
  if (t.flags & PF_KTHREAD) trace.push('kthread', 'ret_from_fork');
  else trace.push('do_syscall_64', 'entry_SYSCALL_64_after_hwframe');
  for (const f of trace) printk(`${KERN_INFO}${frame(f)}`);
  printk(`${KERN_INFO} </TASK>`);
}

/** check_hung_task(): reports `t` if it hasn't been scheduled for `timeout` seconds. */
function check_hung_task(t: task_struct, timeout_s: number): void {
  const s = hungTaskState();
  const count = t.nvcsw + t.nivcsw;
  if (!count) return; // never ran: it isn't stuck, it hasn't started
  const now = ktime_get();
  const seen = s.seen.get(t);
  if (!seen || seen.count !== count) {
    s.seen.set(t, { count, time: now });
    return;
  }
  if (now - seen.time < timeout_s * NSEC_PER_SEC) return;
  if (s.warnings === 0) return;
  if (s.warnings > 0) s.warnings--;
  s.reports++;
  pr_err(`INFO: task ${t.comm}:${t.pid} blocked for more than ${Math.floor((now - seen.time) / NSEC_PER_SEC)} seconds.`);
  pr_err(`      ${print_tainted()} ${UTS_RELEASE} ${UTS_VERSION.split(' ')[0]}`);
  pr_err('"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.');
  sched_show_task(t);
  trace_event('sched', 'sched_process_hang', { comm: t.comm, pid: t.pid });
  // Report each hang once per timeout, as the next check sees a fresh window.
  s.seen.set(t, { count, time: now });
}

/** check_hung_uninterruptible_tasks(): every task in exactly TASK_UNINTERRUPTIBLE (not TASK_IDLE, not killable). */
export function check_hung_uninterruptible_tasks(timeout_s: number): void {
  const s = hungTaskState();
  let max = s.check_count;
  for (const t of runqueue().tasks.values()) {
    if (!max--) break;
    if (t.exit_state || !t.gen) continue;
    if (t.__state === TASK_UNINTERRUPTIBLE) check_hung_task(t, timeout_s);
  }
}

/** khungtaskd: wakes every check interval and looks for hung tasks. */
export function* watchdog(): KGen<number> {
  let last_checked = ktime_get();
  for (;;) {
    const s = hungTaskState();
    const interval_s = s.check_interval_secs || s.timeout_secs;
    if (interval_s <= 0) {
      // Disabled: sleep a long while and look at the setting again.
      yield* schedule_timeout_interruptible(DEFAULT_HUNG_TASK_TIMEOUT * NSEC_PER_SEC);
      last_checked = ktime_get();
      continue;
    }
    const left = last_checked + interval_s * NSEC_PER_SEC - ktime_get();
    if (left <= 0) {
      if (s.timeout_secs > 0) check_hung_uninterruptible_tasks(s.timeout_secs);
      last_checked = ktime_get();
      continue;
    }
    yield* schedule_timeout_interruptible(left);
  }
}

/** hung_task_init(): khungtaskd is started by kthreadd at its place in the boot's kthread order. */
export function hung_task_init(): number {
  kthread_run_at_boot('khungtaskd', watchdog);
  return 0;
}

export const initcalls: initcall_entry[] = [['early', 'hung_task_init', hung_task_init, 3_000]];
