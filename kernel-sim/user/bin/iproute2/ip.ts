// Models BusyBox's ip (networking/libiproute: iplink.c, ipaddress.c, iproute.c, ipnetns as in iproute2): links, addresses and routes over rtnetlink, printed as the reference's busybox prints them.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import {
  nl_builder, nlmsg_parse_all, nla_parse, nla_u32, nla_str, nla_in_addr, parse_ifinfomsg, parse_ifaddrmsg, parse_rtmsg,
  NLM_F_REQUEST, NLM_F_DUMP, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLMSG_ERROR, NLMSG_DONE,
  RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK, RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR, RTM_NEWROUTE, RTM_DELROUTE, RTM_GETROUTE,
  IFLA_ADDRESS, IFLA_BROADCAST, IFLA_IFNAME, IFLA_MTU, IFLA_LINK, IFLA_QDISC, IFLA_TXQLEN, IFLA_LINKINFO, IFLA_INFO_KIND,
  IFLA_INFO_DATA, IFLA_NET_NS_PID, IFLA_NET_NS_FD, VETH_INFO_PEER, IFA_ADDRESS, IFA_LOCAL, IFA_LABEL, IFA_BROADCAST, IFA_CACHEINFO,
  IFA_F_SECONDARY, IFA_F_PERMANENT, RTA_DST, RTA_GATEWAY, RTA_OIF, RTA_PREFSRC, RTA_TABLE, RT_TABLE_MAIN, RTPROT_BOOT, RTPROT_KERNEL,
  RT_SCOPE_UNIVERSE, RT_SCOPE_LINK, RT_SCOPE_HOST, RTN_UNICAST, AF_UNSPEC, AF_INET, AF_PACKET, type nlmsghdr,
} from '../../../include/uapi/linux/rtnetlink.ts';
import { socket, bind, sendto, recvfrom, sockaddr_nl, inet_aton, inet_ntoa, AF_NETLINK, SOCK_RAW, SOCK_CLOEXEC } from '../../lib/socket.ts';
import { O_RDONLY, O_CLOEXEC } from '../../../include/uapi/stat.ts';
import { do_netns, NETNS_RUN_DIR } from './ipnetns.ts';

const IFF_UP = 0x1, IFF_RUNNING = 0x40;

interface msg { hdr: nlmsghdr; payload: Uint8Array }

/** An rtnetlink socket (rtnl_open) with the request sequence. */
class rtnl {
  seq = 0;
  constructor(readonly c: Libc, readonly fd: number) {}

  static *open(c: Libc): KGen<rtnl | number> {
    const fd = yield* socket(c, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0);
    if (fd < 0) return fd;
    const r = yield* bind(c, fd, sockaddr_nl(0, 0));
    return r < 0 ? r : new rtnl(c, fd);
  }

  /** Sends a request and collects the replies up to NLMSG_DONE (dumps) or the NLMSG_ERROR ack; returns them or -errno. */
  *talk(b: (seq: number) => Uint8Array, dump: boolean): KGen<msg[] | number> {
    const seq = ++this.seq;
    const s = yield* sendto(this.c, this.fd, b(seq), 0, sockaddr_nl(0, 0));
    if (s < 0) return s;
    const out: msg[] = [];
    for (;;) {
      const r = yield* recvfrom(this.c, this.fd, 65536);
      if (typeof r === 'number') return r;
      for (const m of nlmsg_parse_all(r.data)) {
        if (m.hdr.seq !== seq) continue;
        if (m.hdr.type === NLMSG_DONE) return out;
        if (m.hdr.type === NLMSG_ERROR) {
          const err = new DataView(m.payload.buffer, m.payload.byteOffset, 4).getInt32(0, true);
          return err < 0 ? err : out;
        }
        out.push(m);
        if (!dump) return out;
      }
    }
  }

