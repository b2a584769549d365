// Models the per-namespace /proc/net files of Linux 6.1's network subsystems (each one's pernet_operations calling proc_create_net* in its init and removing the files in its exit), in the order Debian's 6.1 registers them.
//
// Every namespace gets all of them: init_net at boot, a new one in setup_net, and each takes a proc inum, so a new
// network namespace moves the next namespace's number on by 51 (its stat directory and these 50 files), until the
// delayed cleanup_net gives them back. Files of subsystems the workbench models print what the stack holds; files of
// subsystems it models as empty (IPv6, multicast routing, wireless, packet and unix sockets, IPsec) print Linux's
// header and no rows, as 6.1 does where those subsystems have nothing to show.
import { seq_puts, type seq_file } from '../../fs/seq_file.ts';
import type { seq_show_fn } from '../../fs/seq_file.ts';
import type { proc_dir_entry } from '../../fs/proc/internal.ts';
import { proc_create_net_single, proc_net_mkdir, seq_file_net } from '../../fs/proc/proc_net.ts';
import { remove_proc_subtree } from '../../fs/proc/generic.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { online_cpus } from '../../kernel/cpu.ts';
import { init_net, register_pernet_subsys, type net, type pernet_operations } from './net_namespace.ts';
import { dev_seq_show, ptype_seq_show } from './net-procfs.ts';
import { arp_lines } from '../ipv4/arp.ts';
import { fib_route_lines } from '../ipv4/fib.ts';
import { IPPROTO_UDPLITE } from '../ipv4/ip.ts';
import { netstat_seq_show, raw_seq_show, snmp_seq_show, sockstat_seq_show, tcp4_seq_show, udp4_seq_show } from '../ipv4/proc.ts';

/** A file's contents: a show over the namespace, or a directory (null). */
type net_file = [path: string, show: ((m: seq_file, n: net) => void) | null];

const text = (s: string) => (m: seq_file): void => { seq_puts(m, s); };
const SOCK_HDR = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops';
const SOCK6_HDR = '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt';
/** seq_setwidth(seq, 127) + seq_pad: the header of a datagram table, padded as each line is. */
const hdr127 = text(`${SOCK_HDR.padEnd(127)}\n`);
const NFPROTO_NUMPROTO = 13;
const XFRM_MIBS = ('XfrmInError XfrmInBufferError XfrmInHdrError XfrmInNoStates XfrmInStateProtoError XfrmInStateModeError ' +
  'XfrmInStateSeqError XfrmInStateExpired XfrmInStateMismatch XfrmInStateInvalid XfrmInTmplMismatch XfrmInNoPols XfrmInPolBlock ' +
  'XfrmInPolError XfrmOutError XfrmOutBundleGenError XfrmOutBundleCheckError XfrmOutNoStates XfrmOutStateProtoError ' +
  'XfrmOutStateModeError XfrmOutStateSeqError XfrmOutStateExpired XfrmOutPolBlock XfrmOutPolDead XfrmOutPolError ' +
  'XfrmFwdHdrError XfrmOutStateInvalid XfrmAcquireError').split(' ');
const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** softnet_seq_show(): one line per online CPU; the workbench does not count per-CPU softnet work, only the CPU index is real. */
function softnet_seq_show(m: seq_file): void {
  for (const cpu of online_cpus()) seq_puts(m, `${Array(12).fill(hex8(0)).join(' ')} ${hex8(cpu)}\n`);
}

