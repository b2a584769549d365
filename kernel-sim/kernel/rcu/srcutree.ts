// Models linux/kernel/rcu/srcutree.c's boot lines: srcu_init's sizing choice and srcu_bootup_announce (an early_initcall) with the per-phase no-delay limit derived from HZ.
import { pr_info } from '../printk/printk.ts';
import { HZ } from '../time/timekeeping.ts';

/** big_cpu_lim's default: from this many CPUs on, srcu_struct starts big. */
const BIG_CPU_LIM = 128;
const SRCU_DEFAULT_RETRY_CHECK_DELAY = 5;
const SRCU_DEFAULT_MAX_NODELAY_PHASE_LO = 3, SRCU_DEFAULT_MAX_NODELAY_PHASE_HI = 1000;

/** srcu_init(), from start_kernel (CONFIG_SRCU_SIZING auto). */
export function srcu_init(nr_cpu_ids: number): void {
  if (nr_cpu_ids >= BIG_CPU_LIM) pr_info('rcu: srcu_init: Setting srcu_struct sizes to big.');
  else pr_info('rcu: srcu_init: Setting srcu_struct sizes based on contention.');
}

/** srcu_bootup_announce(): no-delay polls worth up to one jiffy (doubled for srcu_get_delay), clamped. */
export function srcu_bootup_announce(): number {
  const adjusted = Math.floor((2 * 1_000_000) / HZ / SRCU_DEFAULT_RETRY_CHECK_DELAY);
  const phase = Math.min(Math.max(adjusted, SRCU_DEFAULT_MAX_NODELAY_PHASE_LO), SRCU_DEFAULT_MAX_NODELAY_PHASE_HI);
  pr_info('rcu: Hierarchical SRCU implementation.');
  pr_info(`rcu: \tMax phase no-delay instances is ${phase}.`);
  return 0;
}
