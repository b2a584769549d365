// /proc/net/snmp and /proc/net/netstat (net/ipv4/proc.c): each namespace's MIB counters in 6.1's format, moved by ping, TCP and UDP across a veth pair.
import { describe, it, expect } from 'vitest';
import { boot, run } from '../core/harness.ts';
import { socket, bind, listen, connect, sockaddr_in, AF_INET, SOCK_STREAM } from '../../../kernel-sim/user/lib/socket.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

/** A veth pair: veth0 10.0.0.1/24 on the host, veth1 10.0.0.2/24 in the named namespace "a". */
const VETH = 'ip netns add a; ip link add veth0 type veth peer name veth1; ip link set veth1 netns a; ip addr add 10.0.0.1/24 dev veth0; ' +
  'ip link set veth0 up; ip netns exec a ip addr add 10.0.0.2/24 dev veth1; ip netns exec a ip link set veth1 up';

/** The MIB of /proc/net/snmp (or netstat) as "Group.Field" -> value, from each pair of header and value lines. */
function mib(text: string): Map<string, number> {
  const lines = text.trimEnd().split('\n');
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const [tag, ...names] = lines[i]!.split(' ');
    const [tag2, ...vals] = lines[i + 1]!.split(' ');
    expect(tag2).toBe(tag);
    names.forEach((n, j) => out.set(`${tag!.slice(0, -1)}.${n}`, Number(vals[j])));
  }
  return out;
}
const snmp = (m: Machine, prefix = ''): Map<string, number> => mib(m.runCommand(`${prefix}cat /proc/net/snmp`).output);
const pick = (s: Map<string, number>, keys: string[]): number[] => keys.map((k) => s.get(k) ?? NaN);

