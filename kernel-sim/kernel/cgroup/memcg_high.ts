// Models the memory.high throttling of linux/mm/memcontrol.c (mem_cgroup_handle_over_high, calculate_high_delay): a task that charged over memory.high sleeps on its way back to user space, longer the further over its cgroups are.
import type { KGen, task_struct } from '../../include/linux/sched.ts';
import { PAGE_SIZE } from '../../include/linux/mm_types.ts';
import { defineState } from '../state.ts';
import { schedule_timeout, set_current_state } from '../sched/core.ts';
import { TASK_KILLABLE } from '../../include/linux/sched.ts';
import { HZ, NSEC_PER_SEC } from '../time/timekeeping.ts';
import { ssid, type cgroup } from './cgroup-defs.ts';
import { css_chain } from './cgroup.ts';
import { memcg_usage } from './memcg.ts';
import { psi_account } from './psi.ts';

const MEMCG_DELAY_PRECISION_SHIFT = 20, MEMCG_DELAY_SCALING_SHIFT = 14, MEMCG_CHARGE_BATCH = 64;
/** MEMCG_MAX_HIGH_DELAY_JIFFIES: one return to user space sleeps at most 2 s. */
const MEMCG_MAX_HIGH_DELAY_JIFFIES = 2 * HZ;

/** current->memcg_nr_pages_over_high: pages the task charged while its cgroup was over memory.high. */
const overHigh = defineState('memcg_over_high', () => ({ pages: new Map<task_struct, number>() }));

/** try_charge_memcg's note that this charge went over memory.high (set_notify_resume: handled at the return to user). */
export function memcg_note_over_high(t: task_struct, bytes: number): void {
  const m = overHigh().pages;
  m.set(t, (m.get(t) ?? 0) + Math.ceil(bytes / PAGE_SIZE));
}

/** calculate_overage(): how far usage is over high, as a fixed-point fraction of high. */
function calculate_overage(usage: number, high: number): number {
  if (usage <= high) return 0;
  const h = Math.max(Math.floor(high / PAGE_SIZE), 1);
  return Math.floor(((Math.floor(usage / PAGE_SIZE) - h) * 2 ** MEMCG_DELAY_PRECISION_SHIFT) / h);
}

/** mem_find_max_overage(): the worst overage on the way up to the root. */
const mem_find_max_overage = (cg: cgroup): number =>
  Math.max(0, ...css_chain(cg, ssid.memory).filter((c) => c.parent).map((c) => calculate_overage(memcg_usage(c), c.memory.high)));

/** calculate_high_delay(): quadratic in the overage, scaled by this task's share of a charge batch. */
export function calculate_high_delay(nr_pages: number, max_overage: number): number {
  if (!max_overage) return 0;
  const penalty = Math.floor(Math.floor((max_overage * max_overage * HZ) / 2 ** MEMCG_DELAY_PRECISION_SHIFT) / 2 ** MEMCG_DELAY_SCALING_SHIFT);
  return Math.floor((penalty * nr_pages) / MEMCG_CHARGE_BATCH);
}

/**
 * mem_cgroup_handle_over_high(): after reclaim (done at the charge), the task sleeps the penalty, killable, as a
 * memory stall in the cgroup's PSI; small penalties (up to HZ/100) are forgiven.
 */
export function* mem_cgroup_handle_over_high(t: task_struct, cg: cgroup): KGen<void> {
  const m = overHigh().pages;
  const nr_pages = m.get(t);
  if (!nr_pages) return;
  m.delete(t);
  const jiffies = Math.min(calculate_high_delay(nr_pages, mem_find_max_overage(cg)), MEMCG_MAX_HIGH_DELAY_JIFFIES);
  if (jiffies <= HZ / 100) return;
  const ns = (jiffies * NSEC_PER_SEC) / HZ;
  psi_account(cg, 'memory', ns, ns);
  set_current_state(TASK_KILLABLE);
  yield* schedule_timeout(ns);
}

/** A task that exits forgets what it owed. */
export const memcg_over_high_exit = (t: task_struct): void => { overHigh().pages.delete(t); };
