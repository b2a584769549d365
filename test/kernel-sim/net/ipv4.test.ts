// The small IPv4 stack: ping on loopback and across a veth pair between two network namespaces, UDP and TCP round trips with nc, ARP, counters.
import { describe, it, expect } from 'vitest';
import { boot, run } from '../core/harness.ts';
import { enter_new_netns } from './helpers.ts';
import { socket, bind, listen, connect, sendto, sockaddr_in } from '../../../kernel-sim/user/lib/socket.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';

const sh = (c: Libc, cmd: string): KGen<number> => c.execve('/bin/sh', ['sh', '-c', cmd]);
/** Runs cmd through sh in a child and waits for it. */
function* sh_status(c: Libc, cmd: string): KGen<number> {
  const w = yield* c.waitpid(yield* c.fork((cc) => sh(cc, cmd)));
  return typeof w === 'number' ? w : w[1];
}

/**
 * Two namespaces joined by a veth pair: the host keeps veth0 (10.0.0.1/24), a child in a new namespace gets
 * veth1 (10.0.0.2/24) and runs `inner`; the host runs `outer` once the child is set up.
 */
function two_namespaces(m: Machine, inner: string, outer: string): string {
  return run(m, function* (c) {
    const [rfd, wfd] = (yield* c.pipe()) as [number, number];
    const [rfd2, wfd2] = (yield* c.pipe()) as [number, number];
    const child = yield* c.fork(function* (cc) {
      yield* enter_new_netns(cc);
      yield* cc.close(wfd); yield* cc.close(rfd2);
      yield* cc.read(rfd, 1); // veth1 has been moved here
      yield* cc.dup2(wfd2, 3);
      return yield* sh(cc, `ip link set lo up && ip addr add 10.0.0.2/24 dev veth1 && ip link set veth1 up && echo ready >&3 && exec 3>&- && ${inner}`);
    });
    yield* c.close(rfd); yield* c.close(wfd2);
    const setup = yield* c.fork(function* (cc) {
      return yield* sh(cc, `ip link add veth0 type veth peer name veth1 && ip link set veth1 netns ${child} && ip addr add 10.0.0.1/24 dev veth0 && ip link set veth0 up`);
    });
    yield* c.waitpid(setup);
    yield* c.write(wfd, 'x');
    yield* c.read(rfd2, 6); // "ready\n"
    const o = yield* c.fork(function* (cc) { return yield* sh(cc, outer); });
    yield* c.waitpid(o);
    yield* c.waitpid(child);
    return 0;
  }, '', 120e9).output;
}

describe('IPv4', () => {
  it('ping on loopback prints iputils lines; lo counts the frames; an unknown network is unreachable', () => {
    const m = boot();
    const out = m.runCommand('ip link set lo up; ping -c 3 127.0.0.1; echo status=$?').output.split('\n');
    expect(out[0]).toBe('PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.');
    for (let i = 1; i <= 3; i++) expect(out[i]).toMatch(new RegExp(`^64 bytes from 127\\.0\\.0\\.1: icmp_seq=${i} ttl=64 time=\\d+\\.\\d{3} ms$`));
    expect(out[4]).toBe('');
    expect(out[5]).toBe('--- 127.0.0.1 ping statistics ---');
    expect(out[6]).toMatch(/^3 packets transmitted, 3 received, 0% packet loss, time 20\d\dms$/);
    expect(out[7]).toMatch(/^rtt min\/avg\/max\/mdev = \d+\.\d{3}\/\d+\.\d{3}\/\d+\.\d{3}\/\d+\.\d{3} ms$/);
    expect(out[8]).toBe('status=0');
    // 3 requests and 3 replies of 98 bytes each (Ethernet header included), sent and received by lo.
    expect(m.runCommand('grep lo: /proc/net/dev').output).toBe('    lo:     588       6    0    0    0     0          0         0      588       6    0    0    0     0       0          0\n');
    expect(m.runCommand('cat /sys/class/net/lo/statistics/tx_packets').output).toBe('6\n');
    expect(m.runCommand('ping -c 1 10.9.9.9; echo status=$?').output).toBe('ping: connect: Network is unreachable\nstatus=2\n');
  });

  it('ping across a veth pair between two namespaces, with ARP resolving each side', () => {
    const m = boot();
    const out = two_namespaces(m, 'sleep 5; cat /proc/net/arp', 'ping -c 2 10.0.0.2; cat /proc/net/arp; ip route');
    const lines = out.split('\n');
    expect(lines[0]).toBe('PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.');
    expect(lines[1]).toMatch(/^64 bytes from 10\.0\.0\.2: icmp_seq=1 ttl=64 time=\d+\.\d+ ms$/);
    expect(lines[2]).toMatch(/^64 bytes from 10\.0\.0\.2: icmp_seq=2 ttl=64 time=\d+\.\d+ ms$/);
    expect(lines[5]).toMatch(/^2 packets transmitted, 2 received, 0% packet loss/);
    expect(lines[7]).toBe('IP address       HW type     Flags       HW address            Mask     Device');
    expect(lines[8]).toMatch(/^10\.0\.0\.2 {9}0x1 {9}0x2 {9}([0-9a-f]{2}:){5}[0-9a-f]{2} {5}\* {8}veth0$/);
    expect(lines[9]).toBe('10.0.0.0/24 dev veth0 proto kernel scope link  src 10.0.0.1 ');
    // The inner namespace learned the host from its request.
    expect(lines[11]).toMatch(/^10\.0\.0\.1 .* veth1$/);
  });

  it('ip route add via a gateway; /proc/net/route lists the main table as Linux prints it', () => {
    const m = boot();
    const out = m.runCommand('ip link add a type veth peer name b; ip addr add 192.168.7.2/24 dev a; ip link set a up; ip link set b up; ip route add default via 192.168.7.1; ip route add 10.1.0.0/16 dev a; ip route; cat /proc/net/route; ip route add 10.2.0.0/16 via 172.16.0.1').output.split('\n');
    expect(out.slice(0, 3)).toEqual([
      'default via 192.168.7.1 dev a ',
      '10.1.0.0/16 dev a scope link ',
      '192.168.7.0/24 dev a proto kernel scope link  src 192.168.7.2 ',
    ]);
    const route = out.slice(3, 7);
    expect(route.every((l) => l.length === 127)).toBe(true);
    expect(route.map((l) => l.trimEnd())).toEqual([
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
      'a\t00000000\t0107A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0',
      'a\t0000010A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
      'a\t0007A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
    ]);
    expect(out[7]).toBe('ip: RTNETLINK answers: Network is unreachable');
  });

  it('TCP and UDP round trips between the namespaces with nc', () => {
    const m = boot();
    const out = two_namespaces(m,
      'nc -l -p 7000 < /dev/null > /tmp/tcp.out; nc -u -l -p 7001 -w 2 < /dev/null > /tmp/udp.out; cat /tmp/tcp.out /tmp/udp.out',
      'sleep 1; echo "over tcp" | nc 10.0.0.2 7000; sleep 1; echo "over udp" | nc -u -w 1 10.0.0.2 7001; echo done');
    expect(out).toBe('done\nover tcp\nover udp\n');
  });

  it('TCP to a closed port is refused (RST), and a reply comes back on the same connection', () => {
    const m = boot();
    const out = m.runCommand('ip link set lo up; echo x | nc 127.0.0.1 9; echo status=$?; (echo pong | nc -l -p 8000 > /tmp/srv) & sleep 1; echo ping | nc 127.0.0.1 8000; wait; cat /tmp/srv').output;
    expect(out).toBe("nc: can't connect to remote host (127.0.0.1): Connection refused\nstatus=1\npong\nping\n");
  });
});

