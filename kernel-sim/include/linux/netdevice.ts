// Models linux/include/linux/netdevice.h and uapi/linux/if.h: struct net_device, net_device_ops, IFF_* flags and operstates.
import type { net } from '../../net/core/net_namespace.ts';
import type { sk_buff } from './skbuff.ts';
import type { device } from '../../drivers/base/base.ts';
import type { in_device } from './inetdevice.ts';

// uapi/linux/if.h: net_device_flags
export const IFF_UP = 0x1, IFF_BROADCAST = 0x2, IFF_DEBUG = 0x4, IFF_LOOPBACK = 0x8, IFF_POINTOPOINT = 0x10;
export const IFF_NOTRAILERS = 0x20, IFF_RUNNING = 0x40, IFF_NOARP = 0x80, IFF_PROMISC = 0x100, IFF_ALLMULTI = 0x200;
export const IFF_MASTER = 0x400, IFF_SLAVE = 0x800, IFF_MULTICAST = 0x1000, IFF_PORTSEL = 0x2000, IFF_AUTOMEDIA = 0x4000;
export const IFF_DYNAMIC = 0x8000, IFF_LOWER_UP = 0x10000, IFF_DORMANT = 0x20000, IFF_ECHO = 0x40000;

/** IF_OPER_* (RFC 2863 operstates), in their numeric order. */
export const IF_OPER_UNKNOWN = 0, IF_OPER_NOTPRESENT = 1, IF_OPER_DOWN = 2, IF_OPER_LOWERLAYERDOWN = 3;
export const IF_OPER_TESTING = 4, IF_OPER_DORMANT = 5, IF_OPER_UP = 6;
export const operstate_names = ['unknown', 'notpresent', 'down', 'lowerlayerdown', 'testing', 'dormant', 'up'] as const;

// uapi/linux/if_arp.h: ARPHRD_*
export const ARPHRD_ETHER = 1, ARPHRD_LOOPBACK = 772, ARPHRD_NONE = 0xfffe;

// uapi/linux/if_ether.h
export const ETH_ALEN = 6, ETH_HLEN = 14, ETH_DATA_LEN = 1500, ETH_MIN_MTU = 68, ETH_MAX_MTU = 0xffff;
export const ETH_P_IP = 0x0800, ETH_P_ARP = 0x0806, ETH_P_ALL = 0x0003;

/** NET_NAME_* (name_assign_type) and NET_ADDR_* (addr_assign_type). */
export const NET_NAME_UNKNOWN = 0, NET_NAME_ENUM = 1, NET_NAME_PREDICTABLE = 2, NET_NAME_USER = 3;
export const NET_ADDR_PERM = 0, NET_ADDR_RANDOM = 1, NET_ADDR_STOLEN = 2, NET_ADDR_SET = 3;

/** netdev_tx_t */
export const NETDEV_TX_OK = 0x00, NETDEV_TX_BUSY = 0x10;
/** netif_rx results */
export const NET_RX_SUCCESS = 0, NET_RX_DROP = 1;

/** reg_state */
export type netdev_reg_state = 'UNINITIALIZED' | 'REGISTERED' | 'UNREGISTERING' | 'UNREGISTERED';

/** struct rtnl_link_stats64: the counters /proc/net/dev and statistics/ print. */
export interface rtnl_link_stats64 {
  rx_packets: number; tx_packets: number; rx_bytes: number; tx_bytes: number;
  rx_errors: number; tx_errors: number; rx_dropped: number; tx_dropped: number;
  multicast: number; collisions: number;
  rx_length_errors: number; rx_over_errors: number; rx_crc_errors: number; rx_frame_errors: number;
  rx_fifo_errors: number; rx_missed_errors: number;
  tx_aborted_errors: number; tx_carrier_errors: number; tx_fifo_errors: number; tx_heartbeat_errors: number;
  tx_window_errors: number; rx_compressed: number; tx_compressed: number; rx_nohandler: number;
}

/** struct net_device_ops: what a driver does (the kernel calls these, never the reverse). */
export interface net_device_ops {
  ndo_init?: (dev: net_device) => number;
  ndo_uninit?: (dev: net_device) => void;
  ndo_open?: (dev: net_device) => number;
  ndo_stop?: (dev: net_device) => number;
  ndo_start_xmit: (skb: sk_buff, dev: net_device) => number;
  ndo_get_stats64?: (dev: net_device, s: rtnl_link_stats64) => void;
  ndo_set_mac_address?: (dev: net_device, addr: Uint8Array) => number;
  ndo_change_mtu?: (dev: net_device, mtu: number) => number;
  /** The peer's ifindex (veth), reported as IFLA_LINK. */
  ndo_get_iflink?: (dev: net_device) => number;
  /** The peer's namespace (veth), for IFLA_LINK_NETNSID. */
  ndo_get_peer_dev?: (dev: net_device) => net_device | null;
}

