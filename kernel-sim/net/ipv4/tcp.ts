// Models linux/net/ipv4/tcp.c, tcp_input.c, tcp_output.c and tcp_ipv4.c over a lossless link: the state machine (handshake, data with sequence numbers and ACKs, FIN and RST), listen/accept queues and stream reads.
//
// The links here never lose or reorder a segment, so there are no retransmission timers, no
// windows to respect and no reassembly queue; TIME_WAIT ends at once. Everything else a
// learner can observe (states, ports, RST on a closed port, EOF after FIN) is Linux's.
import type { KGen } from '../../include/linux/sched.ts';
import {
  EADDRNOTAVAIL, EAGAIN, ECONNREFUSED, ECONNRESET, EINVAL, EISCONN, ENOTCONN, EPIPE, EALREADY, EINPROGRESS,
} from '../../include/uapi/asm-generic/errno.ts';
import { RTN_LOCAL } from '../../include/uapi/linux/rtnetlink.ts';
import { defineState } from '../../kernel/state.ts';
import { wait_event_interruptible, wake_up_interruptible_all } from '../../kernel/sched/wait.ts';
import { get_random_u32 } from '../../lib/machine_random.ts';
import { proto_ops_of, SHUT_RD, SHUT_WR, type socket, type recv_result } from '../socket.ts';
import { sock_alloc } from '../socket.ts';
import { type inet_sock, parse_sockaddr_in, sockaddr_in, inet_get_port, INADDR_ANY } from './inet_common.ts';
import { ip_send, ip_compute_csum, pseudo_header, ip_route_saddr, IPPROTO_TCP, type ip_packet } from './ip.ts';
import { inet_addr_type } from './fib.ts';
import type { net } from '../core/net_namespace.ts';
import { NET_INC_STATS, TCP_DEC_STATS, TCP_INC_STATS } from './snmp.ts';

/** TCP states with /proc/net/tcp's numbers. */
export const TCP_ESTABLISHED = 1, TCP_SYN_SENT = 2, TCP_SYN_RECV = 3, TCP_FIN_WAIT1 = 4, TCP_FIN_WAIT2 = 5;
export const TCP_TIME_WAIT = 6, TCP_CLOSE = 7, TCP_CLOSE_WAIT = 8, TCP_LAST_ACK = 9, TCP_LISTEN = 10, TCP_CLOSING = 11;

const FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

export interface tcp_sock extends inet_sock {
  sock: socket | null;
  state: number;
  snd_nxt: number;
  snd_una: number;
  rcv_nxt: number;
  /** Bytes received and not yet read. */
  rcv: Uint8Array[];
  rcv_bytes: number;
  /** The peer sent FIN: reads return 0 once the buffer is empty. */
  fin_rcvd: boolean;
  /** shutdown(SHUT_WR) or close sent our FIN. */
  fin_sent: boolean;
  err: number;
  /** Listener: connections being set up and established ones waiting for accept(). */
  parent: tcp_sock | null;
  accept_q: tcp_sock[];
  backlog: number;
  mss: number;
}

const tcpState = defineState('tcp', () => ({ socks: [] as tcp_sock[] }));
const tcp = (s: socket): tcp_sock => s.sk as tcp_sock;
/** The hashed sockets (listening and connected) /proc/net/tcp walks. */
export const tcp_socks = (): readonly tcp_sock[] => tcpState().socks;

function wake(sk: tcp_sock): void {
  if (sk.sock) wake_up_interruptible_all(sk.sock.wq);
  if (sk.parent?.sock) wake_up_interruptible_all(sk.parent.sock.wq);
}

function new_tcp_sock(n: net, sock: socket | null): tcp_sock {
  return {
    net: n, protocol: IPPROTO_TCP, saddr: 0, sport: 0, daddr: 0, dport: 0, sock, state: TCP_CLOSE, snd_nxt: 0, snd_una: 0,
    rcv_nxt: 0, rcv: [], rcv_bytes: 0, fin_rcvd: false, fin_sent: false, err: 0, parent: null, accept_q: [], backlog: 0, mss: 1460,
  };
}

