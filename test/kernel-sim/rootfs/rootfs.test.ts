// The root device: romfs images (mkromfs), the brd RAM disk /dev/ram0, root= booting through prepare_namespace, and switch_root.
import { describe, it, expect } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { boot, run } from '../core/harness.ts';
import { BLKGETSIZE64 } from '../../../kernel-sim/block/fops.ts';
import { mkromfs } from '../../../kernel-sim/fs/romfs/mkromfs.ts';
import { romfs_checksum, romfs_dentry_size } from '../../../kernel-sim/fs/romfs/romfs_fs.ts';
import { default_initramfs } from '../../../kernel-sim/user/initramfs.ts';

const enc = new TextEncoder();
const be32 = (b: Uint8Array, o: number): number => new DataView(b.buffer, b.byteOffset).getUint32(o, false);
const consoleOf = (m: Machine): string => m.consoleLog();

describe('mkromfs', () => {
  const img = mkromfs([
    { path: '/etc', mode: 0o040755 },
    { path: '/etc/hostname', mode: 0o100644, data: enc.encode('kwb\n') },
    { path: '/bin/tool', mode: 0o100755, data: enc.encode('x'.repeat(40)) },
    { path: '/bin/link', mode: 0o120777, link: '/bin/tool' },
    { path: '/dev/console', mode: 0o020600, rdev: (5 << 20) | 1 },
  ], 'vol');

  it('writes the -rom1fs- superblock with its size and a zero-sum checksum over the first 512 bytes', () => {
    expect(new TextDecoder().decode(img.subarray(0, 8))).toBe('-rom1fs-');
    expect(be32(img, 8)).toBe(img.length);
    expect(img.length % 1024).toBe(0);
    expect(romfs_checksum(img, 0, 512)).toBe(0);
    expect(new TextDecoder().decode(img.subarray(16, 19))).toBe('vol');
  });

  it('the root list starts with "." (a directory pointing at itself) and "..", each header checksummed', () => {
    const first = romfs_dentry_size(3);
    expect(be32(img, first) & 7).toBe(1);
    expect(be32(img, first + 4)).toBe(first);
    expect(romfs_checksum(img, first, romfs_dentry_size(1))).toBe(0);
    const second = be32(img, first) & ~15;
    expect(be32(img, second) & 7).toBe(0); // ".." is a hard link
    expect(new TextDecoder().decode(img.subarray(second + 16, second + 18))).toBe('..');
  });

  it('the default root tree fits in brd\'s 4 MiB disk', () => {
    expect(mkromfs(default_initramfs()).length).toBeLessThan(4096 * 1024);
  });
});

describe('/dev/ram0 and romfs', () => {
  const m = boot();

  it('registers block major 1 "ramdisk" and /dev/ram0 as a block device 1:0', () => {
    const r = m.runCommand('cat /proc/devices; ls -l /dev/ram0; cat /proc/filesystems | grep romfs');
    expect(r.output).toMatch(/Block devices:\n {2}1 ramdisk\n/);
    expect(r.output).toMatch(/^brw-rw---- +1 root +disk +1, +0 .* \/dev\/ram0$/m);
    expect(r.output).toContain('\tromfs\n');
    expect(r.output).not.toContain('nodev\tromfs');
  });

  it('dd and hexdump show the romfs superblock at the start of the disk', () => {
    const r = m.runCommand('dd if=/dev/ram0 bs=16 count=1 2>/dev/null | hexdump -C');
    expect(r.output).toContain('|-rom1fs-');
    expect(r.output.startsWith('00000000  2d 72 6f 6d 31 66 73 2d')).toBe(true);
  });

  it('mount -t romfs gives a read-only tree holding the full userspace, and writes fail with EROFS', () => {
    const r = m.runCommand('mount -t romfs /dev/ram0 /mnt && grep romfs /proc/mounts; cat /mnt/etc/hostname; /mnt/bin/uname -s; readlink /mnt/bin/ash; touch /mnt/x; echo rc=$?');
    expect(r.output).toContain('/dev/ram0 /mnt romfs ro,relatime 0 0');
    expect(r.output).toContain('kwb\n');
    expect(r.output).toContain('Linux\n');
    expect(r.output).toContain('/bin/sh\n');
    expect(r.output).toContain("touch: cannot touch '/mnt/x': Read-only file system");
    expect(r.output).toContain('rc=1');
  });

  it('BLKGETSIZE64 reports the 4 MiB disk; pread at an offset reads the image; an unknown ioctl is ENOTTY', () => {
    const r = run(m, function* (c) {
      const fd = yield* c.open('/dev/ram0');
      const buf = c.alloc(16);
      const rc = yield* c.syscall('ioctl', fd, BLKGETSIZE64, buf);
      const size = new DataView(c.get(buf, 8).buffer).getBigUint64(0, true);
      const n = yield* c.syscall('pread64', fd, buf, 8, 16);
      const vol = new TextDecoder().decode(c.get(buf, 8));
      const bad = yield* c.syscall('ioctl', fd, 0x5401, buf);
      yield* c.write(1, `${rc} ${size} ${n} ${vol} ${bad}\n`);
      return 0;
    });
    expect(r.output).toBe('0 4194304 8 rom ram0 -25\n');
  });

  it('mounting a non-block file or a disk without romfs fails', () => {
    const r = m.runCommand('mount -t romfs /etc/hostname /tmp; echo rc=$?; dd if=/dev/zero of=/dev/ram0 bs=16 count=1 2>/dev/null; mkdir -p /tmp/m; mount -t romfs /dev/ram0 /tmp/m; echo rc=$?');
    expect(r.output).toContain('is not a block device');
    expect(r.output.match(/rc=32/g)?.length).toBe(2);
  });
});

