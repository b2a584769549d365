// DHCP on the default machine's user-mode network: BusyBox udhcpc over AF_PACKET sockets against slirp's bootp server, its default script's address, route and resolv.conf; a packet socket on its own.
import { describe, it, expect } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot_default as boot } from './helpers.ts';
import { run } from '../core/harness.ts';
import { socket, bind, recvfrom, MSG_DONTWAIT } from '../../../kernel-sim/user/lib/socket.ts';
import { BootpServer, SLIRP_LEASE_TIME } from '../../../kernel-sim/hw/net/slirp_bootp.ts';

const sh = (m: Machine, cmd: string): string => m.runCommand(cmd).output;

/** A BOOTP request from `mac` with DHCP options (the magic cookie first). */
function request(mac: number[], opts: number[], ciaddr = [0, 0, 0, 0]): Uint8Array {
  const b = new Uint8Array(300);
  b[0] = 1; b[1] = 1; b[2] = 6; b.set([0xde, 0xad, 0xbe, 0xef], 4); b.set(ciaddr, 12); b.set(mac, 28);
  b.set([99, 130, 83, 99, ...opts, 255], 236);
  return b;
}
const opt = (r: Uint8Array, code: number): number[] | undefined => {
  for (let i = 240; i < r.length && r[i] !== 255; i += 2 + r[i + 1]!) if (r[i] === code) return [...r.subarray(i + 2, i + 2 + r[i + 1]!)];
  return undefined;
};

describe('slirp bootp', () => {
  it('offers 10.0.2.15 to the first MAC and .16 to the next, acks the address it offered and naks another, broadcast from 10.0.2.2:67', () => {
    const s = new BootpServer({ vhost: 0x0a000202, netmask: 0xffffff00, nameserver: 0x0a000203 });
    const a = [0x52, 0x54, 0, 0x12, 0x34, 0x56], b = [0x52, 0x54, 0, 0x12, 0x34, 0x57];
    const dg = (payload: Uint8Array) => ({ src: 0, dst: 0xffffffff, sport: 68, dport: 67, payload });
    const offer = s.input(dg(request(a, [53, 1, 1])))!;
    expect([offer.src, offer.dst, offer.sport, offer.dport, offer.payload.length]).toEqual([0x0a000202, 0xffffffff, 67, 68, 548]);
    expect([...offer.payload.subarray(16, 24)]).toEqual([10, 0, 2, 15, 10, 0, 2, 2]);
    expect([opt(offer.payload, 53), opt(offer.payload, 54), opt(offer.payload, 1), opt(offer.payload, 3), opt(offer.payload, 6)])
      .toEqual([[2], [10, 0, 2, 2], [255, 255, 255, 0], [10, 0, 2, 2], [10, 0, 2, 3]]);
    expect(opt(offer.payload, 51)).toEqual([0, 1, 0x51, 0x80]);
    expect(SLIRP_LEASE_TIME).toBe(86400);
    expect([...s.input(dg(request(b, [53, 1, 1])))!.payload.subarray(16, 20)]).toEqual([10, 0, 2, 16]);
    expect(opt(s.input(dg(request(a, [53, 1, 3, 50, 4, 10, 0, 2, 15])))!.payload, 53)).toEqual([5]);
    expect(opt(s.input(dg(request(a, [53, 1, 3, 50, 4, 10, 0, 2, 16])))!.payload, 53)).toEqual([6]);
    // Not a DHCP server's business: a reply, another port, a message type it does not serve.
    expect(s.input({ ...dg(request(a, [53, 1, 1])), dport: 69 })).toBeNull();
    expect(s.input(dg(request(a, [53, 1, 7])))).toBeNull();
  });
});

