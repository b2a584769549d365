// Models linux/net/core/rtnetlink.c: NETLINK_ROUTE requests (links here; addresses and routes registered by ipv4), dumps, acks and link notifications.
import { type net_device, IFF_UP } from '../../include/linux/netdevice.ts';
import {
  EEXIST, EINVAL, ENODEV, EOPNOTSUPP, EPERM, ESRCH,
} from '../../include/uapi/asm-generic/errno.ts';
import {
  nl_builder, nlmsg_parse_all, nla_parse, nla_u32, nla_str, parse_ifinfomsg, type nlmsghdr,
  NLM_F_MULTI, NLM_F_DUMP, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLMSG_ERROR, NLMSG_DONE,
  RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK, RTM_SETLINK, RTNLGRP_LINK,
  IFLA_ADDRESS, IFLA_BROADCAST, IFLA_IFNAME, IFLA_MTU, IFLA_LINK, IFLA_QDISC, IFLA_TXQLEN, IFLA_OPERSTATE, IFLA_LINKMODE,
  IFLA_LINKINFO, IFLA_NET_NS_PID, IFLA_GROUP, IFLA_INFO_KIND, IFLA_INFO_DATA, IFLA_LINK_NETNSID, IFLA_IFALIAS, IFLA_STATS, IFLA_NET_NS_FD,
  VETH_INFO_PEER, AF_UNSPEC,
} from '../../include/uapi/linux/rtnetlink.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { defineState } from '../../kernel/state.ts';
import { current, runqueue } from '../../kernel/sched/core.ts';
import { fget } from '../../fs/file.ts';
import type { rtnl_link_ops } from '../../include/linux/netdevice.ts';
import {
  __dev_get_by_index, __dev_get_by_name, dev_change_flags, dev_change_name, dev_change_net_namespace, dev_get_flags,
  dev_get_stats, dev_operstate, dev_set_mac_address, dev_set_mtu, register_netdevice_notifier, unregister_netdevice,
} from './dev.ts';
import { netlink_broadcast, netlink_kernel_create, netlink_unicast, NETLINK_ROUTE, type netlink_sock } from '../netlink/af_netlink.ts';
import type { net } from './net_namespace.ts';

/** A request handler: returns 0 or -errno; replies it sends go through `reply`. */
export type rtnl_doit = (n: net, hdr: nlmsghdr, payload: Uint8Array, reply: (msg: Uint8Array) => void) => number;
/** A dump: the messages, each built with the request's seq and the caller's port id. */
export type rtnl_dumpit = (n: net, hdr: nlmsghdr, portid: number) => Uint8Array[];

interface RtnlState {
  handlers: Map<number, { doit?: rtnl_doit; dumpit?: rtnl_dumpit }>;
  link_ops: Map<string, rtnl_link_ops>;
}
const rtnlState = defineState<RtnlState>('rtnetlink', () => ({ handlers: new Map(), link_ops: new Map() }));

/** rtnl_register(): the handlers of one message type (RTM_NEWADDR ...). */
export function rtnl_register(type: number, doit?: rtnl_doit, dumpit?: rtnl_dumpit): void {
  rtnlState().handlers.set(type, { doit, dumpit });
}

/** rtnl_link_register(): a link kind for `ip link add ... type KIND`. */
export function rtnl_link_register(ops: rtnl_link_ops): void { rtnlState().link_ops.set(ops.kind, ops); }

const sk_net = (nsk: netlink_sock): net => nsk.sock.net;

function nlmsg_error(hdr: nlmsghdr, portid: number, err: number, req: Uint8Array): Uint8Array {
  const orig = new Uint8Array(16);
  orig.set(req.subarray(0, 16));
  const e = new Uint8Array(4);
  new DataView(e.buffer).setInt32(0, err, true);
  return new nl_builder({ type: NLMSG_ERROR, flags: err ? 0 : 0x100 /* NLM_F_CAPPED */, seq: hdr.seq, pid: portid }).bytes(e).bytes(orig).build();
}

/** rtnetlink_rcv(): each message of the datagram in turn; dumps end with NLMSG_DONE, errors and ACKs with NLMSG_ERROR. */
function rtnetlink_rcv(nsk: netlink_sock, data: Uint8Array): void {
  let off = 0;
  for (const { hdr, payload } of nlmsg_parse_all(data)) {
    const raw = data.subarray(off, off + hdr.len);
    off += (hdr.len + 3) & ~3;
    const h = rtnlState().handlers.get(hdr.type);
    const kind = (hdr.type - 16) & 3; // NEW, DEL, GET, SET
    const dump = kind === 2 && (hdr.flags & NLM_F_DUMP) === NLM_F_DUMP;
    if (dump && h?.dumpit) {
      for (const m of h.dumpit(sk_net(nsk), hdr, nsk.portid)) netlink_unicast(nsk, m);
      const done = new Uint8Array(4);
      netlink_unicast(nsk, new nl_builder({ type: NLMSG_DONE, flags: NLM_F_MULTI, seq: hdr.seq, pid: nsk.portid }).bytes(done).build());
      continue;
    }
    let err: number;
    if (!h?.doit) err = -EOPNOTSUPP;
    else if (kind !== 2 && current().cred.euid !== 0) err = -EPERM;
    else err = h.doit(sk_net(nsk), hdr, payload, (m) => netlink_unicast(nsk, m));
    if (err || hdr.flags & NLM_F_ACK) netlink_unicast(nsk, nlmsg_error(hdr, nsk.portid, err, raw));
  }
}

