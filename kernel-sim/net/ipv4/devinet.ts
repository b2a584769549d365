// Models linux/net/ipv4/devinet.c: a device's IPv4 configuration (in_device), its addresses through RTM_NEWADDR/DELADDR/GETADDR, and lo's 127.0.0.1 when it comes up.
import { type net_device, IFF_LOOPBACK, IFF_UP } from '../../include/linux/netdevice.ts';
import { type in_device, type in_ifaddr, inet_make_mask } from '../../include/linux/inetdevice.ts';
import { EADDRNOTAVAIL, EEXIST, EINVAL, ENODEV } from '../../include/uapi/asm-generic/errno.ts';
import {
  nl_builder, nla_parse, nla_in_addr, nla_str, parse_ifaddrmsg, type nlmsghdr, NLM_F_MULTI, NLM_F_EXCL,
  RTM_NEWADDR, IFA_ADDRESS, IFA_LOCAL, IFA_BROADCAST, IFA_LABEL, IFA_FLAGS, IFA_CACHEINFO, IFA_F_PERMANENT, IFA_F_SECONDARY,
  RT_SCOPE_HOST, AF_INET,
} from '../../include/uapi/linux/rtnetlink.ts';
import { __dev_get_by_index, type netdev_cmd } from '../core/dev.ts';
import type { net } from '../core/net_namespace.ts';
import { fib_add_ifaddr, fib_del_ifaddr, fib_flush_dev } from './fib.ts';

export function in_dev_get(dev: net_device): in_device | null { return dev.ip_ptr; }

/** inetdev_init(): every device gets an in_device when it registers. */
function inetdev_init(dev: net_device): in_device {
  const idev: in_device = { dev, ifa_list: [], arp: new Map() };
  dev.ip_ptr = idev;
  return idev;
}

/** __inet_insert_ifa(): primary, or secondary when a primary of the same subnet exists; routes if the device is up. */
function inet_insert_ifa(ifa: in_ifaddr): number {
  const idev = ifa.ifa_dev;
  if (idev.ifa_list.some((x) => x.ifa_local === ifa.ifa_local && x.ifa_prefixlen === ifa.ifa_prefixlen)) return -EEXIST;
  if (idev.ifa_list.some((x) => x.ifa_mask === ifa.ifa_mask && ((x.ifa_address ^ ifa.ifa_address) & ifa.ifa_mask) === 0)) ifa.ifa_flags |= IFA_F_SECONDARY;
  idev.ifa_list.push(ifa);
  if (idev.dev.flags & IFF_UP) fib_add_ifaddr(ifa);
  return 0;
}

function inet_del_ifa(ifa: in_ifaddr): void {
  const idev = ifa.ifa_dev;
  idev.ifa_list = idev.ifa_list.filter((x) => x !== ifa);
  fib_del_ifaddr(ifa);
}

function new_ifa(idev: in_device, local: number, prefixlen: number, scope: number, broadcast: number, label: string): in_ifaddr {
  return {
    ifa_local: local, ifa_address: local, ifa_mask: inet_make_mask(prefixlen), ifa_broadcast: broadcast, ifa_prefixlen: prefixlen,
    ifa_scope: scope, ifa_flags: IFA_F_PERMANENT, ifa_label: label, ifa_dev: idev,
  };
}

/** inetdev_event(): the netdevice notifier of IPv4. */
export function inetdev_event(event: netdev_cmd, dev: net_device): void {
  if (event === 'REGISTER') { if (!dev.ip_ptr) inetdev_init(dev); return; }
  const idev = dev.ip_ptr;
  if (!idev) return;
  if (event === 'UP') {
    if (dev.flags & IFF_LOOPBACK && !idev.ifa_list.length) {
      idev.ifa_list.push(new_ifa(idev, 0x7f000001, 8, RT_SCOPE_HOST, 0, dev.name));
    }
    for (const ifa of idev.ifa_list) fib_add_ifaddr(ifa);
  } else if (event === 'DOWN') {
    fib_flush_dev(dev);
    idev.arp.clear();
  } else if (event === 'UNREGISTER') {
    fib_flush_dev(dev);
    dev.ip_ptr = null;
  } else if (event === 'CHANGENAME') {
    for (const ifa of idev.ifa_list) if (!ifa.ifa_label.includes(':')) ifa.ifa_label = dev.name;
  }
}