  *dump(type: number, family: number): KGen<msg[] | number> {
    return yield* this.talk((seq) => {
      const b = new nl_builder({ type, flags: NLM_F_REQUEST | NLM_F_DUMP, seq, pid: 0 });
      return (type === RTM_GETLINK ? b.ifinfo({ family, type: 0, index: 0, flags: 0, change: 0 }) : b.u8s(family, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)).build();
    }, true);
  }
}

interface link { index: number; name: string; flags: number; type: number; tb: Map<number, Uint8Array> }

function parse_link(m: msg): link | null {
  const ifi = parse_ifinfomsg(m.payload);
  if (!ifi || m.hdr.type !== RTM_NEWLINK) return null;
  const tb = nla_parse(m.payload, 16);
  return { index: ifi.index, name: nla_str(tb.get(IFLA_IFNAME)) ?? '<nil>', flags: ifi.flags, type: ifi.type, tb };
}

/** ll_type_n2a() */
const ll_types: Record<number, string> = { 1: 'ether', 772: 'loopback', 65534: 'none' };
const hexaddr = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');

/** print_link_flags(): the flag names busybox knows, the rest in hex, M-DOWN when the lower device is down. */
function link_flags(flags: number, mdown: boolean): string {
  const names: [number, string][] = [[0x8, 'LOOPBACK'], [0x2, 'BROADCAST'], [0x10, 'POINTOPOINT'], [0x1000, 'MULTICAST'], [0x80, 'NOARP'], [0x1, 'UP'], [0x10000, 'LOWER_UP']];
  const parts: string[] = [];
  if (flags & IFF_UP && !(flags & IFF_RUNNING)) parts.push('NO-CARRIER');
  let f = flags & ~IFF_RUNNING;
  for (const [bit, name] of names) if (f & bit) { parts.push(name); f &= ~bit; }
  if (f) parts.push(f.toString(16));
  if (mdown) parts.push('M-DOWN');
  return `<${parts.join(',')}> `;
}

/** print_linkinfo() */
function print_linkinfo(l: link, all: link[]): string {
  let s = `${l.index}: ${l.name}`;
  const iflink = nla_u32(l.tb.get(IFLA_LINK));
  let mdown = false;
  if (iflink !== undefined) {
    const peer = all.find((x) => x.index === iflink);
    s += iflink === 0 ? '@NONE: ' : `@${peer ? peer.name : `if${iflink}`}: `;
    mdown = iflink !== 0 && !((peer?.flags ?? 0) & IFF_UP);
  } else s += ': ';
  s += link_flags(l.flags, mdown);
  const mtu = nla_u32(l.tb.get(IFLA_MTU));
  if (mtu !== undefined) s += `mtu ${mtu} `;
  const qdisc = nla_str(l.tb.get(IFLA_QDISC));
  if (qdisc !== undefined) s += `qdisc ${qdisc} `;
  const qlen = nla_u32(l.tb.get(IFLA_TXQLEN));
  if (qlen) s += `qlen ${qlen}`;
  s += `\n    link/${ll_types[l.type] ?? `[${l.type}]`} `;
  const a = l.tb.get(IFLA_ADDRESS);
  if (a) s += hexaddr(a);
  const b = l.tb.get(IFLA_BROADCAST);
  if (b) s += (l.flags & 0x10 ? ' peer ' : ' brd ') + hexaddr(b);
  return s + '\n';
}

const scopes: Record<number, string> = { [RT_SCOPE_UNIVERSE]: 'global', 200: 'site', [RT_SCOPE_LINK]: 'link', [RT_SCOPE_HOST]: 'host', 255: 'nowhere' };
const scope_name = (s: number): string => scopes[s] ?? String(s);

