// Models linux/net/socket.c: struct socket and its file, the address families, and the socket system calls dispatched through proto_ops.
import { pr_info } from '../kernel/printk/printk.ts';
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import type { KGen } from '../include/linux/sched.ts';
import type { file, file_operations, file_system_type, super_block } from '../include/linux/fs_types.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';
import { alloc_super, register_filesystem } from '../fs/super.ts';
import { kern_mount } from '../fs/mount.ts';
import { new_inode } from '../fs/inode.ts';
import { FMODE_READ, FMODE_WRITE } from '../include/linux/fs_types.ts';
import {
  EAFNOSUPPORT, EBADF, EFAULT, EINVAL, ENOTSOCK, EOPNOTSUPP, ESOCKTNOSUPPORT, EPIPE,
} from '../include/uapi/asm-generic/errno.ts';
import { O_NONBLOCK, O_CLOEXEC, S_IFSOCK } from '../include/uapi/stat.ts';
import { alloc_fd, fd_install, fget } from '../fs/file.ts';
import { copy_from_user, copy_to_user, get_user_u32, put_user_u32 } from '../mm/uaccess.ts';
import { current } from '../kernel/sched/core.ts';
import { send_signal } from '../kernel/signal.ts';
import { defineState } from '../kernel/state.ts';
import { wait_queue_head } from '../kernel/sched/wait.ts';
import type { net } from './core/net_namespace.ts';

export const SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3;
export const SOCK_NONBLOCK = O_NONBLOCK, SOCK_CLOEXEC = O_CLOEXEC;
export const MSG_PEEK = 0x2, MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40, MSG_WAITALL = 0x100, MSG_NOSIGNAL = 0x4000;
export const SOL_SOCKET = 1;
export const SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;
const SIGPIPE = 13;

/** What a receive returns: the bytes, the sender's address, and the datagram's full length (MSG_TRUNC). */
export interface recv_result { data: Uint8Array; addr: Uint8Array | null; full_len: number }

/** struct proto_ops: the family's implementation of each call; addresses are the caller's sockaddr bytes. */
export interface proto_ops {
  family: number;
  release(sock: socket): void;
  bind(sock: socket, addr: Uint8Array): number;
  connect(sock: socket, addr: Uint8Array, nonblock: boolean): KGen<number>;
  listen(sock: socket, backlog: number): number;
  accept(sock: socket, nonblock: boolean): KGen<socket | number>;
  getname(sock: socket, peer: boolean): Uint8Array | number;
  sendmsg(sock: socket, data: Uint8Array, addr: Uint8Array | null, nonblock: boolean): KGen<number>;
  recvmsg(sock: socket, size: number, flags: number, nonblock: boolean): KGen<recv_result | number>;
  /** POLLIN/POLLOUT/POLLHUP/POLLERR bits now (the caller waits on sock.wq). */
  poll(sock: socket): number;
  shutdown(sock: socket, how: number): number;
  setsockopt(sock: socket, level: number, name: number, val: Uint8Array): number;
}

/** struct socket: one endpoint; `sk` is the protocol's own state. */
export interface socket {
  family: number;
  type: number;
  protocol: number;
  ops: proto_ops;
  sk: unknown;
  /** sock_net(sk): the namespace the socket was created in. */
  net: net;
  wq: wait_queue_head;
  ino: number;
  file: file | null;
}

/** struct net_proto_family: creates a socket of a type/protocol in a family. */
export interface net_proto_family {
  family: number;
  create(sock: socket, protocol: number): number;
}

const SOCKFS_MAGIC = 0x534f434b;
const sockfs_type: file_system_type = { name: 'sockfs', fs_flags: 0, mount: () => -EINVAL };
const sockState = defineState('socket', () => ({ next_ino: 20000, families: new Map<number, net_proto_family>(), sb: null as super_block | null }));

/** sock_mnt's superblock: every socket's inode lives there, and its root is a socket file's f_path (as pipefs). */
function sockfs_sb(): super_block {
  const st = sockState();
  if (!st.sb) sock_init();
  return st.sb!;
}

/** sock_register(): makes a family available to socket(2). */
export function sock_register(ops: net_proto_family): void {
  sockState().families.set(ops.family, ops);
  pr_info(`NET: Registered ${pf_family_names[ops.family] ?? `PF_${ops.family}`} protocol family`);
}

