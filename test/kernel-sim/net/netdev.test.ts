// struct net_device: lo in every namespace, /sys/class/net/lo and its attributes, /proc/net/dev.
import { describe, it, expect } from 'vitest';
import { boot } from '../core/harness.ts';

describe('net devices', () => {
  const m = boot();
  it('lo is registered at boot under /sys/devices/virtual/net with its class link', () => {
    expect(m.runCommand('ls /sys/class/net').output.trim()).toBe('lo');
    expect(m.runCommand('readlink /sys/class/net/lo').output.trim()).toBe('../../devices/virtual/net/lo');
    const r = m.runCommand('cd /sys/class/net/lo && for f in address broadcast addr_len mtu flags operstate ifindex iflink type tx_queue_len statistics/rx_packets; do echo "$f=$(cat $f)"; done');
    expect(r.output.trim().split('\n')).toEqual([
      'address=00:00:00:00:00:00', 'broadcast=00:00:00:00:00:00', 'addr_len=6', 'mtu=65536', 'flags=0x8', 'operstate=down',
      'ifindex=1', 'iflink=1', 'type=772', 'tx_queue_len=1000', 'statistics/rx_packets=0',
    ]);
  });

  it('/proc/net/dev has the header and a line for lo', () => {
    const out = m.runCommand('cat /proc/net/dev').output;
    expect(out).toBe(
      'Inter-|   Receive                                                |  Transmit\n' +
      ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n' +
      '    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n');
  });

  it('writing flags brings lo up: operstate unknown, carrier 1', () => {
    const r = m.runCommand('echo 0x9 > /sys/class/net/lo/flags; cat /sys/class/net/lo/flags /sys/class/net/lo/operstate /sys/class/net/lo/carrier');
    expect(r.output.trim().split('\n')).toEqual(['0x9', 'unknown', '1']);
  });
});