/** The files, by the Linux source that registers them, in registration order (net-procfs.c first, xfrm_proc.c last). */
const PERNET_FILES: [source: string, files: net_file[]][] = [
  ['net/core/net-procfs.c', [
    ['dev', (m, n) => dev_seq_show(m, n)],
    ['softnet_stat', softnet_seq_show],
    ['ptype', (m, n) => ptype_seq_show(m, n)],
    ['dev_mcast', text('')],
  ]],
  ['net/core/sock.c', [['protocols', text('protocol  size sockets  memory press maxhdr  slab module     cl co di ac io in de sh ss gs se re sp bi br ha uh gp em\n')]]],
  ['net/ipv4/arp.c', [['arp', (m, n) => seq_puts(m, arp_lines(n.dev_base))]]],
  ['net/ipv4/fib_trie.c', [['fib_trie', text('')], ['fib_triestat', text('Basic info: size of leaf: 48 bytes, size of tnode: 40 bytes.\n')], ['route', (m, n) => seq_puts(m, fib_route_lines(n))]]],
  ['net/ipv4/igmp.c', [['igmp', text('Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n')], ['mcfilter', text('Idx Device        MCA        SRC    INC    EXC\n')]]],
  ['net/ipv4/ipmr.c', [['ip_mr_vif', text('Interface      BytesIn  PktsIn  BytesOut PktsOut Flags Local    Remote\n')], ['ip_mr_cache', text('Group    Origin   Iif     Pkts    Bytes    Wrong Oifs\n')]]],
  ['net/ipv4/ping.c', [['icmp', hdr127]]],
  ['net/ipv4/proc.c', [['sockstat', (m, n) => sockstat_seq_show(m, n)], ['netstat', (m, n) => netstat_seq_show(m, n)], ['snmp', (m, n) => snmp_seq_show(m, n)]]],
  ['net/ipv4/raw.c', [['raw', (m, n) => raw_seq_show(m, n)]]],
  ['net/ipv4/route.c', [
    ['rt_cache', text(`${'Iface\tDestination\tGateway \tFlags\t\tRefCnt\tUse\tMetric\tSource\t\tMTU\tWindow\tIRTT\tTOS\tHHRef\tHHUptod\tSpecDst'.padEnd(127)}\n`)],
    ['stat/rt_cache', text('entries  in_hit   in_slow_tot in_slow_mc in_no_route in_brd   in_martian_dst in_martian_src out_hit  out_slow_tot out_slow_mc gc_total gc_ignored gc_goal_miss gc_dst_overflow in_hlist_search out_hlist_search\n')],
    // ip_rt_acct: 256 realms x 16 bytes per CPU, summed; no route has a realm (CONFIG_IP_ROUTE_CLASSID), so all zero.
    ['rt_acct', text('\0'.repeat(4096))],
  ]],
  ['net/ipv4/tcp_ipv4.c', [['tcp', (m, n) => tcp4_seq_show(m, n)]]],
  ['net/ipv4/udp.c', [['udp', (m, n) => udp4_seq_show(m, n)]]],
  ['net/ipv4/udplite.c', [['udplite', (m, n) => udp4_seq_show(m, n, IPPROTO_UDPLITE)]]],
  // IPv6 is built into Debian's 6.1; the workbench has no IPv6 addresses, routes or sockets, so its tables are empty.
  ['net/ipv6/addrconf.c', [['if_inet6', text('')]]],
  ['net/ipv6/anycast.c', [['anycast6', text('')]]],
  ['net/ipv6/ip6_flowlabel.c', [['ip6_flowlabel', text('Label S Owner  Users  Linger Expires  Dst                              Opt\n')]]],
  ['net/ipv6/ip6mr.c', [['ip6_mr_vif', text('Interface      BytesIn  PktsIn  BytesOut PktsOut Flags\n')], ['ip6_mr_cache', text('Group                            Origin                           Iif      Pkts  Bytes     Wrong  Oifs\n')]]],
  ['net/ipv6/mcast.c', [['igmp6', text('')], ['mcfilter6', text('Idx Device                Multicast Address                   Source Address    INC    EXC\n')]]],
  ['net/ipv6/ping.c', [['icmp6', text(`${SOCK6_HDR}   uid  timeout inode ref pointer drops\n`)]]],
  ['net/ipv6/proc.c', [
    ['sockstat6', text('TCP6: inuse 0\nUDP6: inuse 0\nUDPLITE6: inuse 0\nRAW6: inuse 0\nFRAG6: inuse 0 memory 0\n')],
    ['snmp6', text('')], ['dev_snmp6', null], ['dev_snmp6/lo', (m, n) => seq_puts(m, `${'ifIndex'.padEnd(32)}\t${n.loopback_dev?.ifindex ?? 1}\n`)],
  ]],
  ['net/ipv6/raw.c', [['raw6', text(`${SOCK6_HDR}   uid  timeout inode ref pointer drops\n`)]]],
  ['net/ipv6/route.c', [['ipv6_route', text('')], ['rt6_stats', text('0000 0000 0000 0000 0000 0000 0000\n')]]],
  ['net/ipv6/tcp_ipv6.c', [['tcp6', text(`${SOCK6_HDR}   uid  timeout inode\n`)]]],
  ['net/ipv6/udp.c', [['udp6', text(`${SOCK6_HDR}   uid  timeout inode ref pointer drops\n`)]]],
  ['net/ipv6/udplite.c', [['udplite6', text(`${SOCK6_HDR}   uid  timeout inode ref pointer drops\n`)]]],
  ['net/netfilter/core.c', [['netfilter', null]]],
  // No nf_log backend is loaded (Debian builds nf_log_syslog as a module): every family shows NONE.
  ['net/netfilter/nf_log.c', [['netfilter/nf_log', (m) => { for (let pf = 0; pf < NFPROTO_NUMPROTO; pf++) seq_puts(m, `${String(pf).padStart(2)} NONE ()\n`); }]]],
  ['net/netlink/af_netlink.c', [['netlink', text('sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode\n')]]],
  ['net/packet/af_packet.c', [['packet', text('sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n')]]],
  // psched_show: ns per us, ns per psched tick (64), 1000000, and the hrtimer resolution's 1 GHz (1 ns).
  ['net/sched/sch_api.c', [['psched', text('000003e8 00000040 000f4240 3b9aca00\n')]]],
  ['net/unix/af_unix.c', [['unix', text('Num       RefCount Protocol Flags    Type St Inode Path\n')]]],
  ['net/wireless/wext-proc.c', [['wireless', text('Inter-| sta-|   Quality        |   Discarded packets               | Missed | WE\n face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22\n')]]],
  ['net/xfrm/xfrm_proc.c', [['xfrm_stat', (m) => { for (const name of XFRM_MIBS) seq_puts(m, `${name.padEnd(24)}\t0\n`); }]]],
];

