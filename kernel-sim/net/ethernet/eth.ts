// Models linux/net/ethernet/eth.c and include/linux/etherdevice.h: Ethernet setup, headers, eth_type_trans and random MAC addresses.
import {
  type net_device, type header_ops, ARPHRD_ETHER, ETH_ALEN, ETH_HLEN, ETH_DATA_LEN, ETH_MIN_MTU, IFF_BROADCAST, IFF_MULTICAST,
  NET_NAME_ENUM, NET_ADDR_RANDOM,
} from '../../include/linux/netdevice.ts';
import { type sk_buff, skb_push, skb_pull, PACKET_BROADCAST, PACKET_MULTICAST, PACKET_OTHERHOST, PACKET_HOST } from '../../include/linux/skbuff.ts';
import { get_random_u32 } from '../../lib/machine_random.ts';
import { alloc_netdev } from '../core/dev.ts';
import { init_net } from '../core/net_namespace.ts';

export function is_broadcast_ether_addr(a: Uint8Array): boolean { return a.subarray(0, 6).every((b) => b === 0xff); }
export function is_multicast_ether_addr(a: Uint8Array): boolean { return (a[0] & 1) === 1; }
export function is_zero_ether_addr(a: Uint8Array): boolean { return a.subarray(0, 6).every((b) => b === 0); }
export function is_valid_ether_addr(a: Uint8Array): boolean { return !is_multicast_ether_addr(a) && !is_zero_ether_addr(a); }
export function ether_addr_equal(a: Uint8Array, b: Uint8Array): boolean { return a.subarray(0, 6).every((x, i) => x === b[i]); }

/** eth_random_addr(): a locally administered unicast address from the machine's seeded generator. */
export function eth_random_addr(): Uint8Array {
  const a = new Uint8Array(ETH_ALEN);
  for (let i = 0; i < ETH_ALEN; i += 2) { const v = get_random_u32(); a[i] = v & 0xff; a[i + 1] = (v >>> 8) & 0xff; }
  a[0] &= 0xfe; // clear multicast bit
  a[0] |= 0x02; // set local assignment bit (IEEE802)
  return a;
}

/** eth_hw_addr_random(): a random address, reported as NET_ADDR_RANDOM. */
export function eth_hw_addr_random(dev: net_device): void {
  dev.addr_assign_type = NET_ADDR_RANDOM;
  dev.dev_addr.set(eth_random_addr());
}

export function eth_hw_addr_set(dev: net_device, addr: Uint8Array): void { dev.dev_addr.set(addr.subarray(0, ETH_ALEN)); }

/** eth_header(): destination, source and ethertype in front of the payload. */
export function eth_header(skb: sk_buff, dev: net_device, type: number, daddr: Uint8Array | null, saddr: Uint8Array | null): number {
  const h = skb_push(skb, ETH_HLEN);
  h.set((saddr ?? dev.dev_addr).subarray(0, ETH_ALEN), 6);
  if (daddr) h.set(daddr.subarray(0, ETH_ALEN), 0);
  h[12] = type >>> 8; h[13] = type & 0xff;
  return ETH_HLEN;
}

export const eth_header_ops: header_ops = { create: eth_header };

/** eth_type_trans(): pulls the Ethernet header, classifies the frame for this host, returns the ethertype. */
export function eth_type_trans(skb: sk_buff, dev: net_device): number {
  skb.dev = dev;
  const h = skb_pull(skb, ETH_HLEN);
  const dst = h.subarray(0, 6);
  if (is_multicast_ether_addr(dst)) skb.pkt_type = is_broadcast_ether_addr(dst) ? PACKET_BROADCAST : PACKET_MULTICAST;
  else skb.pkt_type = ether_addr_equal(dst, dev.dev_addr) ? PACKET_HOST : PACKET_OTHERHOST;
  skb.mac_len = ETH_HLEN;
  return (h[12] << 8) | h[13];
}

/** ether_setup(): the Ethernet defaults every Ethernet-like device starts from. */
export function ether_setup(dev: net_device): void {
  dev.header_ops = eth_header_ops;
  dev.type = ARPHRD_ETHER;
  dev.hard_header_len = ETH_HLEN;
  dev.min_mtu = ETH_MIN_MTU;
  dev.max_mtu = ETH_DATA_LEN;
  dev.mtu = ETH_DATA_LEN;
  dev.addr_len = ETH_ALEN;
  dev.tx_queue_len = 1000;
  dev.flags = IFF_BROADCAST | IFF_MULTICAST;
  dev.broadcast.fill(0xff, 0, ETH_ALEN);
}

/** alloc_etherdev(): "eth%d" with ether_setup, in init_net. */
export function alloc_etherdev(priv: unknown): net_device {
  return alloc_netdev(priv, 'eth%d', NET_NAME_ENUM, ether_setup, init_net());
}

/** The "aa:bb:cc:dd:ee:ff" form sysfs and iproute2 print. */
export function format_mac(a: Uint8Array, len = ETH_ALEN): string {
  return [...a.subarray(0, len)].map((b) => b.toString(16).padStart(2, '0')).join(':');
}
