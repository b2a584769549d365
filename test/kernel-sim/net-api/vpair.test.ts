// The C network-driver API (test/fixtures/drivers/netdev-vpair: two Ethernet devices back to back with NAPI, which
// real kbuild builds too), built with the workbench and loaded: its interfaces in ip link, /sys/class/net and
// /proc/net/dev; one end moved into a network namespace, addresses on both ends and a ping carried through the
// driver's ndo_start_xmit, its NAPI poll and eth_type_trans; skb->ip_summed set by the driver; its counters from
// ndo_get_stats64; rmmod.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine({ '/root/vpair.ko': await driver('netdev-vpair') });
}, 300_000);

/** The /proc/net/dev line of `dev`, as its numbers. */
const devline = (text: string, dev: string): number[] =>
  text.split('\n').find((l) => l.trim().startsWith(`${dev}:`))!.split(':')[1]!.trim().split(/\s+/).map(Number);

describe('vpair.ko', () => {
  it('registers two Ethernet devices numbered from vpair%d: ip link, /sys/class/net and /proc/net/dev show them down', () => {
    expect(sh(m, 'insmod /root/vpair.ko; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toContain('vpair: vpair0 and vpair1');
    const link = sh(m, 'ip link show vpair0').split('\n');
    expect(link[0]).toBe('2: vpair0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop qlen 1000');
    const mac = /^ {4}link\/ether ([0-9a-f:]{17}) brd ff:ff:ff:ff:ff:ff$/.exec(link[1]!)![1]!;
    // eth_hw_addr_random: a locally administered unicast address, reported as NET_ADDR_RANDOM.
    expect(parseInt(mac.slice(0, 2), 16) & 3).toBe(2);
    expect(sh(m, 'ip link show vpair1')).toMatch(/^3: vpair1: <BROADCAST,MULTICAST> mtu 1500 qdisc noop qlen 1000\n/);
    expect(sh(m, 'readlink /sys/class/net/vpair0 /sys/class/net/vpair1')).toBe('../../devices/virtual/net/vpair0\n../../devices/virtual/net/vpair1\n');
    expect(sh(m, 'cd /sys/class/net/vpair0; cat address addr_assign_type type ifindex mtu operstate tx_queue_len flags'))
      .toBe(`${mac}\n1\n1\n2\n1500\ndown\n1000\n0x1002\n`);
    expect(devline(sh(m, 'cat /proc/net/dev'), 'vpair1')).toEqual(new Array(16).fill(0));
  });

  it('carries a ping between its two ends in two namespaces: ARP and ICMP through ndo_start_xmit and the NAPI poll', () => {
    const out = sh(m, [
      'ip netns add blue', 'ip link set vpair1 netns blue',
      'ip addr add 10.7.0.1/24 dev vpair0', 'ip link set vpair0 up',
      'ip netns exec blue ip addr add 10.7.0.2/24 dev vpair1', 'ip netns exec blue ip link set vpair1 up',
      'ping -c 2 10.7.0.2',
    ].join(' && ')).split('\n');
    expect(out[0]).toBe('PING 10.7.0.2 (10.7.0.2) 56(84) bytes of data.');
    expect(out[1]).toMatch(/^64 bytes from 10\.7\.0\.2: icmp_seq=1 ttl=64 time=/);
    expect(out[2]).toMatch(/^64 bytes from 10\.7\.0\.2: icmp_seq=2 ttl=64 time=/);
    expect(out[5]).toBe('2 packets transmitted, 2 received, 0% packet loss, time 1000ms');
    // ndo_open brought the carrier up on both ends once both were running; netdev_info named each device.
    expect(dmesg(m)).toEqual(expect.arrayContaining(['vpair0: open, peer vpair1', 'vpair1: open, peer vpair0']));
    expect(sh(m, 'ip link show vpair0')).toMatch(/^2: vpair0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000\n/);
    expect(sh(m, 'cd /sys/class/net/vpair0; cat operstate carrier carrier_changes')).toBe('up\n1\n1\n');
    // One ARP frame (42 bytes) and two ICMP echoes (98 bytes) each way, counted by the driver (ndo_get_stats64).
    const outer = devline(sh(m, 'cat /proc/net/dev'), 'vpair0');
    const inner = devline(sh(m, 'ip netns exec blue cat /proc/net/dev'), 'vpair1');
    expect([outer[0], outer[1], outer[8], outer[9]]).toEqual([238, 3, 238, 3]);
    expect([inner[0], inner[1], inner[8], inner[9]]).toEqual([238, 3, 238, 3]);
    expect(sh(m, 'cat /sys/class/net/vpair0/statistics/rx_packets /sys/class/net/vpair0/statistics/tx_bytes')).toBe('3\n238\n');
    // vpair1 left init_net: it is gone from /sys/class/net and from the outer /proc/net/dev.
    expect(sh(m, 'ls /sys/class/net')).toBe('lo\nvpair0\n');
  });

  it('skb->ip_summed from the driver: a spoiled ICMP checksum is dropped, unless the driver marks the frame CHECKSUM_UNNECESSARY', () => {
    const ping = (): string => sh(m, 'ping -c 1 -W 1 10.7.0.2 | grep -o "[0-9]* received"');
    expect(sh(m, 'cat /sys/module/vpair/parameters/rx_csum /sys/module/vpair/parameters/bad_csum')).toBe('N\nN\n');
    sh(m, 'echo 1 > /sys/module/vpair/parameters/bad_csum');
    expect(ping()).toBe('0 received\n');
    // icmp_rcv skips the checksum of a frame the device vouched for (skb_checksum_simple_validate).
    sh(m, 'echo 1 > /sys/module/vpair/parameters/rx_csum');
    expect(ping()).toBe('1 received\n');
    sh(m, 'echo 0 > /sys/module/vpair/parameters/bad_csum; echo 0 > /sys/module/vpair/parameters/rx_csum');
    expect(ping()).toBe('1 received\n');
  });

  it('a frame sent while the peer is down is dropped and counted by the driver', () => {
    sh(m, 'ip netns exec blue ip link set vpair1 down');
    expect(sh(m, 'cat /sys/class/net/vpair0/operstate /sys/class/net/vpair0/carrier')).toBe('down\n0\n');
    expect(sh(m, 'ping -c 1 -W 1 10.7.0.2 >/dev/null; echo status=$?')).toBe('status=1\n');
    expect(Number(sh(m, 'cat /sys/class/net/vpair0/statistics/tx_dropped'))).toBeGreaterThan(0);
  });

  it('ndo_set_mac_address (eth_mac_addr, a kernel function in the ops) takes a new address only while the device is down; the MTU is bounded by max_mtu', () => {
    sh(m, 'ip link set vpair0 down');
    expect(sh(m, 'ip link set vpair0 address 02:11:22:33:44:55; echo rc=$?; cd /sys/class/net/vpair0; cat address addr_assign_type'))
      .toBe('rc=0\n02:11:22:33:44:55\n3\n');
    sh(m, 'ip link set vpair0 up');
    expect(sh(m, 'ip link set vpair0 address 02:11:22:33:44:66 2>&1; echo rc=$?')).toBe('ip: RTNETLINK answers: Device or resource busy\nrc=2\n');
    expect(sh(m, 'ip link set vpair0 mtu 9000 2>&1; ip link set vpair0 mtu 1400; cat /sys/class/net/vpair0/mtu'))
      .toBe('ip: RTNETLINK answers: Invalid argument\n1400\n');
  });

  it('rmmod unregisters both ends, the one inside the namespace too, and frees them without leaks', () => {
    expect(sh(m, 'rmmod vpair; echo rc=$?; ls /sys/class/net; ip netns exec blue ip link')).toBe(
      'rc=0\nlo\n1: lo: <LOOPBACK> mtu 65536 qdisc noop qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n');
    expect(sh(m, 'cat /proc/net/dev | grep -c vpair')).toBe('0\n');
    expect(dmesg(m).filter((l) => /leak|BUG|Oops|WARNING/.test(l))).toEqual([]);
  });
});
