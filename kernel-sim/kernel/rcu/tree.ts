// Models linux/kernel/rcu/tree.c's rcu_init as far as the boot log shows it: rcu_bootup_announce (tree_plugin.h), its oddness report and rcu_init_geometry's FQS and leaf-fanout adjustment for the CPUs present.
import { pr_info } from '../printk/printk.ts';
import { HZ } from '../time/timekeeping.ts';
import { rcu_tasks_bootup_oddness } from './tasks.ts';

/** Debian's CONFIG_NR_CPUS and the default RCU_FANOUT_LEAF (rcu_fanout_leaf= not given). */
const NR_CPUS = 8192;
const RCU_FANOUT_LEAF = 16;
/** tree.h: one jiffy at HZ=250, more above; one more per 256 CPUs. */
const RCU_JIFFIES_TILL_FORCE_QS = 1 + (HZ > 250 ? 1 : 0) + (HZ > 500 ? 1 : 0);
const RCU_JIFFIES_FQS_DIV = 256;

/** adjust_jiffies_till_sched_qs(): the third FQS scan, but at least 100 ms. */
function adjust_jiffies_till_sched_qs(first_fqs: number, next_fqs: number, nr_cpu_ids: number): number {
  let j = first_fqs + 2 * next_fqs;
  const min = Math.floor(HZ / 10) + Math.floor(nr_cpu_ids / RCU_JIFFIES_FQS_DIV);
  if (j < min) j = min;
  pr_info(`rcu: RCU calculated value of scheduler-enlistment delay is ${j} jiffies.`);
  return j;
}

/** rcu_init_geometry(): FQS delays from HZ and the CPU count; the leaf level re-fitted when nr_cpu_ids is not NR_CPUS. */
function rcu_init_geometry(nr_cpu_ids: number): void {
  const d = RCU_JIFFIES_TILL_FORCE_QS + Math.floor(nr_cpu_ids / RCU_JIFFIES_FQS_DIV);
  adjust_jiffies_till_sched_qs(d, d, nr_cpu_ids);
  if (nr_cpu_ids === NR_CPUS) return;
  pr_info(`rcu: Adjusting geometry for rcu_fanout_leaf=${RCU_FANOUT_LEAF}, nr_cpu_ids=${nr_cpu_ids}`);
}

/** rcu_init(): the PREEMPT_RCU announcement, what differs from the defaults, then the tree's geometry. */
export function rcu_init(nr_cpu_ids: number): void {
  pr_info('rcu: Preemptible hierarchical RCU implementation.');
  // rcu_bootup_announce_oddness(): with Debian's config only the CPU restriction differs from the defaults.
  if (nr_cpu_ids !== NR_CPUS) pr_info(`rcu: \tRCU restricting CPUs from NR_CPUS=${NR_CPUS} to nr_cpu_ids=${nr_cpu_ids}.`);
  rcu_tasks_bootup_oddness();
  rcu_init_geometry(nr_cpu_ids);
}