/** net/socket.c's pf_family_names for the families the workbench has. */
const pf_family_names: Record<number, string> = {
  1: 'PF_UNIX/PF_LOCAL', 2: 'PF_INET', 10: 'PF_INET6', 16: 'PF_NETLINK/PF_ROUTE', 17: 'PF_PACKET', 44: 'PF_XDP',
};

/** The inode number for a new socket (get_next_ino). */
export function sock_next_ino(): number { return sockState().next_ino++; }

const noop_ops: Omit<proto_ops, 'family'> = {
  release: () => undefined,
  bind: () => -EOPNOTSUPP,
  connect: function* () { return -EOPNOTSUPP; },
  listen: () => -EOPNOTSUPP,
  accept: function* () { return -EOPNOTSUPP; },
  getname: () => -EOPNOTSUPP,
  sendmsg: function* () { return -EOPNOTSUPP; },
  recvmsg: function* () { return -EOPNOTSUPP; },
  poll: () => 0,
  shutdown: () => -EOPNOTSUPP,
  setsockopt: () => 0,
};

/** sock_no_*: the calls a family leaves out fail with EOPNOTSUPP. */
export function proto_ops_of(family: number, ops: Partial<proto_ops>): proto_ops {
  return { ...noop_ops, ...ops, family };
}

/** sock_alloc(): a socket of the caller's network namespace. */
export function sock_alloc(family: number, type: number, protocol: number): socket {
  return {
    family, type, protocol, ops: proto_ops_of(family, {}), sk: null, net: current().nsproxy.net_ns as net,
    wq: new wait_queue_head('socket'), ino: sock_next_ino(), file: null,
  };
}

/** The struct file of a socket: read is recv, write is send, poll asks the protocol. */
export const socket_file_ops: file_operations = {
  read: function* (f, buf, count) {
    const s = f.private_data as socket;
    const r = yield* s.ops.recvmsg(s, count, 0, (f.f_flags & O_NONBLOCK) !== 0);
    if (typeof r === 'number') return r;
    return copy_to_user(buf, r.data) ? -EFAULT : r.data.length;
  },
  write: function* (f, buf, count) {
    const s = f.private_data as socket;
    const data = copy_from_user(buf, count);
    if (!data) return -EFAULT;
    return yield* sock_sendmsg(s, data, null, (f.f_flags & O_NONBLOCK) !== 0, 0);
  },
  poll: function* (f, wait) {
    const s = f.private_data as socket;
    wait.qproc?.(f, s.wq);
    return s.ops.poll(s);
  },
  release: function* (_inode, f) { const s = f.private_data as socket; s.ops.release(s); return 0; },
};

/** sock_alloc_file(): a sockfs inode (S_IFSOCK) named socket:[ino]. */
export function sock_alloc_file(s: socket, flags: number): file {
  const sb = sockfs_sb();
  const inode = new_inode(sb, S_IFSOCK | 0o777, s.ino);
  inode.i_fop = socket_file_ops;
  const f: file = {
    f_path: { mnt: null as never, dentry: sb.s_root },
    f_inode: inode,
    f_op: socket_file_ops, f_flags: 2 | (flags & O_NONBLOCK), f_mode: FMODE_READ | FMODE_WRITE, f_pos: 0, f_count: 1, private_data: s,
    f_name: `socket:[${s.ino}]`,
  };
  s.file = f;
  return f;
}

function* sock_sendmsg(s: socket, data: Uint8Array, addr: Uint8Array | null, nonblock: boolean, flags: number): KGen<number> {
  const r = yield* s.ops.sendmsg(s, data, addr, nonblock);
  if (r === -EPIPE && !(flags & MSG_NOSIGNAL)) send_signal(SIGPIPE, current(), false);
  return r;
}

function sock_of(fd: number): [socket, file] | number {
  const f = fget(fd);
  if (!f) return -EBADF;
  if (f.f_op !== socket_file_ops) return -ENOTSOCK;
  return [f.private_data as socket, f];
}

