// Models linux/net/netlink/af_netlink.c: datagram sockets bound to port ids and multicast groups, kernel broadcasts and unicasts, per-socket receive queues.
import type { KGen } from '../../include/linux/sched.ts';
import {
  EAGAIN, ENOBUFS, EADDRINUSE, EINVAL, EPERM, EPROTONOSUPPORT, ESOCKTNOSUPPORT, ECONNREFUSED,
} from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { current } from '../../kernel/sched/core.ts';
import { wait_event_interruptible, wake_up_interruptible_all } from '../../kernel/sched/wait.ts';
import { trace_event } from '../../kernel/trace/trace.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { proto_ops_of, sock_register, SOCK_RAW, SOCK_DGRAM, MSG_PEEK, type socket, type net_proto_family, type recv_result } from '../socket.ts';
import type { net } from '../core/net_namespace.ts';

export const AF_NETLINK = 16;
export const NETLINK_ROUTE = 0;
export const NETLINK_KOBJECT_UEVENT = 15;
/** The group the kernel sends uevents to; udevd re-broadcasts processed events on group 2. */
export const UEVENT_GROUP_KERNEL = 1;
export const UEVENT_GROUP_UDEV = 2;
/** net.core.rmem_default */
export const SK_RCVBUF_DEFAULT = 212992;
const SOCKADDR_NL_SIZE = 12;

export interface nl_skb { data: Uint8Array; portid: number; group: number }

export interface netlink_sock {
  protocol: number;
  portid: number;
  bound: boolean;
  /** Multicast groups as a bitmask (group N is bit N-1). */
  groups: number;
  queue: nl_skb[];
  queued_bytes: number;
  rcvbuf: number;
  /** Pending error (ENOBUFS after an overrun), reported by the next receive. */
  sk_err: number;
  sock: socket;
  dead: boolean;
}

/** A kernel-side protocol: netlink_kernel_create()'s input function, called for each message sent to port 0. */
export type netlink_input = (nsk: netlink_sock, data: Uint8Array) => void;

interface NetlinkState { socks: netlink_sock[]; rover: number; kernel: Map<number, netlink_input> }
const nlState = defineState<NetlinkState>('netlink', () => ({ socks: [], rover: -4096, kernel: new Map() }));

const enc = new TextEncoder();

/** netlink_kernel_create(): the kernel end of a protocol (rtnetlink registers NETLINK_ROUTE). */
export function netlink_kernel_create(protocol: number, input: netlink_input): void {
  nlState().kernel.set(protocol, input);
}

const nl = (s: socket): netlink_sock => s.sk as netlink_sock;
const sk_net = (n: netlink_sock): net => n.sock.net;

/** Binds a port id (0: the caller's tgid, or a negative rover value) and the groups mask. */
export function netlink_bind(s: netlink_sock, portid: number, groups: number): number {
  const st = nlState();
  const taken = (p: number): boolean => st.socks.some((x) => x !== s && x.bound && x.protocol === s.protocol && x.portid === p && sk_net(x) === sk_net(s));
  if (!s.bound) {
    if (portid) {
      if (taken(portid)) return -EADDRINUSE;
      s.portid = portid;
    } else {
      let p = current().tgid;
      if (taken(p)) { do p = st.rover--; while (taken(p)); }
      s.portid = p;
    }
    s.bound = true;
  } else if (portid && portid !== s.portid) return -EINVAL;
  s.groups = groups >>> 0;
  return 0;
}

function deliver(s: netlink_sock, skb: nl_skb): void {
  if (s.queued_bytes + skb.data.length > s.rcvbuf) { s.sk_err = ENOBUFS; return; }
  s.queue.push(skb);
  s.queued_bytes += skb.data.length;
  wake_up_interruptible_all(s.sock.wq);
}

/** netlink_unicast(): the kernel's reply to one socket (from port 0). */
export function netlink_unicast(s: netlink_sock, data: Uint8Array): void {
  deliver(s, { data, portid: 0, group: 0 });
}

/** Sends one datagram to every socket of the protocol listening on `group` (in `in_net` if given), except `exclude`. */
export function netlink_broadcast(protocol: number, data: Uint8Array, portid: number, group: number, exclude: netlink_sock | null = null, in_net: net | null = null): number {
  let n = 0;
  for (const s of nlState().socks) {
    if (s.dead || s === exclude || s.protocol !== protocol || !(s.groups & (1 << (group - 1)))) continue;
    if (in_net && sk_net(s) !== in_net) continue;
    deliver(s, { data, portid, group });
    n++;
  }
  return n;
}

/** The kernel's uevent message: "ACTION@DEVPATH\0KEY=value\0..." (kobject_uevent_net_broadcast). */
export function netlink_broadcast_uevent(header: string, envp: string[]): number {
  const text = [header, ...envp].join('\0') + '\0';
  return netlink_broadcast(NETLINK_KOBJECT_UEVENT, enc.encode(text), 0, UEVENT_GROUP_KERNEL);
}

