// The default machine's NIC: virtio-net-pci at 00:06.0 bound by virtio_net as eth0 (sysfs, ip link, /proc/interrupts), a ping to the user-mode network's gateway through the rx/tx virtqueues and their NAPI polls, unbind and rebind.
import { describe, it, expect } from 'vitest';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { boot_default as boot } from './helpers.ts';

const sh = (m: Machine, cmd: string): string => m.runCommand(cmd).output;

/** The CPU0 + CPU1 count of the /proc/interrupts row named `name`. */
function irq_count(m: Machine, name: string): number {
  const row = sh(m, 'cat /proc/interrupts').split('\n').find((l) => l.endsWith(` ${name}`));
  if (!row) throw new Error(`no interrupt ${name}`);
  const f = row.trim().split(/\s+/);
  return Number(f[1]) + Number(f[2]);
}

/** The numbers of `dev`'s /proc/net/dev line. */
const devline = (m: Machine, dev: string): number[] =>
  sh(m, 'cat /proc/net/dev').split('\n').find((l) => l.trimStart().startsWith(`${dev}:`))!.split(':')[1]!.trim().split(/\s+/).map(Number);

describe('virtio_net on the default machine', () => {
  it('binds the virtio-net function as eth0 under virtio1, with QEMU\'s MAC, down, and its three MSI-X interrupts', () => {
    const m = boot();
    expect(sh(m, 'lspci -nn -s 00:06.0')).toBe('00:06.0 Ethernet controller [0200]: Red Hat, Inc. Virtio network device [1af4:1000]\n');
    expect(sh(m, 'readlink /sys/class/net/eth0; readlink /sys/class/net/eth0/device; ls /sys/bus/virtio/drivers/virtio_net')).toBe(
      '../../devices/pci0000:00/0000:00:06.0/virtio1/net/eth0\n../../../virtio1\nbind\nuevent\nunbind\nvirtio1\n');
    expect(sh(m, 'cd /sys/class/net/eth0; cat address addr_assign_type operstate carrier_changes mtu type tx_queue_len')).toBe('52:54:00:12:34:56\n0\ndown\n2\n1500\n1\n1000\n');
    expect(sh(m, 'ip link show eth0')).toBe(
      '2: eth0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop qlen 1000\n    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff\n');
    // vp_find_vqs_msix: the config vector, then one per queue named by the driver; the disks behind the bridge are virtio2.
    const rows = sh(m, 'grep virtio /proc/interrupts').split('\n').map((l) => l.replace(/^\s*(\d+):.*PCI-MSI (\d+)-edge\s+(\S+)$/, '$1 $2 $3'));
    expect(rows.filter((r) => r.includes('virtio1'))).toEqual(['30 98304 virtio1-config', '31 98305 virtio1-input.0', '32 98306 virtio1-output.0']);
    expect(rows.some((r) => r.endsWith('virtio2-req.0'))).toBe(true);
  });

  it('ping 10.0.2.2 by hand: 3 replies from slirp\'s gateway (TTL 255), both queue interrupts counted, bytes in /proc/net/dev', () => {
    const m = boot();
    expect([irq_count(m, 'virtio1-input.0'), irq_count(m, 'virtio1-output.0')]).toEqual([0, 0]);
    const out = sh(m, 'ip link set eth0 up; ip addr add 10.0.2.15/24 dev eth0; ping -c 3 10.0.2.2').split('\n');
    expect(out.filter((l) => /^64 bytes from 10\.0\.2\.2: icmp_seq=\d ttl=255 time=/.test(l))).toHaveLength(3);
    expect(out).toContain('3 packets transmitted, 3 received, 0% packet loss, time 2000ms');
    // An ARP reply and three echo replies came in; the ARP request and three echo requests went out, each completion signalled.
    expect([irq_count(m, 'virtio1-input.0'), irq_count(m, 'virtio1-output.0')]).toEqual([4, 4]);
    // rx: slirp's 64-byte ARP reply + 3 x 98; tx: a 42-byte ARP request + 3 x 98 (no header bytes counted).
    const d = devline(m, 'eth0');
    expect([d[0], d[1], d[8], d[9]]).toEqual([358, 4, 336, 4]);
    expect(sh(m, 'grep 10.0.2.2 /proc/net/arp')).toMatch(/^10\.0\.2\.2 +0x1 +0x2 +52:55:0a:00:02:02 +\* +eth0\n$/);
    expect(sh(m, 'cat /sys/class/net/eth0/operstate; ip link show eth0 | head -1')).toBe('up\n2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000\n');
  });

  it('slirp answers its DNS address too and nothing else; down and up keep the device working', () => {
    const m = boot();
    sh(m, 'ip link set eth0 up; ip addr add 10.0.2.15/24 dev eth0');
    expect(sh(m, 'ping -c 1 10.0.2.3')).toContain('1 packets transmitted, 1 received');
    expect(sh(m, 'ping -c 1 -W 1 10.0.2.9')).toContain('1 packets transmitted, 0 received, 100% packet loss');
    expect(sh(m, 'ip link set eth0 down; ip link set eth0 up; ping -c 2 10.0.2.2')).toContain('2 packets transmitted, 2 received');
  });

  it('unbind removes eth0 and frees its vectors; bind brings it back as a new interface that still pings', () => {
    const m = boot();
    sh(m, 'ip link set eth0 up; ip addr add 10.0.2.15/24 dev eth0; ping -c 1 10.0.2.2');
    expect(sh(m, 'echo virtio1 > /sys/bus/virtio/drivers/virtio_net/unbind; ls /sys/class/net; grep -c virtio1 /proc/interrupts')).toBe('lo\n0\n');
    expect(sh(m, 'dmesg | grep -c -E "WARNING|DMA-API"')).toBe('0\n');
    const out = sh(m, 'echo virtio1 > /sys/bus/virtio/drivers/virtio_net/bind; ip link show eth0 | head -1; ip link set eth0 up; ip addr add 10.0.2.15/24 dev eth0; ping -c 1 10.0.2.2');
    expect(out).toMatch(/^3: eth0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop qlen 1000\n/);
    expect(out).toContain('1 packets transmitted, 1 received');
  });
});
