// Models cgroup_base_files of linux/kernel/cgroup/cgroup.c: cgroup.procs/threads/type/controllers/subtree_control/events/stat/max.*, cpu.stat and their write rules.
import type { task_struct } from '../../include/linux/sched.ts';
import { EINVAL, ENOENT, EBUSY, EOPNOTSUPP, ERANGE, ESRCH } from '../../include/uapi/asm-generic/errno.ts';
import { find_task_by_vpid } from '../pid.ts';
import {
  cgroupState, cgroup_control, cgroup_tasks, cgroup_is_populated, cgroup_attach_permissions, cgroup_attach_task,
  cgroup_addrm_files, cgroup_can_be_thread_root, cgroup_is_threaded, cgroup_cpu_usage, task_dfl_cgroup,
  cgrp_dfl_threaded_ss_mask, cgroup_subtree,
} from './cgroup.ts';
import { CFTYPE_NOT_ON_ROOT, ssid, type cftype, type cgroup } from './cgroup-defs.ts';
import { cgroup_ns_root } from './namespace.ts';
import { cgroup_freeze_write, cgroup_frozen, cgroup_kill_write } from './freezer.ts';
import { cpu_extra_stat_show } from './cpu.ts';
import { task_visible_tgid, task_visible_pid } from './pidview.ts';
import { cgroup_release_dying } from './release.ts';

/** Parses "max" or a non-negative integer (cgroup.max.*, pids.max ...); -EINVAL otherwise. */
export function parse_max(buf: string): number {
  const s = buf.trim();
  if (s === 'max') return Infinity;
  if (!/^\d+$/.test(s)) return -EINVAL;
  return Number(s);
}
export const show_max = (v: number): string => (v === Infinity ? 'max\n' : `${v}\n`);

/** The names of the controllers in a mask, in ssid order, as cgroup.controllers prints them. */
export function ss_mask_names(mask: number): string {
  return cgroupState().subsys.filter((ss) => mask & (1 << ss.id)).map((ss) => ss.name).join(' ') + '\n';
}

/** __cgroup_procs_write: moves the process (threadgroup) or thread named by the pid in buf into cg. */
function procs_write(cg: cgroup, buf: string, w: task_struct, threadgroup: boolean): number {
  const s = buf.trim();
  if (!/^\d+$/.test(s)) return -EINVAL;
  const pid = Number(s);
  const t = pid === 0 ? w : find_task_by_vpid(pid);
  if (!t || t.exit_state) return -ESRCH;
  const target = threadgroup ? t.group_leader : t;
  const e = cgroup_attach_permissions(task_dfl_cgroup(target), cg, w, cgroup_ns_root(w), threadgroup);
  if (e) return e;
  return cgroup_attach_task(cg, target, threadgroup);
}

/** cgroup_subtree_control_write: "+ctrl -ctrl ..." with the checks of Linux, in its order. */
function subtree_control_write(cg: cgroup, buf: string): number {
  const st = cgroupState();
  let enable = 0, disable = 0;
  for (const tok of buf.trim().split(' ')) {
    if (!tok) continue;
    const ss = st.subsys.find((x) => x.dfl && x.name === tok.slice(1));
    if (!ss) return -EINVAL;
    const bit = 1 << ss.id;
    if (tok[0] === '+') { enable |= bit; disable &= ~bit; }
    else if (tok[0] === '-') { disable |= bit; enable &= ~bit; }
    else return -EINVAL;
  }
  for (const ss of st.subsys) {
    const bit = 1 << ss.id;
    if (enable & bit) {
      if (cg.subtree_control & bit) { enable &= ~bit; continue; }
      if (!(cgroup_control(cg) & bit)) return -ENOENT;
    } else if (disable & bit) {
      if (!(cg.subtree_control & bit)) { disable &= ~bit; continue; }
      for (const child of cg.children.values()) if (child.subtree_control & bit) return -EBUSY;
    }
  }
  if (!enable && !disable) return 0;
  const e = vet_subtree_control_enable(cg, enable);
  if (e) return e;
  cg.subtree_control = (cg.subtree_control | enable) & ~disable;
  // cgroup_apply_control: the children gain or lose the controllers' css and files (a css disabled is gone, its knobs reset).
  for (const ss of st.subsys) {
    const bit = 1 << ss.id;
    if (!((enable | disable) & bit)) continue;
    for (const child of cg.children.values()) {
      cgroup_addrm_files(child, ss.dfl_cftypes, (enable & bit) !== 0);
      if (disable & bit) ss.css_reset?.(child);
    }
  }
  return 0;
}

