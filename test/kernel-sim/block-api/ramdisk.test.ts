// The C block-driver API (test/fixtures/drivers/ramdisk, a blk-mq RAM disk that real kbuild builds too): built with the
// workbench, loaded, its disk registered under its own major, formatted with mkfs.ext2, mounted, a file written and read
// back through the page cache and the driver's queue_rq, fsck clean, HDIO_GETGEO from its getgeo, and rmmod.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, program, sh } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  const ko = await driver('ramdisk');
  const rdgeo = await program('test/fixtures/user/rdgeo.c');
  m = machine({ '/root/kwb_ramdisk.ko': ko });
  m.putFile('/root/rdgeo', rdgeo, 0o755);
}, 300_000);

describe('kwb_ramdisk.ko', () => {
  it('loads: a block major in /proc/devices, kwbram0 in /sys/block and /proc/partitions with the capacity set_capacity gave', () => {
    expect(sh(m, 'insmod /root/kwb_ramdisk.ko; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'dmesg | grep kwb_ramdisk')).toMatch(/kwb_ramdisk: kwbram0: 4096 KiB, major (\d+)\n$/);
    const major = /major (\d+)/.exec(sh(m, 'dmesg | grep kwb_ramdisk'))![1];
    expect(sh(m, 'sed -n "/^Block devices:/,\\$p" /proc/devices | grep kwbram')).toBe(`${major.padStart(3)} kwbram\n`);
    expect(sh(m, 'grep kwbram /proc/partitions')).toBe(`${major.padStart(4)}        0       4096 kwbram0\n`);
    expect(sh(m, 'cat /sys/block/kwbram0/size /sys/block/kwbram0/queue/logical_block_size /sys/block/kwbram0/queue/physical_block_size /sys/block/kwbram0/queue/max_hw_sectors_kb /sys/block/kwbram0/queue/rotational /sys/block/kwbram0/range'))
      .toBe('8192\n512\n4096\n128\n0\n16\n');
    expect(sh(m, 'ls -l /dev/kwbram0 | cut -c1-1')).toBe('b\n');
  });

  it('formats with mkfs.ext2, mounts, and a file written, synced, dropped from the cache and read back goes through queue_rq', () => {
    expect(sh(m, 'mkfs.ext2 -q /dev/kwbram0; echo rc=$?')).toMatch(/rc=0\n$/);
    expect(sh(m, 'mkdir -p /mnt/rd; mount -t ext2 /dev/kwbram0 /mnt/rd; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'grep kwbram0 /proc/mounts')).toBe('/dev/kwbram0 /mnt/rd ext2 rw,relatime 0 0\n');
    sh(m, 'i=0; while [ $i -lt 40 ]; do echo "line $i of the ramdisk test" >> /mnt/rd/file.txt; i=$((i+1)); done; sync');
    const before = sh(m, 'cat /sys/block/kwbram0/stat');
    sh(m, 'echo 3 > /proc/sys/vm/drop_caches');
    expect(sh(m, 'wc -l < /mnt/rd/file.txt; sed -n 30p /mnt/rd/file.txt')).toBe('40\nline 29 of the ramdisk test\n');
    const reads = (s: string) => Number(s.trim().split(/\s+/)[0]);
    expect(reads(sh(m, 'cat /sys/block/kwbram0/stat'))).toBeGreaterThan(reads(before));
  });

  it('unmounts clean: fsck finds the filesystem the driver stored consistent', () => {
    expect(sh(m, 'umount /mnt/rd; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'fsck.ext2 -n /dev/kwbram0; echo rc=$?')).toMatch(/rc=0\n$/);
  });

  it('HDIO_GETGEO reaches the driver\'s getgeo, a private ioctl its ioctl; open and release run on the first open and last close', () => {
    expect(sh(m, '/root/rdgeo /dev/kwbram0')).toMatch(/^heads 4 sectors 16 cylinders 128 start 0\nopens (\d+)\n$/);
    const opens = Number(/opens (\d+)/.exec(sh(m, '/root/rdgeo /dev/kwbram0'))![1]);
    expect(sh(m, '/root/rdgeo /dev/kwbram0 | tail -1')).toBe(`opens ${opens + 1}\n`);
    expect(sh(m, 'dmesg | tail -1')).toMatch(new RegExp(`kwb_ramdisk: kwbram0 released after ${opens + 1} opens\n$`));
    expect(sh(m, '/root/rdgeo /dev/null')).toBe('HDIO_GETGEO: Inappropriate ioctl for device\nRAMDISK_GET_OPENS: Inappropriate ioctl for device\n');
  });

  it('rmmod: del_gendisk takes the disk away, the major is released', () => {
    expect(sh(m, 'rmmod kwb_ramdisk; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'ls /sys/block | grep -c kwbram; grep -c kwbram /proc/partitions /proc/devices')).toBe('0\n/proc/partitions:0\n/proc/devices:0\n');
    expect(sh(m, 'dmesg | tail -1')).toMatch(/kwb_ramdisk: unloaded\n$/);
    expect(sh(m, 'dmesg | grep -c -e unreferenced -e leak -e BUG')).toBe('0\n');
  });
});
