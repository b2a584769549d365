// Models linux/net/ipv4/ip_input.c and ip_output.c: the IPv4 header, checksums, delivery to the protocols, and sending through a route and the neighbour (ARP) layer.
import { type net_device, ETH_P_IP, ARPHRD_LOOPBACK, IFF_NOARP, netif_running } from '../../include/linux/netdevice.ts';
import { alloc_skb, CHECKSUM_UNNECESSARY, type sk_buff } from '../../include/linux/skbuff.ts';
import { EMSGSIZE, ENETDOWN } from '../../include/uapi/asm-generic/errno.ts';
import { RTN_LOCAL, RTN_BROADCAST } from '../../include/uapi/linux/rtnetlink.ts';
import { defineState } from '../../kernel/state.ts';
import { dev_queue_xmit } from '../core/dev.ts';
import type { net } from '../core/net_namespace.ts';
import { fib_lookup, inet_addr_type } from './fib.ts';
import { inet_select_addr } from './devinet.ts';
import { arp_resolve } from './arp.ts';
import { ICMPMSGOUT_INC_STATS, ICMP_INC_STATS, IP_INC_STATS, IP_UPD_PO_STATS } from './snmp.ts';

export const IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_UDPLITE = 136;
export const IPDEFTTL = 64;

/** A received datagram as the protocols see it (the skb after ip_rcv pulled the header). */
export interface ip_packet {
  net: net;
  dev: net_device;
  saddr: number;
  daddr: number;
  protocol: number;
  ttl: number;
  /** The IP header bytes (raw sockets return them). */
  iph: Uint8Array;
  payload: Uint8Array;
  /** The device verified the transport checksum (skb->ip_summed == CHECKSUM_UNNECESSARY): the protocols skip it. */
  csum_unnecessary?: boolean;
}

/** struct net_protocol: a transport's handler (inet_add_protocol). */
export type net_protocol = (p: ip_packet) => void;

/** ip_rcv_core's ECN counters, by the header's two ECN bits. */
const ECN_MIB = ['InNoECTPkts', 'InECT1Pkts', 'InECT0Pkts', 'InCEPkts'] as const;
const ICMP_PROT_UNREACH = 2;

const ipState = defineState('ipv4', () => ({
  protos: new Map<number, net_protocol>(),
  /** raw_local_deliver(): true when a raw socket took a datagram of a protocol no handler serves. */
  raw_deliver: null as ((p: ip_packet) => boolean) | null,
  /** icmp_send(ICMP_DEST_UNREACH, code): installed by inet_init (icmp sits above ip). */
  unreach: null as ((p: ip_packet, code: number) => void) | null,
}));

export function inet_add_protocol(proto: number, handler: net_protocol): void { ipState().protos.set(proto, handler); }
/** inet_init's wiring of what ip_local_deliver needs from the layers above it. */
export function ip_local_deliver_init(raw_deliver: (p: ip_packet) => boolean, unreach: (p: ip_packet, code: number) => void): void {
  Object.assign(ipState(), { raw_deliver, unreach });
}

/** ip_compute_csum(): the ones' complement sum of 16-bit words. */
export function ip_compute_csum(...parts: Uint8Array[]): number {
  let sum = 0;
  for (const b of parts) {
    for (let i = 0; i + 1 < b.length; i += 2) sum += (b[i] << 8) | b[i + 1];
    if (b.length & 1) sum += b[b.length - 1] << 8;
  }
  while (sum >>> 16) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** The pseudo-header UDP and TCP checksum over (csum_tcpudp_magic). */
export function pseudo_header(saddr: number, daddr: number, proto: number, len: number): Uint8Array {
  const b = new Uint8Array(12);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, saddr, false); dv.setUint32(4, daddr, false); b[9] = proto; dv.setUint16(10, len, false);
  return b;
}

function build_iph(n: net, saddr: number, daddr: number, protocol: number, len: number, ttl: number): Uint8Array {
  const h = new Uint8Array(20);
  const dv = new DataView(h.buffer);
  h[0] = 0x45;
  dv.setUint16(2, 20 + len, false);
  dv.setUint16(4, n.ipv4.ip_id++ & 0xffff, false);
  dv.setUint16(6, protocol === IPPROTO_UDP ? 0 : 0x4000, false); // DF, as pmtudisc does for TCP and ping
  h[8] = ttl; h[9] = protocol;
  dv.setUint32(12, saddr, false); dv.setUint32(16, daddr, false);
  dv.setUint16(10, ip_compute_csum(h), false);
  return h;
}

/** The source address a datagram to `daddr` leaves with (the route's preferred source). */
export function ip_route_saddr(n: net, daddr: number): number | null {
  const res = fib_lookup(n, daddr);
  if (typeof res === 'number') return null;
  return res.type === RTN_LOCAL ? daddr : res.prefsrc || inet_select_addr(res.dev, daddr);
}

/**
 * ip_queue_xmit()/ip_send_skb(): routes, adds the header and hands the frame to the neighbour layer:
 * local destinations loop through lo, others resolve the next hop with ARP on Ethernet.
 */
