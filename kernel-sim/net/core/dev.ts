// Models linux/net/core/dev.c: net_device allocation, registration, open/close, flags, namespaces moves, transmit and the receive backlog.
import {
  type net_device, type net_device_ops, type rtnl_link_stats64, new_link_stats, netif_running, netif_carrier_ok,
  IFF_UP, IFF_RUNNING, IFF_LOWER_UP, IFF_DORMANT, IFF_PROMISC, IFF_ALLMULTI, IF_OPER_UP, IF_OPER_UNKNOWN, IF_OPER_DOWN,
  IF_OPER_LOWERLAYERDOWN, NET_NAME_UNKNOWN, NETDEV_TX_OK, NET_ADDR_SET,
} from '../../include/linux/netdevice.ts';
import type { sk_buff } from '../../include/linux/skbuff.ts';
import { EEXIST, EINVAL, ENFILE, ENODEV, ENETDOWN, EBUSY } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { for_each_net, type net } from './net_namespace.ts';
import { account_ns } from '../../kernel/time/timekeeping.ts';
import { raise_softirq, NET_RX_SOFTIRQ } from '../../kernel/softirq.ts';

/** Netdevice notifier events (include/linux/netdevice.h enum netdev_cmd). */
export type netdev_cmd = 'UP' | 'DOWN' | 'REGISTER' | 'UNREGISTER' | 'CHANGE' | 'CHANGEMTU' | 'CHANGEADDR' | 'CHANGENAME';
export type notifier_fn = (event: netdev_cmd, dev: net_device) => void;

/** packet_type: a protocol's receive handler for one ethertype, or every one (ETH_P_ALL), as dev_add_pack registers it. */
export interface packet_type {
  type: number;
  func: (skb: sk_buff, dev: net_device) => number;
  /** The device it is bound to (a packet socket's), or every device. */
  dev?: net_device | null;
  /** af_packet_priv's namespace: /proc/net/ptype shows a socket's hook only in its own. */
  net?: net;
}
/** ETH_P_ALL: the packet_type sees every frame (ptype_all). */
const ETH_P_ALL = 0x0003;

interface DevState {
  notifiers: notifier_fn[];
  ptypes: packet_type[];
  /** softnet_data.input_pkt_queue: frames netif_rx queued, drained by process_backlog. */
  backlog: sk_buff[];
  in_softirq: boolean;
  /** netdev_max_backlog */
  max_backlog: number;
}

const devState = defineState<DevState>('netdev', () => ({ notifiers: [], ptypes: [], backlog: [], in_softirq: false, max_backlog: 1000 }));

/** register_netdevice_notifier(): also replays REGISTER (and UP) for the devices that exist already, in every namespace. */
export function register_netdevice_notifier(fn: notifier_fn): void {
  devState().notifiers.push(fn);
  for (const n of for_each_net()) {
    for (const dev of n.dev_base) {
      fn('REGISTER', dev);
      if (dev.flags & IFF_UP) fn('UP', dev);
    }
  }
}

export function call_netdevice_notifiers(event: netdev_cmd, dev: net_device): void {
  for (const fn of devState().notifiers) fn(event, dev);
}

export function dev_add_pack(pt: packet_type): void { devState().ptypes.push(pt); }
/** The registered packet types (ptype_base), for /proc/net/ptype. */
export function ptype_list(): readonly packet_type[] { return devState().ptypes; }
export function dev_remove_pack(pt: packet_type): void {
  const st = devState();
  st.ptypes = st.ptypes.filter((p) => p !== pt);
}

/** Virtual CPU time the receive path costs per frame (a loopback ping's round trip is about two of these). */
const NET_RX_COST_NS = 25_000;

const noop_ops: net_device_ops = { ndo_start_xmit: () => NETDEV_TX_OK };

/**
 * alloc_netdev(): a device named from `name` ("eth%d" is numbered at registration) set up by `setup`
 * (ether_setup, loopback_setup, veth_setup). It belongs to init_net until moved.
 */
export function alloc_netdev(priv: unknown, name: string, name_assign_type: number, setup: (dev: net_device) => void, in_net: net): net_device {
  const dev: net_device = {
    name, ifindex: 0, flags: 0, priv_flags: 0, operstate: IF_OPER_UNKNOWN, link_mode: 0,
    mtu: 0, min_mtu: 0, max_mtu: 0, type: 0, hard_header_len: 0, addr_len: 0,
    dev_addr: new Uint8Array(32), broadcast: new Uint8Array(32), perm_addr: new Uint8Array(32), addr_assign_type: 0,
    name_assign_type: name_assign_type ?? NET_NAME_UNKNOWN, tx_queue_len: 1000, qdisc: 'noop', default_qdisc: 'pfifo_fast', group: 0, ifalias: '',
    netdev_ops: noop_ops, header_ops: null, rtnl_link_ops: null, stats: new_link_stats(), nd_net: in_net,
    reg_state: 'UNINITIALIZED', state: { start: false, nocarrier: false, xoff: false }, carrier_up_count: 0, carrier_down_count: 0,
    priv, dev: null, parent: null, ip_ptr: null, priv_destructor: null,
  };
  setup(dev);
  return dev;
}

