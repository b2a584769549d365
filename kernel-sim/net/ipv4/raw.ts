// Models linux/net/ipv4/raw.c: SOCK_RAW sockets of one protocol (ping's IPPROTO_ICMP) that receive every datagram of it with its IP header and send with a header the kernel builds.
import { EDESTADDRREQ, EPERM, EPROTONOSUPPORT } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { current } from '../../kernel/sched/core.ts';
import { proto_ops_of, type socket } from '../socket.ts';
import { type inet_sock, parse_sockaddr_in, sockaddr_in } from './inet_common.ts';
import { type dgram_queue, new_dgram_queue, dgram_enqueue, dgram_recv, dgram_poll } from './datagram.ts';
import { ip_send, type ip_packet } from './ip.ts';

export interface raw_sock extends inet_sock { sock: socket; q: dgram_queue }

const rawState = defineState('raw', () => ({ socks: [] as raw_sock[] }));
const raw = (s: socket): raw_sock => s.sk as raw_sock;
/** The open raw sockets, for /proc/net/raw and sockstat. */
export const raw_socks = (): readonly raw_sock[] => rawState().socks;

/** raw_v4_input(): a copy, IP header included, to every raw socket of the protocol in the namespace. */
export function raw_local_deliver(p: ip_packet): boolean {
  let delivered = false;
  for (const sk of rawState().socks) {
    if (sk.net !== p.net || sk.protocol !== p.protocol) continue;
    if (sk.saddr && sk.saddr !== p.daddr) continue;
    const data = new Uint8Array(p.iph.length + p.payload.length);
    data.set(p.iph); data.set(p.payload, p.iph.length);
    dgram_enqueue(sk.sock, sk.q, { data, addr: sockaddr_in(p.saddr, 0), full_len: data.length });
    delivered = true;
  }
  return delivered;
}

const raw_ops = proto_ops_of(2, {
  release(sock) { rawState().socks = rawState().socks.filter((x) => x !== raw(sock)); },
  bind(sock, addr) {
    const a = parse_sockaddr_in(addr);
    if (typeof a === 'number') return a;
    raw(sock).saddr = a.addr;
    return 0;
  },
  *connect(sock, addr) {
    const a = parse_sockaddr_in(addr);
    if (typeof a === 'number') return a;
    raw(sock).daddr = a.addr;
    return 0;
  },
  getname: (sock, peer) => sockaddr_in(peer ? raw(sock).daddr : raw(sock).saddr, 0),
  /** raw_sendmsg(): the payload is the protocol header and data; the kernel adds the IP header. */
  *sendmsg(sock, data, addr) {
    const sk = raw(sock);
    let daddr = sk.daddr;
    if (addr) {
      const a = parse_sockaddr_in(addr);
      if (typeof a === 'number') return a;
      daddr = a.addr;
    }
    if (!daddr) return -EDESTADDRREQ;
    const r = ip_send(sk.net, sk.saddr, daddr, sk.protocol, data);
    return r < 0 ? r : data.length;
  },
  *recvmsg(sock, size, flags, nonblock) { return yield* dgram_recv(sock, raw(sock).q, size, flags, nonblock); },
  poll: (sock) => dgram_poll(raw(sock).q),
  setsockopt: () => 0,
});

/** raw_init(): needs CAP_NET_RAW (root here) and a protocol. */
export function raw_create(sock: socket, protocol: number): number {
  if (current().cred.euid !== 0) return -EPERM;
  if (protocol <= 0 || protocol > 255) return -EPROTONOSUPPORT;
  const sk: raw_sock = { net: sock.net, protocol, saddr: 0, sport: 0, daddr: 0, dport: 0, sock, q: new_dgram_queue() };
  sock.ops = raw_ops;
  sock.sk = sk;
  rawState().socks.push(sk);
  return 0;
}
