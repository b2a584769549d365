// Models the socket system calls of linux/net/socket.c as far as AF_NETLINK needs them: socket, bind, getsockname, setsockopt, sendto, recvfrom.
import { SYSCALL_DEFINE, type syscall_def } from '../../include/linux/syscalls.ts';
import type { KGen } from '../../include/linux/sched.ts';
import { EAFNOSUPPORT, EBADF, EFAULT, EINVAL, ENOTSOCK, EPERM, EPROTONOSUPPORT, ESOCKTNOSUPPORT } from '../../include/uapi/asm-generic/errno.ts';
import { O_NONBLOCK, O_CLOEXEC } from '../../include/uapi/stat.ts';
import { alloc_fd, fd_install, fget } from '../../fs/file.ts';
import { copy_from_user, copy_to_user, get_user_u32, put_user_u32 } from '../../mm/uaccess.ts';
import { current } from '../../kernel/sched/core.ts';
import {
  AF_NETLINK, NETLINK_KOBJECT_UEVENT, netlink_create, netlink_bind, netlink_recv, netlink_broadcast, sock_alloc_file, netlink_fops, type netlink_sock,
} from './af_netlink.ts';

export const SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3;
export const SOCK_NONBLOCK = O_NONBLOCK, SOCK_CLOEXEC = O_CLOEXEC;
export const MSG_PEEK = 0x2, MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40;
const SOCKADDR_NL_SIZE = 12;

function sock_of(fd: number): netlink_sock | number {
  const f = fget(fd);
  if (!f) return -EBADF;
  if (f.f_op !== netlink_fops) return -ENOTSOCK;
  return f.private_data as netlink_sock;
}

function sys_socket(family: number, type: number, protocol: number): number {
  const flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC);
  const kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (family !== AF_NETLINK) return -EAFNOSUPPORT;
  if (kind !== SOCK_RAW && kind !== SOCK_DGRAM) return -ESOCKTNOSUPPORT;
  if (protocol !== NETLINK_KOBJECT_UEVENT) return -EPROTONOSUPPORT;
  const fd = alloc_fd(0, flags & SOCK_CLOEXEC);
  if (fd < 0) return fd;
  fd_install(fd, sock_alloc_file(netlink_create(protocol), flags));
  return fd;
}

function read_sockaddr_nl(addr: number, len: number): { family: number; pid: number; groups: number } | number {
  if (len < SOCKADDR_NL_SIZE) return -EINVAL;
  const b = copy_from_user(addr, SOCKADDR_NL_SIZE);
  if (!b) return -EFAULT;
  const dv = new DataView(b.buffer);
  return { family: dv.getUint16(0, true), pid: dv.getUint32(4, true) | 0, groups: dv.getUint32(8, true) };
}

function write_sockaddr_nl(addr: number, addrlen: number, pid: number, groups: number): number {
  if (!addr) return 0;
  const b = new Uint8Array(SOCKADDR_NL_SIZE);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, AF_NETLINK, true); dv.setUint32(4, pid >>> 0, true); dv.setUint32(8, groups >>> 0, true);
  if (addrlen) {
    const len = get_user_u32(addrlen);
    if (len === null) return -EFAULT;
    if (copy_to_user(addr, b.subarray(0, Math.min(len, SOCKADDR_NL_SIZE)))) return -EFAULT;
    return put_user_u32(addrlen, SOCKADDR_NL_SIZE);
  }
  return copy_to_user(addr, b) ? -EFAULT : 0;
}

function sys_bind(fd: number, addr: number, len: number): number {
  const s = sock_of(fd);
  if (typeof s === 'number') return s;
  const a = read_sockaddr_nl(addr, len);
  if (typeof a === 'number') return a;
  if (a.family !== AF_NETLINK) return -EINVAL;
  return netlink_bind(s, a.pid, a.groups);
}

function sys_getsockname(fd: number, addr: number, addrlen: number): number {
  const s = sock_of(fd);
  if (typeof s === 'number') return s;
  return write_sockaddr_nl(addr, addrlen, s.portid, s.groups);
}

function sys_setsockopt(fd: number): number {
  const s = sock_of(fd);
  return typeof s === 'number' ? s : 0;
}

function* sys_sendto(fd: number, buf: number, len: number, _flags: number, addr: number, addrlen: number): KGen<number> {
  const s = sock_of(fd);
  if (typeof s === 'number') return s;
  const data = copy_from_user(buf, len);
  if (!data) return -EFAULT;
  if (!s.bound) netlink_bind(s, 0, s.groups);
  if (!addr) return len;
  const a = read_sockaddr_nl(addr, addrlen);
  if (typeof a === 'number') return a;
  if (a.groups) {
    if (current().cred.euid !== 0) return -EPERM;
    const group = 32 - Math.clz32(a.groups & -a.groups);
    netlink_broadcast(s.protocol, data, s.portid, group, s);
  }
  return len;
}

function* sys_recvfrom(fd: number, buf: number, len: number, flags: number, addr: number, addrlen: number): KGen<number> {
  const f = fget(fd);
  const s = sock_of(fd);
  if (typeof s === 'number' || !f) return typeof s === 'number' ? s : -EBADF;
  const skb = yield* netlink_recv(s, (flags & MSG_DONTWAIT) !== 0 || (f.f_flags & O_NONBLOCK) !== 0, (flags & MSG_PEEK) !== 0);
  if (typeof skb === 'number') return skb;
  const n = Math.min(len, skb.data.length);
  if (copy_to_user(buf, skb.data.subarray(0, n))) return -EFAULT;
  const r = write_sockaddr_nl(addr, addrlen, skb.portid, skb.group ? 1 << (skb.group - 1) : 0);
  if (r) return r;
  return flags & MSG_TRUNC ? skb.data.length : n;
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('socket', ['int', 'hex', 'int'], sys_socket),
  SYSCALL_DEFINE('bind', ['fd', 'struct_in', 'int'], sys_bind),
  SYSCALL_DEFINE('getsockname', ['fd', 'struct_out', 'ptr'], sys_getsockname),
  SYSCALL_DEFINE('setsockopt', ['fd', 'int', 'int', 'ptr', 'int'], sys_setsockopt),
  SYSCALL_DEFINE('sendto', ['fd', 'buf_in:2', 'size', 'hex', 'struct_in', 'int'], sys_sendto),
  SYSCALL_DEFINE('recvfrom', ['fd', 'buf_out:2', 'size', 'hex', 'struct_out', 'ptr'], sys_recvfrom),
];