function install_socket(s: socket, flags: number): number {
  const fd = alloc_fd(0, flags & SOCK_CLOEXEC);
  if (fd < 0) { s.ops.release(s); return fd; }
  fd_install(fd, sock_alloc_file(s, flags));
  return fd;
}

/** __sock_create(): the family's create() fills in ops and sk. */
export function sock_create(family: number, type: number, protocol: number): socket | number {
  const pf = sockState().families.get(family);
  if (!pf) return -EAFNOSUPPORT;
  if (type < SOCK_STREAM || type > 10) return -EINVAL;
  const s = sock_alloc(family, type, protocol);
  const r = pf.create(s, protocol);
  return r ? r : s;
}

function sys_socket(family: number, type: number, protocol: number): number {
  const flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC);
  const kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (kind < SOCK_STREAM || kind > 10) return -ESOCKTNOSUPPORT;
  const s = sock_create(family, kind, protocol);
  if (typeof s === 'number') return s;
  return install_socket(s, flags);
}

/** move_addr_to_kernel(): the caller's sockaddr, at most 128 bytes. */
function read_addr(addr: number, len: number): Uint8Array | number {
  if (len < 0 || len > 128) return -EINVAL;
  if (!len) return new Uint8Array(0);
  return copy_from_user(addr, len) ?? -EFAULT;
}

/** move_addr_to_user(): copies as much as fits and reports the full length. */
function write_addr(addr: number, addrlen: number, a: Uint8Array): number {
  if (!addr || !addrlen) return 0;
  const len = get_user_u32(addrlen);
  if (len === null) return -EFAULT;
  if ((len | 0) < 0) return -EINVAL;
  if (copy_to_user(addr, a.subarray(0, Math.min(len, a.length)))) return -EFAULT;
  return put_user_u32(addrlen, a.length);
}

function sys_bind(fd: number, addr: number, len: number): number {
  const s = sock_of(fd);
  if (typeof s === 'number') return s;
  const a = read_addr(addr, len);
  return typeof a === 'number' ? a : s[0].ops.bind(s[0], a);
}

function* sys_connect(fd: number, addr: number, len: number): KGen<number> {
  const s = sock_of(fd);
  if (typeof s === 'number') return s;
  const a = read_addr(addr, len);
  if (typeof a === 'number') return a;
  return yield* s[0].ops.connect(s[0], a, (s[1].f_flags & O_NONBLOCK) !== 0);
}

function sys_listen(fd: number, backlog: number): number {
  const s = sock_of(fd);
  return typeof s === 'number' ? s : s[0].ops.listen(s[0], backlog);
}

function* sys_accept4(fd: number, addr: number, addrlen: number, flags: number): KGen<number> {
  if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) return -EINVAL;
  const s = sock_of(fd);
  if (typeof s === 'number') return s;
  const n = yield* s[0].ops.accept(s[0], (s[1].f_flags & O_NONBLOCK) !== 0);
  if (typeof n === 'number') return n;
  const peer = n.ops.getname(n, true);
  if (typeof peer !== 'number') {
    const r = write_addr(addr, addrlen, peer);
    if (r) { n.ops.release(n); return r; }
  }
  return install_socket(n, flags);
}

function* sys_accept(fd: number, addr: number, addrlen: number): KGen<number> { return yield* sys_accept4(fd, addr, addrlen, 0); }

function getname(fd: number, addr: number, addrlen: number, peer: boolean): number {
  const s = sock_of(fd);
  if (typeof s === 'number') return s;
  const a = s[0].ops.getname(s[0], peer);
  return typeof a === 'number' ? a : write_addr(addr, addrlen, a);
}

function sys_getsockname(fd: number, addr: number, addrlen: number): number { return getname(fd, addr, addrlen, false); }
function sys_getpeername(fd: number, addr: number, addrlen: number): number { return getname(fd, addr, addrlen, true); }

function sys_setsockopt(fd: number, level: number, name: number, val: number, len: number): number {
  const s = sock_of(fd);
  if (typeof s === 'number') return s;
  if (len < 0) return -EINVAL;
  const v = len ? copy_from_user(val, Math.min(len, 256)) : new Uint8Array(0);
  if (!v) return -EFAULT;
  return s[0].ops.setsockopt(s[0], level, name, v);
}

