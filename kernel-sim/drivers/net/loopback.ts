// Models linux/drivers/net/loopback.c: the loopback device "lo", one per network namespace (a pernet device).
import {
  type net_device, type net_device_ops, ARPHRD_LOOPBACK, ETH_ALEN, ETH_HLEN, IFF_LOOPBACK, NET_NAME_PREDICTABLE, NETDEV_TX_OK,
} from '../../include/linux/netdevice.ts';
import type { sk_buff } from '../../include/linux/skbuff.ts';
import { alloc_netdev, register_netdevice, unregister_netdevice, netif_rx } from '../../net/core/dev.ts';
import { eth_header_ops, eth_type_trans } from '../../net/ethernet/eth.ts';
import type { net, pernet_operations } from '../../net/core/net_namespace.ts';

/** loopback_xmit(): the frame comes straight back in as received (netif_rx), counted on both sides. */
function loopback_xmit(skb: sk_buff, dev: net_device): number {
  const len = skb.data.length;
  skb.protocol = eth_type_trans(skb, dev);
  dev.stats.tx_packets++; dev.stats.tx_bytes += len;
  dev.stats.rx_packets++; dev.stats.rx_bytes += len;
  netif_rx(skb);
  return NETDEV_TX_OK;
}

const loopback_ops: net_device_ops = { ndo_start_xmit: loopback_xmit };

/** loopback_setup(): 64 KiB MTU, no ARP, no queue (noqueue once up), a zero Ethernet address. */
function loopback_setup(dev: net_device): void {
  dev.mtu = 64 * 1024;
  dev.hard_header_len = ETH_HLEN;
  dev.min_mtu = 0;
  dev.max_mtu = 0;
  dev.addr_len = ETH_ALEN;
  dev.type = ARPHRD_LOOPBACK;
  dev.flags = IFF_LOOPBACK;
  dev.default_qdisc = 'noqueue';
  dev.header_ops = eth_header_ops;
  dev.netdev_ops = loopback_ops;
}

/** loopback_net_init(): registers lo in a new namespace; it must be ifindex 1 (LOOPBACK_IFINDEX). */
function loopback_net_init(n: net): number {
  const dev = alloc_netdev(null, 'lo', NET_NAME_PREDICTABLE, loopback_setup, n);
  dev.ifindex = 1;
  const r = register_netdevice(dev);
  if (r) return r;
  n.loopback_dev = dev;
  return 0;
}

function loopback_net_exit(n: net): void {
  const dev = n.loopback_dev;
  if (dev) unregister_netdevice(dev);
  n.loopback_dev = null;
}

/** loopback_net_ops: registered by net_dev_init (register_pernet_device). */
export const loopback_net_ops: pernet_operations = { name: 'loopback', init: loopback_net_init, exit: loopback_net_exit };