function tcp_unhash(sk: tcp_sock): void {
  tcpState().socks = tcpState().socks.filter((x) => x !== sk);
}

function tcp_set_state(sk: tcp_sock, state: number): void {
  const old = sk.state;
  // tcp_set_state()'s MIB work: CurrEstab follows ESTABLISHED in and out; a close straight from a synchronized state is a reset.
  if (state === TCP_ESTABLISHED && old !== TCP_ESTABLISHED) TCP_INC_STATS(sk.net, 'CurrEstab');
  if (state !== TCP_ESTABLISHED && old === TCP_ESTABLISHED) TCP_DEC_STATS(sk.net, 'CurrEstab');
  if (state === TCP_CLOSE && (old === TCP_ESTABLISHED || old === TCP_CLOSE_WAIT)) TCP_INC_STATS(sk.net, 'EstabResets');
  // tcp_done() on a connect that never completed.
  if (state === TCP_CLOSE && old === TCP_SYN_SENT) TCP_INC_STATS(sk.net, 'AttemptFails');
  // The time-wait socket is killed at once (its timer, tw_timer_handler, counts it).
  if (state === TCP_TIME_WAIT) NET_INC_STATS(sk.net, 'TW');
  sk.state = state;
  // TIME_WAIT lasts no time over a lossless link; an orphan that reached CLOSE is gone.
  if (state === TCP_TIME_WAIT) sk.state = TCP_CLOSE;
  if (sk.state === TCP_CLOSE && !sk.sock) tcp_unhash(sk);
  wake(sk);
}

/** tcp_transmit_skb(): a segment from sk's ports with the pseudo-header checksum. */
function tcp_xmit(n: net, saddr: number, daddr: number, sport: number, dport: number, seq: number, ack: number, flags: number, data: Uint8Array = new Uint8Array(0)): number {
  const t = new Uint8Array(20 + data.length);
  const dv = new DataView(t.buffer);
  dv.setUint16(0, sport, false); dv.setUint16(2, dport, false);
  dv.setUint32(4, seq >>> 0, false); dv.setUint32(8, ack >>> 0, false);
  t[12] = 5 << 4; t[13] = flags; dv.setUint16(14, 65535, false);
  TCP_INC_STATS(n, 'OutSegs');
  if (flags & RST) TCP_INC_STATS(n, 'OutRsts');
  t.set(data, 20);
  dv.setUint16(16, ip_compute_csum(pseudo_header(saddr, daddr, IPPROTO_TCP, t.length), t), false);
  return ip_send(n, saddr, daddr, IPPROTO_TCP, t);
}

/** Sends one segment; snd_nxt moves first, since the peer may answer before tcp_xmit returns (delivery is synchronous). */
function tcp_send(sk: tcp_sock, flags: number, data?: Uint8Array): number {
  const seq = sk.snd_nxt;
  sk.snd_nxt = (seq + (data?.length ?? 0) + (flags & (SYN | FIN) ? 1 : 0)) >>> 0;
  return tcp_xmit(sk.net, sk.saddr, sk.daddr, sk.sport, sk.dport, seq, flags & ACK ? sk.rcv_nxt : 0, flags, data);
}

/** tcp_v4_send_reset(): the answer to a segment no socket wants. */
function tcp_v4_send_reset(p: ip_packet, sport: number, dport: number, seq: number, ack: number, flags: number, len: number): void {
  if (flags & RST) return;
  if (flags & ACK) tcp_xmit(p.net, p.daddr, p.saddr, dport, sport, ack, 0, RST);
  else tcp_xmit(p.net, p.daddr, p.saddr, dport, sport, 0, (seq + len + (flags & SYN ? 1 : 0) + (flags & FIN ? 1 : 0)) >>> 0, RST | ACK);
}

