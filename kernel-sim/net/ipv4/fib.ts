// Models linux/net/ipv4/fib_frontend.c and fib_trie.c, reduced to two lists: the local table (this host's addresses) and the main table (routes), with longest-prefix lookup and RTM_*ROUTE.
import { type net_device, IFF_UP } from '../../include/linux/netdevice.ts';
import { inet_make_mask, type in_ifaddr } from '../../include/linux/inetdevice.ts';
import { EEXIST, EINVAL, ENETUNREACH, ENODEV, ESRCH } from '../../include/uapi/asm-generic/errno.ts';
import {
  nl_builder, nla_parse, nla_u32, nla_in_addr, parse_rtmsg, type nlmsghdr, NLM_F_MULTI, NLM_F_EXCL,
  RTM_NEWROUTE, RT_TABLE_MAIN, RT_TABLE_LOCAL, RTPROT_KERNEL, RT_SCOPE_LINK, RT_SCOPE_HOST, RT_SCOPE_UNIVERSE,
  RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, RTA_DST, RTA_GATEWAY, RTA_OIF, RTA_PREFSRC, RTA_TABLE, AF_INET,
} from '../../include/uapi/linux/rtnetlink.ts';
import { __dev_get_by_index } from '../core/dev.ts';
import type { fib_route, net } from '../core/net_namespace.ts';

/** The result of a lookup: where to send and from which address. */
export interface fib_result { type: number; dev: net_device; gw: number; prefsrc: number }

const matches = (r: fib_route, daddr: number): boolean => r.dst_len === 0 || ((daddr ^ r.dst) & inet_make_mask(r.dst_len)) === 0;
const usable = (r: fib_route): boolean => (r.dev.flags & IFF_UP) !== 0;

/** fib_lookup(): the local table first (our addresses, broadcasts), then the longest matching main route. */
export function fib_lookup(n: net, daddr: number): fib_result | number {
  const local = n.ipv4.local.filter((r) => usable(r) && matches(r, daddr)).sort((a, b) => b.dst_len - a.dst_len)[0];
  if (local) return { type: local.type, dev: local.type === RTN_LOCAL ? (n.loopback_dev ?? local.dev) : local.dev, gw: 0, prefsrc: local.prefsrc };
  const best = n.ipv4.routes.filter((r) => usable(r) && matches(r, daddr)).sort((a, b) => b.dst_len - a.dst_len)[0];
  if (!best) return -ENETUNREACH;
  return { type: best.type, dev: best.dev, gw: best.gw, prefsrc: best.prefsrc };
}

/** inet_addr_type(): RTN_LOCAL for our own addresses, RTN_BROADCAST, else RTN_UNICAST. */
export function inet_addr_type(n: net, addr: number): number {
  if (addr === 0xffffffff) return RTN_BROADCAST;
  const r = n.ipv4.local.find((x) => matches(x, addr) && usable(x));
  return r ? r.type : RTN_UNICAST;
}

function route(table: number, dst: number, dst_len: number, dev: net_device, type: number, scope: number, prefsrc: number, protocol = RTPROT_KERNEL, gw = 0): fib_route {
  return { table, dst: (dst & inet_make_mask(dst_len)) >>> 0, dst_len, gw, dev, protocol, scope, prefsrc, type };
}

/** fib_add_ifaddr(): our address (local table), its subnet broadcast, and the connected route (main table). */
export function fib_add_ifaddr(ifa: in_ifaddr): void {
  const dev = ifa.ifa_dev.dev;
  const n = dev.nd_net;
  const t = n.ipv4;
  const loopback = (dev.flags & 0x8) !== 0;
  t.local.push(route(RT_TABLE_LOCAL, ifa.ifa_local, 32, dev, RTN_LOCAL, RT_SCOPE_HOST, ifa.ifa_local));
  if (loopback && ifa.ifa_prefixlen < 32) t.local.push(route(RT_TABLE_LOCAL, ifa.ifa_local, ifa.ifa_prefixlen, dev, RTN_LOCAL, RT_SCOPE_HOST, ifa.ifa_local));
  if (ifa.ifa_broadcast && ifa.ifa_broadcast !== 0xffffffff) t.local.push(route(RT_TABLE_LOCAL, ifa.ifa_broadcast, 32, dev, RTN_BROADCAST, RT_SCOPE_LINK, ifa.ifa_local));
  if (!loopback && ifa.ifa_prefixlen < 32) t.routes.push(route(RT_TABLE_MAIN, ifa.ifa_local, ifa.ifa_prefixlen, dev, RTN_UNICAST, RT_SCOPE_LINK, ifa.ifa_local));
}

/** fib_del_ifaddr(): the routes that address brought. */
export function fib_del_ifaddr(ifa: in_ifaddr): void {
  const t = ifa.ifa_dev.dev.nd_net.ipv4;
  const dev = ifa.ifa_dev.dev;
  t.local = t.local.filter((r) => !(r.dev === dev && r.prefsrc === ifa.ifa_local));
  t.routes = t.routes.filter((r) => !(r.dev === dev && r.protocol === RTPROT_KERNEL && r.prefsrc === ifa.ifa_local));
}

