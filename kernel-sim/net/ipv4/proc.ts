// Models the /proc/net/tcp and /proc/net/udp tables of linux/net/ipv4/tcp_ipv4.c (tcp4_seq_show) and udp.c (udp4_seq_show, also udplite's), one line per socket of the file's namespace, ipv4/proc.c's sockstat, snmp and netstat, and raw.c's raw table.
import type { seq_file } from '../../fs/seq_file.ts';
import { seq_puts } from '../../fs/seq_file.ts';
import type { net } from '../core/net_namespace.ts';
import type { socket } from '../socket.ts';
import { current } from '../../kernel/sched/core.ts';
import { cred_user_ns } from '../../kernel/capability.ts';
import { from_kuid_munged } from '../../kernel/user_namespace.ts';
import { hex8 } from './fib.ts';
import { tcp_socks, TCP_LISTEN, TCP_SYN_RECV, TCP_CLOSE } from './tcp.ts';
import { udp_socks } from './udp.ts';
import { raw_socks } from './raw.ts';
import { IPDEFTTL, IPPROTO_UDP, IPPROTO_UDPLITE } from './ip.ts';
import { ICMPMIBMAP, ICMP_LIST, IPEXT_LIST, IPSTATS_LIST, LINUX_MIB_LIST, MPTCP_LIST, TCP_LIST, UDP_LIST, snmp_fold_field } from './snmp.ts';

const X = (n: number, w: number): string => (n >>> 0).toString(16).toUpperCase().padStart(w, '0');
const d = (n: number, w: number): string => String(n).padStart(w);
/** seq_pad(): each line, the header too, is padded with spaces to the table's width. */
const pad = (line: string, width: number): string => `${line.padEnd(width)}\n`;

/** sock_i_uid() as the reader's user namespace sees it, and %pK of the sock (hashed: a stable token per socket). */
const sock_uid = (s: socket | null): number => from_kuid_munged(cred_user_ns(current().cred), s?.file?.f_inode.i_uid ?? 0);
const pK = (ino: number): string => `ffff8880${X(0x04000000 + ino * 0x800, 8).toLowerCase()}`;

/** tcp4_seq_show(): listening sockets, then the others, numbered from 0; 149 columns. */
export function tcp4_seq_show(m: seq_file, n: net): void {
  seq_puts(m, pad('  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode', 149));
  const socks = tcp_socks().filter((s) => s.net === n);
  const ordered = [...socks.filter((s) => s.state === TCP_LISTEN), ...socks.filter((s) => s.state !== TCP_LISTEN)];
  ordered.forEach((sk, i) => {
    const listen = sk.state === TCP_LISTEN;
    const rx = listen ? sk.accept_q.filter((c) => c.state !== TCP_SYN_RECV).length : sk.rcv_bytes;
    const ino = sk.sock?.ino ?? 0;
    // rto (1 s initial for a listener, the 200 ms floor once connected) and ato in clock ticks; cwnd 10; ssthresh as tcp_in_initial_slowstart shows it.
    const tail = listen ? '100 0 0 10 0' : '20 4 30 10 -1';
    seq_puts(m, pad(`${d(i, 4)}: ${hex8(sk.saddr)}:${X(sk.sport, 4)} ${hex8(sk.daddr)}:${X(sk.dport, 4)} ${X(sk.state, 2)} ` +
      `${X(sk.snd_nxt - sk.snd_una, 8)}:${X(rx, 8)} 00:00000000 00000000 ${d(sock_uid(sk.sock), 5)} ${d(0, 8)} ${ino} ` +
      `1 ${pK(ino)} ${tail}`, 149));
  });
}

/** udp4_seq_show(): one line per bound socket, by hash bucket (the port in a 256-slot table); 127 columns. */
export function udp4_seq_show(m: seq_file, n: net, proto = IPPROTO_UDP): void {
  seq_puts(m, pad('   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops', 127));
  const socks = udp_socks(proto).filter((s) => s.net === n).sort((a, b) => (a.sport & 255) - (b.sport & 255));
  for (const sk of socks) {
    const ino = sk.sock.ino;
    // A connected socket is TCP_ESTABLISHED (01), an unconnected one TCP_CLOSE (07); rx_queue is the queued bytes.
    seq_puts(m, pad(`${d(sk.sport & 255, 5)}: ${hex8(sk.saddr)}:${X(sk.sport, 4)} ${hex8(sk.daddr)}:${X(sk.dport, 4)} ` +
      `${X(sk.connected ? 1 : TCP_CLOSE, 2)} 00000000:${X(sk.q.bytes, 8)} 00:00000000 00000000 ${d(sock_uid(sk.sock), 5)} ${d(0, 8)} ${ino} 2 ${pK(ino)} 0`, 127));
  }
}

