// What the Namespaces view shows of network devices, read without sleeping: every network namespace's interfaces (as `ip -n NS addr` lists them) and which namespace a veth's other end lives in (veth's ndo_get_peer_dev, rtnetlink's IFLA_LINK_NETNSID).
import { IFF_LOOPBACK, IFF_UP, netif_carrier_ok, type net_device } from '../../include/linux/netdevice.ts';
import { inet_ntoa } from '../../include/linux/inetdevice.ts';
import { for_each_net } from './net_namespace.ts';

export interface netdev_node {
  /** The inum of the network namespace the device is in. */
  net: number;
  ifindex: number;
  name: string;
  /** The rtnl link kind (veth, ...), `loopback`, or `ether` for a NIC with a driver of its own. */
  kind: string;
  up: boolean;
  carrier: boolean;
  /** IPv4 addresses as `ip addr` prints them (address/prefix). */
  addrs: string[];
  /** A veth's other end: its namespace and ifindex there. */
  peer: { net: number; ifindex: number } | null;
}

function link_kind(dev: net_device): string {
  if (dev.rtnl_link_ops) return dev.rtnl_link_ops.kind;
  return dev.flags & IFF_LOOPBACK ? 'loopback' : 'ether';
}

/** Every live namespace's devices in registration order (dev_base_head), namespaces oldest first. */
export function netdev_snapshot(): netdev_node[] {
  const out: netdev_node[] = [];
  for (const n of for_each_net()) {
    if (n.dead) continue;
    for (const dev of n.dev_base) {
      const peer = dev.netdev_ops.ndo_get_peer_dev?.(dev) ?? null;
      out.push({
        net: n.ns_inum, ifindex: dev.ifindex, name: dev.name, kind: link_kind(dev),
        up: (dev.flags & IFF_UP) !== 0, carrier: netif_carrier_ok(dev),
        addrs: (dev.ip_ptr?.ifa_list ?? []).map((a) => `${inet_ntoa(a.ifa_local)}/${a.ifa_prefixlen}`),
        peer: peer ? { net: peer.nd_net.ns_inum, ifindex: peer.ifindex } : null,
      });
    }
  }
  return out;
}
