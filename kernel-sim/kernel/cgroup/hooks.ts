// Models the task-lifetime hooks of linux/kernel/cgroup/cgroup.c (cgroup_can_fork/post_fork, cgroup_exit) and the cgroup work on the way back to user space (freezer trap, CFS bandwidth, memcg charge of new anonymous memory).
import type { KGen, task_struct } from '../../include/linux/sched.ts';
import { PF_KTHREAD } from '../../include/linux/sched.ts';
import type { cgroup } from './cgroup-defs.ts';
import { cgroupState, cgroup_exit_task, cgroup_move_task, task_dfl_cgroup } from './cgroup.ts';
import { pids_can_fork } from './pids.ts';
import { mem_cgroup_fork, mem_cgroup_exit, mem_cgroup_charge_mm } from './memcontrol.ts';
import { cgroup_enter_frozen } from './freezer.ts';
import { mem_cgroup_handle_over_high, memcg_over_high_exit } from './memcg_high.ts';
import { cfs_bandwidth_check, cfs_task_exit } from './cpu.ts';
import { cgroup_history_tick } from './history.ts';

/**
 * cgroup_can_fork + cgroup_post_fork for copy_process: the child joins its parent's cgroup unless a pids.max on
 * the way up refuses it (-EAGAIN); its kernel stack and address space are charged to its memcg.
 */
export function cgroup_fork(child: task_struct, parent: task_struct): number {
  if (!cgroupState().root) return 0;
  const cg = task_dfl_cgroup(parent);
  if (!(child.flags & PF_KTHREAD)) {
    const e = pids_can_fork(cg);
    if (e) return e;
  }
  cgroup_move_task(child, cg);
  mem_cgroup_fork(child);
  cgroup_history_tick();
  return 0;
}

/** cgroup_exit (an exit hook of do_exit): the task leaves its cgroup's task list; its pids charge waits for the reap. */
export function* cgroup_exit(t: task_struct): KGen<void> {
  if (!cgroupState().root) return;
  cgroup_exit_task(t);
  cfs_task_exit(t);
  mem_cgroup_exit(t);
  memcg_over_high_exit(t);
  cgroup_history_tick();
}

/**
 * Whether exit_to_user_mode has cgroup work for `t`: the cgroup it is in when that is below the root (the root has
 * no limits and cannot be frozen), else null. System calls ask only while such a cgroup exists (SYSCALL_WORK_CGROUP).
 */
export function cgroup_exit_work(t: task_struct): cgroup | null {
  const st = cgroupState();
  if (!st.root || t.flags & PF_KTHREAD) return null;
  const cg = st.task_cgrp.get(t);
  return cg?.parent ? cg : null;
}

/**
 * exit_to_user_mode's cgroup part, for a task cgroup_exit_work found in `cg`: charge memory the program grew by (a
 * wasm memory.grow is seen here), then a throttled group waits for its next period, and a frozen cgroup parks the task.
 */
export function* cgroup_exit_to_user_mode(t: task_struct, cg: cgroup): KGen<void> {
  cgroup_history_tick();
  mem_cgroup_charge_mm(t);
  yield* mem_cgroup_handle_over_high(t, cg);
  yield* cfs_bandwidth_check(t);
  yield* cgroup_enter_frozen(t);
}