const mac = (a: Uint8Array, len: number): Uint8Array => a.slice(0, len);

/** rtnl_fill_ifinfo(): one RTM_NEWLINK message describing a device. */
export function rtnl_fill_ifinfo(dev: net_device, type: number, seq: number, portid: number, flags: number): Uint8Array {
  const b = new nl_builder({ type, flags, seq, pid: portid })
    .ifinfo({ family: AF_UNSPEC, type: dev.type, index: dev.ifindex, flags: dev_get_flags(dev), change: 0 })
    .str(IFLA_IFNAME, dev.name)
    .u32(IFLA_TXQLEN, dev.tx_queue_len)
    .u8(IFLA_OPERSTATE, dev_operstate(dev))
    .u8(IFLA_LINKMODE, dev.link_mode)
    .u32(IFLA_MTU, dev.mtu)
    .u32(IFLA_GROUP, dev.group);
  const iflink = dev.netdev_ops.ndo_get_iflink?.(dev);
  if (iflink !== undefined && iflink !== dev.ifindex) b.u32(IFLA_LINK, iflink);
  b.str(IFLA_QDISC, dev.qdisc);
  if (dev.ifalias) b.str(IFLA_IFALIAS, dev.ifalias);
  if (dev.addr_len) b.attr(IFLA_ADDRESS, mac(dev.dev_addr, dev.addr_len)).attr(IFLA_BROADCAST, mac(dev.broadcast, dev.addr_len));
  const s = dev_get_stats(dev);
  const st = new Uint8Array(24 * 4);
  const dv = new DataView(st.buffer);
  [s.rx_packets, s.tx_packets, s.rx_bytes, s.tx_bytes, s.rx_errors, s.tx_errors, s.rx_dropped, s.tx_dropped].forEach((v, i) => dv.setUint32(i * 4, v >>> 0, true));
  b.attr(IFLA_STATS, st);
  if (dev.rtnl_link_ops) b.nest(IFLA_LINKINFO).str(IFLA_INFO_KIND, dev.rtnl_link_ops.kind).end();
  const peer = dev.netdev_ops.ndo_get_peer_dev?.(dev);
  if (peer && peer.nd_net !== dev.nd_net) b.u32(IFLA_LINK_NETNSID, 0);
  return b.build();
}

function rtnl_dump_ifinfo(n: net, hdr: nlmsghdr, portid: number): Uint8Array[] {
  return n.dev_base.map((d) => rtnl_fill_ifinfo(d, RTM_NEWLINK, hdr.seq, portid, NLM_F_MULTI));
}

/** The device a request names: ifi_index, else IFLA_IFNAME. */
function request_dev(n: net, index: number, tb: Map<number, Uint8Array>): net_device | null {
  if (index > 0) return __dev_get_by_index(n, index);
  const name = nla_str(tb.get(IFLA_IFNAME));
  return name ? __dev_get_by_name(n, name) : null;
}

function rtnl_getlink(n: net, hdr: nlmsghdr, p: Uint8Array, reply: (m: Uint8Array) => void): number {
  const ifm = parse_ifinfomsg(p);
  if (!ifm) return -EINVAL;
  const dev = request_dev(n, ifm.index, nla_parse(p, 16));
  if (!dev) return -ENODEV;
  reply(rtnl_fill_ifinfo(dev, RTM_NEWLINK, hdr.seq, hdr.pid, 0));
  return 0;
}

/** rtnl_link_get_net(): the target namespace of IFLA_NET_NS_PID (a task's) or IFLA_NET_NS_FD (an nsfs file's). */
function rtnl_link_get_net(tb: Map<number, Uint8Array>): net | number | null {
  const pid = nla_u32(tb.get(IFLA_NET_NS_PID));
  if (pid !== undefined) {
    const t = runqueue().tasks.get(pid);
    return t && !t.exit_state ? (t.nsproxy.net_ns as net) : -ESRCH;
  }
  const fd = nla_u32(tb.get(IFLA_NET_NS_FD));
  if (fd !== undefined) {
    const f = fget(fd);
    const ns = (f?.private_data ?? null) as { type?: string } | null;
    return ns && ns.type === 'net' ? (ns as net) : -EINVAL;
  }
  return null;
}

