// The Namespaces view's data through the protocol: ns.snapshot (processes by namespace, owners), cgroup.tree (usage and limits), cgroup.stats (history from boot).
import { describe, it, expect } from 'vitest';
import type { NsSnapshot, CgroupNode, CgroupStats } from '../../../kernel-sim/api/methods/cgroup.ts';
import { serviceClient } from '../host/helpers.ts';

describe('namespace and cgroup methods', () => {
  it('report every process\'s namespaces and the cgroup tree with live usage', async () => {
    const c = serviceClient();
    await c.result('machine.info');
    await c.result('shell.run', { command: 'mkdir /sys/fs/cgroup/app; echo "+pids +memory +cpu" > /sys/fs/cgroup/cgroup.subtree_control; echo 50 > /sys/fs/cgroup/app/pids.max' });
    await c.result('shell.run', { command: 'unshare -u sleep 100 & echo $! > /sys/fs/cgroup/app/cgroup.procs; sleep 1' });
    const snap = await c.result<NsSnapshot>('ns.snapshot');
    const init = snap.processes.find((p) => p.pid === 1)!;
    expect(init.cgroup).toBe('/');
    const user = snap.namespaces.find((n) => n.inum === init.ns.user)!;
    expect(user.type).toBe('user');
    expect(snap.namespaces.find((n) => n.inum === init.ns.uts)!.owner).toBe(user.inum);
    const sleeper = snap.processes.find((p) => p.comm === 'sleep' && p.cgroup === '/app')!;
    expect(sleeper.ns.uts).not.toBe(init.ns.uts);
    expect(sleeper.ns.mnt).toBe(init.ns.mnt);
    const tree = (await c.result<{ nowNs: number; cgroups: CgroupNode[] }>('cgroup.tree')).cgroups;
    const app = tree.find((g) => g.path === '/app')!;
    expect(app).toMatchObject({ level: 1, pids_current: 1, pids_max: 50, memory_max: null, cpu_quota_us: null, populated: true, frozen: false });
    expect(app.procs).toEqual([sleeper.pid]);
    expect(app.memory_current).toBeGreaterThan(0);
    expect(tree[0]!.controllers).toEqual(['cpuset', 'cpu', 'io', 'memory', 'hugetlb', 'pids', 'rdma', 'misc']);
    const stats = await c.result<CgroupStats>('cgroup.stats');
    expect(stats.intervalNs).toBe(100_000_000);
    expect(stats.samples.at(-1)!.values['/app']![0]).toBe(1);
    expect(stats.samples.some((s) => s.values['/'] !== undefined)).toBe(true);
    const later = await c.result<CgroupStats>('cgroup.stats', { sinceNs: stats.nowNs });
    expect(later.samples.every((s) => s.t > stats.nowNs || s.t === later.nowNs)).toBe(true);
  });
});