describe('root= booting', () => {
  it('rdinit=/nosuch root=/dev/ram0 mounts the romfs root and reaches a shell', () => {
    const m = boot({ cmdline: 'console=ttyS0 rdinit=/nosuch root=/dev/ram0' });
    expect(m.info().state).toBe('running');
    expect(consoleOf(m)).toContain('VFS: Mounted root (romfs filesystem) readonly on device 1:0.');
    expect(consoleOf(m)).toContain('Run /sbin/init as init process');
    const r = m.runCommand('head -1 /proc/mounts; cat /etc/hostname; dmesg | grep "Mounted root"');
    expect(r.output.split('\n')[0]).toBe('/dev/root / romfs ro,relatime 0 0');
    expect(r.output).toContain('kwb\n');
    expect(r.output).toMatch(/\] VFS: Mounted root \(romfs filesystem\) readonly on device 1:0\./);
  });

  it('root=/dev/nosuch panics with Linux\'s messages', () => {
    const m = boot({ cmdline: 'console=ttyS0 rdinit=/nosuch root=/dev/nosuch' });
    expect(m.info().state).toBe('panicked');
    expect(consoleOf(m)).toContain('VFS: Cannot open root device "nosuch" or unknown-block(0,0): error -6');
    expect(consoleOf(m)).toContain('Please append a correct "root=" boot option; here are the available partitions:');
    expect(consoleOf(m)).toMatch(/0100 {7}4096 ram0 {2}\(driver\?\)/);
    expect(consoleOf(m)).toContain('Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)');
  });

  it('the default boot (initramfs /init) does not touch the root device', () => {
    const m = boot();
    expect(consoleOf(m)).not.toContain('VFS: Mounted root');
    expect(m.runCommand('head -1 /proc/mounts').output).toMatch(/^rootfs \/ rootfs rw/);
  });
});

describe('switch_root', () => {
  it('from an rdinit=/bin/sh shell: mount the romfs and exec switch_root into its /sbin/init', () => {
    const m = boot({ cmdline: 'console=ttyS0 rdinit=/bin/sh' });
    m.ttyInput('ttyS0', 'mount -t devtmpfs devtmpfs /dev && mount -t romfs /dev/ram0 /mnt && exec switch_root /mnt /sbin/init\n');
    m.runFor(2_000_000_000);
    const r = m.runCommand('head -1 /proc/mounts; ls -l /proc/1/exe; grep -c rootfs /proc/mounts');
    expect(r.output.split('\n')[0]).toBe('/dev/ram0 / romfs ro,relatime 0 0');
    expect(r.output).toContain('-> /sbin/init');
    expect(r.output).toContain('\n0\n');
  });

  it('refuses when not PID 1', () => {
    const m = boot();
    const r = m.runCommand('switch_root /mnt /sbin/init; echo rc=$?');
    expect(r.output).toContain('switch_root: PID must be 1');
    expect(r.output).toContain('rc=1');
  });
});