/** do_setlink(): namespace move, name, MTU, address, then flags (up/down last, as Linux orders it). */
function do_setlink(dev: net_device, ifm: { flags: number; change: number }, tb: Map<number, Uint8Array>): number {
  const to = rtnl_link_get_net(tb);
  if (typeof to === 'number') return to;
  if (to) {
    const r = dev_change_net_namespace(dev, to, null);
    if (r) return r;
  }
  const name = nla_str(tb.get(IFLA_IFNAME));
  if (name !== undefined && name !== dev.name) {
    const r = dev_change_name(dev, name);
    if (r) return r;
  }
  const mtu = nla_u32(tb.get(IFLA_MTU));
  if (mtu !== undefined) {
    const r = dev_set_mtu(dev, mtu);
    if (r) return r;
  }
  const addr = tb.get(IFLA_ADDRESS);
  if (addr) {
    const r = dev_set_mac_address(dev, addr);
    if (r) return r;
  }
  const txq = nla_u32(tb.get(IFLA_TXQLEN));
  if (txq !== undefined) dev.tx_queue_len = txq;
  if (ifm.change || ifm.flags) return dev_change_flags(dev, ifm.flags, ifm.change || 0xffffffff);
  return 0;
}

/** rtnl_newlink(): changes an existing device, or creates one of a registered kind (IFLA_LINKINFO). */
function rtnl_newlink(n: net, hdr: nlmsghdr, p: Uint8Array): number {
  const ifm = parse_ifinfomsg(p);
  if (!ifm) return -EINVAL;
  const tb = nla_parse(p, 16);
  const dev = request_dev(n, ifm.index, tb);
  if (dev) {
    if (hdr.flags & NLM_F_EXCL) return -EEXIST;
    return do_setlink(dev, ifm, tb);
  }
  if (!(hdr.flags & NLM_F_CREATE)) return -ENODEV;
  const li = tb.get(IFLA_LINKINFO);
  const linfo = li ? nla_parse(li) : null;
  const kind = nla_str(linfo?.get(IFLA_INFO_KIND));
  if (!kind) return -EINVAL;
  const ops = rtnlState().link_ops.get(kind);
  if (!ops) return -EOPNOTSUPP;
  let peer_name: string | null = null;
  let peer_net: net | null = null;
  const data = linfo?.get(IFLA_INFO_DATA);
  const peer = data ? nla_parse(data).get(VETH_INFO_PEER) : undefined;
  if (peer) {
    const ptb = nla_parse(peer, 16);
    peer_name = nla_str(ptb.get(IFLA_IFNAME)) ?? null;
    const pn = rtnl_link_get_net(ptb);
    if (typeof pn === 'number') return pn;
    peer_net = pn;
  }
  const name = nla_str(tb.get(IFLA_IFNAME)) ?? `${kind}%d`;
  const created = ops.newlink(n, name, peer_name, peer_net);
  if (typeof created === 'number') return created;
  const mtu = nla_u32(tb.get(IFLA_MTU));
  if (mtu !== undefined) dev_set_mtu(created, mtu);
  if (ifm.flags & IFF_UP) return dev_change_flags(created, ifm.flags, ifm.change || 0xffffffff);
  return 0;
}

/** rtnl_dellink(): unregisters the device and whatever its kind removes with it (veth's peer). */
function rtnl_dellink(n: net, _hdr: nlmsghdr, p: Uint8Array): number {
  const ifm = parse_ifinfomsg(p);
  if (!ifm) return -EINVAL;
  const dev = request_dev(n, ifm.index, nla_parse(p, 16));
  if (!dev) return -ENODEV;
  if (!dev.rtnl_link_ops) return -EOPNOTSUPP;
  const kill: net_device[] = [dev];
  dev.rtnl_link_ops.dellink?.(dev, kill);
  for (const d of kill) unregister_netdevice(d);
  return 0;
}

/** rtmsg_ifinfo(): RTM_NEWLINK/DELLINK to RTNLGRP_LINK listeners of the device's namespace. */
function rtnetlink_event(event: string, dev: net_device): void {
  const type = event === 'UNREGISTER' ? RTM_DELLINK : RTM_NEWLINK;
  netlink_broadcast(NETLINK_ROUTE, rtnl_fill_ifinfo(dev, type, 0, 0, 0), 0, RTNLGRP_LINK, null, dev.nd_net);
}

function rtnetlink_init(): number {
  netlink_kernel_create(NETLINK_ROUTE, rtnetlink_rcv);
  rtnl_register(RTM_GETLINK, rtnl_getlink, rtnl_dump_ifinfo);
  rtnl_register(RTM_NEWLINK, rtnl_newlink);
  rtnl_register(RTM_SETLINK, rtnl_newlink);
  rtnl_register(RTM_DELLINK, rtnl_dellink);
  register_netdevice_notifier(rtnetlink_event);
  return 0;
}

export const initcalls: initcall_entry[] = [['core', 'rtnetlink_init', rtnetlink_init, 2_000]];
