// struct net_device: lo in every namespace, /sys/class/net/lo and its attributes, /proc/net/dev.
import { describe, it, expect } from 'vitest';
import { boot, run } from '../core/harness.ts';

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

  it('a socket is a sockfs inode: fstat says S_IFSOCK, /proc/self/fd names it socket:[ino], path calls through it fail with ENOTDIR', () => {
    const r = run(m, function* (c) {
      const fd = yield* c.syscall('socket', 2, 2, 0);
      const st = yield* c.fstat(fd);
      const link = yield* c.readlink(`/proc/self/fd/${fd}`);
      const dir = yield* c.scratch(function* () { return yield* c.syscall('openat', fd, c.cstr('x'), 0, 0); });
      yield* c.write(1, `${typeof st === 'number' ? st : (st.mode & 0o170000).toString(8)} ${String(link)} ${dir}\n`);
      return 0;
    });
    expect(r.output).toMatch(/^140000 socket:\[\d+\] -20\n$/);
    expect(m.runCommand('grep sockfs /proc/filesystems').output).toBe('nodev\tsockfs\n');
  });
});