/** fib_disable_ip(): a device going down or away takes every route through it. */
export function fib_flush_dev(dev: net_device): void {
  const t = dev.nd_net.ipv4;
  t.local = t.local.filter((r) => r.dev !== dev);
  t.routes = t.routes.filter((r) => r.dev !== dev);
}

function fill_route(r: fib_route, seq: number, portid: number): Uint8Array {
  const b = new nl_builder({ type: RTM_NEWROUTE, flags: NLM_F_MULTI, seq, pid: portid })
    .rt({ family: AF_INET, dst_len: r.dst_len, src_len: 0, tos: 0, table: r.table, protocol: r.protocol, scope: r.scope, type: r.type, flags: 0 })
    .u32(RTA_TABLE, r.table);
  if (r.dst_len) b.in_addr(RTA_DST, r.dst);
  if (r.prefsrc && r.table === RT_TABLE_MAIN && r.protocol === RTPROT_KERNEL) b.in_addr(RTA_PREFSRC, r.prefsrc);
  if (r.gw) b.in_addr(RTA_GATEWAY, r.gw);
  b.u32(RTA_OIF, r.dev.ifindex);
  return b.build();
}

/** The trie's order: by key (destination), then prefix length. */
const key_order = (a: fib_route, b: fib_route): number => a.dst - b.dst || a.dst_len - b.dst_len;

/** inet_dump_fib(): the main table, then the local table, each in key order. */
export function inet_dump_fib(n: net, hdr: nlmsghdr, portid: number): Uint8Array[] {
  return [...[...n.ipv4.routes].sort(key_order), ...[...n.ipv4.local].sort(key_order)].map((r) => fill_route(r, hdr.seq, portid));
}

/** inet_rtm_newroute(): a unicast route through a device or a gateway on a connected subnet. */
export function inet_rtm_newroute(n: net, hdr: nlmsghdr, p: Uint8Array): number {
  const rtm = parse_rtmsg(p);
  if (!rtm || rtm.family !== AF_INET || rtm.dst_len > 32) return -EINVAL;
  const tb = nla_parse(p, 12);
  const dst = nla_in_addr(tb.get(RTA_DST)) ?? 0;
  const gw = nla_in_addr(tb.get(RTA_GATEWAY)) ?? 0;
  const oif = nla_u32(tb.get(RTA_OIF));
  let dev = oif !== undefined ? __dev_get_by_index(n, oif) : null;
  if (oif !== undefined && !dev) return -ENODEV;
  if (gw) {
    const via = n.ipv4.routes.find((r) => r.gw === 0 && matches(r, gw) && (!dev || r.dev === dev) && usable(r));
    if (!via) return -ENETUNREACH;
    dev = via.dev;
  }
  if (!dev) return -ENODEV;
  const r = route(RT_TABLE_MAIN, dst, rtm.dst_len, dev, RTN_UNICAST, gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK, 0, rtm.protocol, gw);
  if (n.ipv4.routes.some((x) => x.dst === r.dst && x.dst_len === r.dst_len) && hdr.flags & NLM_F_EXCL) return -EEXIST;
  n.ipv4.routes.push(r);
  return 0;
}

export function inet_rtm_delroute(n: net, _hdr: nlmsghdr, p: Uint8Array): number {
  const rtm = parse_rtmsg(p);
  if (!rtm || rtm.family !== AF_INET) return -EINVAL;
  const tb = nla_parse(p, 12);
  const dst = ((nla_in_addr(tb.get(RTA_DST)) ?? 0) & inet_make_mask(rtm.dst_len)) >>> 0;
  const i = n.ipv4.routes.findIndex((r) => r.dst === dst && r.dst_len === rtm.dst_len);
  if (i < 0) return -ESRCH;
  n.ipv4.routes.splice(i, 1);
  return 0;
}

/** A __be32 as %08X prints it on a little-endian machine (the bytes reversed). */
const be32_hex = (a: number): number => (((a & 0xff) << 24) | (((a >>> 8) & 0xff) << 16) | (((a >>> 16) & 0xff) << 8) | (a >>> 24)) >>> 0;
export const hex8 = (a: number): string => be32_hex(a).toString(16).toUpperCase().padStart(8, '0');

/** fib_route_seq_show(): /proc/net/route, the main table in key order, each line padded to 127 columns. */
export function fib_route_lines(n: net): string {
  const RTF_UP = 0x1, RTF_GATEWAY = 0x2, RTF_HOST = 0x4;
  const pad = (s: string): string => `${s.padEnd(127)}\n`;
  let out = pad('Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT');
  const routes = [...n.ipv4.routes].sort(key_order);
  for (const r of routes) {
    const flags = RTF_UP | (r.gw ? RTF_GATEWAY : 0) | (r.dst_len === 32 ? RTF_HOST : 0);
    out += pad(`${r.dev.name}\t${hex8(r.dst)}\t${hex8(r.gw)}\t${flags.toString(16).toUpperCase().padStart(4, '0')}\t0\t0\t0\t${hex8(inet_make_mask(r.dst_len))}\t0\t0\t0`);
  }
  return out;
}
