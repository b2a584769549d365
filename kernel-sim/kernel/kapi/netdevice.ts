// Network devices written in C (net/core/dev.c, net/ethernet/eth.c and include/linux/netdevice.h's exports): a C struct net_device bound to the stack's, alloc_netdev_mqs/alloc_etherdev_mqs, register/unregister/free, net_device_ops called back, carrier and queue state, receive, and netdev_printk.
//
// The stack's net_device stays the one object (cstruct.ts): its name, flags, MTUs, type, addresses and counters are
// windows onto the C struct, and its link state (running, carrier, queue stopped) reads the C state bits, so what the
// driver writes through the header's inline helpers (netif_stop_queue, dev->stats.tx_packets++) is what `ip link`,
// /sys/class/net and /proc/net/dev show.
import { type net_device, type net_device_ops, type rtnl_link_stats64, NETDEV_TX_BUSY, NETDEV_TX_OK, NET_NAME_ENUM, IFF_UP } from '../../include/linux/netdevice.ts';
import { PACKET_BROADCAST, PACKET_HOST, PACKET_MULTICAST, PACKET_OTHERHOST } from '../../include/linux/skbuff.ts';
import { EADDRNOTAVAIL, EBUSY, EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { alloc_netdev, register_netdevice, unregister_netdevice, netif_carrier_on, netif_carrier_off, netif_rx } from '../../net/core/dev.ts';
import { ether_setup } from '../../net/ethernet/eth.ts';
import { init_net } from '../../net/core/net_namespace.ts';
import { dev_driver_string, dev_name } from '../../drivers/base/core.ts';
import { kbytes, kread_bytes, kread_cstr, kread_u32, kwrite_bytes, kwrite_u32, kwrite_u16 } from '../../mm/kmem.ts';
import { kfree, kmalloc, disown, __GFP_ZERO } from '../../mm/slab.ts';
import {
  net_device_view, net_device_ops_view, net_device_stats_view, netdev_queue_view, rtnl_link_stats64_view, sk_buff_view,
  struct_net_device, struct_netdev_queue, struct_rtnl_link_stats64,
} from '../../toolchain/layouts/views.generated.ts';
import { NET_DEVICE_STATS } from '../../toolchain/layouts/net.ts';
import { LAYOUT_CONSTANTS } from '../../toolchain/layouts/index.ts';
import { vsprintf, va_list } from '../../lib/vsprintf.ts';
import { bind_char_array, bind_fields, unbind_fields } from '../module/cstruct.ts';
import { call_slot_atomic } from '../module/fops.ts';
import { calling_module, kfunc_of_slot } from '../module/runtime.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { ModuleFault } from '../module/faults.ts';
import type { module } from '../module/types.ts';
import { printk, pr_err } from '../printk/printk.ts';
import { defineState } from '../state.ts';
import { c_device } from './device.ts';
import { skbState, skb_to_c, skb_from_c, c_free_skb, htons } from './skbuff.ts';
import { napis_of, netif_napi_del } from './napi.ts';
import { EXPORT_KAPI, kapi_lookup } from './registry.ts';

const NETDEV_ALIGN = 32;
const MAX_ADDR_LEN = LAYOUT_CONSTANTS.MAX_ADDR_LEN!;
const IFNAMSIZ = LAYOUT_CONSTANTS.IFNAMSIZ!;
const ETH_ALEN = 6, ETH_HLEN = 14, ETH_P_802_3_MIN = 0x0600, ETH_P_802_3 = 0x0001, ETH_P_802_2 = 0x0004;
const __LINK_STATE_START = 0, __LINK_STATE_PRESENT = 1, __LINK_STATE_NOCARRIER = 2, __QUEUE_STATE_DRV_XOFF = 0;
/** IFF_LIVE_ADDR_CHANGE (enum netdev_priv_flags): the address may change while the device is up. */
const IFF_LIVE_ADDR_CHANGE = 1 << 15;

/** The scalar fields the stack's net_device shares with the C struct (same names on both sides). */
const NETDEV_FIELDS = [
  'flags', 'priv_flags', 'ifindex', 'hard_header_len', 'mtu', 'min_mtu', 'max_mtu', 'type', 'name_assign_type', 'group',
  'operstate', 'link_mode', 'addr_assign_type', 'addr_len', 'tx_queue_len',
] as const;

/** A C device: the allocation (before NETDEV_ALIGN), its queues and address buffer, and the module that made it. */
interface c_netdev { alloc: number; tx: number; dev_addr: number; mod: module | null }
const st = defineState<{ devs: Map<number, c_netdev> }>('kapi-netdevice', () => ({ devs: new Map() }));

export const c_netdev_of = (a: number): net_device | null => skbState().devices.get(a) ?? null;

/** Bit `nr` of the unsigned long at `addr`, read and written as the header's test_bit/set_bit do. */
function bit(addr: number, nr: number): { get(): boolean; set(v: boolean): void } {
  return {
    get: () => ((kread_u32(addr) >>> nr) & 1) === 1,
    set: (v) => kwrite_u32(addr, v ? kread_u32(addr) | (1 << nr) : kread_u32(addr) & ~(1 << nr)),
  };
}

/** The stack's link state over dev->state and the first queue's state, as netif_running/netif_carrier_ok/netif_queue_stopped read them. */
function c_link_state(a: number, tx: number): net_device['state'] {
  const start = bit(a + struct_net_device.OFF.state, __LINK_STATE_START);
  const nocarrier = bit(a + struct_net_device.OFF.state, __LINK_STATE_NOCARRIER);
  const xoff = bit(tx + struct_netdev_queue.OFF.state, __QUEUE_STATE_DRV_XOFF);
  return {
    get start() { return start.get(); }, set start(v: boolean) { start.set(v); },
    get nocarrier() { return nocarrier.get(); }, set nocarrier(v: boolean) { nocarrier.set(v); },
    get xoff() { return xoff.get(); }, set xoff(v: boolean) { xoff.set(v); },
  };
}

/** A byte array of the stack's device that is a window onto the C memory (the address may be re-read: memory grows). */
function bind_bytes(nd: net_device, name: 'dev_addr' | 'broadcast' | 'perm_addr', at: () => number): void {
  const initial = nd[name].slice(0, MAX_ADDR_LEN);
  Object.defineProperty(nd, name, { configurable: true, enumerable: true, get: () => kbytes().subarray(at(), at() + MAX_ADDR_LEN) });
  nd[name].set(initial);
}

/**
 * alloc_netdev_mqs(): the struct and the private area after it (NETDEV_ALIGN), `txqs` transmit queues, the address
 * buffer, the stack's device bound to it in init_net, then `setup` on it.
 */
function c_alloc_netdev(sizeof_priv: number, name: string, name_assign_type: number, setup: (a: number) => void, txqs: number, rxqs: number): number {
  if (txqs < 1) { pr_err('alloc_netdev: Unable to allocate device with zero queues.'); return 0; }
  const align = (x: number): number => (x + NETDEV_ALIGN - 1) & ~(NETDEV_ALIGN - 1);
  const priv_off = align(struct_net_device.SIZE);
  const p = kmalloc((sizeof_priv ? priv_off + sizeof_priv : struct_net_device.SIZE) + NETDEV_ALIGN - 1, __GFP_ZERO);
  if (!p) return 0;
  const tx = kmalloc(txqs * struct_netdev_queue.SIZE, __GFP_ZERO);
  const dev_addr = kmalloc(MAX_ADDR_LEN, __GFP_ZERO);
  if (!tx || !dev_addr) { kfree(p); if (tx) kfree(tx); if (dev_addr) kfree(dev_addr); return 0; }
  // The device is the kernel's (it outlives a driver's bugs in reports); its module is tracked below instead.
  disown(p); disown(tx); disown(dev_addr);
  const a = align(p);
  const v = net_device_view(a);
  v.padded = a - p;
  for (let i = 0; i < txqs; i++) netdev_queue_view(tx + i * struct_netdev_queue.SIZE).dev = a;
  v._tx = tx; v.num_tx_queues = txqs; v.real_num_tx_queues = txqs;
  v.num_rx_queues = rxqs; v.real_num_rx_queues = rxqs;
  v.dev_addr = dev_addr;
  v.gso_max_size = 65536; v.tso_max_size = 65536; v.gso_max_segs = 65535; v.tso_max_segs = 65535;
  v.upper_level = 1; v.lower_level = 1;
  const nd = alloc_netdev(a + priv_off, name, name_assign_type, () => { /* setup runs once the struct is bound */ }, init_net());
  bind_char_array(nd, 'name', a + struct_net_device.OFF.name, IFNAMSIZ);
  bind_fields(nd, v, NETDEV_FIELDS);
  bind_fields(nd.stats, v.stats, NET_DEVICE_STATS);
  bind_bytes(nd, 'dev_addr', () => net_device_view(a).dev_addr);
  bind_bytes(nd, 'broadcast', () => a + struct_net_device.OFF.broadcast);
  bind_bytes(nd, 'perm_addr', () => a + struct_net_device.OFF.perm_addr);
  nd.state = c_link_state(a, tx);
  bit(a + struct_net_device.OFF.state, __LINK_STATE_PRESENT).set(true);
  const mod = calling_module();
  st().devs.set(a, { alloc: p, tx, dev_addr, mod });
  skbState().devices.set(a, nd);
  skbState().addrs.set(nd, a);
  track_resource('net_device', `net_device@${a.toString(16)}`, () => free_netdev(a), mod);
  setup(a);
  return a;
}

/** free_netdev(): a registered device is a driver bug (BUG_ON); the struct, queues, address and napis go. */
function free_netdev(a: number): void {
  const c = st().devs.get(a);
  const nd = c_netdev_of(a);
  if (!c || !nd) return;
  if (nd.reg_state === 'REGISTERED' || nd.reg_state === 'UNREGISTERING') throw new ModuleFault('bug', 'kernel BUG at net/core/dev.c:10913');
  for (const n of napis_of(a)) netif_napi_del(n);
  untrack_resource((r) => r.kind === 'net_device' && r.name === `net_device@${a.toString(16)}`, c.mod);
  unbind_fields(nd, ['name', ...NETDEV_FIELDS]);
  unbind_fields(nd.stats, NET_DEVICE_STATS);
  for (const k of ['dev_addr', 'broadcast', 'perm_addr'] as const) Object.defineProperty(nd, k, { configurable: true, enumerable: true, writable: true, value: nd[k].slice() });
  nd.state = { start: nd.state.start, nocarrier: nd.state.nocarrier, xoff: nd.state.xoff };
  st().devs.delete(a);
  skbState().devices.delete(a);
  skbState().addrs.delete(nd);
  kfree(c.dev_addr); kfree(c.tx); kfree(c.alloc);
}

/** The driver's net_device_ops as the stack calls them (ndo_validate_addr before ndo_open, as __dev_open does). */
function c_netdev_ops(ops: number, a: number, mod: module | null): net_device_ops {
  const o = net_device_ops_view(ops);
  const call = (slot: number, args: unknown[], what: string): number => {
    // A kernel function the driver put in its ops (eth_validate_addr, eth_mac_addr) is a slot that stands for its name.
    const kf = kfunc_of_slot(slot);
    const fn = kf ? kapi_lookup(kf)?.fn as ((...a: unknown[]) => unknown) | undefined : undefined;
    return Number(fn ? fn(...args) : call_slot_atomic(slot, args, what, mod)) | 0;
  };
  const { ndo_init, ndo_uninit, ndo_open, ndo_stop, ndo_start_xmit, ndo_validate_addr, ndo_get_stats64, ndo_get_stats, ndo_set_mac_address, ndo_change_mtu } = o;
  const r: net_device_ops = {
    ndo_start_xmit: (skb) => {
      if (!ndo_start_xmit) return NETDEV_TX_OK;
      const c = skb_to_c(skb, a);
      if (!c) return NETDEV_TX_OK;
      const ret = call(ndo_start_xmit, [c, a], 'ndo_start_xmit');
      // NETDEV_TX_BUSY hands the buffer back: the stack drops it here (it keeps no qdisc queue to requeue on).
      if (ret === NETDEV_TX_BUSY) c_free_skb(c);
      return ret;
    },
  };
  if (ndo_init) r.ndo_init = () => call(ndo_init, [a], 'ndo_init');
  if (ndo_uninit) r.ndo_uninit = () => { call(ndo_uninit, [a], 'ndo_uninit'); };
  if (ndo_open || ndo_validate_addr) {
    r.ndo_open = () => {
      const e = ndo_validate_addr ? call(ndo_validate_addr, [a], 'ndo_validate_addr') : 0;
      return e || (ndo_open ? call(ndo_open, [a], 'ndo_open') : 0);
    };
  }
  if (ndo_stop) r.ndo_stop = () => call(ndo_stop, [a], 'ndo_stop');
  if (ndo_get_stats64) {
    r.ndo_get_stats64 = (_nd, s) => {
      const t = kmalloc(struct_rtnl_link_stats64.SIZE, __GFP_ZERO);
      if (!t) return;
      call(ndo_get_stats64, [a, t], 'ndo_get_stats64');
      const v = rtnl_link_stats64_view(t);
      for (const k of Object.keys(s) as (keyof rtnl_link_stats64)[]) s[k] = v[k];
      kfree(t);
    };
  } else if (ndo_get_stats) {
    r.ndo_get_stats64 = (_nd, s) => {
      const p = call(ndo_get_stats, [a], 'ndo_get_stats') >>> 0;
      if (!p) return;
      const v = net_device_stats_view(p);
      for (const k of NET_DEVICE_STATS) s[k] = v[k];
    };
  }
  if (ndo_set_mac_address) {
    r.ndo_set_mac_address = (nd, addr) => {
      // struct sockaddr: sa_family (the device's ARPHRD type) and sa_data[14].
      const sa = kmalloc(16, __GFP_ZERO);
      if (!sa) return -12;
      kwrite_u16(sa, nd.type);
      kwrite_bytes(sa + 2, addr.subarray(0, 14));
      const e = call(ndo_set_mac_address, [a, sa], 'ndo_set_mac_address');
      kfree(sa);
      return e;
    };
  }
  if (ndo_change_mtu) r.ndo_change_mtu = (_nd, mtu) => call(ndo_change_mtu, [a, mtu], 'ndo_change_mtu');
  return r;
}

/** register_netdev(): the ops and parent the driver set go live; the name is numbered; perm_addr taken from a permanent address. */
function register_netdev(a: number): number {
  const c = st().devs.get(a);
  const nd = c_netdev_of(a);
  if (!c || !nd) return -EINVAL;
  const v = net_device_view(a);
  nd.netdev_ops = c_netdev_ops(v.netdev_ops, a, c.mod);
  nd.parent = v.dev.parent ? c_device(v.dev.parent) : null;
  if (nd.addr_assign_type === 0) nd.perm_addr.set(nd.dev_addr.subarray(0, nd.addr_len));
  const r = register_netdevice(nd);
  if (!r) track_resource('netdev', nd.name, () => unregister_netdev(a), c.mod);
  return r;
}

/** unregister_netdev(): closed and gone from the stack; then needs_free_netdev and priv_destructor as netdev_run_todo runs them. */
function unregister_netdev(a: number): void {
  const c = st().devs.get(a);
  const nd = c_netdev_of(a);
  if (!c || !nd || nd.reg_state !== 'REGISTERED') return;
  untrack_resource((r) => r.kind === 'netdev' && r.name === nd.name, c.mod);
  unregister_netdevice(nd);
  const v = net_device_view(a);
  if (v.priv_destructor) call_slot_atomic(v.priv_destructor, [a], 'priv_destructor', c.mod);
  if (v.needs_free_netdev) free_netdev(a);
}

/** eth_type_trans() on a C buffer: skb->dev set, the mac header reset and pulled, pkt_type classified; the protocol in network order. */
function eth_type_trans_c(skb: number, dev: number): number {
  const v = sk_buff_view(skb);
  const nd = c_netdev_of(dev);
  v.dev = dev;
  v.mac_header = v.data - v.head;
  const h = kread_bytes(v.data, ETH_HLEN);
  v.data += ETH_HLEN; v.len -= ETH_HLEN;
  const dst = h.subarray(0, ETH_ALEN);
  const own = nd ? nd.dev_addr.subarray(0, ETH_ALEN) : new Uint8Array(ETH_ALEN);
  const pkt_type = dst[0]! & 1 ? (dst.every((b) => b === 0xff) ? PACKET_BROADCAST : PACKET_MULTICAST) : (dst.every((b, i) => b === own[i]) ? PACKET_HOST : PACKET_OTHERHOST);
  v.pkt_type = pkt_type;
  const proto = (h[12]! << 8) | h[13]!;
  if (proto >= ETH_P_802_3_MIN) return htons(proto);
  // 802.3 frames: raw IPX has 0xFFFF where 802.2 has its LLC header.
  return htons(kread_u32(v.data) === 0xffff ? ETH_P_802_3 : ETH_P_802_2);
}

/** netif_rx()/netif_receive_skb() from C: the buffer goes to the stack (which consumes it) and is freed here. */
function receive(skb: number): number {
  const b = skb_from_c(skb);
  c_free_skb(skb);
  return b ? netif_rx(b) : 1;
}

const REG_STATE: Record<net_device['reg_state'], string> = {
  UNINITIALIZED: ' (uninitialized)', REGISTERED: '', UNREGISTERING: ' (unregistering)', UNREGISTERED: ' (unregistered)',
};

/** __netdev_printk(): "DRIVER DEVICE NAME: " with a parent, "NAME: " without, "(NULL net_device): " without a device. */
function netdev_prefix(a: number): string {
  const nd = a ? c_netdev_of(a) : null;
  if (!nd) return '(NULL net_device): ';
  const name = !nd.name || nd.name.includes('%') ? '(unnamed net_device)' : nd.name;
  const parent = nd.parent;
  return `${parent ? `${dev_driver_string(parent)} ${dev_name(parent)} ` : ''}${name}${REG_STATE[nd.reg_state]}: `;
}

function netdev_print(level: string) {
  return (dev: number, fmt: number, va: number): void => {
    printk(`${level}${netdev_prefix(dev)}${vsprintf(kread_cstr(fmt, 8192), new va_list(va))}`);
  };
}

export const ksymtab = EXPORT_KAPI({
  alloc_netdev_mqs: (sizeof_priv: number, name: number, name_assign_type: number, setup: number, txqs: number, rxqs: number) => {
    const mod = calling_module();
    return c_alloc_netdev(sizeof_priv, kread_cstr(name, IFNAMSIZ), name_assign_type, (a) => { if (setup) call_slot_atomic(setup, [a], 'setup', mod); }, txqs, rxqs);
  },
  alloc_etherdev_mqs: (sizeof_priv: number, txqs: number, rxqs: number) =>
    c_alloc_netdev(sizeof_priv, 'eth%d', NET_NAME_ENUM, (a) => { const nd = c_netdev_of(a); if (nd) ether_setup(nd); }, txqs, rxqs),
  ether_setup: (a: number) => { const nd = c_netdev_of(a); if (nd) ether_setup(nd); },
  free_netdev,
  register_netdev,
  unregister_netdev,
  netif_carrier_on: (a: number) => { const nd = c_netdev_of(a); if (nd) netif_carrier_on(nd); },
  netif_carrier_off: (a: number) => { const nd = c_netdev_of(a); if (nd) netif_carrier_off(nd); },
  /** netif_tx_wake_queue(): the queue may take frames again (the stack has no qdisc backlog to restart). */
  netif_tx_wake_queue: (q: number) => bit(q + struct_netdev_queue.OFF.state, __QUEUE_STATE_DRV_XOFF).set(false),
  netif_tx_stop_all_queues: (a: number) => {
    const v = net_device_view(a);
    for (let i = 0; i < v.num_tx_queues; i++) bit(v._tx + i * struct_netdev_queue.SIZE + struct_netdev_queue.OFF.state, __QUEUE_STATE_DRV_XOFF).set(true);
  },
  dev_addr_mod: (a: number, offset: number, addr: number, len: number) => {
    if (offset + len > MAX_ADDR_LEN) return;
    kwrite_bytes(net_device_view(a).dev_addr + offset, kread_bytes(addr, len));
  },
  eth_type_trans: eth_type_trans_c,
  /** eth_header(): destination, source (the device's by default) and type pushed in front. */
  eth_header: (skb: number, dev: number, type: number, daddr: number, saddr: number, _len: number) => {
    const v = sk_buff_view(skb);
    v.data -= ETH_HLEN; v.len += ETH_HLEN;
    const h = new Uint8Array(ETH_HLEN);
    if (daddr) h.set(kread_bytes(daddr, ETH_ALEN), 0);
    h.set(saddr ? kread_bytes(saddr, ETH_ALEN) : kread_bytes(net_device_view(dev).dev_addr, ETH_ALEN), ETH_ALEN);
    h[12] = (type >>> 8) & 0xff; h[13] = type & 0xff;
    kwrite_bytes(v.data, h);
    return daddr ? ETH_HLEN : -ETH_HLEN;
  },
  /** eth_mac_addr(): ndo_set_mac_address's Ethernet helper: a valid unicast address, not while up unless the device allows it. */
  eth_mac_addr: (a: number, sa: number) => {
    const nd = c_netdev_of(a);
    if (!nd) return -EINVAL;
    const addr = kread_bytes(sa + 2, ETH_ALEN);
    if (addr[0]! & 1 || addr.every((b) => b === 0)) return -EADDRNOTAVAIL;
    if (nd.flags & IFF_UP && !(nd.priv_flags & IFF_LIVE_ADDR_CHANGE)) return -EBUSY;
    nd.dev_addr.set(addr);
    return 0;
  },
  eth_validate_addr: (a: number) => {
    const d = kread_bytes(net_device_view(a).dev_addr, ETH_ALEN);
    return d[0]! & 1 || d.every((b) => b === 0) ? -EADDRNOTAVAIL : 0;
  },
  netif_rx: receive,
  netif_receive_skb: receive,
  napi_gro_receive: (_napi: number, skb: number) => { receive(skb); return 3; /* GRO_NORMAL */ },
  netdev_printk: (level: number, dev: number, fmt: number, va: number) => netdev_print(kread_cstr(level, 8))(dev, fmt, va),
  netdev_emerg: netdev_print('\x010'), netdev_alert: netdev_print('\x011'), netdev_crit: netdev_print('\x012'), netdev_err: netdev_print('\x013'),
  netdev_warn: netdev_print('\x014'), netdev_notice: netdev_print('\x015'), netdev_info: netdev_print('\x016'),
});
