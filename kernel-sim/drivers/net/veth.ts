// Models linux/drivers/net/veth.c: virtual Ethernet pairs, a frame sent on one end is received on the other (rtnl link kind "veth").
import {
  type net_device, type net_device_ops, type rtnl_link_ops, ETH_MAX_MTU, NET_NAME_USER, NET_NAME_ENUM, NETDEV_TX_OK, netif_running,
} from '../../include/linux/netdevice.ts';
import type { sk_buff } from '../../include/linux/skbuff.ts';
import { alloc_netdev, register_netdevice, unregister_netdevice, netif_rx, netif_carrier_on, netif_carrier_off, dev_alloc_name_ns } from '../../net/core/dev.ts';
import { ether_setup, eth_hw_addr_random, eth_type_trans } from '../../net/ethernet/eth.ts';
import { rtnl_link_register } from '../../net/core/rtnetlink.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import type { net } from '../../net/core/net_namespace.ts';

/** struct veth_priv: the other end. */
interface veth_priv { peer: net_device | null }
const priv = (dev: net_device): veth_priv => dev.priv as veth_priv;

/** veth_xmit(): the peer receives the frame (veth_forward_skb -> netif_rx); dropped when the peer is down. */
function veth_xmit(skb: sk_buff, dev: net_device): number {
  const rcv = priv(dev).peer;
  const len = skb.data.length;
  if (!rcv || !netif_running(rcv)) { dev.stats.tx_dropped++; return NETDEV_TX_OK; }
  dev.stats.tx_packets++; dev.stats.tx_bytes += len;
  skb.protocol = eth_type_trans(skb, rcv);
  rcv.stats.rx_packets++; rcv.stats.rx_bytes += len;
  netif_rx(skb);
  return NETDEV_TX_OK;
}

/** veth_open(): the carrier comes up on both ends once both are up. */
function veth_open(dev: net_device): number {
  const peer = priv(dev).peer;
  if (!peer) return -107; // -ENOTCONN
  if (peer.flags & 0x1) { netif_carrier_on(dev); netif_carrier_on(peer); }
  return 0;
}

function veth_close(dev: net_device): number {
  const peer = priv(dev).peer;
  netif_carrier_off(dev);
  if (peer) netif_carrier_off(peer);
  return 0;
}

const veth_netdev_ops: net_device_ops = {
  ndo_open: veth_open,
  ndo_stop: veth_close,
  ndo_start_xmit: veth_xmit,
  ndo_get_iflink: (dev) => priv(dev).peer?.ifindex ?? 0,
  ndo_get_peer_dev: (dev) => priv(dev).peer,
};

/** veth_setup(): Ethernet, no queue, a random address, any MTU up to 64 KiB. */
function veth_setup(dev: net_device): void {
  ether_setup(dev);
  dev.default_qdisc = 'noqueue';
  dev.netdev_ops = veth_netdev_ops;
  dev.rtnl_link_ops = veth_link_ops;
  dev.max_mtu = ETH_MAX_MTU;
  eth_hw_addr_random(dev);
}

/** veth_newlink(): the peer is registered first (it gets the lower ifindex), both start without carrier. */
function veth_newlink(src: net, name: string, peer_name: string | null, peer_net: net | null): net_device | number {
  const pnet = peer_net ?? src;
  const pname = peer_name ?? dev_alloc_name_ns(pnet, 'veth%d');
  if (typeof pname === 'number') return pname;
  const peer = alloc_netdev({ peer: null } satisfies veth_priv, pname, peer_name ? NET_NAME_USER : NET_NAME_ENUM, veth_setup, pnet);
  let r = register_netdevice(peer);
  if (r) return r;
  netif_carrier_off(peer);
  const dev = alloc_netdev({ peer: null } satisfies veth_priv, name, name.includes('%d') ? NET_NAME_ENUM : NET_NAME_USER, veth_setup, src);
  r = register_netdevice(dev);
  if (r) { unregister_netdevice(peer); return r; }
  netif_carrier_off(dev);
  priv(dev).peer = peer;
  priv(peer).peer = dev;
  return dev;
}

/** veth_dellink(): both ends go. */
function veth_dellink(dev: net_device, kill: net_device[]): void {
  const peer = priv(dev).peer;
  priv(dev).peer = null;
  if (peer) { priv(peer).peer = null; if (!kill.includes(peer)) kill.push(peer); }
}

const veth_link_ops: rtnl_link_ops = { kind: 'veth', newlink: veth_newlink, dellink: veth_dellink };

function veth_init(): number {
  rtnl_link_register(veth_link_ops);
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'veth_init', veth_init, 2_000]];
