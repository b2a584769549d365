// struct net: init_net has the reference's inum, copy_net_ns makes a new namespace with pernet state, the last put_net tears it down.
import { describe, it, expect } from 'vitest';
import { boot } from '../core/harness.ts';
import { init_net, copy_net_ns, put_net, get_net, for_each_net, register_pernet_subsys, CLONE_NEWNET, type net } from '../../../kernel-sim/net/core/net_namespace.ts';

describe('net namespaces', () => {
  it('init_net is the net namespace of pid 1, with the reference inum', () => {
    const m = boot();
    expect(m.inspect(() => init_net().ns_inum)).toBe(4026531840);
    expect(m.runCommand('readlink /proc/self/ns/net').output.trim()).toBe('net:[4026531840]');
  });

  it('copy_net_ns shares without CLONE_NEWNET and creates with it; pernet init/exit run per namespace', () => {
    const m = boot();
    m.inspect(() => {
      const seen: string[] = [];
      register_pernet_subsys({ name: 'probe', init: (n) => { seen.push(`init ${n.ns_inum}`); return 0; }, exit: (n) => { seen.push(`exit ${n.ns_inum}`); } });
      expect(seen).toEqual([`init ${init_net().ns_inum}`]);
      const same = copy_net_ns(0, null, init_net());
      expect(same).toBe(init_net());
      const n = copy_net_ns(CLONE_NEWNET, null, init_net()) as net;
      expect(typeof n).toBe('object');
      expect(n.ns_inum).not.toBe(init_net().ns_inum);
      expect(for_each_net()).toContain(n);
      expect(seen.at(-1)).toBe(`init ${n.ns_inum}`);
      expect(n.count).toBe(0);
      get_net(n); get_net(n);
      put_net(n);
      expect(n.dead).toBe(false);
      put_net(n);
      expect(n.dead).toBe(true);
      expect(for_each_net()).not.toContain(n);
      expect(seen.at(-1)).toBe(`exit ${n.ns_inum}`);
    });
  });

  it('unshare -n gives a process its own namespace with its own lo; it goes when the last process leaves', () => {
    const m = boot();
    const out = m.runCommand('unshare -n sh -c "readlink /proc/self/ns/net; ip link set lo up; ping -c 1 -q 127.0.0.1 >/dev/null && echo pinged; cat /proc/net/dev | tail -1"; readlink /proc/self/ns/net; ip link').output.split('\n');
    expect(out[0]).toMatch(/^net:\[\d+\]$/);
    expect(out[0]).not.toBe('net:[4026531840]');
    expect(out[1]).toBe('pinged');
    expect(out[2]).toMatch(/^ {4}lo: {5}196 {7}2 /);
    expect(out[3]).toBe('net:[4026531840]');
    expect(out[4]).toBe('1: lo: <LOOPBACK> mtu 65536 qdisc noop qlen 1000');
    expect(m.inspect(() => for_each_net().length)).toBe(1);
  });

  it('ip netns add/exec/list/delete: a named namespace held by a bind mount', () => {
    const m = boot();
    const out = m.runCommand('ip netns add blue && ip netns list && ip link add v0 type veth peer name v1 && ip link set v1 netns blue && ip netns exec blue ip link; ip netns delete blue; ip netns list; ip link').output;
    const lines = out.split('\n');
    expect(lines[0]).toBe('blue');
    expect(lines[1]).toBe('1: lo: <LOOPBACK> mtu 65536 qdisc noop qlen 1000');
    expect(lines[3]).toMatch(/^2: v1@if3: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop qlen 1000$/);
    // Deleting the namespace deletes the veth end in it, and with it the pair.
    expect(lines.slice(5)).toEqual(['1: lo: <LOOPBACK> mtu 65536 qdisc noop qlen 1000', '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00', '']);
  });
});
