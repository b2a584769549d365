// The libc's socket calls (sys/socket.h, netinet/in.h, arpa/inet.h) for the workbench's programs: sockaddr_in marshalling and the socket system calls.
import type { KGen } from '../../include/linux/sched.ts';
import type { Libc } from './libc.ts';

export const AF_INET = 2, AF_NETLINK = 16;
export const SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_CLOEXEC = 0o2000000;
export const IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17;
export const SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_BROADCAST = 6, SO_RCVTIMEO = 20;
export const MSG_DONTWAIT = 0x40;
export const SHUT_WR = 1;

/** inet_aton(): a dotted quad to a host-order number, or null. */
export function inet_aton(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const p = m.slice(1).map(Number);
  return p.some((x) => x > 255) ? null : ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

export function inet_ntoa(a: number): string { return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.'); }

/** struct sockaddr_in: family, port (network order), address (network order), zero padding. */
export function sockaddr_in(addr: number, port: number): Uint8Array {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, AF_INET, true); dv.setUint16(2, port, false); dv.setUint32(4, addr >>> 0, false);
  return b;
}

export function parse_sockaddr_in(b: Uint8Array): { addr: number; port: number } {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { port: dv.getUint16(2, false), addr: dv.getUint32(4, false) };
}

/** struct sockaddr_nl for a port id and multicast groups. */
export function sockaddr_nl(pid: number, groups: number): Uint8Array {
  const b = new Uint8Array(12);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, AF_NETLINK, true); dv.setUint32(4, pid >>> 0, true); dv.setUint32(8, groups >>> 0, true);
  return b;
}

export function* socket(c: Libc, family: number, type: number, protocol: number): KGen<number> {
  return yield* c.syscall('socket', family, type, protocol);
}

function* addr_call(c: Libc, name: string, fd: number, addr: Uint8Array): KGen<number> {
  return yield* c.scratch(function* () { return yield* c.syscall(name, fd, c.put(addr), addr.length); });
}

export function* bind(c: Libc, fd: number, addr: Uint8Array): KGen<number> { return yield* addr_call(c, 'bind', fd, addr); }
export function* connect(c: Libc, fd: number, addr: Uint8Array): KGen<number> { return yield* addr_call(c, 'connect', fd, addr); }
export function* listen(c: Libc, fd: number, backlog: number): KGen<number> { return yield* c.syscall('listen', fd, backlog); }
export function* shutdown(c: Libc, fd: number, how: number): KGen<number> { return yield* c.syscall('shutdown', fd, how); }

function le32(v: number): Uint8Array { const b = new Uint8Array(4); new DataView(b.buffer).setInt32(0, v, true); return b; }

export function* setsockopt_int(c: Libc, fd: number, level: number, name: number, v: number): KGen<number> {
  return yield* c.scratch(function* () { return yield* c.syscall('setsockopt', fd, level, name, c.put(le32(v)), 4); });
}

/** accept(): the new descriptor and the peer's address bytes, or -errno. */
export function* accept(c: Libc, fd: number): KGen<{ fd: number; addr: Uint8Array } | number> {
  return yield* c.scratch(function* () {
    const a = c.alloc(128);
    const l = c.put(le32(128));
    const r = yield* c.syscall('accept4', fd, a, l, 0);
    if (r < 0) return r;
    const len = new DataView(c.get(l, 4).buffer).getUint32(0, true);
    return { fd: r, addr: c.get(a, Math.min(len, 128)) };
  });
}

export function* getsockname(c: Libc, fd: number): KGen<Uint8Array | number> {
  return yield* c.scratch(function* () {
    const a = c.alloc(128);
    const l = c.put(le32(128));
    const r = yield* c.syscall('getsockname', fd, a, l);
    return r < 0 ? r : c.get(a, Math.min(new DataView(c.get(l, 4).buffer).getUint32(0, true), 128));
  });
}

export function* sendto(c: Libc, fd: number, data: Uint8Array, flags = 0, addr: Uint8Array | null = null): KGen<number> {
  return yield* c.scratch(function* () {
    const p = c.put(data);
    const a = addr ? c.put(addr) : 0;
    return yield* c.syscall('sendto', fd, p, data.length, flags, a, addr ? addr.length : 0);
  });
}

/** recvfrom(): the bytes and the sender's address, or -errno. */
export function* recvfrom(c: Libc, fd: number, size: number, flags = 0): KGen<{ data: Uint8Array; addr: Uint8Array } | number> {
  return yield* c.scratch(function* () {
    const p = c.alloc(size);
    const a = c.alloc(128);
    const l = c.put(le32(128));
    const r = yield* c.syscall('recvfrom', fd, p, size, flags, a, l);
    if (r < 0) return r;
    return { data: c.get(p, Math.min(r, size)), addr: c.get(a, Math.min(new DataView(c.get(l, 4).buffer).getUint32(0, true), 128)) };
  });
}

export const POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10;

/** poll(2): the revents of each descriptor, or -errno; 0-length result never happens (timeouts give all zeros). */
export function* poll(c: Libc, fds: { fd: number; events: number }[], timeout_ms: number): KGen<number[] | number> {
  return yield* c.scratch(function* () {
    const b = new Uint8Array(fds.length * 8);
    const dv = new DataView(b.buffer);
    fds.forEach((f, i) => { dv.setInt32(i * 8, f.fd, true); dv.setInt16(i * 8 + 4, f.events, true); });
    const p = c.put(b);
    const r = yield* c.syscall('poll', p, fds.length, timeout_ms);
    if (r < 0) return r;
    const out = new DataView(c.get(p, b.length).buffer);
    return fds.map((_f, i) => out.getInt16(i * 8 + 6, true));
  });
}
