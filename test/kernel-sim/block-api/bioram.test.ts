// A bio-based C block driver (test/fixtures/drivers/bioramdisk, like brd; real kbuild builds it too): blk_alloc_disk gives a
// disk without blk-mq (no mq/ in sysfs), the block layer hands every bio to the driver's submit_bio, which walks it with
// bio_for_each_segment and ends it with bio_endio; data written through the disk reads back, an ext2 on it mounts and
// keeps a file, and rmmod reports the bios it took.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, machine, sh } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(async () => {
  m = machine({ '/root/kwb_bioram.ko': await driver('bioramdisk') });
}, 300_000);

describe('kwb_bioram.ko', () => {
  it('loads: kwbbio0 with its capacity, a queue but no blk-mq directory (bio-based), its major in /proc/devices', () => {
    expect(sh(m, 'insmod /root/kwb_bioram.ko; echo rc=$?')).toBe('rc=0\n');
    expect(sh(m, 'dmesg | grep kwb_bioram')).toMatch(/kwb_bioram: kwbbio0: 2048 KiB, bio-based\n$/);
    expect(sh(m, 'cat /sys/block/kwbbio0/size /sys/block/kwbbio0/queue/physical_block_size; ls /sys/block/kwbbio0 | grep -c "^mq$"')).toBe('4096\n4096\n0\n');
    expect(sh(m, 'grep kwbbio /proc/devices | cut -c5-')).toBe('kwbbio\n');
  });

  it('what is written through the disk comes back through submit_bio (direct and buffered, several segments per bio)', () => {
    const out = sh(m, 'i=0; while [ $i -lt 64 ]; do echo "block $i of the bio test"; i=$((i+1)); done > /tmp/pat; dd if=/tmp/pat of=/dev/kwbbio0 bs=4k seek=3 conv=notrunc 2>/dev/null; dd if=/dev/kwbbio0 bs=4k skip=3 count=1 iflag=direct 2>/dev/null | head -c 1590 | tail -2');
    expect(out).toBe('block 62 of the bio test\nblock 63 of the bio test\n');
    expect(sh(m, 'dd if=/dev/kwbbio0 bs=64k skip=0 count=1 iflag=direct 2>/dev/null | od -An -c -j 12288 -N 8')).toBe('   b   l   o   c   k       0    \n');
  });

  it('blktrace sees a bio-based disk\'s bios: Q, then C from bio_endio (no G, I or D: there are no requests)', () => {
    const out = sh(m, 'mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null; blktrace -d /dev/kwbbio0 -w 2 -o - | blkparse -i - -q > /tmp/bt & sleep 1; dd if=/dev/kwbbio0 of=/dev/null bs=4k count=1 skip=2 iflag=direct 2>/dev/null; wait; cat /tmp/bt');
    const lines = out.split('\n').filter(Boolean).map((l) => l.slice(42).trim());
    expect(lines).toEqual(['Q   R 16 + 8 [dd]', 'C   R 16 + 8 [0]']);
  });

  it('mkfs.ext2, mount, a file round trip after dropping the caches, fsck clean', () => {
    expect(sh(m, 'mkfs.ext2 -q /dev/kwbbio0; mkdir -p /mnt/b; mount /dev/kwbbio0 /mnt/b; echo rc=$?')).toMatch(/rc=0\n$/);
    sh(m, 'cp /tmp/pat /mnt/b/pat; sync; echo 3 > /proc/sys/vm/drop_caches');
    expect(sh(m, 'wc -l < /mnt/b/pat; sed -n 41p /mnt/b/pat; umount /mnt/b; fsck.ext2 -n /dev/kwbbio0 >/dev/null 2>&1; echo rc=$?')).toBe('64\nblock 40 of the bio test\nrc=0\n');
  });

  it('rmmod: the disk goes, the driver reports the bios and segments it ended, nothing leaks', () => {
    expect(sh(m, 'rmmod kwb_bioram; echo rc=$?; ls /sys/block | grep -c kwbbio')).toBe('rc=0\n0\n');
    const counts = /kwb_bioram: (\d+) bios, (\d+) segments\n$/.exec(sh(m, 'dmesg | grep kwb_bioram | tail -1'));
    expect(Number(counts?.[1])).toBeGreaterThan(10);
    expect(Number(counts?.[2])).toBeGreaterThanOrEqual(Number(counts?.[1]) - 5);
    expect(sh(m, 'dmesg | grep -c -e unreferenced -e leak -e BUG')).toBe('0\n');
  });
});
