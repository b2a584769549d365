// Models linux/include/uapi/linux/netlink.h, rtnetlink.h, if_link.h, if_addr.h and veth.h: message layouts, types and attribute numbers, with encoders/decoders for both sides.

// netlink.h
export const NLM_F_REQUEST = 0x1, NLM_F_MULTI = 0x2, NLM_F_ACK = 0x4, NLM_F_ECHO = 0x8;
export const NLM_F_ROOT = 0x100, NLM_F_MATCH = 0x200, NLM_F_DUMP = 0x300;
export const NLM_F_REPLACE = 0x100, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400, NLM_F_APPEND = 0x800;
export const NLMSG_NOOP = 1, NLMSG_ERROR = 2, NLMSG_DONE = 3;
export const NLMSG_HDRLEN = 16;

// rtnetlink.h
export const RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_GETLINK = 18, RTM_SETLINK = 19;
export const RTM_NEWADDR = 20, RTM_DELADDR = 21, RTM_GETADDR = 22;
export const RTM_NEWROUTE = 24, RTM_DELROUTE = 25, RTM_GETROUTE = 26;
export const RTNLGRP_LINK = 1, RTNLGRP_IPV4_IFADDR = 5, RTNLGRP_IPV4_ROUTE = 7;
export const RT_TABLE_UNSPEC = 0, RT_TABLE_MAIN = 254, RT_TABLE_LOCAL = 255;
export const RTPROT_UNSPEC = 0, RTPROT_KERNEL = 2, RTPROT_BOOT = 3, RTPROT_STATIC = 4;
export const RT_SCOPE_UNIVERSE = 0, RT_SCOPE_LINK = 253, RT_SCOPE_HOST = 254, RT_SCOPE_NOWHERE = 255;
export const RTN_UNSPEC = 0, RTN_UNICAST = 1, RTN_LOCAL = 2, RTN_BROADCAST = 3, RTN_UNREACHABLE = 7;
export const RTA_DST = 1, RTA_SRC = 2, RTA_IIF = 3, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_PRIORITY = 6, RTA_PREFSRC = 7, RTA_TABLE = 15;

// if_link.h
export const IFLA_ADDRESS = 1, IFLA_BROADCAST = 2, IFLA_IFNAME = 3, IFLA_MTU = 4, IFLA_LINK = 5, IFLA_QDISC = 6, IFLA_STATS = 7;
export const IFLA_MASTER = 10, IFLA_TXQLEN = 13, IFLA_OPERSTATE = 16, IFLA_LINKMODE = 17, IFLA_LINKINFO = 18;
export const IFLA_NET_NS_PID = 19, IFLA_IFALIAS = 20, IFLA_GROUP = 27, IFLA_NET_NS_FD = 28, IFLA_EXT_MASK = 29, IFLA_LINK_NETNSID = 37;
export const IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2;
export const VETH_INFO_PEER = 1;

// if_addr.h
export const IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_LABEL = 3, IFA_BROADCAST = 4, IFA_CACHEINFO = 6, IFA_FLAGS = 8;
export const IFA_F_SECONDARY = 0x01, IFA_F_PERMANENT = 0x80;

export const AF_UNSPEC = 0, AF_INET = 2, AF_PACKET = 17;

/** NLMSG_ALIGN / RTA_ALIGN */
export const NLA_ALIGN = (n: number): number => (n + 3) & ~3;

export interface nlmsghdr { len: number; type: number; flags: number; seq: number; pid: number }

/** struct ifinfomsg (16 bytes) */
export interface ifinfomsg { family: number; type: number; index: number; flags: number; change: number }
/** struct ifaddrmsg (8 bytes) */
export interface ifaddrmsg { family: number; prefixlen: number; flags: number; scope: number; index: number }
/** struct rtmsg (12 bytes) */
export interface rtmsg { family: number; dst_len: number; src_len: number; tos: number; table: number; protocol: number; scope: number; type: number; flags: number }