describe('/proc/net/tcp and /proc/net/udp', () => {
  it('list the namespace\'s sockets as Linux prints them: listeners first, addresses as little-endian hex, states, queues, inodes', () => {
    const m = boot();
    const lines: string[] = [];
    const inos: number[] = [];
    run(m, function* (c) {
      yield* sh_status(c, 'ip link set lo up');
      const lfd = yield* socket(c, 2, 1, 0);
      yield* bind(c, lfd, sockaddr_in(0, 8000));
      yield* listen(c, lfd, 4);
      const cfd = yield* socket(c, 2, 1, 0);
      yield* connect(c, cfd, sockaddr_in(0x7f000001, 8000));
      yield* sendto(c, cfd, new TextEncoder().encode('hello'));
      const ufd = yield* socket(c, 2, 2, 0);
      yield* bind(c, ufd, sockaddr_in(0x7f000001, 5353));
      yield* sendto(c, ufd, new TextEncoder().encode('dgram!'), 0, sockaddr_in(0x7f000001, 5353));
      for (const fd of [lfd, cfd, ufd]) inos.push(Number(/\[(\d+)\]/.exec((yield* c.readlink(`/proc/self/fd/${fd}`)) as string)![1]));
      lines.push(...((yield* c.read_text('/proc/net/tcp')) as string).split('\n'), ...((yield* c.read_text('/proc/net/udp')) as string).split('\n'));
      return 0;
    });
    const [lino, cino, uino] = inos;
    expect(lines[0]).toBe('  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'.padEnd(149));
    expect(lines.slice(0, 4).every((l) => l.length === 149)).toBe(true);
    // The listener (one connection waiting in its accept queue), then the client and the accepted end (5 bytes unread).
    expect(lines[1]).toMatch(new RegExp(`^   0: 00000000:1F40 00000000:0000 0A 00000000:00000001 00:00000000 00000000     0        0 ${lino} 1 [0-9a-f]{16} 100 0 0 10 0 *$`));
    expect(lines[2]).toMatch(new RegExp(`^   1: 0100007F:[0-9A-F]{4} 0100007F:1F40 01 00000000:00000000 00:00000000 00000000     0        0 ${cino} 1 `));
    expect(lines[3]).toMatch(/^ {3}2: 0100007F:1F40 0100007F:[0-9A-F]{4} 01 00000000:00000005 00:00000000 00000000     0        0 0 1 /);
    expect(lines[4]).toBe('');
    expect(lines[5]).toBe('   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops'.padEnd(127));
    expect(lines[6]).toMatch(new RegExp(`^  233: 0100007F:14E9 00000000:0000 07 00000000:00000006 00:00000000 00000000     0        0 ${uino} 2 [0-9a-f]{16} 0 *$`));
    expect(lines[6]).toHaveLength(127);
  });
});
