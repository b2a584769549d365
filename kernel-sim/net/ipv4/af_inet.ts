// Models linux/net/ipv4/af_inet.c: the AF_INET family (stream = TCP, datagram = UDP, raw) and inet_init, which wires IPv4 into the device layer, rtnetlink and the notifiers.
import { ETH_P_IP, ETH_P_ARP } from '../../include/linux/netdevice.ts';
import { EPROTONOSUPPORT, ESOCKTNOSUPPORT } from '../../include/uapi/asm-generic/errno.ts';
import {
  RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR, RTM_NEWROUTE, RTM_DELROUTE, RTM_GETROUTE,
} from '../../include/uapi/linux/rtnetlink.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { sock_register, SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, type net_proto_family } from '../socket.ts';
import { dev_add_pack, register_netdevice_notifier } from '../core/dev.ts';
import { rtnl_register } from '../core/rtnetlink.ts';
import { AF_INET } from './inet_common.ts';
import { ip_rcv, inet_add_protocol, ip_local_deliver_init, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_UDPLITE, type ip_packet } from './ip.ts';
import { arp_rcv } from './arp.ts';
import { inetdev_event, inet_rtm_newaddr, inet_rtm_deladdr, inet_dump_ifaddr } from './devinet.ts';
import { inet_rtm_newroute, inet_rtm_delroute, inet_dump_fib } from './fib.ts';
import { icmp_rcv, icmp_send, ICMP_DEST_UNREACH } from './icmp.ts';
import { inet_addr_type } from './fib.ts';
import { RTN_LOCAL } from '../../include/uapi/linux/rtnetlink.ts';
import { raw_create, raw_local_deliver } from './raw.ts';
import { udp_create, udp_rcv, udplite_rcv } from './udp.ts';
import { tcp_create, tcp_v4_rcv } from './tcp.ts';
import { ip_rt_init, tcp_init, udp_init, udplite_table_init } from './hash_tables.ts';

/** inet_create(): inetsw's entry for the type; protocol 0 picks the type's default. */
const inet_family_ops: net_proto_family = {
  family: AF_INET,
  create(sock, protocol) {
    if (sock.type === SOCK_STREAM) return protocol === 0 || protocol === IPPROTO_TCP ? tcp_create(sock) : -EPROTONOSUPPORT;
    if (sock.type === SOCK_DGRAM) {
      if (protocol === IPPROTO_UDPLITE) return udp_create(sock, IPPROTO_UDPLITE);
      return protocol === 0 || protocol === IPPROTO_UDP ? udp_create(sock) : -EPROTONOSUPPORT;
    }
    if (sock.type === SOCK_RAW) return raw_create(sock, protocol);
    return -ESOCKTNOSUPPORT;
  },
};

/** ip_local_deliver_finish(): raw sockets see a copy, then the protocol's handler. */
const with_raw = (handler: (p: ip_packet) => void) => (p: ip_packet): void => { raw_local_deliver(p); handler(p); };

/** udplite4_register() (net/ipv4/udplite.c): its hash table, its protocol handler and its inetsw entry (SOCK_DGRAM, IPPROTO_UDPLITE in inet_create). */
function udplite4_register(): void {
  udplite_table_init();
  inet_add_protocol(IPPROTO_UDPLITE, with_raw(udplite_rcv));
}

function inet_init(): number {
  sock_register(inet_family_ops);
  inet_add_protocol(IPPROTO_ICMP, with_raw(icmp_rcv));
  inet_add_protocol(IPPROTO_UDP, with_raw(udp_rcv));
  inet_add_protocol(IPPROTO_TCP, with_raw(tcp_v4_rcv));
  // icmp_send() answers no broadcast (RTCF_BROADCAST): only a datagram to one of our addresses hears "protocol unreachable".
  ip_local_deliver_init(raw_local_deliver, (p, code) => { if (inet_addr_type(p.net, p.daddr) === RTN_LOCAL) icmp_send(p, ICMP_DEST_UNREACH, code); });
  dev_add_pack({ type: ETH_P_IP, func: ip_rcv });
  dev_add_pack({ type: ETH_P_ARP, func: arp_rcv });
  // ip_init (ip_rt_init), tcp_init, udp_init: their hash tables, in inet_init's order.
  ip_rt_init();
  tcp_init();
  udp_init();
  udplite4_register();
  register_netdevice_notifier(inetdev_event);
  rtnl_register(RTM_NEWADDR, inet_rtm_newaddr);
  rtnl_register(RTM_DELADDR, inet_rtm_deladdr);
  rtnl_register(RTM_GETADDR, undefined, inet_dump_ifaddr);
  rtnl_register(RTM_NEWROUTE, inet_rtm_newroute);
  rtnl_register(RTM_DELROUTE, inet_rtm_delroute);
  rtnl_register(RTM_GETROUTE, undefined, inet_dump_fib);
  return 0;
}

export const initcalls: initcall_entry[] = [['fs', 'inet_init', inet_init, 2_000]];
