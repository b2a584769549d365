// kwb_kapi2.ko: debugfs files under a mounted /sys/kernel/debug, %p hashing and its extensions, sscanf, a parameter
// over param_set_int, port and memory regions, ioremap, a module-registered platform device, kthread_complete_and_exit.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh, dmesg } from './helpers.ts';

let ko: Uint8Array;
beforeAll(async () => { ko = await driver('kapi2'); }, 180_000);

describe('kwb_kapi2.ko', () => {
  it('loads and prints what Linux prints for sscanf and the %p family', () => {
    const m = machine({ '/root/kwb_kapi2.ko': ko });
    expect(sh(m, 'insmod /root/kwb_kapi2.ko; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m).filter((l) => l.startsWith('kwb_kapi2: '));
    expect(log).toContain('kwb_kapi2: sscanf 4: 12 -5 255 name');
    expect(log).toContain('kwb_kapi2: %pI4 10.0.2.15 %pM 52:54:00:12:34:56 %*ph 52 54 00 %pe -ENOMEM');
    expect(log.find((l) => l.includes('%pS'))).toMatch(/^kwb_kapi2: %pS kapi2_init\+0x0\/0x[0-9a-f]+ \[kwb_kapi2\]$/);
    // ptr_to_id: 32 bits of hash, zero-padded to 16 digits; %pK is hashed the same with kptr_restrict=0.
    const p = /%p ([0-9a-f]+) %pK ([0-9a-f]+) same 1$/.exec(log.find((l) => l.includes('%pK'))!)!;
    expect(p[1]).toMatch(/^00000000[0-9a-f]{8}$/);
    expect(p[2]).toBe(p[1]);
    expect(log).toContain('kwb_kapi2: thread finisher runs');
    expect(log).toContain('kwb_kapi2: ports claimed, inb 0xff');
    expect(log).toContain('kwb_kapi2: ioremap mapped');
    expect(sh(m, 'grep kwb_kapi2 /proc/ioports')).toBe('02e0-02e7 : kwb_kapi2\n');
    expect(sh(m, 'ls /sys/bus/platform/devices/ | grep kwb-kapi2')).toBe('kwb-kapi2\n');
  });

  it('debugfs: files exist before the mount, read and write as Linux formats them, and go at rmmod', () => {
    const m = machine({ '/root/kwb_kapi2.ko': ko });
    sh(m, 'insmod /root/kwb_kapi2.ko');
    expect(sh(m, 'grep debugfs /proc/filesystems')).toBe('nodev\tdebugfs\n');
    expect(sh(m, 'mount -t debugfs none /sys/kernel/debug; echo rc=$?; grep debugfs /proc/mounts')).toBe('rc=0\nnone /sys/kernel/debug debugfs rw,relatime 0 0\n');
    const d = '/sys/kernel/debug/kwb_kapi2';
    expect(sh(m, `ls ${d}`)).toBe('blob\ncounter\nenabled\nflags\nhello\nsmall\n');
    expect(sh(m, `cat ${d}/small ${d}/counter ${d}/flags ${d}/enabled ${d}/blob; echo; cat ${d}/hello`)).toBe('7\n42\n0x0000beef\nY\nblob!\nhello from fops\n');
    expect(sh(m, `echo 0x10 > ${d}/counter; echo n > ${d}/enabled; cat ${d}/counter ${d}/enabled`)).toBe('16\nN\n');
    expect(sh(m, `echo 1 > ${d}/flags; echo rc=$?`)).toMatch(/rc=1\n$/);
    expect(sh(m, `stat -c "%A %n" ${d}/flags ${d}/blob ${d}/counter`)).toBe(`-r--r--r-- ${d}/flags\n-r--r--r-- ${d}/blob\n-rw-r--r-- ${d}/counter\n`);
    expect(sh(m, 'echo 9 > /sys/module/kwb_kapi2/parameters/level; cat /sys/module/kwb_kapi2/parameters/level')).toBe('9\n');
    expect(dmesg(m)).toContain('kwb_kapi2: level now 9');
    expect(sh(m, 'rmmod kwb_kapi2; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toContain('kwb_kapi2: counter 16, enabled 0');
    expect(sh(m, `ls ${d} 2>&1 | head -c 3; grep -c kwb_kapi2 /proc/ioports; ls /sys/bus/platform/devices | grep -c kwb-kapi2`)).toBe('ls:0\n0\n');
    expect(dmesg(m).some((l) => l.includes('still held') || l.includes('kmemleak'))).toBe(false);
  });
});
