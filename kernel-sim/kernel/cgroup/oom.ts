// Models linux/mm/oom_kill.c for a memcg OOM (constraint CONSTRAINT_MEMCG): the victim with the most memory, dump_header's report, and the kill.
import { PF_KTHREAD, PF_EXITING, type task_struct } from '../../include/linux/sched.ts';
import { SIGKILL } from '../../include/uapi/signal.ts';
import { pr_info, pr_warn, pr_err } from '../printk/printk.ts';
import { print_tainted } from '../panic.ts';
import { UTS_RELEASE } from '../nsproxy.ts';
import { current } from '../sched/core.ts';
import { send_signal } from '../signal.ts';
import { fatal_signal_pending } from '../signal_pending.ts';
import { mm_pgtables_bytes } from '../../mm/meminfo.ts';
import { ssid, type cgroup } from './cgroup-defs.ts';
import { cgroup_e_css, cgroup_path, cgroup_subtree, cgroup_tasks, task_dfl_cgroup, cgrp_dfl_root } from './cgroup.ts';
import { memcg_memory_event, memcg_usage, memory_stat_format, task_rss_bytes, THREAD_SIZE, PAGE_COUNTER_MAX_BYTES } from './memcg.ts';
import { trace_event } from '../trace/trace.ts';

const K = (bytes: number): number => Math.floor(bytes / 1024);
const pages = (bytes: number): number => Math.floor(bytes / 4096);
const pgtables_bytes = (t: task_struct): number => mm_pgtables_bytes(task_rss_bytes(t));

/** The call chain of a charge from a page fault, as dump_stack prints it under a memcg OOM. */
const OOM_TRACE = [
  'dump_stack_lvl+0x44/0x5c', 'dump_header+0x4a/0x211', 'oom_kill_process.cold+0xb/0x10', 'out_of_memory+0x1ed/0x2e0',
  'mem_cgroup_out_of_memory+0x13c/0x150', 'try_charge_memcg+0x75c/0x810', 'charge_memcg+0x35/0xe0',
  '__mem_cgroup_charge+0x29/0x80', '__handle_mm_fault+0xa5b/0x1070', 'handle_mm_fault+0xdb/0x2d0',
  'do_user_addr_fault+0x1b6/0x680', 'exc_page_fault+0x70/0x170', 'asm_exc_page_fault+0x22/0x30',
];

/** oom_evaluate_task/oom_badness: the process of the subtree with the most memory; kernel threads are never chosen. */
function select_bad_process(cg: cgroup): task_struct | null {
  let best: task_struct | null = null, best_pts = -1;
  for (const c of cgroup_subtree(cg)) {
    for (const t of cgroup_tasks(c)) {
      if (t.flags & PF_KTHREAD || t.group_leader !== t || t.pid === 1) continue;
      const pts = pages(task_rss_bytes(t)) + pages(pgtables_bytes(t));
      if (pts > best_pts) { best = t; best_pts = pts; }
    }
  }
  return best;
}

/** The call chain of an anonymous fault the page allocator cannot serve: the global OOM path. */
const GLOBAL_OOM_TRACE = [
  'dump_stack_lvl+0x44/0x5c', 'dump_header+0x4a/0x211', 'oom_kill_process.cold+0xb/0x10', 'out_of_memory+0x1ed/0x2e0',
  '__alloc_pages_slowpath.constprop.0+0xcb5/0xe10', '__alloc_pages+0x305/0x330', '__folio_alloc+0x16/0x40',
  'vma_alloc_folio+0x9b/0x360', '__handle_mm_fault+0x8e3/0x1070', 'handle_mm_fault+0xdb/0x2d0',
  'do_user_addr_fault+0x1b6/0x680', 'exc_page_fault+0x70/0x170', 'asm_exc_page_fault+0x22/0x30',
];

/** dump_header's opening: who invoked the OOM killer, and its stack. */
function dump_invoker(trace: string[], gfp: string): void {
  const cur = current();
  pr_warn(`${cur.comm} invoked oom-killer: gfp_mask=${gfp}, order=0, oom_score_adj=0`);
  pr_warn(`CPU: ${cur.cpu} PID: ${cur.pid} Comm: ${cur.comm} ${print_tainted()} ${UTS_RELEASE} #1`);
  pr_warn('Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014');
  pr_warn('Call Trace:');
  pr_warn(' <TASK>');
  for (const f of trace) pr_warn(` ${f}`);
  pr_warn(' </TASK>');
}

/** dump_tasks: the processes the OOM killer looked at, in pages. */
function dump_tasks(cg: cgroup): void {
  pr_info('Tasks state (memory values in pages):');
  pr_info('[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name');
  for (const c of cgroup_subtree(cg)) {
    for (const t of cgroup_tasks(c)) {
      if (!t.mm) continue;
      const rss = pages(task_rss_bytes(t));
      pr_info(`[${String(t.pid).padStart(7)}] ${String(t.cred.uid).padStart(5)} ${String(t.tgid).padStart(5)} ${String(rss + pages(THREAD_SIZE)).padStart(8)} ${String(rss).padStart(8)} ${String(pgtables_bytes(t)).padStart(8)} ${'0'.padStart(8)}         ${'0'.padStart(5)} ${t.comm}`);
    }
  }
}