export function dev_valid_name(name: string): boolean {
  return name.length > 0 && name.length < 16 && name !== '.' && name !== '..' && !/[/:\s]/.test(name);
}

export function __dev_get_by_name(n: net, name: string): net_device | null {
  return n.dev_base.find((d) => d.name === name) ?? null;
}

export function __dev_get_by_index(n: net, ifindex: number): net_device | null {
  return n.dev_base.find((d) => d.ifindex === ifindex) ?? null;
}

/** dev_alloc_name(): the lowest free number for a "%d" pattern in `n`. */
export function dev_alloc_name_ns(n: net, pattern: string): string | number {
  if (!pattern.includes('%d')) return __dev_get_by_name(n, pattern) ? -EEXIST : pattern;
  for (let i = 0; i < 32768; i++) {
    const name = pattern.replace('%d', String(i));
    if (!__dev_get_by_name(n, name)) return name;
  }
  return -ENFILE;
}

/** dev_new_index(): the next unused ifindex after the namespace's last one. */
function dev_new_index(n: net): number {
  let i = n.ifindex;
  for (;;) {
    if (++i <= 0) i = 1;
    if (!__dev_get_by_index(n, i)) return (n.ifindex = i);
  }
}

/** Hooks for the device's sysfs view (net-sysfs.c) and the rtnetlink notifications, installed by those units. */
export interface netdev_hooks {
  register_kobject(dev: net_device): number;
  unregister_kobject(dev: net_device): void;
}
const hooksState = defineState<{ hooks: netdev_hooks | null }>('netdev_hooks', () => ({ hooks: null }));
export function install_netdev_hooks(h: netdev_hooks): void { hooksState().hooks = h; }

/** register_netdevice(): name and ifindex in its namespace, ndo_init, the sysfs view, NETDEV_REGISTER. */
export function register_netdevice(dev: net_device): number {
  const n = dev.nd_net;
  if (dev.reg_state !== 'UNINITIALIZED') return -EINVAL;
  const name = dev_alloc_name_ns(n, dev.name);
  if (typeof name === 'number') return name;
  if (!dev_valid_name(name)) return -EINVAL;
  dev.name = name;
  const r = dev.netdev_ops.ndo_init?.(dev) ?? 0;
  if (r) return r;
  dev.ifindex = dev.ifindex && !__dev_get_by_index(n, dev.ifindex) ? dev.ifindex : dev_new_index(n);
  if (dev.ifindex > n.ifindex) n.ifindex = dev.ifindex;
  const e = hooksState().hooks?.register_kobject(dev) ?? 0;
  if (e) { dev.netdev_ops.ndo_uninit?.(dev); return e; }
  n.dev_base.push(dev);
  dev.reg_state = 'REGISTERED';
  // linkwatch_init_dev(): a carrier taken away before registration shows in the operstate from the start.
  if (!netif_carrier_ok(dev)) dev.operstate = default_operstate(dev);
  call_netdevice_notifiers('REGISTER', dev);
  return 0;
}

export const register_netdev = register_netdevice;

/** unregister_netdevice(): closed, out of its namespace and sysfs, NETDEV_UNREGISTER, then freed. */
export function unregister_netdevice(dev: net_device): void {
  if (dev.reg_state !== 'REGISTERED') return;
  dev_close(dev);
  dev.reg_state = 'UNREGISTERING';
  call_netdevice_notifiers('UNREGISTER', dev);
  const n = dev.nd_net;
  n.dev_base = n.dev_base.filter((d) => d !== dev);
  hooksState().hooks?.unregister_kobject(dev);
  dev.netdev_ops.ndo_uninit?.(dev);
  dev.reg_state = 'UNREGISTERED';
  dev.priv_destructor?.(dev);
}

export const unregister_netdev = unregister_netdevice;

