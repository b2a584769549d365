// Handlers of the namespace and cgroup methods: snapshots read without sleeping (kernel/cgroup/snapshot.ts, net/core/netdev_snapshot.ts) and the usage ring (kernel/cgroup/history.ts).
import { cgroupApi } from '../../api/methods/cgroup.ts';
import { ns_snapshot, cgroup_tree } from '../../kernel/cgroup/snapshot.ts';
import { cgroup_history } from '../../kernel/cgroup/history.ts';
import { netdev_snapshot } from '../../net/core/netdev_snapshot.ts';
import { ktime_get } from '../../kernel/time/timekeeping.ts';
import { defineMethods } from './define.ts';

export const cgroupMethods = defineMethods(cgroupApi, {
  'ns.snapshot': (_params, ctx) => ctx.machine().inspect(() => ({ ...ns_snapshot(), netdevs: netdev_snapshot() })),
  'cgroup.tree': (_params, ctx) => ctx.machine().inspect(() => ({ nowNs: ktime_get(), cgroups: cgroup_tree() })),
  'cgroup.stats': (params, ctx) => {
    const h = ctx.machine().inspect(() => cgroup_history(params.sinceNs ?? -1));
    return { intervalNs: h.interval_ns, nowNs: h.now, samples: h.samples };
  },
});