/** Takes one datagram for the caller; sleeps unless non-blocking. Returns [skb] or -errno. */
export function* netlink_recv(s: netlink_sock, nonblock: boolean, peek: boolean): KGen<nl_skb | number> {
  if (s.sk_err) { const e = s.sk_err; s.sk_err = 0; return -e; }
  if (!s.queue.length) {
    if (nonblock) return -EAGAIN;
    const r = yield* wait_event_interruptible(s.sock.wq, () => s.queue.length > 0 || s.sk_err !== 0 || s.dead, 'netlink_recvmsg');
    if (r) return r;
    if (s.sk_err) { const e = s.sk_err; s.sk_err = 0; return -e; }
  }
  const skb = s.queue[0];
  if (!peek) { s.queue.shift(); s.queued_bytes -= skb.data.length; }
  return skb;
}

export function netlink_release(s: netlink_sock): void {
  s.dead = true;
  const st = nlState();
  st.socks = st.socks.filter((x) => x !== s);
  wake_up_interruptible_all(s.sock.wq);
}

function read_sockaddr_nl(b: Uint8Array): { family: number; pid: number; groups: number } | number {
  if (b.length < SOCKADDR_NL_SIZE) return -EINVAL;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { family: dv.getUint16(0, true), pid: dv.getUint32(4, true) | 0, groups: dv.getUint32(8, true) };
}

function sockaddr_nl(pid: number, groups: number): Uint8Array {
  const b = new Uint8Array(SOCKADDR_NL_SIZE);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, AF_NETLINK, true); dv.setUint32(4, pid >>> 0, true); dv.setUint32(8, groups >>> 0, true);
  return b;
}

const netlink_ops = proto_ops_of(AF_NETLINK, {
  release: (sock) => netlink_release(nl(sock)),
  bind(sock, addr) {
    const a = read_sockaddr_nl(addr);
    if (typeof a === 'number') return a;
    if (a.family !== AF_NETLINK) return -EINVAL;
    return netlink_bind(nl(sock), a.pid, a.groups);
  },
  getname: (sock, peer) => (peer ? sockaddr_nl(0, 0) : sockaddr_nl(nl(sock).portid, nl(sock).groups)),
  *sendmsg(sock, data, addr) {
    const s = nl(sock);
    if (!s.bound) netlink_bind(s, 0, s.groups);
    let dst = 0, groups = 0;
    if (addr) {
      const a = read_sockaddr_nl(addr);
      if (typeof a === 'number') return a;
      dst = a.pid; groups = a.groups;
    }
    if (groups) {
      if (current().cred.euid !== 0) return -EPERM;
      const group = 32 - Math.clz32(groups & -groups);
      netlink_broadcast(s.protocol, data, s.portid, group, s, sk_net(s));
    }
    if (dst === 0 && !groups) {
      const input = nlState().kernel.get(s.protocol);
      if (!input) return s.protocol === NETLINK_KOBJECT_UEVENT ? data.length : -ECONNREFUSED;
      input(s, data);
    }
    return data.length;
  },
  *recvmsg(sock, size, flags, nonblock) {
    const skb = yield* netlink_recv(nl(sock), nonblock, (flags & MSG_PEEK) !== 0);
    if (typeof skb === 'number') return skb;
    const r: recv_result = {
      data: skb.data.subarray(0, size), addr: sockaddr_nl(skb.portid, skb.group ? 1 << (skb.group - 1) : 0), full_len: skb.data.length,
    };
    return r;
  },
  poll: (sock) => { const s = nl(sock); return (s.queue.length ? 0x1 | 0x40 : 0) | 0x4 | (s.sk_err ? 0x8 : 0); },
  setsockopt: () => 0,
});

/** netlink_create(): raw or datagram sockets of a protocol the kernel has (route, uevent). */
export const netlink_family_ops: net_proto_family = {
  family: AF_NETLINK,
  create(sock, protocol) {
    if (sock.type !== SOCK_RAW && sock.type !== SOCK_DGRAM) return -ESOCKTNOSUPPORT;
    if (protocol !== NETLINK_KOBJECT_UEVENT && protocol !== NETLINK_ROUTE) return -EPROTONOSUPPORT;
    const s: netlink_sock = {
      protocol, portid: 0, bound: false, groups: 0, queue: [], queued_bytes: 0, rcvbuf: SK_RCVBUF_DEFAULT, sk_err: 0, sock, dead: false,
    };
    sock.ops = netlink_ops;
    sock.sk = s;
    nlState().socks.push(s);
    trace_event('net', 'netlink_create', { protocol, ino: sock.ino });
    return 0;
  },
};

function netlink_proto_init(): number {
  sock_register(netlink_family_ops);
  return 0;
}

export const initcalls: initcall_entry[] = [['core', 'netlink_proto_init', netlink_proto_init, 2_000]];
