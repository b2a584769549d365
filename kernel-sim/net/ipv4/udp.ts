// Models linux/net/ipv4/udp.c: UDP and UDP-Lite sockets (bind, connect, sendmsg with autobind, receive queues) and __udp4_lib_rcv with the pseudo-header checksum; udplite.c's differences (a table of its own, checksum coverage, a mandatory checksum) are the `lite` branches.
import { EDESTADDRREQ, EINVAL, ENOTCONN, EADDRNOTAVAIL, ENOBUFS } from '../../include/uapi/asm-generic/errno.ts';
import { RTN_LOCAL } from '../../include/uapi/linux/rtnetlink.ts';
import { defineState } from '../../kernel/state.ts';
import { MSG_PEEK, proto_ops_of, type socket } from '../socket.ts';
import { type inet_sock, parse_sockaddr_in, sockaddr_in, inet_get_port, INADDR_ANY } from './inet_common.ts';
import { type dgram_queue, new_dgram_queue, dgram_enqueue, dgram_recv, dgram_poll } from './datagram.ts';
import { ip_send, ip_compute_csum, pseudo_header, ip_route_saddr, IPPROTO_UDP, IPPROTO_UDPLITE, type ip_packet } from './ip.ts';
import { inet_addr_type } from './fib.ts';
import { icmp_send, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH } from './icmp.ts';
import { UDP_INC_STATS } from './snmp.ts';

export interface udp_sock extends inet_sock { sock: socket; q: dgram_queue; connected: boolean }

const udpState = defineState('udp', () => ({ socks: [] as udp_sock[] }));
const udp = (s: socket): udp_sock => s.sk as udp_sock;
/** The bound sockets of one protocol's table (udp_table or udplite_table), as /proc/net/udp and udplite walk them. */
export const udp_socks = (proto = IPPROTO_UDP): readonly udp_sock[] => udpState().socks.filter((s) => s.protocol === proto);
const is_lite = (sk: { protocol: number }): boolean => sk.protocol === IPPROTO_UDPLITE;

function udp_bind(sk: udp_sock, addr: number, port: number): number {
  if (addr !== INADDR_ANY && inet_addr_type(sk.net, addr) !== RTN_LOCAL && addr !== 0xffffffff) return -EADDRNOTAVAIL;
  const p = inet_get_port(udp_socks(sk.protocol), sk, port, addr);
  if (p < 0) return p;
  sk.saddr = addr;
  sk.sport = p;
  if (!udpState().socks.includes(sk)) udpState().socks.push(sk);
  return 0;
}

/** udp_send_skb(): header, checksum over the pseudo-header, then ip_send. */
function udp_send(sk: udp_sock, daddr: number, dport: number, data: Uint8Array): number {
  if (!sk.sport) { const r = udp_bind(sk, INADDR_ANY, 0); if (r) return r; }
  const saddr = sk.saddr || ip_route_saddr(sk.net, daddr);
  if (saddr === null) return -101; // -ENETUNREACH
  const len = 8 + data.length;
  const u = new Uint8Array(len);
  const dv = new DataView(u.buffer);
  // UDP-Lite's length field is its checksum coverage: 0, the whole datagram, unless UDPLITE_SEND_CSCOV narrows it.
  dv.setUint16(0, sk.sport, false); dv.setUint16(2, dport, false); dv.setUint16(4, is_lite(sk) ? 0 : len, false);
  u.set(data, 8);
  dv.setUint16(6, ip_compute_csum(pseudo_header(saddr, daddr, sk.protocol, len), u) || 0xffff, false);
  const r = ip_send(sk.net, saddr, daddr, sk.protocol, u);
  if (r === -ENOBUFS) UDP_INC_STATS(sk.net, 'SndbufErrors', is_lite(sk));
  if (r < 0) return r;
  UDP_INC_STATS(sk.net, 'OutDatagrams', is_lite(sk));
  return data.length;
}

