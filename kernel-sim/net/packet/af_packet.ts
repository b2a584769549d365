// Models linux/net/packet/af_packet.c: AF_PACKET sockets (SOCK_RAW with the link-layer header, SOCK_DGRAM without), bound to a protocol and optionally one device, receiving through a packet_type of their own and sending straight to the device — what a DHCP client uses before its interface has an address.
//
// Not modelled: the mmap rings (PACKET_RX_RING), fanout, and copies of outgoing frames (dev_queue_xmit_nit) to ETH_P_ALL sockets.
import { type net_device, ETH_HLEN, netif_running } from '../../include/linux/netdevice.ts';
import { alloc_skb, type sk_buff } from '../../include/linux/skbuff.ts';
import {
  EINVAL, EMSGSIZE, ENETDOWN, ENODEV, ENXIO, EPERM, ESOCKTNOSUPPORT, EDESTADDRREQ,
} from '../../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { current } from '../../kernel/sched/core.ts';
import { defineState } from '../../kernel/state.ts';
import { __dev_get_by_index, dev_add_pack, dev_queue_xmit, dev_remove_pack, type packet_type } from '../core/dev.ts';
import { type dgram_queue, new_dgram_queue, dgram_enqueue, dgram_recv, dgram_poll } from '../ipv4/datagram.ts';
import { proto_ops_of, sock_register, SOCK_DGRAM, SOCK_RAW, type socket } from '../socket.ts';

export const AF_PACKET = 17;
/** ETH_P_ALL: every protocol (the packet_type goes on ptype_all). */
export const ETH_P_ALL = 0x0003;
const SOCK_PACKET = 10;

/** struct packet_sock: the protocol (host order) and device it is bound to, and its receive queue. */
interface packet_sock { sock: socket; type: number; num: number; ifindex: number; q: dgram_queue; prot_hook: packet_type | null; drops: number }

const pk = (s: socket): packet_sock => s.sk as packet_sock;
const packetState = defineState('af_packet', () => ({ socks: [] as packet_sock[] }));
/** The open packet sockets, for /proc/net/packet. */
export const packet_socks = (): readonly packet_sock[] => packetState().socks;

/** struct sockaddr_ll: family, protocol (network order), ifindex, hatype, pkttype, halen, addr[8]. */
function sockaddr_ll(protocol: number, dev: net_device, pkttype: number, addr: Uint8Array): Uint8Array {
  const b = new Uint8Array(20);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, AF_PACKET, true); dv.setUint16(2, protocol, false); dv.setInt32(4, dev.ifindex, true);
  dv.setUint16(8, dev.type, true); b[10] = pkttype; b[11] = addr.length; b.set(addr.subarray(0, 8), 12);
  return b;
}

function parse_sockaddr_ll(a: Uint8Array): { protocol: number; ifindex: number; halen: number; addr: Uint8Array } | number {
  if (a.length < 12 || (a[0] | (a[1] << 8)) !== AF_PACKET) return -EINVAL;
  const dv = new DataView(a.buffer, a.byteOffset, a.byteLength);
  return { protocol: dv.getUint16(2, false), ifindex: dv.getInt32(4, true), halen: a[11], addr: a.slice(12, 12 + Math.min(8, a[11])) };
}

/** packet_rcv(): a copy of the frame for the socket — SOCK_RAW from the MAC header, SOCK_DGRAM from the network header — with the sender's sockaddr_ll. */
function packet_rcv(po: packet_sock, skb: sk_buff, dev: net_device): number {
  if (dev.nd_net !== po.sock.net || (po.ifindex && po.ifindex !== dev.ifindex)) return 0;
  const d = skb.data;
  const mac = skb.mac_len ? new Uint8Array(d.buffer, d.byteOffset - skb.mac_len, skb.mac_len) : new Uint8Array(0);
  const src = mac.length >= ETH_HLEN ? mac.slice(6, 12) : new Uint8Array(0);
  const data = po.type === SOCK_RAW ? Uint8Array.from([...mac, ...d]) : d.slice();
  if (!dgram_enqueue(po.sock, po.q, { data, addr: sockaddr_ll(skb.protocol, dev, skb.pkt_type, src), full_len: data.length })) po.drops++;
  return 0;
}

