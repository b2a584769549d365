// UDP-Lite (net/ipv4/udplite.c): registered by inet_init with its own hash table (the boot line after UDP's), its own port table, /proc/net/udplite rows and UdpLite counters.
import { describe, it, expect } from 'vitest';
import { boot, run } from '../core/harness.ts';
import { socket, bind, sendto, recvfrom, sockaddr_in, AF_INET, SOCK_DGRAM, IPPROTO_UDP } from '../../../kernel-sim/user/lib/socket.ts';

const IPPROTO_UDPLITE = 136, LO = 0x7f000001;

describe('UDP-Lite', () => {
  it('inet_init prints its hash table right after UDP\'s, as 6.1 does', () => {
    const m = boot();
    const lines = m.runCommand('dmesg').output.split('\n').map((l) => l.replace(/^\[[ \d.]+\] /, ''));
    const i = lines.indexOf('UDP hash table entries: 256 (order: 1, 8192 bytes, linear)');
    expect(i).toBeGreaterThan(0);
    expect(lines[i + 1]).toBe('UDP-Lite hash table entries: 256 (order: 1, 8192 bytes, linear)');
  });

  it('a datagram over loopback: its own port table beside UDP\'s, a row in /proc/net/udplite, UdpLite counters, sockstat', () => {
    const m = boot();
    m.runCommand('ip link set lo up');
    const out = run(m, function* (c) {
      const a = yield* socket(c, AF_INET, SOCK_DGRAM, IPPROTO_UDPLITE);
      const u = yield* socket(c, AF_INET, SOCK_DGRAM, IPPROTO_UDP);
      if ((yield* bind(c, a, sockaddr_in(LO, 5000))) !== 0) return 10;
      // The same port is free in UDP's table.
      if ((yield* bind(c, u, sockaddr_in(LO, 5000))) !== 0) return 11;
      const b = yield* socket(c, AF_INET, SOCK_DGRAM, IPPROTO_UDPLITE);
      if ((yield* sendto(c, b, new TextEncoder().encode('lite'), 0, sockaddr_in(LO, 5000))) !== 4) return 12;
      const r = yield* recvfrom(c, a, 100);
      if (typeof r === 'number') return 13;
      yield* c.write(1, `${new TextDecoder().decode(r.data)}\n`);
      const w = yield* c.waitpid(yield* c.fork((cc) => cc.execve('/bin/sh', ['sh', '-c',
        'grep -c : /proc/net/udplite; grep -c 0100007F:1388 /proc/net/udp; grep UDPLITE /proc/net/sockstat; grep -A1 UdpLite: /proc/net/snmp | tail -1'])));
      return typeof w === 'number' ? w : 0;
    }).output;
    // Two UDP-Lite sockets (the receiver, and the sender once autobound); one UDP socket.
    expect(out).toBe('lite\n2\n1\nUDPLITE: inuse 2\nUdpLite: 1 0 0 1 0 0 0 0 0\n');
    expect(m.runCommand('grep -A1 "^Udp:" /proc/net/snmp | tail -1').output).toBe('Udp: 0 0 0 0 0 0 0 0 0\n');
  });
});