/** dump_header for a memcg OOM: who invoked it, the stack, the memcg's usage and stat, the tasks, the summary line. */
function dump_header(cg: cgroup, victim: task_struct): void {
  const cur = current();
  dump_invoker(OOM_TRACE, '0xcc0(GFP_KERNEL)');
  const m = cg.memory;
  pr_info(`memory: usage ${K(memcg_usage(cg))}kB, limit ${K(m.max === Infinity ? PAGE_COUNTER_MAX_BYTES : m.max)}kB, failcnt ${m.failcnt}`);
  pr_info(`swap: usage 0kB, limit ${K(m.swap_max === Infinity ? PAGE_COUNTER_MAX_BYTES : m.swap_max)}kB, failcnt 0`);
  pr_info(`Memory cgroup stats for ${cgroup_path(cg)}:`);
  for (const line of memory_stat_format(cg).trimEnd().split('\n')) pr_info(line);
  dump_tasks(cg);
  const cpuset = cgroup_e_css(task_dfl_cgroup(cur), ssid.cpuset);
  pr_info(`oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=${cpuset.parent ? cpuset.name : '/'},mems_allowed=0,oom_memcg=${cgroup_path(cg)},task_memcg=${cgroup_path(task_dfl_cgroup(victim))},task=${victim.comm},pid=${victim.pid},uid=${victim.cred.uid}`);
}

/**
 * mem_cgroup_out_of_memory: a memcg over memory.max that reclaim could not bring back. Kills the biggest
 * process of the subtree (all of the memcg's processes with memory.oom.group) and returns it; null when none.
 */
export function mem_cgroup_out_of_memory(cg: cgroup, _bytes: number): task_struct | null {
  memcg_memory_event(cg, 'oom');
  const victim = select_bad_process(cg);
  if (!victim) { pr_warn('Out of memory and no killable processes...'); return null; }
  if (victim.flags & PF_EXITING) {
    pr_info(`oom_kill_process: OOM victim ${victim.pid} (${victim.comm}) is already exiting. Skip killing the task`);
    return victim;
  }
  dump_header(cg, victim);
  const group = cg.memory.oom_group ? cgroup_subtree(cg).flatMap(cgroup_tasks).filter((t) => t.group_leader === t && t !== victim && t.pid !== 1) : [];
  kill_one(victim, 'Memory cgroup out of memory');
  if (group.length) {
    memcg_memory_event(cg, 'oom_group_kill');
    for (const t of group) kill_one(t, 'Tasks in ' + cgroup_path(cg) + ' are going to be killed due to memory.oom.group set');
  }
  return victim;
}

/** __oom_kill_process: SIGKILL, the "Killed process" line, oom_kill in the victim's memory.events. */
function kill_one(t: task_struct, message: string): void {
  const rss = task_rss_bytes(t);
  send_signal(SIGKILL, t);
  memcg_memory_event(cgroup_e_css(task_dfl_cgroup(t), ssid.memory), 'oom_kill');
  pr_err(`${message}: Killed process ${t.pid} (${t.comm}) total-vm:${K(rss + THREAD_SIZE)}kB, anon-rss:${K(rss)}kB, file-rss:0kB, shmem-rss:0kB, UID:${t.cred.uid} pgtables:${K(pgtables_bytes(t))}kB oom_score_adj:0`);
  trace_event('cgroup', 'mark_victim', { pid: t.pid, comm: t.comm, path: cgroup_path(task_dfl_cgroup(t)) });
}

/**
 * out_of_memory for the whole machine (CONSTRAINT_NONE): the page allocator found nothing free and nothing to reclaim.
 * Kills the process with the most memory anywhere and returns it; null when there is none. `mem_info` prints
 * show_mem's lines (the caller, mm/, knows the counters).
 */
export function out_of_memory(mem_info: () => string[]): task_struct | null {
  const root = cgrp_dfl_root();
  const victim = select_bad_process(root);
  if (!victim) { pr_warn('Out of memory and no killable processes...'); return null; }
  if (victim.flags & PF_EXITING || fatal_signal_pending(victim)) return victim;
  dump_invoker(GLOBAL_OOM_TRACE, '0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)');
  pr_warn('Mem-Info:');
  for (const line of mem_info()) pr_warn(line);
  dump_tasks(root);
  pr_info(`oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=${cgroup_path(task_dfl_cgroup(victim))},task=${victim.comm},pid=${victim.pid},uid=${victim.cred.uid}`);
  kill_one(victim, 'Out of memory');
  return victim;
}