/** cgroup_vet_subtree_control_enable: no internal processes, and no domain controllers in a threaded subtree. */
function vet_subtree_control_enable(cg: cgroup, enable: number): number {
  if (!enable) return 0;
  if (cg.type === 'domain invalid') return -EOPNOTSUPP;
  if (!cg.parent) return 0;
  if (enable & ~cgrp_dfl_threaded_ss_mask) {
    if (cg.type === 'domain threaded' || cgroup_is_threaded(cg)) return -EOPNOTSUPP;
  } else if (cgroup_can_be_thread_root(cg) || cgroup_is_threaded(cg)) return 0;
  if (cg.tasks.size && cgroup_tasks(cg).length) return -EBUSY;
  return 0;
}

/** cgroup_type_write: only "threaded" may be written; the cgroup joins its parent's threaded subtree. */
function type_write(cg: cgroup, buf: string): number {
  if (buf.trim() !== 'threaded') return -EINVAL;
  if (cgroup_is_threaded(cg)) return 0;
  if (cgroup_is_populated(cg) || cg.subtree_control & ~cgrp_dfl_threaded_ss_mask) return -EOPNOTSUPP;
  const dom = cg.parent!;
  if (dom.type === 'domain invalid' || !cgroup_can_be_thread_root(dom)) return -EOPNOTSUPP;
  cg.type = 'threaded';
  if (dom.parent && dom.type === 'domain') dom.type = 'domain threaded';
  for (const sib of dom.children.values()) if (sib !== cg && sib.type === 'domain') sib.type = 'domain invalid';
  return 0;
}

function max_write(set: (cg: cgroup, v: number) => void): cftype['write'] {
  return (cg, buf) => {
    const v = parse_max(buf);
    if (v < 0) return /^-\d+$/.test(buf.trim()) ? -ERANGE : v;
    set(cg, v);
    return 0;
  };
}

const cgroup_stat_text = (cg: cgroup): string => `nr_descendants ${cg.nr_descendants}\nnr_dying_descendants ${cg.nr_dying_descendants}\n`;

/** cpu.stat: usage of the subtree, then the cpu controller's bandwidth counters (cpu_extra_stat_show). */
function cpu_stat_show(cg: cgroup): string {
  const usec = Math.floor(cgroup_cpu_usage(cg) / 1000);
  return `usage_usec ${usec}\nuser_usec 0\nsystem_usec ${usec}\n` + cpu_extra_stat_show(cg);
}

export const cgroup_base_files: cftype[] = [
  { name: 'cgroup.type', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${cg.type}\n`, write: type_write },
  {
    name: 'cgroup.procs',
    seq_show: (cg) => cgroup_tasks(cg).filter((t) => t.group_leader === t).map((t) => `${task_visible_tgid(t)}\n`).join(''),
    write: (cg, buf, w) => procs_write(cg, buf, w, true),
  },
  {
    name: 'cgroup.threads',
    seq_show: (cg) => cgroup_tasks(cg).map((t) => `${task_visible_pid(t)}\n`).join(''),
    write: (cg, buf, w) => procs_write(cg, buf, w, false),
  },
  { name: 'cgroup.controllers', seq_show: (cg) => ss_mask_names(cgroup_control(cg)) },
  { name: 'cgroup.subtree_control', seq_show: (cg) => ss_mask_names(cg.subtree_control), write: subtree_control_write },
  {
    name: 'cgroup.events', flags: CFTYPE_NOT_ON_ROOT,
    seq_show: (cg) => `populated ${cgroup_is_populated(cg) ? 1 : 0}\nfrozen ${cgroup_frozen(cg) ? 1 : 0}\n`,
  },
  { name: 'cgroup.max.descendants', seq_show: (cg) => show_max(cg.max_descendants), write: max_write((cg, v) => { cg.max_descendants = v; }) },
  { name: 'cgroup.max.depth', seq_show: (cg) => show_max(cg.max_depth), write: max_write((cg, v) => { cg.max_depth = v; }) },
  { name: 'cgroup.stat', seq_show: (cg) => { cgroup_release_dying(); return cgroup_stat_text(cg); } },
  { name: 'cgroup.freeze', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${cg.freeze ? 1 : 0}\n`, write: cgroup_freeze_write },
  { name: 'cgroup.kill', flags: CFTYPE_NOT_ON_ROOT, write: cgroup_kill_write },
  { name: 'cpu.stat', seq_show: cpu_stat_show },
];

/** Does any cgroup in the subtree still hold a live task? (cgroup_destroy_locked's populated check) */
export function cgroup_has_live_tasks(cg: cgroup): boolean {
  return cgroup_subtree(cg).some((c) => cgroup_tasks(c).length > 0);
}

export { ssid };