/** print_addrinfo() */
function print_addrinfo(m: msg): string {
  const ifa = parse_ifaddrmsg(m.payload)!;
  const tb = nla_parse(m.payload, 8);
  const local = nla_in_addr(tb.get(IFA_LOCAL) ?? tb.get(IFA_ADDRESS));
  const address = nla_in_addr(tb.get(IFA_ADDRESS) ?? tb.get(IFA_LOCAL));
  let s = ifa.family === AF_INET ? '    inet ' : `    family ${ifa.family} `;
  if (local !== undefined) s += address === undefined || address === local ? `${inet_ntoa(local)}/${ifa.prefixlen} ` : `${inet_ntoa(local)} peer ${inet_ntoa(address)}/${ifa.prefixlen} `;
  const brd = nla_in_addr(tb.get(IFA_BROADCAST));
  if (brd !== undefined) s += `brd ${inet_ntoa(brd)} `;
  s += `scope ${scope_name(ifa.scope)} `;
  let flags = ifa.flags;
  if (flags & IFA_F_SECONDARY) { flags &= ~IFA_F_SECONDARY; s += 'secondary '; }
  if (!(flags & IFA_F_PERMANENT)) s += 'dynamic ';
  else flags &= ~IFA_F_PERMANENT;
  if (flags) s += `flags ${flags.toString(16).padStart(2, '0')} `;
  const label = nla_str(tb.get(IFA_LABEL));
  if (label) s += label;
  const ci = tb.get(IFA_CACHEINFO);
  if (ci) {
    const dv = new DataView(ci.buffer, ci.byteOffset, 8);
    const lft = (v: number): string => (v === 0xffffffff ? 'forever' : `${v}sec`);
    s += `\n       valid_lft ${lft(dv.getUint32(4, true))} preferred_lft ${lft(dv.getUint32(0, true))}`;
  }
  return s + '\n';
}

/** get_prefix(): "A.B.C.D[/N]". */
function get_prefix(s: string): { addr: number; len: number } | null {
  const [a, l] = s.split('/');
  const addr = inet_aton(a);
  const len = l === undefined ? 32 : Number(l);
  if (addr === null || !/^\d+$/.test(l ?? '32') || len > 32) return null;
  return { addr, len };
}

class ip_error extends Error {}
const die = (msg: string): never => { throw new ip_error(msg); };

function* links(h: rtnl): KGen<link[]> {
  const r = yield* h.dump(RTM_GETLINK, AF_PACKET);
  if (typeof r === 'number') return die(`RTNETLINK answers: ${strerror(-r)}`);
  return r.map(parse_link).filter((x): x is link => x !== null);
}

function* name_to_index(h: rtnl, name: string): KGen<number> {
  const l = (yield* links(h)).find((x) => x.name === name);
  return l ? l.index : die(`can't find device '${name}'`);
}

function* ack(h: rtnl, b: (seq: number) => Uint8Array): KGen<void> {
  const r = yield* h.talk(b, false);
  if (typeof r === 'number') die(`RTNETLINK answers: ${strerror(-r)}`);
}

/** `ip link` / `ip addr` listing (ipaddr_list_or_flush). */
function* list(c: Libc, h: rtnl, family: number, argv: string[]): KGen<void> {
  const dev = argv[0] === 'dev' ? argv[1] : argv[0] === 'show' || argv[0] === 'list' ? (argv[1] === 'dev' ? argv[2] : argv[1]) : argv[0];
  const all = yield* links(h);
  if (dev && !all.some((l) => l.name === dev)) die(`can't find device '${dev}'`);
  const addrs = family === AF_PACKET ? [] : yield* h.dump(RTM_GETADDR, AF_INET);
  if (typeof addrs === 'number') die(`RTNETLINK answers: ${strerror(-addrs)}`);
  let out = '';
  for (const l of all) {
    if (dev && l.name !== dev) continue;
    out += print_linkinfo(l, all);
    for (const a of addrs as msg[]) if (a.hdr.type === RTM_NEWADDR && parse_ifaddrmsg(a.payload)?.index === l.index) out += print_addrinfo(a);
  }
  yield* c.write(1, out);
}

/** The namespace argument of `ip link set ... netns`: a pid, or a name under /var/run/netns. */
function* netns_attr(c: Libc, b: nl_builder, v: string): KGen<void> {
  if (/^\d+$/.test(v)) { b.u32(IFLA_NET_NS_PID, Number(v)); return; }
  const fd = yield* c.open(`${NETNS_RUN_DIR}/${v}`, O_RDONLY | O_CLOEXEC);
  if (fd < 0) die(`can't open '${NETNS_RUN_DIR}/${v}': ${strerror(-fd)}`);
  b.u32(IFLA_NET_NS_FD, fd);
}