/** udp_rcv(): the socket bound to the port (exact address first), else ICMP port unreachable. */
/** __udp4_lib_rcv(): header and checksum checks (UDP-Lite: its coverage, and no datagram without a checksum), the socket bound to the port (exact address first), else port unreachable. */
function __udp4_lib_rcv(p: ip_packet, proto: number): void {
  const lite = proto === IPPROTO_UDPLITE;
  const dv = new DataView(p.payload.buffer, p.payload.byteOffset, Math.min(8, p.payload.length));
  const ulen = p.payload.length >= 8 ? dv.getUint16(4, false) : 0;
  // The datagram's extent, and the bytes its checksum covers (udplite_checksum_init: coverage 0 is all of it).
  const len = lite ? p.payload.length : ulen;
  const cscov = lite ? ulen || p.payload.length : ulen;
  // short_packet: a header that does not fit or a length beyond the datagram.
  if (p.payload.length < 8 || len < 8 || len > p.payload.length || cscov < 8 || cscov > len) { UDP_INC_STATS(p.net, 'InErrors', lite); return; }
  const sport = dv.getUint16(0, false), dport = dv.getUint16(2, false), check = dv.getUint16(6, false);
  // udp4_csum_init: a zero checksum means none was sent (not allowed in UDP-Lite); otherwise it covers the pseudo-header (unless the device checked it).
  const bad = lite ? !check || ip_compute_csum(pseudo_header(p.saddr, p.daddr, proto, len), p.payload.subarray(0, cscov)) !== 0
    : check !== 0 && !p.csum_unnecessary && ip_compute_csum(pseudo_header(p.saddr, p.daddr, proto, len), p.payload.subarray(0, len)) !== 0;
  if (bad) { UDP_INC_STATS(p.net, 'InCsumErrors', lite); UDP_INC_STATS(p.net, 'InErrors', lite); return; }
  const cands = udp_socks(proto).filter((s) => s.net === p.net && s.sport === dport && (s.saddr === INADDR_ANY || s.saddr === p.daddr)
    && (!s.connected || (s.daddr === p.saddr && s.dport === sport)));
  const sk = cands.find((s) => s.saddr === p.daddr) ?? cands[0];
  if (!sk) {
    // A broadcast nobody listens to is ignored (__udp4_lib_mcast_deliver); a unicast one hears port unreachable.
    if (inet_addr_type(p.net, p.daddr) !== RTN_LOCAL) { UDP_INC_STATS(p.net, 'IgnoredMulti', lite); return; }
    UDP_INC_STATS(p.net, 'NoPorts', lite);
    icmp_send(p, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH);
    return;
  }
  if (!dgram_enqueue(sk.sock, sk.q, { data: p.payload.slice(8, len), addr: sockaddr_in(p.saddr, sport), full_len: len - 8 })) {
    UDP_INC_STATS(p.net, 'RcvbufErrors', lite); UDP_INC_STATS(p.net, 'InErrors', lite);
  }
}

/** udp_rcv() and udplite_rcv(): the two protocols' handlers. */
export const udp_rcv = (p: ip_packet): void => __udp4_lib_rcv(p, IPPROTO_UDP);
export const udplite_rcv = (p: ip_packet): void => __udp4_lib_rcv(p, IPPROTO_UDPLITE);

const udp_ops = proto_ops_of(2, {
  release(sock) {
    const sk = udp(sock);
    udpState().socks = udpState().socks.filter((x) => x !== sk);
  },
  bind(sock, addr) {
    const a = parse_sockaddr_in(addr);
    if (typeof a === 'number') return a;
    if (udp(sock).sport) return -EINVAL;
    return udp_bind(udp(sock), a.addr, a.port);
  },
  *connect(sock, addr) {
    const a = parse_sockaddr_in(addr);
    if (typeof a === 'number') return a;
    const sk = udp(sock);
    if (!sk.sport) { const r = udp_bind(sk, INADDR_ANY, 0); if (r) return r; }
    const src = ip_route_saddr(sk.net, a.addr);
    if (src === null) return -101; // -ENETUNREACH: ip_route_connect found no route
    if (!sk.saddr) sk.saddr = src;
    sk.daddr = a.addr; sk.dport = a.port; sk.connected = true;
    return 0;
  },
  getname(sock, peer) {
    const sk = udp(sock);
    if (peer && !sk.connected) return -ENOTCONN;
    return peer ? sockaddr_in(sk.daddr, sk.dport) : sockaddr_in(sk.saddr, sk.sport);
  },
  *sendmsg(sock, data, addr) {
    const sk = udp(sock);
    if (addr) {
      const a = parse_sockaddr_in(addr);
      if (typeof a === 'number') return a;
      return udp_send(sk, a.addr, a.port, data);
    }
    if (!sk.connected) return -EDESTADDRREQ;
    return udp_send(sk, sk.daddr, sk.dport, data);
  },
  /** udp_recvmsg(): a datagram taken (not peeked) counts as delivered (InDatagrams). */
  *recvmsg(sock, size, flags, nonblock) {
    const r = yield* dgram_recv(sock, udp(sock).q, size, flags, nonblock);
    if (typeof r !== 'number' && r.addr && !(flags & MSG_PEEK)) UDP_INC_STATS(sock.net, 'InDatagrams', is_lite(udp(sock)));
    return r;
  },
  poll: (sock) => dgram_poll(udp(sock).q),
  shutdown(sock) { const sk = udp(sock); if (!sk.connected) return -ENOTCONN; sk.q.shut = true; return 0; },
  setsockopt: () => 0,
});

/** udp_init_sock() / udplite_sk_init(): an unbound UDP or UDP-Lite socket of the caller's namespace. */
export function udp_create(sock: socket, protocol = IPPROTO_UDP): number {
  const sk: udp_sock = { net: sock.net, protocol, saddr: 0, sport: 0, daddr: 0, dport: 0, sock, q: new_dgram_queue(), connected: false };
  sock.ops = udp_ops;
  sock.sk = sk;
  return 0;
}
