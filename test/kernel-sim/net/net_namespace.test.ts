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
    const seen: string[] = [];
    const n = m.inspect(() => {
      register_pernet_subsys({ name: 'probe', init: (x) => { seen.push(`init ${x.ns_inum}`); return 0; }, exit: (x) => { seen.push(`exit ${x.ns_inum}`); } });
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
      // The last put only queues it (__put_net): cleanup_net runs on the netns workqueue after RCU grace periods.
      expect(n.dead).toBe(false);
      expect(seen.at(-1)).toBe(`init ${n.ns_inum}`);
      return n;
    });
    m.runCommand('sleep 0.1');
    expect(n.dead).toBe(true);
    expect(m.inspect(() => for_each_net())).not.toContain(n);
    expect(seen.at(-1)).toBe(`exit ${n.ns_inum}`);
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
    const out = m.runCommand('ip netns add blue && ip netns list && ip link add v0 type veth peer name v1 && ip link set v1 netns blue && ip netns exec blue ip link; ip netns delete blue; sleep 0.1; ip netns list; ip link').output;
    const lines = out.split('\n');
    expect(lines[0]).toBe('blue');
    expect(lines[1]).toBe('1: lo: <LOOPBACK> mtu 65536 qdisc noop qlen 1000');
    expect(lines[3]).toMatch(/^2: v1@if3: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop qlen 1000$/);
    // Deleting the namespace deletes the veth end in it, and with it the pair, once cleanup_net has run.
    expect(lines.slice(5)).toEqual(['1: lo: <LOOPBACK> mtu 65536 qdisc noop qlen 1000', '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00', '']);
  });
});

describe('per-namespace /proc/net and the delayed cleanup', () => {
  it('each namespace has its own /proc/net tree, and a dead one keeps its inums until cleanup_net has run', () => {
    const m = boot();
    const out = m.runCommand([
      'ls /proc/net | wc -l', 'stat -c %i /proc/net/dev',
      'unshare -n sh -c "readlink /proc/self/ns/net; stat -c %i /proc/net/stat /proc/net/dev; ls /proc/net | wc -l; cat /proc/net/dev | wc -l"',
      'unshare -u readlink /proc/self/ns/uts', 'sleep 0.1', 'unshare -u readlink /proc/self/ns/uts',
    ].join('; ')).output.trim().split('\n');
    // 50 files and the stat directory in every namespace, plus init_net's connector (stat/arp_cache is in stat/).
    expect(out[0]).toBe('49');
    const net = Number(/net:\[(\d+)\]/.exec(out[2])![1]);
    // The new namespace's inum, then its stat directory and dev: its entries come right after it.
    expect(out.slice(3, 5).map(Number)).toEqual([net + 1, net + 2]);
    expect(Number(out[4])).not.toBe(Number(out[1]));
    expect(out[5]).toBe('48');
    // Only lo: the namespace's own devices.
    expect(out[6]).toBe('3');
    // Right after the namespace's last process exits its numbers are still taken (52 of them) ...
    expect(out[7]).toBe(`uts:[${net + 52}]`);
    // ... and once cleanup_net has run they are free again.
    expect(out[8]).toBe(`uts:[${net}]`);
  });

  it('/proc/net files show the namespace they belong to, read through another task\'s /proc/PID/net', () => {
    const m = boot();
    const out = m.runCommand('unshare -n sh -c "ip link set lo up; ping -c 1 -q 127.0.0.1 >/dev/null; sleep 1" & sleep 0.5; ' +
      'grep lo: /proc/$!/net/dev; grep lo: /proc/net/dev; cat /proc/net/ptype; wait').output;
    const lines = out.trimEnd().split('\n');
    // The namespace's lo carried the ping; the machine's did not.
    expect(lines[0]).toMatch(/^ {4}lo: {5}196 {7}2 /);
    expect(lines[1]).toMatch(/^ {4}lo: {7}0 {7}0 /);
    expect(lines.slice(2)).toEqual(['Type Device      Function', '0800          ip_rcv', '0806          arp_rcv']);
  });

  it('/proc/net/raw lists the raw ICMP socket of a running ping while it runs, and sockstat counts it, in that namespace only', () => {
    const m = boot();
    const out = m.runCommand('ip link set lo up; ping -c 3 127.0.0.1 >/dev/null & sleep 0.5; tail -1 /proc/net/raw; grep RAW /proc/net/sockstat; ' +
      'unshare -n sh -c "wc -l < /proc/net/raw; grep RAW /proc/net/sockstat"; wait').output.split('\n');
    expect(out[0]).toMatch(/^ {3}1: 00000000:0001 00000000:0000 07 00000000:00000000 00:00000000 00000000 {5}0 {8}0 \d+ 2 ffff[0-9a-f]{12} 0$/);
    expect(out.slice(1, 4)).toEqual(['RAW: inuse 1', '1', 'RAW: inuse 0']);
  });
});