function* do_iplink(c: Libc, h: rtnl, argv: string[]): KGen<void> {
  const cmd = argv[0] ?? 'show';
  const rest = argv.slice(1);
  if (cmd === 'show' || cmd === 'list' || cmd === 'lst') return yield* list(c, h, AF_PACKET, rest);
  if (cmd === 'add') {
    let name = '', kind = '', peer = '';
    for (let i = 0; i < rest.length; i++) {
      const k = rest[i];
      if (k === 'name' || k === 'dev') name = rest[++i];
      else if (k === 'type') kind = rest[++i];
      else if (k === 'peer') { if (rest[i + 1] === 'name') i++; peer = rest[++i]; }
      else name = k;
    }
    if (!kind) die('not enough information: "type" argument is required');
    return yield* ack(h, (seq) => {
      const b = new nl_builder({ type: RTM_NEWLINK, flags: NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK, seq, pid: 0 })
        .ifinfo({ family: AF_UNSPEC, type: 0, index: 0, flags: 0, change: 0 });
      if (name) b.str(IFLA_IFNAME, name);
      b.nest(IFLA_LINKINFO).str(IFLA_INFO_KIND, kind);
      if (peer) b.nest(IFLA_INFO_DATA).nest(VETH_INFO_PEER).ifinfo({ family: 0, type: 0, index: 0, flags: 0, change: 0 }).str(IFLA_IFNAME, peer).end().end();
      return b.end().build();
    });
  }
  if (cmd === 'delete' || cmd === 'del') {
    const dev = rest[0] === 'dev' ? rest[1] : rest[0];
    if (!dev) die('not enough information: "dev" argument is required');
    const index = yield* name_to_index(h, dev);
    return yield* ack(h, (seq) => new nl_builder({ type: RTM_DELLINK, flags: NLM_F_REQUEST | NLM_F_ACK, seq, pid: 0 }).ifinfo({ family: AF_UNSPEC, type: 0, index, flags: 0, change: 0 }).build());
  }
  if (cmd === 'set') {
    let dev = '';
    let flags = 0, change = 0;
    const attrs: ((b: nl_builder) => KGen<void>)[] = [];
    for (let i = 0; i < rest.length; i++) {
      const k = rest[i];
      if (k === 'up' || k === 'down') { change |= IFF_UP; flags = k === 'up' ? flags | IFF_UP : flags & ~IFF_UP; }
      else if (k === 'mtu') { const v = Number(rest[++i]); attrs.push(function* (b) { b.u32(IFLA_MTU, v); }); }
      else if (k === 'name') { const v = rest[++i]; attrs.push(function* (b) { b.str(IFLA_IFNAME, v); }); }
      else if (k === 'address') {
        const v = rest[++i] ?? '';
        const bytes = v.split(':').map((x) => parseInt(x, 16));
        if (bytes.length !== 6 || bytes.some((x) => !(x >= 0 && x <= 255))) die(`invalid address "${v}"`);
        attrs.push(function* (b) { b.attr(IFLA_ADDRESS, Uint8Array.from(bytes)); });
      } else if (k === 'netns') { const v = rest[++i] ?? ''; attrs.push((b) => netns_attr(c, b, v)); }
      else if (k === 'dev') dev = rest[++i];
      else dev = k;
    }
    if (!dev) die('not enough information: "dev" argument is required');
    const index = yield* name_to_index(h, dev);
    const b = new nl_builder({ type: RTM_NEWLINK, flags: NLM_F_REQUEST | NLM_F_ACK, seq: 0, pid: 0 }).ifinfo({ family: AF_UNSPEC, type: 0, index, flags, change });
    for (const a of attrs) yield* a(b);
    // The sequence number is part of the header: rebuild with it.
    const body = b.build().subarray(16);
    return yield* ack(h, (seq) => new nl_builder({ type: RTM_NEWLINK, flags: NLM_F_REQUEST | NLM_F_ACK, seq, pid: 0 }).bytes(body).build());
  }
  die(`unknown command ${cmd}`);
}

