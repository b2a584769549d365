// Models linux/net/core/net-sysfs.c: the "net" class, /sys/class/net/<dev>/ attributes and statistics/ (devices of init_net only).
//
// Linux tags each net device's sysfs directory with its namespace, and a sysfs mount shows the
// namespace of whoever mounted it. kernfs here has no namespace tags, so only init_net's devices
// get a directory: a device moved into another namespace leaves /sys/class/net, and comes back when moved home.
import { type net_device, type rtnl_link_stats64, operstate_names, netif_running, netif_carrier_ok } from '../../include/linux/netdevice.ts';
import type { class_, device, device_attribute } from '../../drivers/base/base.ts';
import type { attribute_group } from '../../fs/sysfs/sysfs.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { class_register } from '../../drivers/base/class.ts';
import { device_create_with_groups, device_unregister, dev_get_drvdata, run_sync } from '../../drivers/base/core.ts';
import { dev_change_flags, dev_get_stats, dev_operstate, dev_set_mtu, install_netdev_hooks } from './dev.ts';
import { init_net } from './net_namespace.ts';
import { format_mac } from '../ethernet/eth.ts';

const net_class: class_ = { name: 'net' };
const sysfsState = defineState('net_sysfs', () => ({ registered: false }));

const to_net_dev = (d: device): net_device => dev_get_drvdata(d) as net_device;
const dec = (n: number): string => `${n}\n`;
const hex = (n: number): string => `0x${n.toString(16)}\n`;

/** A read-only attribute from a function of the device; a number result below 0 is an errno. */
function RO(name: string, show: (nd: net_device) => string | number): device_attribute {
  return { name, mode: 0o444, show: (d) => show(to_net_dev(d)) };
}

/** A read-write attribute whose store parses a number (netdev_store: CAP_NET_ADMIN, then the setter). */
function RW_NUM(name: string, show: (nd: net_device) => string, set: (nd: net_device, v: number) => number): device_attribute {
  return {
    name, mode: 0o644, show: (d) => show(to_net_dev(d)),
    store: (d, _a, buf) => {
      const t = buf.trim();
      if (!/^(0x[0-9a-f]+|\d+)$/i.test(t)) return -EINVAL;
      const r = set(to_net_dev(d), Number(t));
      return r < 0 ? r : buf.length;
    },
  };
}

const running_only = (nd: net_device, v: () => string): string | number => (netif_running(nd) ? v() : -EINVAL);

const net_class_attrs: device_attribute[] = [
  RW_NUM('netdev_group', (nd) => dec(nd.group), (nd, v) => { nd.group = v; return 0; }),
  RO('type', (nd) => dec(nd.type)),
  RO('dev_id', () => hex(0)),
  RO('dev_port', () => dec(0)),
  RO('iflink', (nd) => dec(nd.netdev_ops.ndo_get_iflink?.(nd) ?? nd.ifindex)),
  RO('ifindex', (nd) => dec(nd.ifindex)),
  RO('name_assign_type', (nd) => (nd.name_assign_type ? dec(nd.name_assign_type) : -EINVAL)),
  RO('addr_assign_type', (nd) => dec(nd.addr_assign_type)),
  RO('addr_len', (nd) => dec(nd.addr_len)),
  RO('link_mode', (nd) => dec(nd.link_mode)),
  RO('address', (nd) => `${format_mac(nd.dev_addr, nd.addr_len)}\n`),
  RO('broadcast', (nd) => `${format_mac(nd.broadcast, nd.addr_len)}\n`),
  RO('speed', () => -EINVAL),
  RO('duplex', () => -EINVAL),
  RO('dormant', (nd) => running_only(nd, () => dec(0))),
  RO('testing', (nd) => running_only(nd, () => dec(0))),
  RO('operstate', (nd) => `${operstate_names[dev_operstate(nd)]}\n`),
  RO('carrier_changes', (nd) => dec(nd.carrier_up_count + nd.carrier_down_count)),
  { name: 'ifalias', mode: 0o644, show: (d) => `${to_net_dev(d).ifalias}\n`, store: (d, _a, buf) => { to_net_dev(d).ifalias = buf.replace(/\n$/, ''); return buf.length; } },
  RO('carrier', (nd) => running_only(nd, () => dec(netif_carrier_ok(nd) ? 1 : 0))),
  RW_NUM('mtu', (nd) => dec(nd.mtu), dev_set_mtu),
  RW_NUM('flags', (nd) => hex(nd.flags), (nd, v) => dev_change_flags(nd, v)),
  RW_NUM('tx_queue_len', (nd) => dec(nd.tx_queue_len), (nd, v) => { nd.tx_queue_len = v; return 0; }),
  RW_NUM('gro_flush_timeout', () => dec(0), () => 0),
  RW_NUM('napi_defer_hard_irqs', () => dec(0), () => 0),
  RO('phys_port_id', () => -95),
  RO('phys_port_name', () => -95),
  RO('phys_switch_id', () => -95),
  RW_NUM('proto_down', () => dec(0), () => 0),
  RO('carrier_up_count', (nd) => dec(nd.carrier_up_count)),
  RO('carrier_down_count', (nd) => dec(nd.carrier_down_count)),
  RW_NUM('threaded', () => dec(0), () => 0),
];

const netstat_names: (keyof rtnl_link_stats64)[] = [
  'rx_packets', 'tx_packets', 'rx_bytes', 'tx_bytes', 'rx_errors', 'tx_errors', 'rx_dropped', 'tx_dropped', 'multicast',
  'collisions', 'rx_length_errors', 'rx_over_errors', 'rx_crc_errors', 'rx_frame_errors', 'rx_fifo_errors',
  'rx_missed_errors', 'tx_aborted_errors', 'tx_carrier_errors', 'tx_fifo_errors', 'tx_heartbeat_errors',
  'tx_window_errors', 'rx_compressed', 'tx_compressed', 'rx_nohandler',
];

/** statistics/: one file per counter, read through dev_get_stats. */
const netstat_group: attribute_group = {
  name: 'statistics',
  attrs: netstat_names.map((k) => RO(k, (nd) => dec(dev_get_stats(nd)[k]))),
};

const net_groups: attribute_group[] = [{ attrs: net_class_attrs }, netstat_group];

/** netdev_register_kobject(): /sys/devices/virtual/net/<name> (or under its parent) with /sys/class/net/<name>. */
function netdev_register_kobject(nd: net_device): number {
  if (nd.nd_net !== init_net() || !sysfsState().registered) return 0;
  const r = run_sync(device_create_with_groups(net_class, nd.parent, 0, nd, net_groups, nd.name), 'register_netdevice');
  if (typeof r === 'number') return r;
  nd.dev = r;
  return 0;
}

function netdev_unregister_kobject(nd: net_device): void {
  if (!nd.dev) return;
  run_sync(device_unregister(nd.dev), 'unregister_netdevice');
  nd.dev = null;
}

/** netdev_kobject_init(): the net class, then the hooks register_netdevice calls. */
export function netdev_kobject_init(): number {
  const r = class_register(net_class);
  if (r) return r;
  sysfsState().registered = true;
  install_netdev_hooks({ register_kobject: netdev_register_kobject, unregister_kobject: netdev_unregister_kobject });
  return 0;
}