/** dev_get_flags(): flags as userspace sees them (RUNNING and LOWER_UP from the link state). */
export function dev_get_flags(dev: net_device): number {
  let flags = dev.flags & ~(IFF_PROMISC | IFF_ALLMULTI | IFF_RUNNING | IFF_LOWER_UP | IFF_DORMANT);
  flags |= dev.flags & (IFF_PROMISC | IFF_ALLMULTI);
  if (netif_running(dev)) {
    if (dev.operstate === IF_OPER_UP || dev.operstate === IF_OPER_UNKNOWN) flags |= IFF_RUNNING;
    if (netif_carrier_ok(dev)) flags |= IFF_LOWER_UP;
  }
  return flags >>> 0;
}

/** The operstate userspace sees: a device that is not up is down (rtnl_fill_ifinfo, operstate_show). */
export function dev_operstate(dev: net_device): number {
  return netif_running(dev) ? dev.operstate : IF_OPER_DOWN;
}

/** default_operstate() + rfc2863_policy(): what the link watcher sets after a carrier change. */
function default_operstate(dev: net_device): number {
  if (netif_carrier_ok(dev)) return IF_OPER_UP;
  return dev.netdev_ops.ndo_get_iflink && dev.netdev_ops.ndo_get_iflink(dev) !== dev.ifindex ? IF_OPER_LOWERLAYERDOWN : IF_OPER_DOWN;
}

export function linkwatch_fire_event(dev: net_device): void {
  const op = default_operstate(dev);
  if (op === dev.operstate) return;
  dev.operstate = op;
  if (dev.reg_state === 'REGISTERED') call_netdevice_notifiers('CHANGE', dev);
}

/** netif_carrier_on(): a change before registration sets the state only (nothing is counted or reported yet). */
export function netif_carrier_on(dev: net_device): void {
  if (!dev.state.nocarrier) return;
  dev.state.nocarrier = false;
  if (dev.reg_state === 'UNINITIALIZED') return;
  dev.carrier_up_count++;
  linkwatch_fire_event(dev);
}

export function netif_carrier_off(dev: net_device): void {
  if (dev.state.nocarrier) return;
  dev.state.nocarrier = true;
  if (dev.reg_state === 'UNINITIALIZED') return;
  dev.carrier_down_count++;
  linkwatch_fire_event(dev);
}

export function netif_start_queue(dev: net_device): void { dev.state.xoff = false; }
export function netif_stop_queue(dev: net_device): void { dev.state.xoff = true; }
export function netif_wake_queue(dev: net_device): void { dev.state.xoff = false; }

/** dev_open(): ndo_open, IFF_UP, the qdisc attached (dev_activate), NETDEV_UP. */
export function dev_open(dev: net_device): number {
  if (dev.flags & IFF_UP) return 0;
  if (dev.reg_state !== 'REGISTERED') return -ENODEV;
  dev.state.start = true;
  const r = dev.netdev_ops.ndo_open?.(dev) ?? 0;
  if (r) { dev.state.start = false; return r; }
  dev.flags |= IFF_UP;
  dev.qdisc = dev.default_qdisc;
  call_netdevice_notifiers('UP', dev);
  return 0;
}

/** dev_close(): NETDEV_DOWN first (addresses' routes go), ndo_stop, the noop qdisc back. */
export function dev_close(dev: net_device): void {
  if (!(dev.flags & IFF_UP)) return;
  call_netdevice_notifiers('DOWN', dev);
  dev.state.start = false;
  dev.netdev_ops.ndo_stop?.(dev);
  dev.flags &= ~IFF_UP;
  dev.qdisc = 'noop';
}

/** dev_change_flags(): IFF_UP opens or closes; other settable flags are stored. */
export function dev_change_flags(dev: net_device, flags: number, mask = 0xffffffff): number {
  const want = (dev.flags & ~mask) | (flags & mask);
  if ((want ^ dev.flags) & IFF_UP) {
    const r = want & IFF_UP ? dev_open(dev) : (dev_close(dev), 0);
    if (r) return r;
  }
  const settable = IFF_PROMISC | IFF_ALLMULTI | 0x1000 /* IFF_MULTICAST */ | 0x80 /* IFF_NOARP */ | 0x4 /* IFF_DEBUG */;
  const before = dev.flags;
  dev.flags = (dev.flags & ~(settable & mask)) | (want & settable & mask);
  if (before !== dev.flags) call_netdevice_notifiers('CHANGE', dev);
  return 0;
}

export function dev_set_mtu(dev: net_device, mtu: number): number {
  if (mtu < dev.min_mtu || (dev.max_mtu && mtu > dev.max_mtu)) return -EINVAL;
  const r = dev.netdev_ops.ndo_change_mtu?.(dev, mtu) ?? ((dev.mtu = mtu), 0);
  if (!r) call_netdevice_notifiers('CHANGEMTU', dev);
  return r;
}