function* do_ipaddr(c: Libc, h: rtnl, argv: string[]): KGen<void> {
  const cmd = argv[0] ?? 'show';
  const rest = argv.slice(1);
  if (cmd === 'show' || cmd === 'list' || cmd === 'lst') return yield* list(c, h, AF_UNSPEC, rest);
  if (cmd !== 'add' && cmd !== 'delete' && cmd !== 'del') die(`unknown command ${cmd}`);
  let dev = '', local: { addr: number; len: number } | null = null, brd: string | null = null, label = '';
  for (let i = 0; i < rest.length; i++) {
    const k = rest[i];
    if (k === 'dev') dev = rest[++i];
    else if (k === 'broadcast' || k === 'brd') brd = rest[++i];
    else if (k === 'label') label = rest[++i];
    else if (k === 'local') local = get_prefix(rest[++i] ?? '') ?? die(`an inet prefix is expected rather than "${rest[i]}"`);
    else local = get_prefix(k) ?? die(`an inet prefix is expected rather than "${k}"`);
  }
  if (!dev) die('need "dev" argument');
  if (!local) die('need an address');
  const l = local!;
  const index = yield* name_to_index(h, dev);
  let brd_addr: number | null = null;
  if (brd === '+' && l.len <= 30) brd_addr = (l.addr | (~(l.len ? 0xffffffff << (32 - l.len) : 0) >>> 0)) >>> 0;
  else if (brd && brd !== '+' && brd !== '-') brd_addr = inet_aton(brd) ?? die(`invalid broadcast "${brd}"`);
  const scope = (l.addr >>> 24) === 127 ? RT_SCOPE_HOST : RT_SCOPE_UNIVERSE;
  const type = cmd === 'add' ? RTM_NEWADDR : RTM_DELADDR;
  return yield* ack(h, (seq) => {
    const b = new nl_builder({ type, flags: NLM_F_REQUEST | NLM_F_ACK | (type === RTM_NEWADDR ? NLM_F_CREATE | NLM_F_EXCL : 0), seq, pid: 0 })
      .ifaddr({ family: AF_INET, prefixlen: l.len, flags: 0, scope, index })
      .in_addr(IFA_LOCAL, l.addr).in_addr(IFA_ADDRESS, l.addr);
    if (brd_addr !== null) b.in_addr(IFA_BROADCAST, brd_addr);
    if (label) b.str(IFA_LABEL, label);
    return b.build();
  });
}

/** print_route() for the main table. */
function print_route(m: msg, all: link[]): string {
  const r = parse_rtmsg(m.payload)!;
  const tb = nla_parse(m.payload, 12);
  const table = nla_u32(tb.get(RTA_TABLE)) ?? r.table;
  if (table !== RT_TABLE_MAIN || r.family !== AF_INET) return '';
  let s = r.type !== RTN_UNICAST ? `${['unspec', 'unicast', 'local', 'broadcast', 'anycast', 'multicast', 'blackhole', 'unreachable', 'prohibit'][r.type] ?? r.type} ` : '';
  const dst = nla_in_addr(tb.get(RTA_DST));
  if (dst !== undefined) s += r.dst_len !== 32 ? `${inet_ntoa(dst)}/${r.dst_len} ` : `${inet_ntoa(dst)} `;
  else s += r.dst_len ? `0/${r.dst_len} ` : 'default ';
  const gw = nla_in_addr(tb.get(RTA_GATEWAY));
  if (gw !== undefined) s += `via ${inet_ntoa(gw)} `;
  const oif = nla_u32(tb.get(RTA_OIF));
  if (oif !== undefined) s += `dev ${all.find((l) => l.index === oif)?.name ?? `if${oif}`} `;
  if (r.protocol !== RTPROT_BOOT) s += `proto ${r.protocol === RTPROT_KERNEL ? 'kernel' : r.protocol} `;
  if (r.scope !== RT_SCOPE_UNIVERSE) s += `scope ${scope_name(r.scope)} `;
  const src = nla_in_addr(tb.get(RTA_PREFSRC));
  if (src !== undefined) s += ` src ${inet_ntoa(src)} `;
  return s + '\n';
}

