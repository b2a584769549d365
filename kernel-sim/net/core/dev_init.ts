// Models net_dev_init() of linux/net/core/dev.c: the net class in sysfs, then the loopback device of every namespace.
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { netdev_kobject_init } from './net-sysfs.ts';
import { init_net, register_pernet_device, type net, type pernet_operations } from './net_namespace.ts';
import { loopback_net_ops } from '../../drivers/net/loopback.ts';
import { dev_change_net_namespace, unregister_netdevice } from './dev.ts';
import type { net_device } from '../../include/linux/netdevice.ts';

/**
 * default_device_exit_batch(): when a namespace dies, devices of an rtnl kind (veth) are deleted with what
 * belongs to them; the others (hardware) go back to init_net, renamed "dev%d" if their name is taken there.
 */
function default_device_exit(n: net): void {
  for (const dev of [...n.dev_base]) {
    if (dev === n.loopback_dev || dev.reg_state !== 'REGISTERED') continue;
    if (dev.rtnl_link_ops) {
      const kill: net_device[] = [dev];
      dev.rtnl_link_ops.dellink?.(dev, kill);
      for (const d of kill) unregister_netdevice(d);
    } else {
      dev_change_net_namespace(dev, init_net(), 'dev%d');
    }
  }
}

const default_device_ops: pernet_operations = { name: 'default_device', exit: default_device_exit };

function net_dev_init(): number {
  return netdev_kobject_init() || register_pernet_device(loopback_net_ops) || register_pernet_device(default_device_ops);
}

export const initcalls: initcall_entry[] = [['subsys', 'net_dev_init', net_dev_init, 2_000]];
