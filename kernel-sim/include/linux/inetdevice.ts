// Models linux/include/linux/inetdevice.h: a device's IPv4 configuration (in_device) and its addresses (in_ifaddr).
import type { net_device } from './netdevice.ts';

/** struct in_ifaddr: one address; addresses are host-order 32-bit numbers in this model. */
export interface in_ifaddr {
  ifa_local: number;
  ifa_address: number;
  ifa_mask: number;
  ifa_broadcast: number;
  ifa_prefixlen: number;
  /** RT_SCOPE_* */
  ifa_scope: number;
  ifa_flags: number;
  ifa_label: string;
  ifa_dev: in_device;
}

/** struct in_device */
export interface in_device {
  dev: net_device;
  ifa_list: in_ifaddr[];
  /** The neighbour table of this device (ARP): IPv4 address to link-layer address. */
  arp: Map<number, Uint8Array>;
}

export function inet_make_mask(len: number): number { return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0; }
export function inet_ntoa(a: number): string { return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.'); }
/** in_aton() with checking: a dotted quad, or null. */
export function inet_aton(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const p = m.slice(1).map(Number);
  if (p.some((x) => x > 255)) return null;
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}