export function ip_send(n: net, saddr: number, daddr: number, protocol: number, payload: Uint8Array, ttl = IPDEFTTL): number {
  const res = fib_lookup(n, daddr);
  if (typeof res === 'number') { IP_INC_STATS(n, 'OutNoRoutes'); return res; }
  const dev = res.dev;
  if (!netif_running(dev)) return -ENETDOWN;
  if (payload.length + 20 > dev.mtu) return -EMSGSIZE;
  const src = saddr || (res.type === RTN_LOCAL ? daddr : res.prefsrc || inet_select_addr(dev, daddr));
  const iph = build_iph(n, src, daddr, protocol, payload.length, ttl);
  const data = new Uint8Array(iph.length + payload.length);
  data.set(iph); data.set(payload, iph.length);
  // __ip_make_skb's icmp_out_count (every ICMP message, the kernel's or a raw socket's), then ip_output and ip_finish_output2.
  if (protocol === IPPROTO_ICMP && payload.length) { ICMPMSGOUT_INC_STATS(n, payload[0]); ICMP_INC_STATS(n, 'OutMsgs'); }
  IP_UPD_PO_STATS(n, 'OutRequests', 'OutOctets', data.length);
  const bcast = res.type === RTN_BROADCAST || daddr === 0xffffffff;
  if (bcast) IP_UPD_PO_STATS(n, 'OutBcastPkts', 'OutBcastOctets', data.length);
  const skb = alloc_skb(data, dev);
  skb.protocol = ETH_P_IP;
  return neigh_output(skb, dev, bcast ? 0xffffffff : res.gw || daddr);
}

/** neigh_output(): a link-layer header for the next hop, now or once ARP has answered. */
function neigh_output(skb: sk_buff, dev: net_device, nexthop: number): number {
  if (dev.type === ARPHRD_LOOPBACK || dev.flags & IFF_NOARP) {
    dev.header_ops?.create(skb, dev, ETH_P_IP, new Uint8Array(6), null);
    return dev_queue_xmit(skb);
  }
  if (nexthop === 0xffffffff) {
    dev.header_ops?.create(skb, dev, ETH_P_IP, dev.broadcast, null);
    return dev_queue_xmit(skb);
  }
  arp_resolve(dev, nexthop, (mac) => {
    dev.header_ops?.create(skb, dev, ETH_P_IP, mac, null);
    dev_queue_xmit(skb);
  });
  return 0;
}

/** ip_rcv(): header checks, then local delivery for our addresses and broadcasts; other datagrams are dropped (no forwarding). */
export function ip_rcv(skb: sk_buff, dev: net_device): number {
  const d = skb.data;
  const n = dev.nd_net;
  // ip_rcv_core(): every datagram counts in (with its ECN codepoint) before its header is judged.
  IP_UPD_PO_STATS(n, 'InReceives', 'InOctets', d.length);
  IP_INC_STATS(n, ECN_MIB[d.length > 1 ? d[1] & 3 : 0]);
  if (d.length < 20 || d[0] >> 4 !== 4) { IP_INC_STATS(n, 'InHdrErrors'); return 1; }
  const ihl = (d[0] & 0xf) * 4;
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const tot = dv.getUint16(2, false);
  if (ihl < 20 || tot < ihl) { IP_INC_STATS(n, 'InHdrErrors'); dev.stats.rx_errors++; return 1; }
  if (tot > d.length) { IP_INC_STATS(n, 'InTruncatedPkts'); dev.stats.rx_errors++; return 1; }
  if (ip_compute_csum(d.subarray(0, ihl)) !== 0) { IP_INC_STATS(n, 'InCsumErrors'); IP_INC_STATS(n, 'InHdrErrors'); dev.stats.rx_errors++; return 1; }
  const p: ip_packet = {
    net: n, dev, saddr: dv.getUint32(12, false), daddr: dv.getUint32(16, false), protocol: d[9], ttl: d[8],
    iph: d.subarray(0, ihl), payload: d.subarray(ihl, tot), csum_unnecessary: skb.ip_summed === CHECKSUM_UNNECESSARY,
  };
  const type = p.daddr === 0xffffffff ? RTN_BROADCAST : inet_addr_type(n, p.daddr);
  // Not ours and no forwarding: the route is ip_error's, which counts an address error (EHOSTUNREACH).
  if (type !== RTN_LOCAL && type !== RTN_BROADCAST) { IP_INC_STATS(n, 'InAddrErrors'); return 1; }
  if (type === RTN_BROADCAST) IP_UPD_PO_STATS(n, 'InBcastPkts', 'InBcastOctets', tot);
  return ip_local_deliver(p);
}

/** ip_protocol_deliver_rcu(): the protocol's handler, or protocol unreachable (raw sockets of the protocol still take it). */
function ip_local_deliver(p: ip_packet): number {
  const handler = ipState().protos.get(p.protocol);
  if (handler) { handler(p); IP_INC_STATS(p.net, 'InDelivers'); return 0; }
  const raw = ipState().raw_deliver?.(p) ?? false;
  if (raw) { IP_INC_STATS(p.net, 'InDelivers'); return 0; }
  IP_INC_STATS(p.net, 'InUnknownProtos');
  ipState().unreach?.(p, ICMP_PROT_UNREACH);
  return 1;
}
