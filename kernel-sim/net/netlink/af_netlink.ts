// Models linux/net/netlink/af_netlink.c for NETLINK_KOBJECT_UEVENT: datagram sockets bound to multicast groups, kernel broadcasts, per-socket receive queues.
import type { file, file_operations } from '../../include/linux/fs_types.ts';
import { FMODE_READ, FMODE_WRITE } from '../../include/linux/fs_types.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { EAGAIN, EFAULT, ENOBUFS, EADDRINUSE, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { O_NONBLOCK, S_IFSOCK } from '../../include/uapi/stat.ts';
import { defineState } from '../../kernel/state.ts';
import { current } from '../../kernel/sched/core.ts';
import { wait_queue_head, wait_event_interruptible, wake_up_interruptible_all } from '../../kernel/sched/wait.ts';
import { copy_to_user } from '../../mm/uaccess.ts';
import { trace_event } from '../../kernel/trace/trace.ts';

export const AF_NETLINK = 16;
export const NETLINK_KOBJECT_UEVENT = 15;
/** The group the kernel sends uevents to; udevd re-broadcasts processed events on group 2. */
export const UEVENT_GROUP_KERNEL = 1;
export const UEVENT_GROUP_UDEV = 2;
/** net.core.rmem_default */
export const SK_RCVBUF_DEFAULT = 212992;

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
  wq: wait_queue_head;
  ino: number;
  dead: boolean;
}

interface NetlinkState { socks: netlink_sock[]; rover: number; next_ino: number }
const nlState = defineState<NetlinkState>('netlink', () => ({ socks: [], rover: -4096, next_ino: 20000 }));

const enc = new TextEncoder();

export function netlink_create(protocol: number): netlink_sock {
  const s: netlink_sock = {
    protocol, portid: 0, bound: false, groups: 0, queue: [], queued_bytes: 0, rcvbuf: SK_RCVBUF_DEFAULT, sk_err: 0,
    wq: new wait_queue_head('netlink'), ino: nlState().next_ino++, dead: false,
  };
  nlState().socks.push(s);
  return s;
}

/** Binds a port id (0: the caller's tgid, or a negative rover value) and the groups mask. */
export function netlink_bind(s: netlink_sock, portid: number, groups: number): number {
  const st = nlState();
  const taken = (p: number): boolean => st.socks.some((x) => x !== s && x.bound && x.protocol === s.protocol && x.portid === p);
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
  wake_up_interruptible_all(s.wq);
}

/** Sends one datagram to every socket of the protocol listening on `group`, except `exclude` (netlink_broadcast). */
export function netlink_broadcast(protocol: number, data: Uint8Array, portid: number, group: number, exclude: netlink_sock | null = null): number {
  let n = 0;
  for (const s of nlState().socks) {
    if (s.dead || s === exclude || s.protocol !== protocol || !(s.groups & (1 << (group - 1)))) continue;
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
    const r = yield* wait_event_interruptible(s.wq, () => s.queue.length > 0 || s.sk_err !== 0 || s.dead, 'netlink_recvmsg');
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
  wake_up_interruptible_all(s.wq);
}

/** The struct file of a netlink socket: read is recv, poll reports queued datagrams. */
export const netlink_fops: file_operations = {
  read: function* (f, buf, count) {
    const s = f.private_data as netlink_sock;
    const skb = yield* netlink_recv(s, (f.f_flags & O_NONBLOCK) !== 0, false);
    if (typeof skb === 'number') return skb;
    const n = Math.min(count, skb.data.length);
    return copy_to_user(buf, skb.data.subarray(0, n)) ? -EFAULT : n;
  },
  write: function* (_f, _buf, count) { return count; },
  poll: function* (f, wait) {
    const s = f.private_data as netlink_sock;
    wait.qproc?.(f, s.wq);
    return (s.queue.length ? 0x1 | 0x40 : 0) | 0x4 | (s.sk_err ? 0x8 : 0);
  },
  release: function* (_inode, f) { netlink_release(f.private_data as netlink_sock); return 0; },
};

/** A socket file: an anonymous S_IFSOCK inode named socket:[ino]. */
export function sock_alloc_file(s: netlink_sock, flags: number): file {
  trace_event('net', 'netlink_create', { protocol: s.protocol, ino: s.ino });
  return {
    f_path: { mnt: null as never, dentry: null as never },
    f_inode: { i_mode: S_IFSOCK | 0o777, i_ino: s.ino, i_uid: 0, i_gid: 0, i_nlink: 1, i_size: 0, i_rdev: 0, i_op: {}, i_fop: netlink_fops } as never,
    f_op: netlink_fops, f_flags: 2 | (flags & O_NONBLOCK), f_mode: FMODE_READ | FMODE_WRITE, f_pos: 0, f_count: 1, private_data: s,
    f_name: `socket:[${s.ino}]`,
  };
}
