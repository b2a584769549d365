// Models linux/kernel/cgroup/cpuset.c for cgroup2: cpuset.cpus/mems with their effective masks and cpuset.cpus.partition.
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { runqueue } from '../sched/core.ts';
import { CFTYPE_NOT_ON_ROOT, ssid, type cgroup, type cgroup_subsys } from './cgroup-defs.ts';
import { css_enabled } from './cgroup.ts';

/** Parses a cpulist ("0-1,3") into a sorted set; null when malformed. */
function parse_list(s: string): number[] | null {
  const out = new Set<number>();
  for (const part of s.trim().split(',').filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return null;
    const a = Number(m[1]), b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) return null;
    for (let i = a; i <= b; i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

/** Formats a sorted set as a cpulist with ranges (bitmap_print_to_pagebuf's list form). */
export function format_list(v: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < v.length; i++) {
    let j = i;
    while (j + 1 < v.length && v[j + 1] === v[j] + 1) j++;
    parts.push(i === j ? `${v[i]}` : `${v[i]}-${v[j]}`);
    i = j;
  }
  return parts.join(',');
}

/** effective_cpus/effective_mems: the cgroup's own list within its parent's effective one, else the parent's. */
function effective(cg: cgroup, key: 'cpus' | 'mems'): number[] {
  const all = key === 'cpus' ? Array.from({ length: runqueue().nr_cpus }, (_, i) => i) : [0];
  if (!cg.parent) return all;
  const parent = effective(cg.parent, key);
  if (!css_enabled(cg, ssid.cpuset) || !cg.cpuset[key]) return parent;
  const own = (parse_list(cg.cpuset[key]) ?? []).filter((x) => parent.includes(x));
  return own.length ? own : parent;
}

function list_write(key: 'cpus' | 'mems') {
  return (cg: cgroup, buf: string): number => {
    const v = parse_list(buf);
    const max = key === 'cpus' ? runqueue().nr_cpus : 1;
    if (!v || v.some((x) => x >= max)) return -EINVAL;
    cg.cpuset[key] = format_list(v);
    return 0;
  };
}

export const cpuset_cgrp_subsys: cgroup_subsys = {
  id: ssid.cpuset, name: 'cpuset', legacy_name: 'cpuset', dfl: true,
  css_reset: (cg) => { cg.cpuset = { cpus: '', mems: '', partition: 'member' }; },
  dfl_cftypes: [
    { name: 'cpuset.cpus', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${cg.cpuset.cpus}\n`, write: list_write('cpus') },
    { name: 'cpuset.mems', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${cg.cpuset.mems}\n`, write: list_write('mems') },
    { name: 'cpuset.cpus.effective', seq_show: (cg) => `${format_list(effective(cg, 'cpus'))}\n` },
    { name: 'cpuset.mems.effective', seq_show: (cg) => `${format_list(effective(cg, 'mems'))}\n` },
    {
      name: 'cpuset.cpus.partition', flags: CFTYPE_NOT_ON_ROOT, seq_show: (cg) => `${cg.cpuset.partition}\n`,
      write: (cg, buf) => { const s = buf.trim(); if (!['member', 'root', 'isolated'].includes(s)) return -EINVAL; cg.cpuset.partition = s; return 0; },
    },
  ],
};