/** One pernet_operations per source: init creates its files in the namespace's tree, exit removes them (and what is below). */
function pernet_files_ops(source: string, files: net_file[]): pernet_operations {
  return {
    name: source,
    init: (n) => {
      for (const [path, show] of files) {
        const de: proc_dir_entry | null = show
          ? proc_create_net_single(path, 0o444, n.proc_net!, ((m: seq_file) => { show(m, seq_file_net(m)); }) as seq_show_fn, n)
          : proc_net_mkdir(n, path, n.proc_net!);
        if (!de) return -12; // -ENOMEM
      }
      return 0;
    },
    exit: (n) => { for (const [path] of [...files].reverse()) if (n.proc_net) remove_proc_subtree(path, n.proc_net); },
  };
}

// kernel-static: the pernet_operations built once from the table above (constants, the same for every boot)
const pernet_ops = PERNET_FILES.map(([source, files]) => pernet_files_ops(source, files));

/** The subsystems' pernet registrations, and the files only init_net has (the connector, the neighbour tables' stats). */
function proc_net_files_init(): number {
  for (const ops of pernet_ops) {
    const r = register_pernet_subsys(ops);
    if (r) return r;
  }
  const n = init_net();
  // drivers/connector/connector.c cn_init: the process-events connector is not modelled, so no callback is listed.
  proc_create_net_single('connector', 0o444, n.proc_net!, text('Name            ID\n') as seq_show_fn, n);
  // neigh_table_init for arp_tbl and nd_tbl: per-CPU statistics under init_net's /proc/net/stat.
  const neigh_hdr = 'entries  allocs   destroys hash_grows lookups  hits     res_failed rcv_probes_mcast rcv_probes_ucast periodic_gc_runs forced_gc_runs unresolved_discards table_fulls\n';
  for (const tbl of ['arp_cache', 'ndisc_cache']) proc_create_net_single(tbl, 0o444, n.proc_net_stat!, text(neigh_hdr) as seq_show_fn, n);
  return 0;
}

export const initcalls: initcall_entry[] = [['fs', 'proc_net_files_init', proc_net_files_init, 2_000]];