/** sockstat_seq_show(): sockets in use in the namespace by protocol (hashed ones: bound UDP, listening or connected TCP). */
export function sockstat_seq_show(m: seq_file, n: net): void {
  const tcp = tcp_socks().filter((s) => s.net === n);
  const tcp_inuse = tcp.filter((s) => s.state !== TCP_CLOSE).length;
  const udp = udp_socks().filter((s) => s.net === n).length;
  const udplite = udp_socks(IPPROTO_UDPLITE).filter((s) => s.net === n).length;
  const raw = raw_socks().filter((s) => s.net === n).length;
  seq_puts(m, `sockets: used ${tcp.length + udp + udplite + raw}\nTCP: inuse ${tcp_inuse} orphan 0 tw 0 alloc ${tcp.length} mem 0\n` +
    `UDP: inuse ${udp} mem 0\nUDPLITE: inuse ${udplite}\nRAW: inuse ${raw}\nFRAG: inuse 0 memory 0\n`);
}

/** raw_seq_show(): one line per raw socket of the namespace, by its protocol's hash bucket; the "port" is the protocol. */
export function raw_seq_show(m: seq_file, n: net): void {
  seq_puts(m, '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n');
  const socks = raw_socks().filter((s) => s.net === n).sort((a, b) => (a.protocol & 255) - (b.protocol & 255));
  for (const sk of socks) {
    const ino = sk.sock.ino;
    seq_puts(m, `${d(sk.protocol & 255, 4)}: ${hex8(sk.saddr)}:${X(sk.protocol, 4)} ${hex8(sk.daddr)}:${X(0, 4)} ${X(sk.daddr ? 1 : TCP_CLOSE, 2)} ` +
      `00000000:${X(sk.q.bytes, 8)} 00:00000000 00000000 ${d(sock_uid(sk.sock), 5)} ${d(0, 8)} ${ino} 2 ${pK(ino)} 0\n`);
  }
}

/** A header line and a value line of one MIB group, as snmp_seq_show prints each ("Tcp: RtoAlgorithm ...\nTcp: 1 ..."). */
function mib_lines(tag: string, names: readonly string[], m: Map<string, number>): string {
  return `${tag}: ${names.join(' ')}\n${tag}: ${names.map((f) => snmp_fold_field(m, f)).join(' ')}\n`;
}

/** icmpmsg_put(): the ICMP types seen so far (In before Out), 16 to an "IcmpMsg:" pair of lines; nothing before the first. */
function icmpmsg_put(n: net): string {
  const seen = [...n.mib.icmpmsg.entries()].filter(([, v]) => v).sort(([a], [b]) => a - b);
  let out = '';
  for (let i = 0; i < seen.length; i += 16) {
    const line = seen.slice(i, i + 16);
    out += `IcmpMsg: ${line.map(([t]) => `${t & 0x100 ? 'Out' : 'In'}Type${t & 0xff}`).join(' ')}\n`;
    out += `IcmpMsg: ${line.map(([, v]) => v).join(' ')}\n`;
  }
  return out;
}

/** icmp_put(): the icmp_mib fields around the per-type counts of icmpmibmap, In then Out. */
function icmp_put(n: net): string {
  const ic = n.mib.icmp, msg = n.mib.icmpmsg;
  const names = ['InMsgs', 'InErrors', 'InCsumErrors', ...ICMPMIBMAP.map(([s]) => `In${s}`),
    'OutMsgs', 'OutErrors', 'OutRateLimitGlobal', 'OutRateLimitHost', ...ICMPMIBMAP.map(([s]) => `Out${s}`)];
  const vals = [...ICMP_LIST.slice(0, 3).map((f) => snmp_fold_field(ic, f)), ...ICMPMIBMAP.map(([, t]) => msg.get(t) ?? 0),
    ...ICMP_LIST.slice(3).map((f) => snmp_fold_field(ic, f)), ...ICMPMIBMAP.map(([, t]) => msg.get(0x100 | t) ?? 0)];
  return `Icmp: ${names.join(' ')}\nIcmp: ${vals.join(' ')}\n`;
}

/** snmp_seq_show(): Ip (Forwarding 1 or 2, DefaultTTL first), Icmp, IcmpMsg, Tcp, Udp, UdpLite. */
export function snmp_seq_show(m: seq_file, n: net): void {
  const ip = `Ip: Forwarding DefaultTTL ${IPSTATS_LIST.join(' ')}\nIp: ${n.ipv4.ip_forward ? 1 : 2} ${IPDEFTTL} ` +
    `${IPSTATS_LIST.map((f) => snmp_fold_field(n.mib.ip, f)).join(' ')}\n`;
  seq_puts(m, ip + icmp_put(n) + icmpmsg_put(n) + mib_lines('Tcp', TCP_LIST, n.mib.tcp) + mib_lines('Udp', UDP_LIST, n.mib.udp) +
    mib_lines('UdpLite', UDP_LIST, n.mib.udplite));
}

/** netstat_seq_show(): TcpExt (linux_mib), IpExt, then mptcp_seq_show's MPTcpExt. */
export function netstat_seq_show(m: seq_file, n: net): void {
  seq_puts(m, mib_lines('TcpExt', LINUX_MIB_LIST, n.mib.net) + mib_lines('IpExt', IPEXT_LIST, n.mib.ip) + mib_lines('MPTcpExt', MPTCP_LIST, new Map()));
}
