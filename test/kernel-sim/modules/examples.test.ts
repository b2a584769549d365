// The procfs and sysfs fixture drivers as loaded modules: proc_ops and seq_file in C, a kobject with attributes under /sys/kernel.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh, dmesg } from './helpers.ts';

let procfs: Uint8Array;
let sysfs: Uint8Array;
beforeAll(async () => {
  procfs = await driver('procfs');
  sysfs = await driver('sysfs');
}, 180_000);

describe('procfs_demo.ko', () => {
  it('/proc/kwb_counter reads and writes through proc_ops; /proc/kwb_seq iterates a seq_file; both go at rmmod', () => {
    const m = machine({ '/root/procfs_demo.ko': procfs });
    expect(sh(m, 'insmod /root/procfs_demo.ko; cat /proc/kwb_counter; echo 42 > /proc/kwb_counter; cat /proc/kwb_counter')).toBe('0\n42\n');
    expect(sh(m, 'cat /proc/kwb_seq')).toBe([0, 1, 2, 3, 4].map((i) => `line ${i}: counter=42\n`).join(''));
    expect(sh(m, 'stat -c "%A %n" /proc/kwb_counter /proc/kwb_seq')).toBe('-rw-r--r-- /proc/kwb_counter\n-r--r--r-- /proc/kwb_seq\n');
    expect(sh(m, 'echo nope > /proc/kwb_counter; echo rc=$?; cat /proc/kwb_counter')).toMatch(/rc=1\n42\n$/);
    expect(sh(m, 'rmmod procfs_demo; echo rc=$?; ls /proc/kwb_seq 2>&1 | head -c 3')).toBe('rc=0\nls:');
    const log = dmesg(m);
    expect(log).toContain('/proc/kwb_counter and /proc/kwb_seq removed');
    expect(log.some((l) => l.includes('kmemleak') || l.includes('still held'))).toBe(false);
  });
});

describe('sysfs_demo.ko', () => {
  it('/sys/kernel/kwb_demo/{myvariable,hits} with their modes; store parses with kstrtoint', () => {
    const m = machine({ '/root/sysfs_demo.ko': sysfs });
    sh(m, 'insmod /root/sysfs_demo.ko');
    expect(sh(m, 'stat -c "%A %n" /sys/kernel/kwb_demo/*')).toBe('-r--r--r-- /sys/kernel/kwb_demo/hits\n-rw-rw---- /sys/kernel/kwb_demo/myvariable\n');
    expect(sh(m, 'cat /sys/kernel/kwb_demo/myvariable; echo 17 > /sys/kernel/kwb_demo/myvariable; cat /sys/kernel/kwb_demo/myvariable /sys/kernel/kwb_demo/hits')).toBe('0\n17\n2\n');
    expect(sh(m, 'echo x > /sys/kernel/kwb_demo/myvariable; echo rc=$?; cat /sys/kernel/kwb_demo/myvariable')).toMatch(/rc=1\n17\n$/);
    expect(sh(m, 'rmmod sysfs_demo; echo rc=$?; ls /sys/kernel/kwb_demo 2>&1 | head -c 3')).toBe('rc=0\nls:');
    expect(dmesg(m)).toContain('sysfs_demo: /sys/kernel/kwb_demo removed');
  });
});