describe('/proc/net/snmp', () => {
  it('a fresh namespace prints 6.1\'s header lines, Forwarding 2 and DefaultTTL 64, tcp_mib_init\'s constants and no IcmpMsg lines', () => {
    const m = boot();
    const text = m.runCommand('ip netns add b; ip netns exec b cat /proc/net/snmp').output;
    const lines = text.split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['Ip', 'Ip', 'Icmp', 'Icmp', 'Tcp', 'Tcp', 'Udp', 'Udp', 'UdpLite', 'UdpLite', '']);
    expect(lines[0]).toBe('Ip: Forwarding DefaultTTL InReceives InHdrErrors InAddrErrors ForwDatagrams InUnknownProtos InDiscards InDelivers OutRequests OutDiscards OutNoRoutes ReasmTimeout ReasmReqds ReasmOKs ReasmFails FragOKs FragFails FragCreates');
    expect(lines[1]).toBe('Ip: 2 64 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0');
    expect(lines[2]).toBe('Icmp: InMsgs InErrors InCsumErrors InDestUnreachs InTimeExcds InParmProbs InSrcQuenchs InRedirects InEchos InEchoReps InTimestamps InTimestampReps InAddrMasks InAddrMaskReps OutMsgs OutErrors OutRateLimitGlobal OutRateLimitHost OutDestUnreachs OutTimeExcds OutParmProbs OutSrcQuenchs OutRedirects OutEchos OutEchoReps OutTimestamps OutTimestampReps OutAddrMasks OutAddrMaskReps');
    expect(lines[5]).toBe('Tcp: 1 200 120000 -1 0 0 0 0 0 0 0 0 0 0 0');
    expect(lines[7]).toBe('Udp: 0 0 0 0 0 0 0 0 0');
    const ns = m.runCommand('ip netns exec b cat /proc/net/netstat').output.split('\n');
    expect(ns.map((l) => l.split(':')[0])).toEqual(['TcpExt', 'TcpExt', 'IpExt', 'IpExt', 'MPTcpExt', 'MPTcpExt', '']);
    expect(ns[0]!.split(' ')).toHaveLength(1 + 125);
    expect(ns[2]).toBe('IpExt: InNoRoutes InTruncatedPkts InMcastPkts OutMcastPkts InBcastPkts OutBcastPkts InOctets OutOctets InMcastOctets OutMcastOctets InBcastOctets OutBcastOctets InCsumErrors InNoECTPkts InECT1Pkts InECT0Pkts InCEPkts ReasmOverlaps');
    expect(ns[4]!.split(' ')).toHaveLength(1 + 56);
  });

  it('a ping across a veth pair: echo requests out and replies in on one side, InEchos and OutEchoReps on the other, each namespace its own', () => {
    const m = boot();
    m.runCommand(VETH);
    const before = snmp(m);
    expect(m.runCommand('ping -c 3 10.0.0.2').output).toContain('3 packets transmitted, 3 received');
    const host = snmp(m), peer = snmp(m, 'ip netns exec a ');
    const ip = ['Ip.InReceives', 'Ip.InDelivers', 'Ip.OutRequests'];
    expect(pick(host, ip).map((v, i) => v - pick(before, ip)[i]!)).toEqual([3, 3, 3]);
    expect(pick(host, ['Icmp.InMsgs', 'Icmp.InEchoReps', 'Icmp.OutMsgs', 'Icmp.OutEchos', 'Icmp.InEchos'])).toEqual([3, 3, 3, 3, 0]);
    expect(pick(peer, ['Ip.InReceives', 'Ip.InDelivers', 'Ip.OutRequests', 'Icmp.InEchos', 'Icmp.OutEchoReps', 'Icmp.OutEchos'])).toEqual([3, 3, 3, 3, 3, 0]);
    expect(m.runCommand('ip netns exec a grep IcmpMsg /proc/net/snmp').output).toBe('IcmpMsg: InType8 OutType0\nIcmpMsg: 3 3\n');
    // InOctets/OutOctets are the datagrams' IP lengths (84 bytes each) in IpExt.
    const ext = mib(m.runCommand('ip netns exec a cat /proc/net/netstat').output);
    expect(pick(ext, ['IpExt.InOctets', 'IpExt.OutOctets', 'IpExt.InNoECTPkts'])).toEqual([252, 252, 3]);
  });

  it('TCP: an active open on one side, a passive open on the other, segments out on one side are segments in on the other; a closed port answers with a reset', () => {
    const m = boot();
    m.runCommand(VETH);
    expect(m.runCommand('ip netns exec a nc -l -p 80 & sleep 1; echo hi | nc 10.0.0.2 80').output).toBe('hi\n');
    const tcp = ['Tcp.ActiveOpens', 'Tcp.PassiveOpens', 'Tcp.CurrEstab', 'Tcp.AttemptFails', 'Tcp.OutRsts'];
    expect(pick(snmp(m), tcp)).toEqual([1, 0, 0, 0, 0]);
    expect(pick(snmp(m, 'ip netns exec a '), tcp)).toEqual([0, 1, 0, 0, 0]);
    const h = snmp(m), p = snmp(m, 'ip netns exec a ');
    // Every segment one side sent, the other received.
    expect(h.get('Tcp.OutSegs')).toBe(p.get('Tcp.InSegs'));
    expect(p.get('Tcp.OutSegs')).toBe(h.get('Tcp.InSegs'));
    expect(h.get('Tcp.OutSegs')).toBeGreaterThan(3);
    expect(m.runCommand('nc 10.0.0.2 82; echo $?').output).toMatch(/1\n$/);
    expect(pick(snmp(m), ['Tcp.AttemptFails'])).toEqual([1]);
    expect(pick(snmp(m, 'ip netns exec a '), ['Tcp.OutRsts'])).toEqual([1]);
  });

  it('CurrEstab counts both ends of a connection on loopback while it is up, and drops back when it closes', () => {
    const m = boot();
    m.runCommand('ip link set lo up');
    const out = run(m, function* (c) {
      const l = yield* socket(c, AF_INET, SOCK_STREAM, 0);
      yield* bind(c, l, sockaddr_in(0x7f000001, 7000));
      yield* listen(c, l, 5);
      const s = yield* socket(c, AF_INET, SOCK_STREAM, 0);
      if ((yield* connect(c, s, sockaddr_in(0x7f000001, 7000))) !== 0) return 1;
      const w = yield* c.waitpid(yield* c.fork((cc) => cc.execve('/bin/sh', ['sh', '-c', 'grep -A1 Tcp: /proc/net/snmp | tail -1'])));
      return typeof w === 'number' ? w : 0;
    }).output;
    expect(out.split(' ').slice(5, 10)).toEqual(['1', '1', '0', '0', '2']);
    // The process exited: its socket and the unaccepted child were reset, each a close from ESTABLISHED.
    expect(m.runCommand('grep -A1 Tcp: /proc/net/snmp | tail -1').output.split(' ').slice(7, 10)).toEqual(['0', '2', '0']);
  });

  it('UDP: a datagram delivered counts InDatagrams when read; one to a closed port counts NoPorts and brings back port unreachable', () => {
    const m = boot();
    m.runCommand(VETH);
    expect(m.runCommand('ip netns exec a nc -u -l -p 53 & sleep 1; echo q | nc -u -w 1 10.0.0.2 53; sleep 1').output).toBe('q\n');
    expect(pick(snmp(m), ['Udp.OutDatagrams'])).toEqual([1]);
    expect(pick(snmp(m, 'ip netns exec a '), ['Udp.InDatagrams', 'Udp.NoPorts'])).toEqual([1, 0]);
    m.runCommand('echo z | nc -u -w 1 10.0.0.2 99');
    expect(pick(snmp(m, 'ip netns exec a '), ['Udp.NoPorts', 'Icmp.OutDestUnreachs', 'Udp.InDatagrams'])).toEqual([1, 1, 1]);
    expect(pick(snmp(m), ['Icmp.InDestUnreachs', 'Udp.OutDatagrams'])).toEqual([1, 2]);
  });
});