/** getsockopt: SO_TYPE and SO_ERROR answered generically; other options read as 0. */
function sys_getsockopt(fd: number, level: number, name: number, val: number, lenp: number): number {
  const s = sock_of(fd);
  if (typeof s === 'number') return s;
  const SO_TYPE = 3, SO_DOMAIN = 39;
  const v = level === SOL_SOCKET && name === SO_TYPE ? s[0].type : level === SOL_SOCKET && name === SO_DOMAIN ? s[0].family : 0;
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, v, true);
  return write_addr(val, lenp, b);
}

function sys_shutdown(fd: number, how: number): number {
  const s = sock_of(fd);
  if (typeof s === 'number') return s;
  if (how < SHUT_RD || how > SHUT_RDWR) return -EINVAL;
  return s[0].ops.shutdown(s[0], how);
}

function* sys_sendto(fd: number, buf: number, len: number, flags: number, addr: number, addrlen: number): KGen<number> {
  const s = sock_of(fd);
  if (typeof s === 'number') return s;
  const data = copy_from_user(buf, len);
  if (!data) return -EFAULT;
  let a: Uint8Array | null = null;
  if (addr) {
    const r = read_addr(addr, addrlen);
    if (typeof r === 'number') return r;
    a = r;
  }
  return yield* sock_sendmsg(s[0], data, a, (flags & MSG_DONTWAIT) !== 0 || (s[1].f_flags & O_NONBLOCK) !== 0, flags);
}

function* sys_recvfrom(fd: number, buf: number, len: number, flags: number, addr: number, addrlen: number): KGen<number> {
  const s = sock_of(fd);
  if (typeof s === 'number') return s;
  const r = yield* s[0].ops.recvmsg(s[0], len, flags, (flags & MSG_DONTWAIT) !== 0 || (s[1].f_flags & O_NONBLOCK) !== 0);
  if (typeof r === 'number') return r;
  if (copy_to_user(buf, r.data.subarray(0, len))) return -EFAULT;
  if (r.addr) {
    const e = write_addr(addr, addrlen, r.addr);
    if (e) return e;
  }
  return flags & MSG_TRUNC ? r.full_len : Math.min(len, r.data.length);
}

/** sock_init(): sockfs, as /proc/filesystems lists it, and its internal mount (sock_mnt). */
function sock_init(): number {
  const err = register_filesystem(sockfs_type);
  if (err) return err;
  const m = kern_mount(sockfs_type, () => alloc_super(sockfs_type, SOCKFS_MAGIC, (sb) => new_inode(sb, 0o40700)));
  if (typeof m === 'number') return m;
  sockState().sb = m.mnt.mnt_sb;
  return 0;
}

export const initcalls: initcall_entry[] = [['core', 'sock_init', sock_init, 2_000]];

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('socket', ['int', 'hex', 'int'], sys_socket),
  SYSCALL_DEFINE('bind', ['fd', 'struct_in', 'int'], sys_bind),
  SYSCALL_DEFINE('connect', ['fd', 'struct_in', 'int'], sys_connect),
  SYSCALL_DEFINE('listen', ['fd', 'int'], sys_listen),
  SYSCALL_DEFINE('accept', ['fd', 'struct_out', 'ptr'], sys_accept),
  SYSCALL_DEFINE('accept4', ['fd', 'struct_out', 'ptr', 'hex'], sys_accept4),
  SYSCALL_DEFINE('getsockname', ['fd', 'struct_out', 'ptr'], sys_getsockname),
  SYSCALL_DEFINE('getpeername', ['fd', 'struct_out', 'ptr'], sys_getpeername),
  SYSCALL_DEFINE('setsockopt', ['fd', 'int', 'int', 'ptr', 'int'], sys_setsockopt),
  SYSCALL_DEFINE('getsockopt', ['fd', 'int', 'int', 'ptr', 'ptr'], sys_getsockopt),
  SYSCALL_DEFINE('shutdown', ['fd', 'int'], sys_shutdown),
  SYSCALL_DEFINE('sendto', ['fd', 'buf_in:2', 'size', 'hex', 'struct_in', 'int'], sys_sendto),
  SYSCALL_DEFINE('recvfrom', ['fd', 'buf_out:2', 'size', 'hex', 'struct_out', 'ptr'], sys_recvfrom),
];