/** struct header_ops: building the link-layer header (eth_header) for a protocol. */
export interface header_ops {
  create: (skb: sk_buff, dev: net_device, type: number, daddr: Uint8Array | null, saddr: Uint8Array | null) => number;
}

/** struct rtnl_link_ops: a link kind `ip link add ... type KIND` can create. */
export interface rtnl_link_ops {
  kind: string;
  /** newlink(): creates the device(s) in `src` (and a peer where the kind has one). */
  newlink: (src_net: net, name: string, peer_name: string | null, peer_net: net | null) => net_device | number;
  /** dellink(): removing one end removes what belongs with it (veth's peer). */
  dellink?: (dev: net_device, kill: net_device[]) => void;
}

/** struct net_device. */
export interface net_device {
  name: string;
  ifindex: number;
  /** Interface flags as userspace sets them (IFF_UP, IFF_PROMISC, ...); dev_get_flags adds RUNNING/LOWER_UP. */
  flags: number;
  /** IFF_* the kernel keeps for itself (IFF_NOARP, IFF_LOOPBACK are in flags, as Linux does). */
  priv_flags: number;
  operstate: number;
  link_mode: number;
  mtu: number;
  min_mtu: number;
  max_mtu: number;
  /** ARPHRD_* */
  type: number;
  hard_header_len: number;
  addr_len: number;
  dev_addr: Uint8Array;
  broadcast: Uint8Array;
  perm_addr: Uint8Array;
  addr_assign_type: number;
  name_assign_type: number;
  tx_queue_len: number;
  /** The root qdisc's kind: "noop" until opened, then "noqueue" (lo, veth) or "pfifo_fast"/"fq_codel" (real NICs). */
  qdisc: string;
  /** The qdisc attached when the device opens. */
  default_qdisc: string;
  group: number;
  /** ifalias (SNMP ifAlias), set through sysfs or IFLA_IFALIAS. */
  ifalias: string;
  netdev_ops: net_device_ops;
  header_ops: header_ops | null;
  rtnl_link_ops: rtnl_link_ops | null;
  /** dev->stats: counters a driver updates itself. */
  stats: rtnl_link_stats64;
  /** dev_net(dev) */
  nd_net: net;
  reg_state: netdev_reg_state;
  /** __LINK_STATE_START (opened), __LINK_STATE_NOCARRIER, __LINK_STATE_XOFF (queue stopped). */
  state: { start: boolean; nocarrier: boolean; xoff: boolean };
  carrier_up_count: number;
  carrier_down_count: number;
  /** netdev_priv(dev): the driver's private data. */
  priv: unknown;
  /** The class device under /sys/class/net (null while its namespace has no sysfs view). */
  dev: device | null;
  /** dev->dev.parent: the hardware device (a PCI function) or null for virtual devices. */
  parent: device | null;
  /** IPv4 configuration (__in_dev_get_rtnl). */
  ip_ptr: in_device | null;
  /** Called instead of kfree when the last reference goes (needs_free_netdev / priv_destructor). */
  priv_destructor: ((dev: net_device) => void) | null;
}

export function netdev_priv<T>(dev: net_device): T { return dev.priv as T; }
export function dev_net(dev: net_device): net { return dev.nd_net; }
export function netif_running(dev: net_device): boolean { return dev.state.start; }
export function netif_carrier_ok(dev: net_device): boolean { return !dev.state.nocarrier; }
export function netif_queue_stopped(dev: net_device): boolean { return dev.state.xoff; }

export function new_link_stats(): rtnl_link_stats64 {
  return {
    rx_packets: 0, tx_packets: 0, rx_bytes: 0, tx_bytes: 0, rx_errors: 0, tx_errors: 0, rx_dropped: 0, tx_dropped: 0,
    multicast: 0, collisions: 0, rx_length_errors: 0, rx_over_errors: 0, rx_crc_errors: 0, rx_frame_errors: 0,
    rx_fifo_errors: 0, rx_missed_errors: 0, tx_aborted_errors: 0, tx_carrier_errors: 0, tx_fifo_errors: 0,
    tx_heartbeat_errors: 0, tx_window_errors: 0, rx_compressed: 0, tx_compressed: 0, rx_nohandler: 0,
  };
}
