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

  it('report each network namespace\'s interfaces, and where a veth pair\'s other end is', async () => {
    const c = serviceClient();
    await c.result('machine.info');
    await c.result('shell.run', { command: 'ip link set lo up; ip netns add red; ip link add veth0 type veth peer name veth1; ip link set veth1 netns red; ip addr add 10.0.0.1/24 dev veth0; ip link set veth0 up; ip netns exec red ip addr add 10.0.0.2/24 dev veth1' });
    const snap = await c.result<NsSnapshot>('ns.snapshot');
    const initNet = snap.processes.find((p) => p.pid === 1)!.ns.net;
    const veth0 = snap.netdevs.find((d) => d.name === 'veth0')!;
    const veth1 = snap.netdevs.find((d) => d.name === 'veth1')!;
    expect(veth0).toMatchObject({ net: initNet, kind: 'veth', up: true, carrier: false, addrs: ['10.0.0.1/24'] });
    // The namespace is held by the bind mount alone: no process is in it, its interfaces are still there.
    expect(veth1.net).not.toBe(initNet);
    expect(snap.processes.some((p) => p.ns.net === veth1.net)).toBe(false);
    expect(veth1).toMatchObject({ kind: 'veth', up: false, addrs: ['10.0.0.2/24'], peer: { net: initNet, ifindex: veth0.ifindex } });
    expect(veth0.peer).toEqual({ net: veth1.net, ifindex: veth1.ifindex });
    expect(snap.netdevs.filter((d) => d.kind === 'loopback').map((d) => d.net).sort()).toEqual([initNet, veth1.net].sort());
    // lo gets 127.0.0.1 when it comes up; red's lo is still down.
    expect(snap.netdevs.filter((d) => d.kind === 'loopback').map((d) => d.addrs)).toEqual([['127.0.0.1/8'], []]);
    await c.result('shell.run', { command: 'ip netns delete red; sleep 0.1' });
    const after = await c.result<NsSnapshot>('ns.snapshot');
    expect(after.netdevs.some((d) => d.net === veth1.net || d.name.startsWith('veth'))).toBe(false);
  });
});
