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
      get_net(n);
      put_net(n);
      expect(n.dead).toBe(false);
      put_net(n);
      expect(n.dead).toBe(true);
      expect(for_each_net()).not.toContain(n);
      expect(seen.at(-1)).toBe(`exit ${n.ns_inum}`);
    });
  });
});