function tcp_lookup(p: ip_packet, sport: number, dport: number): tcp_sock | undefined {
  const socks = tcpState().socks.filter((s) => s.net === p.net && s.sport === dport);
  return socks.find((s) => s.state !== TCP_LISTEN && s.daddr === p.saddr && s.dport === sport && s.saddr === p.daddr)
    ?? socks.find((s) => s.state === TCP_LISTEN && (s.saddr === INADDR_ANY || s.saddr === p.daddr));
}

/** tcp_conn_request(): a SYN on a listener makes a SYN_RECV child and answers SYN-ACK. */
function tcp_conn_request(lsk: tcp_sock, p: ip_packet, sport: number, seq: number): void {
  if (lsk.accept_q.length >= Math.max(1, lsk.backlog) + 1) { NET_INC_STATS(lsk.net, 'ListenOverflows'); NET_INC_STATS(lsk.net, 'ListenDrops'); return; }
  const c = new_tcp_sock(lsk.net, null);
  Object.assign(c, { saddr: p.daddr, sport: lsk.sport, daddr: p.saddr, dport: sport, rcv_nxt: (seq + 1) >>> 0, parent: lsk, state: TCP_SYN_RECV });
  c.snd_nxt = c.snd_una = get_random_u32();
  c.mss = Math.max(536, p.dev.mtu - 40);
  tcpState().socks.push(c);
  lsk.accept_q.push(c);
  tcp_send(c, SYN | ACK);
}

/** tcp_v4_rcv() + tcp_rcv_state_process(): one segment through the state machine. */
export function tcp_v4_rcv(p: ip_packet): void {
  const d = p.payload;
  TCP_INC_STATS(p.net, 'InSegs');
  if (d.length < 20 || (d[12] >> 4) * 4 < 20 || (d[12] >> 4) * 4 > d.length) { TCP_INC_STATS(p.net, 'InErrs'); return; }
  // skb_checksum_init(): a checksum the device verified (CHECKSUM_UNNECESSARY) is not computed again.
  if (!p.csum_unnecessary && ip_compute_csum(pseudo_header(p.saddr, p.daddr, IPPROTO_TCP, d.length), d) !== 0) {
    TCP_INC_STATS(p.net, 'InCsumErrors'); TCP_INC_STATS(p.net, 'InErrs');
    return;
  }
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const sport = dv.getUint16(0, false), dport = dv.getUint16(2, false);
  const seq = dv.getUint32(4, false), ack = dv.getUint32(8, false);
  const off = (d[12] >> 4) * 4, flags = d[13];
  const data = d.subarray(off);
  const sk = tcp_lookup(p, sport, dport);
  if (!sk || sk.state === TCP_CLOSE) { tcp_v4_send_reset(p, sport, dport, seq, ack, flags, data.length); return; }
  if (sk.state === TCP_LISTEN) {
    if (flags & SYN && !(flags & ACK)) tcp_conn_request(sk, p, sport, seq);
    else tcp_v4_send_reset(p, sport, dport, seq, ack, flags, data.length);
    return;
  }
  if (flags & RST) {
    // A reset of a connection still in the listener's queue drops the request (tcp_check_req's embryonic_reset).
    if (sk.state === TCP_SYN_RECV) NET_INC_STATS(sk.net, 'EmbryonicRsts');
    sk.err = sk.state === TCP_SYN_SENT ? ECONNREFUSED : ECONNRESET;
    if (sk.parent) sk.parent.accept_q = sk.parent.accept_q.filter((x) => x !== sk);
    tcp_set_state(sk, TCP_CLOSE);
    return;
  }
  if (sk.state === TCP_SYN_SENT) {
    if (!(flags & SYN) || !(flags & ACK) || ack !== sk.snd_nxt) { tcp_v4_send_reset(p, sport, dport, seq, ack, flags, data.length); return; }
    sk.rcv_nxt = (seq + 1) >>> 0;
    sk.snd_una = ack;
    tcp_send(sk, ACK);
    tcp_set_state(sk, TCP_ESTABLISHED);
    return;
  }
  if (flags & ACK) {
    sk.snd_una = ack;
    // tcp_check_req() -> tcp_create_openreq_child(): the handshake's last ACK makes the child a passive open.
    if (sk.state === TCP_SYN_RECV) { TCP_INC_STATS(sk.net, 'PassiveOpens'); tcp_set_state(sk, TCP_ESTABLISHED); }
    else if (ack === sk.snd_nxt && sk.fin_sent) {
      if (sk.state === TCP_FIN_WAIT1) tcp_set_state(sk, TCP_FIN_WAIT2);
      else if (sk.state === TCP_CLOSING) tcp_set_state(sk, TCP_TIME_WAIT);
      else if (sk.state === TCP_LAST_ACK) { tcp_set_state(sk, TCP_CLOSE); tcp_unhash(sk); }
    }
  }
  if (seq !== sk.rcv_nxt) return; // a lossless link never sends out of order: a duplicate
  if (data.length && !sk.fin_rcvd) {
    sk.rcv.push(data.slice());
    sk.rcv_bytes += data.length;
    sk.rcv_nxt = (sk.rcv_nxt + data.length) >>> 0;
  }
  if (flags & FIN && !sk.fin_rcvd) {
    sk.fin_rcvd = true;
    sk.rcv_nxt = (sk.rcv_nxt + 1) >>> 0;
    if (sk.state === TCP_ESTABLISHED || sk.state === TCP_SYN_RECV) tcp_set_state(sk, TCP_CLOSE_WAIT);
    else if (sk.state === TCP_FIN_WAIT1) tcp_set_state(sk, TCP_CLOSING);
    else if (sk.state === TCP_FIN_WAIT2) tcp_set_state(sk, TCP_TIME_WAIT);
  }
  if (data.length || flags & FIN) { tcp_send(sk, ACK); wake(sk); }
}