/** Builds one message: a fixed header, then attributes (nested ones through nest()). */
export class nl_builder {
  private parts: number[] = [];
  private nests: number[] = [];
  constructor(private hdr: Omit<nlmsghdr, 'len'>) {}
  bytes(b: Uint8Array): this { for (const x of b) this.parts.push(x); while (this.parts.length % 4) this.parts.push(0); return this; }
  u8s(...v: number[]): this { return this.bytes(Uint8Array.from(v)); }
  private le(v: number, n: number): Uint8Array { const b = new Uint8Array(n); for (let i = 0; i < n; i++) b[i] = (v >>> (8 * i)) & 0xff; return b; }
  ifinfo(m: ifinfomsg): this {
    const b = new Uint8Array(16); const dv = new DataView(b.buffer);
    b[0] = m.family; dv.setUint16(2, m.type, true); dv.setInt32(4, m.index, true); dv.setUint32(8, m.flags >>> 0, true); dv.setUint32(12, m.change >>> 0, true);
    return this.bytes(b);
  }
  ifaddr(m: ifaddrmsg): this {
    const b = new Uint8Array(8);
    b[0] = m.family; b[1] = m.prefixlen; b[2] = m.flags; b[3] = m.scope; new DataView(b.buffer).setUint32(4, m.index >>> 0, true);
    return this.bytes(b);
  }
  rt(m: rtmsg): this {
    const b = Uint8Array.from([m.family, m.dst_len, m.src_len, m.tos, m.table, m.protocol, m.scope, m.type, 0, 0, 0, 0]);
    new DataView(b.buffer).setUint32(8, m.flags >>> 0, true);
    return this.bytes(b);
  }
  attr(type: number, data: Uint8Array): this {
    const len = 4 + data.length;
    this.bytes(Uint8Array.from([...this.le(len, 2), ...this.le(type, 2), ...data]));
    return this;
  }
  u8(type: number, v: number): this { return this.attr(type, Uint8Array.of(v)); }
  u32(type: number, v: number): this { return this.attr(type, this.le(v >>> 0, 4)); }
  str(type: number, s: string): this { return this.attr(type, new TextEncoder().encode(s + '\0')); }
  /** An IPv4 address, network byte order. */
  in_addr(type: number, a: number): this { return this.attr(type, Uint8Array.of(a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255)); }
  nest(type: number): this { this.nests.push(this.parts.length); return this.u8s(0, 0, type & 0xff, type >>> 8); }
  end(): this {
    const at = this.nests.pop()!;
    const len = this.parts.length - at;
    this.parts[at] = len & 0xff; this.parts[at + 1] = len >>> 8;
    return this;
  }
  build(): Uint8Array {
    const out = new Uint8Array(NLMSG_HDRLEN + this.parts.length);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, out.length, true); dv.setUint16(4, this.hdr.type, true); dv.setUint16(6, this.hdr.flags, true);
    dv.setUint32(8, this.hdr.seq >>> 0, true); dv.setUint32(12, this.hdr.pid >>> 0, true);
    out.set(this.parts, NLMSG_HDRLEN);
    return out;
  }
}

/** The messages of a datagram, each as its header and payload; malformed lengths end the walk. */
export function nlmsg_parse_all(buf: Uint8Array): { hdr: nlmsghdr; payload: Uint8Array }[] {
  const out: { hdr: nlmsghdr; payload: Uint8Array }[] = [];
  let off = 0;
  while (off + NLMSG_HDRLEN <= buf.length) {
    const dv = new DataView(buf.buffer, buf.byteOffset + off, NLMSG_HDRLEN);
    const hdr = { len: dv.getUint32(0, true), type: dv.getUint16(4, true), flags: dv.getUint16(6, true), seq: dv.getUint32(8, true), pid: dv.getUint32(12, true) };
    if (hdr.len < NLMSG_HDRLEN || off + hdr.len > buf.length) break;
    out.push({ hdr, payload: buf.subarray(off + NLMSG_HDRLEN, off + hdr.len) });
    off += NLA_ALIGN(hdr.len);
  }
  return out;
}

/** nla_parse(): attributes after a fixed header of `skip` bytes, by type (the last of a type wins). */
export function nla_parse(buf: Uint8Array, skip = 0): Map<number, Uint8Array> {
  const m = new Map<number, Uint8Array>();
  let off = skip;
  while (off + 4 <= buf.length) {
    const len = buf[off] | (buf[off + 1] << 8);
    const type = (buf[off + 2] | (buf[off + 3] << 8)) & 0x3fff;
    if (len < 4 || off + len > buf.length) break;
    m.set(type, buf.subarray(off + 4, off + len));
    off += NLA_ALIGN(len);
  }
  return m;
}

export function nla_u32(b: Uint8Array | undefined): number | undefined {
  return b && b.length >= 4 ? new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true) : undefined;
}
export function nla_str(b: Uint8Array | undefined): string | undefined {
  if (!b) return undefined;
  const z = b.indexOf(0);
  return new TextDecoder().decode(z < 0 ? b : b.subarray(0, z));
}
export function nla_in_addr(b: Uint8Array | undefined): number | undefined {
  return b && b.length >= 4 ? ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0 : undefined;
}

export function parse_ifinfomsg(p: Uint8Array): ifinfomsg | null {
  if (p.length < 16) return null;
  const dv = new DataView(p.buffer, p.byteOffset, 16);
  return { family: p[0], type: dv.getUint16(2, true), index: dv.getInt32(4, true), flags: dv.getUint32(8, true), change: dv.getUint32(12, true) };
}
export function parse_ifaddrmsg(p: Uint8Array): ifaddrmsg | null {
  if (p.length < 8) return null;
  return { family: p[0], prefixlen: p[1], flags: p[2], scope: p[3], index: new DataView(p.buffer, p.byteOffset, 8).getUint32(4, true) };
}
export function parse_rtmsg(p: Uint8Array): rtmsg | null {
  if (p.length < 12) return null;
  return { family: p[0], dst_len: p[1], src_len: p[2], tos: p[3], table: p[4], protocol: p[5], scope: p[6], type: p[7], flags: new DataView(p.buffer, p.byteOffset, 12).getUint32(8, true) };
}