function* do_iproute(c: Libc, h: rtnl, argv: string[]): KGen<void> {
  const cmd = argv[0] ?? 'show';
  const rest = argv.slice(1);
  if (cmd === 'show' || cmd === 'list' || cmd === 'lst') {
    const all = yield* links(h);
    const r = yield* h.dump(RTM_GETROUTE, AF_INET);
    if (typeof r === 'number') die(`RTNETLINK answers: ${strerror(-r)}`);
    yield* c.write(1, (r as msg[]).map((m) => print_route(m, all)).join(''));
    return;
  }
  if (cmd !== 'add' && cmd !== 'delete' && cmd !== 'del') die(`unknown command ${cmd}`);
  let dst: { addr: number; len: number } | null = null, gw: number | null = null, dev = '';
  for (let i = 0; i < rest.length; i++) {
    const k = rest[i];
    if (k === 'via') gw = inet_aton(rest[++i] ?? '') ?? die(`invalid gateway "${rest[i]}"`);
    else if (k === 'dev') dev = rest[++i];
    else if (k === 'default') dst = { addr: 0, len: 0 };
    else if (k === 'to') dst = get_prefix(rest[++i] ?? '') ?? die(`invalid prefix "${rest[i]}"`);
    else dst = get_prefix(k) ?? die(`invalid prefix "${k}"`);
  }
  if (!dst) die('need a destination');
  const d = dst!;
  const oif = dev ? yield* name_to_index(h, dev) : 0;
  const type = cmd === 'add' ? RTM_NEWROUTE : RTM_DELROUTE;
  return yield* ack(h, (seq) => {
    const b = new nl_builder({ type, flags: NLM_F_REQUEST | NLM_F_ACK | (type === RTM_NEWROUTE ? NLM_F_CREATE | NLM_F_EXCL : 0), seq, pid: 0 })
      .rt({ family: AF_INET, dst_len: d.len, src_len: 0, tos: 0, table: RT_TABLE_MAIN, protocol: RTPROT_BOOT, scope: gw === null ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE, type: RTN_UNICAST, flags: 0 });
    if (d.len) b.in_addr(RTA_DST, d.addr);
    if (gw !== null) b.in_addr(RTA_GATEWAY, gw);
    if (oif) b.u32(RTA_OIF, oif);
    return b.build();
  });
}

const objects: [string, (c: Libc, h: rtnl, argv: string[]) => KGen<void>][] = [
  ['link', do_iplink], ['address', do_ipaddr], ['route', do_iproute],
];

export function* ip_main(c: Libc, argv: string[]): KGen<number> {
  const args = argv.slice(1).filter((a) => a !== '-4');
  const obj = args[0];
  if (!obj) { yield* c.write(2, 'Usage: ip [OPTIONS] address|route|link|netns COMMAND\n'); return 1; }
  if ('netns'.startsWith(obj) && obj.length >= 2) return yield* do_netns(c, args.slice(1));
  const handler = objects.find(([name]) => name.startsWith(obj));
  if (!handler) { yield* c.write(2, `ip: unknown object ${obj}\n`); return 1; }
  const h = yield* rtnl.open(c);
  if (typeof h === 'number') { yield* c.write(2, `ip: socket(AF_NETLINK,RAW,0): ${strerror(-h)}\n`); return 1; }
  try {
    yield* handler[1](c, h, args.slice(1));
    return 0;
  } catch (e) {
    if (!(e instanceof ip_error)) throw e;
    yield* c.write(2, `ip: ${e.message}\n`);
    return e.message.startsWith('RTNETLINK') ? 2 : 1;
  } finally {
    yield* c.close(h.fd);
  }
}
