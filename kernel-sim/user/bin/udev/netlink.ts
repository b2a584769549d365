// libudev's monitor socket for the workbench's udev tools: a NETLINK_KOBJECT_UEVENT socket bound to the kernel (1) or udev (2) group.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';

export const AF_NETLINK = 16, SOCK_RAW = 3, SOCK_CLOEXEC = 0o2000000, NETLINK_KOBJECT_UEVENT = 15;
export const GROUP_KERNEL = 1, GROUP_UDEV = 2;
const BUF = 8192;

export interface uevent_msg { source: 'kernel' | 'udev'; action: string; devpath: string; props: Map<string, string>; sender: number }

export interface monitor { fd: number; buf: number; addr: number; alen: number }

function sockaddr_nl(pid: number, groups: number): Uint8Array {
  const b = new Uint8Array(12);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, AF_NETLINK, true); dv.setUint32(4, pid >>> 0, true); dv.setUint32(8, groups >>> 0, true);
  return b;
}

/** socket + bind to a groups mask; buffers for recvfrom live for the program's life. */
export function* monitor_open(c: Libc, groups: number): KGen<monitor | number> {
  const fd = yield* c.syscall('socket', AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
  if (fd < 0) return fd;
  const sa = c.put(sockaddr_nl(0, groups));
  const r = yield* c.syscall('bind', fd, sa, 12);
  if (r < 0) { yield* c.close(fd); return r; }
  return { fd, buf: c.alloc(BUF), addr: c.alloc(16), alen: c.alloc(4) };
}

/** One datagram, parsed: the kernel's "ACTION@DEVPATH\0K=V\0..." or udevd's "libudev\0K=V\0...". */
export function* monitor_receive(c: Libc, m: monitor): KGen<uevent_msg | number> {
  c.mem().set([16, 0, 0, 0], m.alen);
  const n = yield* c.syscall('recvfrom', m.fd, m.buf, BUF, 0, m.addr, m.alen);
  if (n < 0) return n;
  const data = c.get(m.buf, n);
  const sender = new DataView(c.get(m.addr, 12).buffer).getInt32(4, true);
  const parts = new TextDecoder().decode(data).split('\0').filter((s) => s.length);
  const head = parts.shift() ?? '';
  const props = new Map<string, string>();
  for (const p of parts) { const i = p.indexOf('='); if (i > 0) props.set(p.slice(0, i), p.slice(i + 1)); }
  const source = head === 'libudev' ? 'udev' : 'kernel';
  return { source, action: props.get('ACTION') ?? head.split('@')[0], devpath: props.get('DEVPATH') ?? head.split('@')[1] ?? '', props, sender };
}

/** udevd's broadcast of a processed event to group 2. */
export function* monitor_send_udev(c: Libc, m: monitor, props: Map<string, string>): KGen<number> {
  const text = ['libudev', ...[...props].map(([k, v]) => `${k}=${v}`)].join('\0') + '\0';
  const bytes = new TextEncoder().encode(text);
  const p = c.alloc(bytes.length);
  c.mem().set(bytes, p);
  const sa = c.put(sockaddr_nl(0, 1 << (GROUP_UDEV - 1)));
  return yield* c.syscall('sendto', m.fd, p, bytes.length, 0, sa, 12);
}
