// Models linux/kernel/rcu/tasks.h's boot: the Tasks RCU flavours Debian builds (CONFIG_TASKS_RCU, _RUDE_RCU, _TRACE_RCU) and cblist_init_generic's per-CPU callback queues for each.
import { pr_info } from '../printk/printk.ts';

/** The flavours in the order rcu_init_tasks_generic sets them up, with rcu_tasks_bootup_oddness's name for each. */
const TASKS_FLAVOURS = ['Trampoline', 'Rude', 'Tracing'] as const;

/** rcu_tasks_bootup_oddness(), from rcu_bootup_announce_oddness. */
export function rcu_tasks_bootup_oddness(): void {
  for (const f of TASKS_FLAVOURS) pr_info(`\t${f} variant of Tasks RCU enabled.`);
}

/**
 * cblist_init_generic(): rcu_task_enqueue_lim's default (-1) becomes 1 with adjustable queues; the enqueue shift
 * spreads the possible CPUs over `lim` queues.
 */
function cblist_init_generic(nr_cpu_ids: number): void {
  let lim = 1;
  const rcu_task_cpu_ids = nr_cpu_ids;
  if (lim > rcu_task_cpu_ids) lim = rcu_task_cpu_ids;
  let shift = Math.floor(Math.log2(Math.floor(rcu_task_cpu_ids / lim)));
  if (((rcu_task_cpu_ids - 1) >> shift) >= lim) shift++;
  pr_info('cblist_init_generic: Setting adjustable number of callback queues.');
  pr_info(`cblist_init_generic: Setting shift to ${shift} and lim to ${lim} rcu_task_cpu_ids=${rcu_task_cpu_ids}.`);
}

/** rcu_init_tasks_generic(): called by kernel_init_freeable before the early initcalls, one queue set per flavour. */
export function rcu_init_tasks_generic(nr_cpu_ids: number): void {
  for (let i = 0; i < TASKS_FLAVOURS.length; i++) cblist_init_generic(nr_cpu_ids);
}