/** tcp_send_fin(): ESTABLISHED -> FIN_WAIT1, CLOSE_WAIT -> LAST_ACK. */
function tcp_send_fin(sk: tcp_sock): void {
  if (sk.fin_sent) return;
  if (sk.state === TCP_ESTABLISHED || sk.state === TCP_SYN_RECV) tcp_set_state(sk, TCP_FIN_WAIT1);
  else if (sk.state === TCP_CLOSE_WAIT) tcp_set_state(sk, TCP_LAST_ACK);
  else return;
  sk.fin_sent = true;
  tcp_send(sk, FIN | ACK);
}

function tcp_autobind(sk: tcp_sock): number {
  if (sk.sport) return 0;
  const p = inet_get_port(tcpState().socks, sk, 0, sk.saddr);
  if (p < 0) return p;
  sk.sport = p;
  if (!tcpState().socks.includes(sk)) tcpState().socks.push(sk);
  return 0;
}

/** tcp_close(): unread data makes it a reset; otherwise a FIN, and the connection finishes as an orphan. */
function tcp_close(sk: tcp_sock): void {
  // inet_csk_listen_stop(): each child not yet accepted is disconnected (reset), leaving its state through tcp_set_state.
  for (const c of sk.accept_q) {
    c.parent = null;
    if (c.state !== TCP_CLOSE) { tcp_send(c, RST | ACK); tcp_set_state(c, TCP_CLOSE); }
    tcp_unhash(c);
  }
  sk.accept_q = [];
  sk.sock = null;
  if (sk.state === TCP_LISTEN || sk.state === TCP_SYN_SENT || sk.state === TCP_CLOSE) { sk.state = TCP_CLOSE; tcp_unhash(sk); return; }
  if (sk.rcv_bytes) {
    NET_INC_STATS(sk.net, 'TCPAbortOnClose');
    tcp_set_state(sk, TCP_CLOSE);
    tcp_send(sk, RST | ACK);
    tcp_unhash(sk);
    return;
  }
  tcp_send_fin(sk);
  if (sk.state === TCP_CLOSE) tcp_unhash(sk);
}