export function dev_change_name(dev: net_device, name: string): number {
  if (!dev_valid_name(name)) return -EINVAL;
  if (dev.flags & IFF_UP) return -EBUSY;
  if (name === dev.name) return 0;
  if (__dev_get_by_name(dev.nd_net, name)) return -EEXIST;
  hooksState().hooks?.unregister_kobject(dev);
  dev.name = name;
  const r = hooksState().hooks?.register_kobject(dev) ?? 0;
  call_netdevice_notifiers('CHANGENAME', dev);
  return r;
}

export function dev_set_mac_address(dev: net_device, addr: Uint8Array): number {
  if (addr.length !== dev.addr_len) return -EINVAL;
  const r = dev.netdev_ops.ndo_set_mac_address?.(dev, addr) ?? (dev.dev_addr.set(addr), 0);
  if (r) return r;
  // An address set from userspace is reported as such (addr_assign_type 3) from then on.
  dev.addr_assign_type = NET_ADDR_SET;
  call_netdevice_notifiers('CHANGEADDR', dev);
  return 0;
}

/**
 * dev_change_net_namespace(): closed, unregistered from the old namespace (NETDEV_UNREGISTER), registered in
 * the new one under `pat` if its name is taken there, keeping its ifindex when it is free.
 */
export function dev_change_net_namespace(dev: net_device, to: net, pat: string | null = null): number {
  const from = dev.nd_net;
  if (from === to) return 0;
  let name = dev.name;
  if (__dev_get_by_name(to, name)) {
    if (!pat) return -EEXIST;
    const r = dev_alloc_name_ns(to, pat);
    if (typeof r === 'number') return r;
    name = r;
  }
  dev_close(dev);
  call_netdevice_notifiers('UNREGISTER', dev);
  from.dev_base = from.dev_base.filter((d) => d !== dev);
  hooksState().hooks?.unregister_kobject(dev);
  dev.nd_net = to;
  dev.name = name;
  if (__dev_get_by_index(to, dev.ifindex)) dev.ifindex = dev_new_index(to);
  else if (dev.ifindex > to.ifindex) to.ifindex = dev.ifindex;
  to.dev_base.push(dev);
  const e = hooksState().hooks?.register_kobject(dev) ?? 0;
  call_netdevice_notifiers('REGISTER', dev);
  return e;
}

/** dev_get_stats(): the driver's counters (ndo_get_stats64) or dev->stats. */
export function dev_get_stats(dev: net_device): rtnl_link_stats64 {
  if (!dev.netdev_ops.ndo_get_stats64) return dev.stats;
  const s = new_link_stats();
  dev.netdev_ops.ndo_get_stats64(dev, s);
  return s;
}

/** dev_queue_xmit(): hands a frame to the driver (noqueue: straight to ndo_start_xmit). */
export function dev_queue_xmit(skb: sk_buff): number {
  const dev = skb.dev;
  if (!dev || !netif_running(dev)) return -ENETDOWN;
  if (dev.state.xoff) { dev.stats.tx_dropped++; return -EBUSY; }
  const r = dev.netdev_ops.ndo_start_xmit(skb, dev);
  return r === NETDEV_TX_OK ? 0 : -EBUSY;
}

/**
 * netif_rx(): queues a received frame on the backlog. The outermost caller drains it (the
 * NET_RX softirq), so a reply sent from a receive handler is processed after it, not inside it.
 */
export function netif_rx(skb: sk_buff): number {
  const st = devState();
  if (st.backlog.length >= st.max_backlog) { if (skb.dev) skb.dev.stats.rx_dropped++; return 1; }
  st.backlog.push(skb);
  if (!st.in_softirq) net_rx_action();
  return 0;
}

function net_rx_action(): void {
  const st = devState();
  raise_softirq(NET_RX_SOFTIRQ);
  st.in_softirq = true;
  try {
    for (let skb = st.backlog.shift(); skb; skb = st.backlog.shift()) __netif_receive_skb(skb);
  } finally {
    st.in_softirq = false;
  }
}

/** __netif_receive_skb(): the protocol handler registered for the frame's ethertype. */
function __netif_receive_skb(skb: sk_buff): void {
  const dev = skb.dev;
  account_ns(NET_RX_COST_NS);
  if (!dev || !netif_running(dev)) return;
  // ptype_all's taps first, then every handler of the frame's ethertype (a packet socket's besides the protocol's).
  const all = devState().ptypes;
  const hit = [...all.filter((p) => p.type === ETH_P_ALL), ...all.filter((p) => p.type === skb.protocol)]
    .filter((p) => !p.dev || p.dev === dev);
  if (!hit.length) { dev.stats.rx_nohandler++; return; }
  for (const pt of hit) pt.func(skb, dev);
}

export { netif_running };
