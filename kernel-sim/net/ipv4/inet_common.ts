// Models linux/include/net/inet_sock.h and net/ipv4/inet_connection_sock.c's port allocation: the addresses of an IPv4 socket, sockaddr_in, and ephemeral ports.
import { EADDRINUSE, EAFNOSUPPORT, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import type { net } from '../core/net_namespace.ts';

export const AF_INET = 2;
export const INADDR_ANY = 0;
/** ip_local_port_range */
export const PORT_LOW = 32768, PORT_HIGH = 60999;

/** struct inet_sock: bound (rcv_saddr, sport) and connected (daddr, dport) ends, host order. */
export interface inet_sock {
  net: net;
  protocol: number;
  saddr: number;
  sport: number;
  daddr: number;
  dport: number;
}

/** struct sockaddr_in from the caller: family, port, address (network order on the wire). */
export function parse_sockaddr_in(b: Uint8Array): { addr: number; port: number } | number {
  if (b.length < 16) return -EINVAL;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (dv.getUint16(0, true) !== AF_INET) return -EAFNOSUPPORT;
  return { port: dv.getUint16(2, false), addr: dv.getUint32(4, false) };
}

export function sockaddr_in(addr: number, port: number): Uint8Array {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, AF_INET, true); dv.setUint16(2, port, false); dv.setUint32(4, addr >>> 0, false);
  return b;
}

/**
 * inet_csk_get_port()/udp_lib_get_port(): `port` if no socket of the table holds it on an overlapping address,
 * or the next free ephemeral port of the namespace.
 */
export function inet_get_port(table: readonly inet_sock[], sk: inet_sock, port: number, addr: number): number {
  const clash = (p: number): boolean => table.some((o) => o !== sk && o.net === sk.net && o.sport === p && (o.saddr === INADDR_ANY || addr === INADDR_ANY || o.saddr === addr));
  if (port) return clash(port) ? -EADDRINUSE : port;
  const t = sk.net.ipv4;
  for (let i = 0; i <= PORT_HIGH - PORT_LOW; i++) {
    const p = t.port_rover;
    t.port_rover = p >= PORT_HIGH ? PORT_LOW : p + 1;
    if (!clash(p)) return p;
  }
  return -EADDRINUSE;
}