function* tcp_wait(sk: tcp_sock, cond: () => boolean, wchan: string): KGen<number> {
  if (!sk.sock) return -EINVAL;
  return yield* wait_event_interruptible(sk.sock.wq, cond, wchan);
}

const tcp_ops = proto_ops_of(2, {
  release: (sock) => tcp_close(tcp(sock)),
  bind(sock, addr) {
    const a = parse_sockaddr_in(addr);
    if (typeof a === 'number') return a;
    const sk = tcp(sock);
    if (sk.sport) return -EINVAL;
    if (a.addr !== INADDR_ANY && inet_addr_type(sk.net, a.addr) !== RTN_LOCAL) return -EADDRNOTAVAIL;
    const p = inet_get_port(tcpState().socks, sk, a.port, a.addr);
    if (p < 0) return p;
    sk.saddr = a.addr; sk.sport = p;
    tcpState().socks.push(sk);
    return 0;
  },
  listen(sock, backlog) {
    const sk = tcp(sock);
    if (sk.state !== TCP_CLOSE && sk.state !== TCP_LISTEN) return -EINVAL;
    const r = tcp_autobind(sk);
    if (r) return r;
    sk.backlog = Math.min(Math.max(backlog, 0), 4096);
    sk.state = TCP_LISTEN;
    return 0;
  },
  /** inet_csk_accept(): the first established child, as a new socket. */
  *accept(sock, nonblock) {
    const sk = tcp(sock);
    if (sk.state !== TCP_LISTEN) return -EINVAL;
    const ready = (): tcp_sock | undefined => sk.accept_q.find((c) => c.state !== TCP_SYN_RECV);
    if (!ready()) {
      if (nonblock) return -EAGAIN;
      const r = yield* tcp_wait(sk, () => ready() !== undefined || sk.state !== TCP_LISTEN, 'inet_csk_accept');
      if (r) return r;
    }
    const c = ready();
    if (!c) return -EINVAL;
    sk.accept_q = sk.accept_q.filter((x) => x !== c);
    c.parent = null;
    const ns = sock_alloc(sock.family, sock.type, sock.protocol);
    ns.net = sk.net;
    ns.ops = tcp_ops;
    ns.sk = c;
    c.sock = ns;
    return ns;
  },
  /** tcp_v4_connect(): SYN from an ephemeral port, then sleep until the handshake ends. */
  *connect(sock, addr, nonblock) {
    const a = parse_sockaddr_in(addr);
    if (typeof a === 'number') return a;
    const sk = tcp(sock);
    if (sk.state === TCP_ESTABLISHED) return -EISCONN;
    if (sk.state === TCP_SYN_SENT) return -EALREADY;
    if (sk.state !== TCP_CLOSE) return -EINVAL;
    const saddr = sk.saddr || ip_route_saddr(sk.net, a.addr);
    if (saddr === null) return -101; // -ENETUNREACH
    sk.saddr = saddr; sk.daddr = a.addr; sk.dport = a.port;
    const r = tcp_autobind(sk);
    if (r) return r;
    sk.snd_nxt = sk.snd_una = get_random_u32();
    sk.err = 0;
    sk.state = TCP_SYN_SENT;
    TCP_INC_STATS(sk.net, 'ActiveOpens'); // tcp_connect()
    const e = tcp_send(sk, SYN);
    if (e < 0) { sk.state = TCP_CLOSE; return e; }
    if (sk.state === TCP_SYN_SENT) {
      if (nonblock) return -EINPROGRESS;
      const w = yield* tcp_wait(sk, () => sk.state !== TCP_SYN_SENT, 'inet_wait_for_connect');
      if (w) return w;
    }
    if (sk.state === TCP_CLOSE) { const err = sk.err || ECONNREFUSED; sk.err = 0; return -err; }
    return 0;
  },
  getname(sock, peer) {
    const sk = tcp(sock);
    if (peer && sk.state !== TCP_ESTABLISHED && sk.state !== TCP_CLOSE_WAIT) return -ENOTCONN;
    return peer ? sockaddr_in(sk.daddr, sk.dport) : sockaddr_in(sk.saddr, sk.sport);
  },
  /** tcp_sendmsg(): MSS-sized segments, each sent at once. */
  *sendmsg(sock, data) {
    const sk = tcp(sock);
    if (sk.err) { const e = sk.err; sk.err = 0; return -e; }
    if (sk.fin_sent || (sk.state !== TCP_ESTABLISHED && sk.state !== TCP_CLOSE_WAIT)) return sk.state === TCP_CLOSE && !sk.daddr ? -ENOTCONN : -EPIPE;
    for (let off = 0; off < data.length; off += sk.mss) {
      const r = tcp_send(sk, ACK | PSH, data.subarray(off, off + sk.mss));
      if (r < 0) return off ? off : r;
    }
    return data.length;
  },
  /** tcp_recvmsg(): what is buffered, sleeping until data, EOF (FIN) or an error. */
  *recvmsg(sock, size, _flags, nonblock) {
    const sk = tcp(sock);
    if (sk.state === TCP_LISTEN) return -ENOTCONN;
    const can = (): boolean => sk.rcv_bytes > 0 || sk.fin_rcvd || sk.err !== 0 || sk.state === TCP_CLOSE;
    if (!can()) {
      if (nonblock) return -EAGAIN;
      const r = yield* tcp_wait(sk, can, 'sk_wait_data');
      if (r) return r;
    }
    if (!sk.rcv_bytes) {
      if (sk.err) { const e = sk.err; sk.err = 0; return -e; }
      return { data: new Uint8Array(0), addr: null, full_len: 0 } satisfies recv_result;
    }
    const out = new Uint8Array(Math.min(size, sk.rcv_bytes));
    let o = 0;
    while (o < out.length) {
      const b = sk.rcv[0];
      const n = Math.min(b.length, out.length - o);
      out.set(b.subarray(0, n), o);
      o += n;
      if (n === b.length) sk.rcv.shift(); else sk.rcv[0] = b.subarray(n);
    }
    sk.rcv_bytes -= out.length;
    return { data: out, addr: null, full_len: out.length } satisfies recv_result;
  },
  /** tcp_poll() */
  poll(sock) {
    const sk = tcp(sock);
    if (sk.state === TCP_LISTEN) return sk.accept_q.some((c) => c.state !== TCP_SYN_RECV) ? 0x1 | 0x40 : 0;
    let m = 0;
    if (sk.rcv_bytes || sk.fin_rcvd) m |= 0x1 | 0x40;
    if (sk.state === TCP_ESTABLISHED || sk.state === TCP_CLOSE_WAIT) m |= 0x4 | 0x100;
    if (sk.err) m |= 0x8;
    if (sk.state === TCP_CLOSE && sk.daddr) m |= 0x10;
    return m;
  },
  shutdown(sock, how) {
    const sk = tcp(sock);
    if (sk.state === TCP_CLOSE || sk.state === TCP_LISTEN || sk.state === TCP_SYN_SENT) return -ENOTCONN;
    if (how !== SHUT_RD) tcp_send_fin(sk);
    if (how !== SHUT_WR) { sk.fin_rcvd = true; wake(sk); }
    return 0;
  },
  setsockopt: () => 0,
});

export function tcp_create(sock: socket): number {
  sock.ops = tcp_ops;
  sock.sk = new_tcp_sock(sock.net, sock);
  return 0;
}

/** /proc/net/tcp's sockets. */
export function tcp_sockets(): readonly tcp_sock[] { return tcpState().socks; }