/** register_prot_hook(): the socket's own packet_type for its protocol (none while the protocol is 0). */
function register_prot_hook(po: packet_sock): void {
  if (po.prot_hook) { dev_remove_pack(po.prot_hook); po.prot_hook = null; }
  if (!po.num) return;
  const dev = po.ifindex ? __dev_get_by_index(po.sock.net, po.ifindex) : null;
  const hook: packet_type = { type: po.num, dev, net: po.sock.net, func: function packet_rcv_hook(skb, d) { return packet_rcv(po, skb, d); } };
  Object.defineProperty(hook.func, 'name', { value: 'packet_rcv' });
  po.prot_hook = hook;
  dev_add_pack(hook);
}

/** packet_snd(): a frame to the bound or named device; SOCK_DGRAM gets its link-layer header from the device (dev_hard_header). */
function packet_snd(po: packet_sock, data: Uint8Array, addr: Uint8Array | null): number {
  let ifindex = po.ifindex, proto = po.num, dest: Uint8Array | null = null;
  if (addr) {
    const a = parse_sockaddr_ll(addr);
    if (typeof a === 'number') return a;
    ifindex = a.ifindex; proto = a.protocol; dest = a.addr;
  }
  if (!ifindex) return -ENXIO;
  const dev = __dev_get_by_index(po.sock.net, ifindex);
  if (!dev) return -ENXIO;
  if (!netif_running(dev)) return -ENETDOWN;
  if (po.type === SOCK_DGRAM && !dest && dev.header_ops) return -EDESTADDRREQ;
  const hlen = po.type === SOCK_RAW ? dev.hard_header_len : 0;
  if (data.length > dev.mtu + hlen) return -EMSGSIZE;
  const skb = alloc_skb(data.slice(), dev);
  skb.protocol = proto;
  if (po.type === SOCK_DGRAM) dev.header_ops?.create(skb, dev, proto, dest, null);
  const r = dev_queue_xmit(skb);
  return r < 0 ? r : data.length;
}

const packet_ops = proto_ops_of(AF_PACKET, {
  release(sock) {
    const po = pk(sock);
    if (po.prot_hook) dev_remove_pack(po.prot_hook);
    packetState().socks = packetState().socks.filter((x) => x !== po);
  },
  /** packet_bind(): a protocol (0 keeps the current one) and a device (0: every device). */
  bind(sock, addr) {
    const a = parse_sockaddr_ll(addr);
    if (typeof a === 'number') return a;
    const po = pk(sock);
    if (a.ifindex && !__dev_get_by_index(sock.net, a.ifindex)) return -ENODEV;
    po.ifindex = a.ifindex;
    if (a.protocol) po.num = a.protocol;
    register_prot_hook(po);
    return 0;
  },
  getname(sock, peer) {
    if (peer) return -EINVAL;
    const po = pk(sock);
    const dev = po.ifindex ? __dev_get_by_index(sock.net, po.ifindex) : null;
    if (!dev) { const b = new Uint8Array(20); b[0] = AF_PACKET; b[2] = po.num >> 8; b[3] = po.num & 0xff; return b; }
    return sockaddr_ll(po.num, dev, 0, dev.dev_addr);
  },
  *sendmsg(sock, data, addr) { return packet_snd(pk(sock), data, addr); },
  *recvmsg(sock, size, flags, nonblock) { return yield* dgram_recv(sock, pk(sock).q, size, flags, nonblock); },
  poll: (sock) => dgram_poll(pk(sock).q),
  setsockopt: () => 0,
});

/** packet_create(): CAP_NET_RAW (root here); the protocol argument, network order, starts receiving at once. */
const packet_family_ops = {
  family: AF_PACKET,
  create(sock: socket, protocol: number): number {
    if (current().cred.euid !== 0) return -EPERM;
    if (sock.type !== SOCK_RAW && sock.type !== SOCK_DGRAM && sock.type !== SOCK_PACKET) return -ESOCKTNOSUPPORT;
    if (sock.type === SOCK_PACKET) return -ESOCKTNOSUPPORT;
    const num = ((protocol & 0xff) << 8) | ((protocol >> 8) & 0xff); // ntohs
    const po: packet_sock = { sock, type: sock.type, num, ifindex: 0, q: new_dgram_queue(), prot_hook: null, drops: 0 };
    sock.ops = packet_ops;
    sock.sk = po;
    packetState().socks.push(po);
    register_prot_hook(po);
    return 0;
  },
};

/** packet_init(): module_init, so a device initcall when built in — after the drivers, as on the reference. */
function packet_init(): number {
  sock_register(packet_family_ops);
  return 0;
}

export const initcalls: initcall_entry[] = [['device', 'packet_init', packet_init, 2_000]];
