// The default machine's root: ext2 on vda1 (kwb,image = "rootfs"), mounted by the initramfs's /init from root=/dev/vda1 rw rootfstype=ext2 and switched into; files written and synced survive a reboot; the filesystem checks clean after hundreds of writes, deletes and renames.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { dmesg } from '../core/harness.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

describe('the default machine boots from ext2 on vda1', () => {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();

  it('vda1 is the root, read-write, with the root tree in it; init runs from it', () => {
    const r = m.runCommand('head -1 /proc/mounts; cat /proc/cmdline; ls -l /proc/1/exe; cat /etc/hostname; ls -d /lost+found; grep vda /proc/partitions');
    expect(r.output).toMatch(/^\/dev\/vda1 \/ ext2 rw,relatime 0 0\n/);
    expect(r.output).toContain('root=/dev/vda1 rw rootfstype=ext2');
    expect(r.output).toContain('-> /sbin/init');
    expect(r.output).toContain('kwb\n/lost+found\n');
    expect(r.output).toMatch(/ 254 +1 +1047552 vda1/);
    expect(dmesg(m)).toContain(' vda: vda1');
  });

  it('a file written and synced is there after `reboot`, and so is a directory made before it', () => {
    m.runCommand('mkdir -p /home/user && echo "survives reboot" > /home/user/note && sync && reboot');
    m.runFor(1_000_000_000);
    expect(m.info().state).toBe('running');
    const r2 = m.runCommand('cat /home/user/note; head -1 /proc/mounts');
    expect(r2.output).toBe('survives reboot\n/dev/vda1 / ext2 rw,relatime 0 0\n');
  });

  it('hundreds of files written, deleted and renamed on the root; remounted read-only, e2fsck -fn finds it clean', () => {
    const r = m.runCommand([
      'mkdir /var/t /var/t/a /var/t/b',
      'for i in $(seq 1 300); do echo "data $i" > /var/t/a/f$i; done',
      'for i in $(seq 1 150); do mv /var/t/a/f$i /var/t/b/g$i; done',
      'for i in $(seq 151 250); do rm /var/t/a/f$i; done',
      'for i in $(seq 1 50); do rm /var/t/b/g$i; done',
      'dd if=/dev/zero of=/var/t/big bs=4k count=300 2>/dev/null; rm /var/t/big; dd if=/dev/zero of=/var/t/big2 bs=4k count=40 2>/dev/null',
      'mv /var/t/b /var/t/a/b2', 'cat /var/t/a/b2/g99 /var/t/a/f300', 'ls /var/t/a | wc -l', 'ls /var/t/a/b2 | wc -l',
      'sync', 'mount -o remount,ro /', 'e2fsck -fn /dev/vda1; echo fsck=$?', 'mount -o remount,rw /',
    ].join('\n'));
    expect(r.output).toContain('data 99\ndata 300\n');
    expect(r.output).toMatch(/^51\n100\n/m);
    expect(r.output).toContain('Pass 5: Checking group summary information\n');
    expect(r.output).not.toContain('Fix?');
    expect(r.output).toMatch(/\/dev\/vda1: \d+\/\d+ files \(\d+\.\d% non-contiguous\), \d+\/\d+ blocks\nfsck=0/);
  });

  it('a second machine from the same config starts from the pristine image, not from the first one\'s writes', () => {
    const other = new Machine({ dts, dtsName: 'default.dts' });
    other.boot();
    expect(other.runCommand('cat /home/user/note 2>&1; head -1 /proc/mounts').output).toBe('cat: /home/user/note: No such file or directory\n/dev/vda1 / ext2 rw,relatime 0 0\n');
  });

  it('without root= the initramfs stays the root (the boot lab\'s starting point)', () => {
    const plain = new Machine({ dts, dtsName: 'default.dts', cmdline: 'console=ttyS0' });
    plain.boot();
    expect(plain.runCommand('head -1 /proc/mounts').output).toMatch(/^rootfs \/ rootfs /);
  });
});