describe('udhcpc', () => {
  it('leases 10.0.2.15 from slirp as a QEMU guest does: BusyBox messages, address, default route, resolv.conf, and the gateway answers ping', () => {
    const m = boot();
    expect(sh(m, 'dmesg | grep "PF_PACKET"')).toMatch(/NET: Registered PF_PACKET protocol family\n$/);
    expect(sh(m, 'udhcpc -i eth0; echo rc=$?')).toBe('udhcpc: started, v1.36.1\nudhcpc: broadcasting discover\n' +
      'udhcpc: broadcasting select for 10.0.2.15, server 10.0.2.2\nudhcpc: lease of 10.0.2.15 obtained from 10.0.2.2, lease time 86400\nrc=0\n');
    expect(sh(m, 'ip addr show eth0')).toBe('2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000\n' +
      '    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff\n    inet 10.0.2.15/24 brd 10.0.2.255 scope global eth0\n       valid_lft forever preferred_lft forever\n');
    expect(sh(m, 'ip route')).toBe('default via 10.0.2.2 dev eth0 \n10.0.2.0/24 dev eth0 proto kernel scope link  src 10.0.2.15 \n');
    expect(sh(m, 'cat /etc/resolv.conf')).toBe('nameserver 10.0.2.3\n');
    expect(sh(m, 'ping -c1 10.0.2.2')).toContain('1 packets transmitted, 1 received, 0% packet loss');
    // The client went to the background to renew; its DISCOVER and REQUEST went out as broadcasts that IP never saw.
    expect(sh(m, 'ps | grep -c "[u]dhcpc"')).toBe('1\n');
    expect(sh(m, 'grep -A1 IpExt: /proc/net/netstat | tail -1').split(' ')[6]).toBe('0');
  });

  it('-q exits after the lease; -n with nobody answering (a veth whose peer has no server) fails after its tries', () => {
    const m = boot();
    expect(sh(m, 'udhcpc -q -i eth0 >/dev/null 2>&1; ps | grep -c "[u]dhcpc"')).toBe('0\n');
    expect(sh(m, 'cat /etc/resolv.conf; ip -4 addr show eth0 | grep -c inet')).toBe('nameserver 10.0.2.3\n1\n');
    const out = sh(m, 'ip link add veth0 type veth peer name veth1; ip link set veth1 up; udhcpc -n -t 2 -T 1 -i veth0; echo rc=$?; cat /sys/class/net/veth1/statistics/rx_packets');
    expect(out).toBe('udhcpc: started, v1.36.1\nudhcpc: broadcasting discover\nudhcpc: broadcasting discover\nudhcpc: no lease, failing\nrc=1\n2\n');
    expect(sh(m, 'udhcpc -i nosuch; echo rc=$?')).toBe('udhcpc: ioctl 0x8933 failed: No such device\nrc=1\n');
  });
});

describe('AF_PACKET', () => {
  it('a SOCK_DGRAM packet socket for ETH_P_IP on lo gets each IP datagram with its sockaddr_ll, and shows in /proc/net/ptype only while open', () => {
    const m = boot();
    sh(m, 'ip link set lo up');
    const out = run(m, function* (c) {
      const fd = yield* socket(c, 17, 2, 0x0008);
      if (fd < 0) return 10;
      const ll = new Uint8Array(20); ll[0] = 17; ll[2] = 0x08; ll[4] = 1; // AF_PACKET, ETH_P_IP, ifindex 1
      if ((yield* bind(c, fd, ll)) !== 0) return 11;
      const w = yield* c.waitpid(yield* c.fork((cc) => cc.execve('/bin/sh', ['sh', '-c', 'grep packet_rcv /proc/net/ptype; ping -c1 127.0.0.1 >/dev/null'])));
      if (typeof w === 'number') return 12;
      const r = yield* recvfrom(c, fd, 2048, MSG_DONTWAIT);
      if (typeof r === 'number') return 13;
      yield* c.write(1, `${r.data.length} ${r.data[0]!.toString(16)} ${r.data[9]} ${r.data[20]} family=${r.addr[0]} proto=${r.addr[2]!.toString(16)}${r.addr[3]} ifindex=${r.addr[4]}\n`);
      return 0;
    }).output;
    // The echo request (84 bytes, ICMP type 8) from its IP header on: no link-layer header for SOCK_DGRAM.
    expect(out).toBe('0800 lo       packet_rcv\n84 45 1 8 family=17 proto=80 ifindex=1\n');
    expect(sh(m, 'grep -c packet_rcv /proc/net/ptype')).toBe('0\n');
  });
});
