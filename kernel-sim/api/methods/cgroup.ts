// Protocol methods of namespaces and cgroups for the Namespaces view: every process's namespaces, the cgroup tree with usage and limits, and the usage history from boot (kernel/cgroup/snapshot.ts, history.ts).
import { z } from 'zod';
import { methodSchemas } from '../method-schema.ts';

export const NS_KINDS = ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'time', 'user', 'uts'] as const;
const nsKind = z.enum(NS_KINDS);
const int = z.number().int();

export const NsSnapshotSchema = z.object({
  /** Every namespace some process is in; `owner` is the owning user namespace's inum, `parent` a pid/user namespace's parent. */
  namespaces: z.array(z.object({ type: nsKind, inum: int, owner: int.nullable(), parent: int.nullable(), level: int }).strict()),
  /** Processes (thread-group leaders) with the inum of each of their namespaces and their cgroup. */
  processes: z.array(z.object({
    pid: int, ppid: int, comm: z.string(), uid: int, kthread: z.boolean(),
    ns: z.object({ cgroup: int, ipc: int, mnt: int, net: int, pid: int, time: int, user: int, uts: int }).strict(), cgroup: z.string(),
  }).strict()),
  /** Every network namespace's interfaces (`net` is its inum), with IPv4 addresses and, for a veth, where its other end is. */
  netdevs: z.array(z.object({
    net: int, ifindex: int, name: z.string(), kind: z.string(), up: z.boolean(), carrier: z.boolean(), addrs: z.array(z.string()),
    peer: z.object({ net: int, ifindex: int }).strict().nullable(),
  }).strict()),
}).strict();
export type NsSnapshot = z.infer<typeof NsSnapshotSchema>;

export const CgroupNodeSchema = z.object({
  path: z.string(), level: int, controllers: z.array(z.string()), subtree_control: z.array(z.string()), procs: z.array(int),
  populated: z.boolean(), frozen: z.boolean(),
  pids_current: int, pids_max: int.nullable(), memory_current: z.number(), memory_max: z.number().nullable(),
  cpu_usage_usec: z.number(), cpu_quota_us: z.number().nullable(), cpu_period_us: z.number(), nr_throttled: int, throttled_usec: z.number(),
}).strict();
export type CgroupNode = z.infer<typeof CgroupNodeSchema>;

export const CgroupStatsSchema = z.object({
  intervalNs: z.number(), nowNs: z.number(),
  /** Per sample: [pids, memory bytes, CPU usec] by cgroup path, oldest first; the last is now. */
  samples: z.array(z.object({ t: z.number(), values: z.record(z.string(), z.tuple([z.number(), z.number(), z.number()])) }).strict()),
}).strict();
export type CgroupStats = z.infer<typeof CgroupStatsSchema>;

export const cgroupApi = methodSchemas({
  'ns.snapshot': { params: z.object({}).strict(), result: NsSnapshotSchema },
  'cgroup.tree': { params: z.object({}).strict(), result: z.object({ nowNs: z.number(), cgroups: z.array(CgroupNodeSchema) }).strict() },
  /** Usage of every cgroup from boot (or after sinceNs), sampled every 100 ms of virtual time. */
  'cgroup.stats': { params: z.object({ sinceNs: z.number().nonnegative().optional() }).strict(), result: CgroupStatsSchema },
});
