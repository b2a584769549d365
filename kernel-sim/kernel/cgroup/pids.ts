// Models linux/kernel/cgroup/pids.c: the pids controller — pids.max caps the tasks of a subtree; fork past it fails with EAGAIN and counts in pids.events.
import { EAGAIN, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { pr_info } from '../printk/printk.ts';
import { CFTYPE_NOT_ON_ROOT, ssid, type cgroup, type cgroup_subsys } from './cgroup-defs.ts';
import { cgroup_e_css, cgroup_path, cgroup_task_count, css_chain } from './cgroup.ts';
import { trace_event } from '../trace/trace.ts';

/**
 * pids_can_fork: one more task in the task's pids css and every ancestor's, each under its pids.max.
 * A refusal counts in the task's own css (pids->events_limit) and is logged the first time only.
 */
export function pids_can_fork(cg: cgroup): number {
  const chain = css_chain(cg, ssid.pids);
  const over = chain.find((c) => cgroup_task_count(c) + 1 > c.pids.max);
  if (!over) {
    for (const c of chain) c.pids.peak = Math.max(c.pids.peak, cgroup_task_count(c) + 1);
    return 0;
  }
  const own = cgroup_e_css(cg, ssid.pids);
  if (++own.pids.events_max === 1) pr_info(`cgroup: fork rejected by pids controller in ${cgroup_path(own)}`);
  trace_event('cgroup', 'cgroup_pids_limit', { path: cgroup_path(over), max: over.pids.max });
  return -EAGAIN;
}

function pids_max_write(cg: cgroup, buf: string): number {
  const s = buf.trim();
  if (s === 'max') { cg.pids.max = Infinity; return 0; }
  if (!/^\d+$/.test(s) || Number(s) > 4194304) return -EINVAL; // PIDS_MAX: PID_MAX_LIMIT + 1
  cg.pids.max = Number(s);
  return 0;
}

export const pids_cgrp_subsys: cgroup_subsys = {
  id: ssid.pids, name: 'pids', legacy_name: 'pids', dfl: true,
  css_reset: (cg) => { cg.pids = { max: Infinity, events_max: 0, peak: 0, warned: false }; },
  dfl_cftypes: [
    { name: 'pids.max', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => (cg.pids.max === Infinity ? 'max\n' : `${cg.pids.max}\n`), write: pids_max_write },
    { name: 'pids.current', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${cgroup_task_count(cg)}\n` },
    { name: 'pids.peak', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${Math.max(cg.pids.peak, cgroup_task_count(cg))}\n` },
    { name: 'pids.events', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `max ${cg.pids.events_max}\n` },
  ],
};