/** inet_select_addr(): the first primary address of the device (any scope up to `scope`), else any in the namespace. */
export function inet_select_addr(dev: net_device, dst: number): number {
  const list = dev.ip_ptr?.ifa_list ?? [];
  const same = list.find((x) => !(x.ifa_flags & IFA_F_SECONDARY) && ((x.ifa_local ^ dst) & x.ifa_mask) === 0);
  if (same) return same.ifa_local;
  const primary = list.find((x) => !(x.ifa_flags & IFA_F_SECONDARY));
  if (primary) return primary.ifa_local;
  for (const d of dev.nd_net.dev_base) {
    const a = d.ip_ptr?.ifa_list.find((x) => x.ifa_scope < RT_SCOPE_HOST);
    if (a) return a.ifa_local;
  }
  return 0;
}

function inet_fill_ifaddr(ifa: in_ifaddr, seq: number, portid: number): Uint8Array {
  const b = new nl_builder({ type: RTM_NEWADDR, flags: NLM_F_MULTI, seq, pid: portid })
    .ifaddr({ family: AF_INET, prefixlen: ifa.ifa_prefixlen, flags: ifa.ifa_flags & 0xff, scope: ifa.ifa_scope, index: ifa.ifa_dev.dev.ifindex })
    .in_addr(IFA_ADDRESS, ifa.ifa_address).in_addr(IFA_LOCAL, ifa.ifa_local);
  if (ifa.ifa_broadcast) b.in_addr(IFA_BROADCAST, ifa.ifa_broadcast);
  b.str(IFA_LABEL, ifa.ifa_label).u32(IFA_FLAGS, ifa.ifa_flags);
  const ci = new Uint8Array(16);
  const dv = new DataView(ci.buffer);
  dv.setUint32(0, 0xffffffff, true); dv.setUint32(4, 0xffffffff, true);
  return b.attr(IFA_CACHEINFO, ci).build();
}

export function inet_dump_ifaddr(n: net, hdr: nlmsghdr, portid: number): Uint8Array[] {
  return n.dev_base.flatMap((d) => (d.ip_ptr?.ifa_list ?? []).map((ifa) => inet_fill_ifaddr(ifa, hdr.seq, portid)));
}

function parse_req(n: net, p: Uint8Array): { idev: in_device; local: number; prefixlen: number; scope: number; brd: number; label: string } | number {
  const ifm = parse_ifaddrmsg(p);
  if (!ifm || ifm.family !== AF_INET || ifm.prefixlen > 32) return -EINVAL;
  const dev = __dev_get_by_index(n, ifm.index);
  if (!dev) return -ENODEV;
  const idev = dev.ip_ptr;
  if (!idev) return -ENODEV;
  const tb = nla_parse(p, 8);
  const local = nla_in_addr(tb.get(IFA_LOCAL) ?? tb.get(IFA_ADDRESS));
  if (local === undefined) return -EINVAL;
  return { idev, local, prefixlen: ifm.prefixlen, scope: ifm.scope, brd: nla_in_addr(tb.get(IFA_BROADCAST)) ?? 0, label: nla_str(tb.get(IFA_LABEL)) ?? dev.name };
}

/** inet_rtm_newaddr() */
export function inet_rtm_newaddr(n: net, hdr: nlmsghdr, p: Uint8Array): number {
  const r = parse_req(n, p);
  if (typeof r === 'number') return r;
  if (r.idev.ifa_list.some((x) => x.ifa_local === r.local) && hdr.flags & NLM_F_EXCL) return -EEXIST;
  return inet_insert_ifa(new_ifa(r.idev, r.local, r.prefixlen, r.scope, r.brd, r.label));
}

/** inet_rtm_deladdr() */
export function inet_rtm_deladdr(n: net, _hdr: nlmsghdr, p: Uint8Array): number {
  const r = parse_req(n, p);
  if (typeof r === 'number') return r;
  const ifa = r.idev.ifa_list.find((x) => x.ifa_local === r.local && x.ifa_prefixlen === r.prefixlen);
  if (!ifa) return -EADDRNOTAVAIL;
  inet_del_ifa(ifa);
  return 0;
}
