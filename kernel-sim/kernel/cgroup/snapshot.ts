// What the Namespaces view shows, read without sleeping (machine.inspect): every task's namespaces with their owners, and the cgroup tree with its usage and limits.
import type { ns_common, user_namespace } from '../../include/linux/nsproxy.ts';
import { runqueue } from '../sched/core.ts';
import { task_active_pid_ns } from '../pid_namespace.ts';
import { init_user_ns } from '../user_namespace.ts';
import { ssid } from './cgroup-defs.ts';
import {
  cgroupState, cgroup_control, cgroup_cpu_usage, cgroup_is_populated, cgroup_path, cgroup_subtree, cgroup_task_count, cgroup_tasks,
  css_enabled, task_dfl_cgroup,
} from './cgroup.ts';
import { cgroup_frozen } from './freezer.ts';
import { memcg_usage } from './memcg.ts';

export const NS_TYPES = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'] as const;
export type ns_kind = (typeof NS_TYPES)[number];

export interface ns_node { type: ns_kind; inum: number; owner: number | null; parent: number | null; level: number }
export interface ns_process { pid: number; ppid: number; comm: string; uid: number; kthread: boolean; ns: Record<ns_kind, number>; cgroup: string }

/** Every task's namespaces (lsns's view from the init namespaces): the nodes, each with its owning user namespace. */
export function ns_snapshot(): { namespaces: ns_node[]; processes: ns_process[] } {
  const nodes = new Map<number, ns_node>();
  const add = (type: ns_kind, ns: ns_common): number => {
    if (!nodes.has(ns.ns_inum)) {
      const parent = type === 'pid' || type === 'user' ? (ns as ns_common & { parent?: ns_common | null }).parent ?? null : null;
      nodes.set(ns.ns_inum, {
        type, inum: ns.ns_inum, owner: type === 'user' ? null : ns.user_ns?.ns_inum ?? init_user_ns().ns_inum,
        parent: parent?.ns_inum ?? null, level: (ns as { level?: number }).level ?? 0,
      });
      if (parent) add(type, parent);
    }
    return ns.ns_inum;
  };
  const processes: ns_process[] = [];
  for (const t of [...runqueue().tasks.values()].sort((a, b) => a.pid - b.pid)) {
    if (t.group_leader !== t || t.exit_state) continue;
    const p = t.nsproxy;
    const user = (t.cred.user_ns as user_namespace | undefined) ?? init_user_ns();
    const ns = {
      cgroup: add('cgroup', p.cgroup_ns), ipc: add('ipc', p.ipc_ns), mnt: add('mnt', p.mnt_ns as unknown as ns_common),
      net: add('net', p.net_ns), pid: add('pid', task_active_pid_ns(t)), time: add('time', p.time_ns), user: add('user', user),
      uts: add('uts', p.uts_ns),
    };
    processes.push({
      pid: t.pid, ppid: t.real_parent?.tgid ?? 0, comm: t.comm, uid: t.cred.uid, kthread: (t.flags & 0x00200000) !== 0,
      ns, cgroup: cgroup_path(task_dfl_cgroup(t)),
    });
  }
  for (const n of nodes.values()) if (n.owner !== null && !nodes.has(n.owner)) n.owner = null;
  return { namespaces: [...nodes.values()].sort((a, b) => a.inum - b.inum), processes };
}

const names = (mask: number): string[] => cgroupState().subsys.filter((ss) => mask & (1 << ss.id)).map((ss) => ss.name);
const lim = (v: number): number | null => (v === Infinity || v < 0 ? null : v);

/** The cgroup tree, parents first, with what the cgroup files would say. */
export function cgroup_tree(): Array<{
  path: string; level: number; controllers: string[]; subtree_control: string[]; procs: number[]; populated: boolean; frozen: boolean;
  pids_current: number; pids_max: number | null; memory_current: number; memory_max: number | null;
  cpu_usage_usec: number; cpu_quota_us: number | null; cpu_period_us: number; nr_throttled: number; throttled_usec: number;
}> {
  const root = cgroupState().root;
  if (!root) return [];
  return cgroup_subtree(root).map((c) => ({
    path: cgroup_path(c), level: c.level, controllers: names(cgroup_control(c)), subtree_control: names(c.subtree_control),
    procs: cgroup_tasks(c).filter((t) => t.group_leader === t).map((t) => t.pid), populated: cgroup_is_populated(c), frozen: cgroup_frozen(c),
    pids_current: cgroup_task_count(c), pids_max: css_enabled(c, ssid.pids) ? lim(c.pids.max) : null,
    memory_current: memcg_usage(c), memory_max: css_enabled(c, ssid.memory) ? lim(c.memory.max) : null,
    cpu_usage_usec: Math.floor(cgroup_cpu_usage(c) / 1000), cpu_quota_us: c.cpu.quota < 0 ? null : c.cpu.quota / 1000,
    cpu_period_us: c.cpu.period / 1000, nr_throttled: c.cpu.nr_throttled, throttled_usec: Math.floor(c.cpu.throttled_time / 1000),
  }));
}
