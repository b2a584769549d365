// ext2 read-write on /dev/ram0: mkfs + mount, hundreds of files created, written, renamed and deleted, umount and a clean e2fsck; data surviving a remount; the page cache's counters in /proc/meminfo; drop_caches; O_DIRECT; malformed images.
import { describe, it, expect } from 'vitest';
import { boot, run, dmesg } from '../core/harness.ts';
import { O_RDONLY, O_WRONLY, O_CREAT, O_DIRECT } from '../../../kernel-sim/include/uapi/stat.ts';
import { null_init, NULL_IRQ_TIMER } from '../../../kernel-sim/drivers/block/null_blk/main.ts';
import { mkext2_disk } from '../../../kernel-sim/fs/ext2/mkext2.ts';
import { default_initramfs } from '../../../kernel-sim/user/initramfs.ts';

const meminfo = (out: string, field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(out)?.[1] ?? NaN);

describe('ext2 on a RAM disk', () => {
  const m = boot();

  it('is registered as a block-device filesystem and mounts a fresh mkfs.ext2', () => {
    const r = m.runCommand('grep ext2 /proc/filesystems; mkfs.ext2 -q /dev/ram0 && mount -t ext2 /dev/ram0 /mnt && grep /mnt /proc/mounts; ls -a /mnt; stat -f -c "%T %b %f" /mnt');
    expect(r.output).toContain('\text2\n');
    expect(r.output).not.toContain('nodev\text2');
    expect(r.output).toContain('/dev/ram0 /mnt ext2 rw,relatime 0 0');
    expect(r.output).toMatch(/^\.\n\.\.\nlost\+found$/m);
  });

  it('creates, writes, reads, renames and deletes hundreds of files; umount; e2fsck -fn finds it clean', () => {
    const script = [
      'cd /mnt', 'mkdir d1 d2 d1/sub',
      'for i in $(seq 1 300); do echo "file $i" > d1/f$i; done',
      'for i in $(seq 1 100); do mv d1/f$i d2/g$i; done',
      'for i in $(seq 101 200); do rm d1/f$i; done',
      'mv d1/sub d2/sub2', 'ln -s d2/g5 link5', 'ln -s /' + 'x'.repeat(80) + ' longlink',
      'dd if=/dev/zero of=big bs=1k count=600 2>/dev/null',
      'cat d2/g7 d1/f250 link5', 'ls d1 | wc -l', 'ls d2 | wc -l', 'rmdir d2; echo rc=$?',
      'cd /', 'umount /mnt', 'e2fsck -fn /dev/ram0; echo fsck=$?',
    ].join('\n');
    const r = m.runCommand(script);
    expect(r.output).toContain('file 7\nfile 250\nfile 5\n');
    expect(r.output).toMatch(/^100\n101\n/m);
    expect(r.output).toMatch(/rmdir: failed to remove 'd2': Directory not empty\nrc=1/);
    expect(r.output).toContain('Pass 5: Checking group summary information\n');
    expect(r.output).not.toContain('Fix?');
    expect(r.output).toMatch(/\/dev\/ram0: 217\/1024 files \(\d+\.\d% non-contiguous\), \d+\/4096 blocks\nfsck=0/);
  });

  it('a file written and synced survives a remount, as does its directory', () => {
    const r = m.runCommand('mount -t ext2 /dev/ram0 /mnt && echo persistent > /mnt/d1/keep && sync && umount /mnt && mount -t ext2 /dev/ram0 /mnt && cat /mnt/d1/keep /mnt/d2/g99 && wc -c < /mnt/big');
    expect(r.output).toContain('persistent\nfile 99\n614400\n');
  });

  it('read-only, then remount,rw (as init does with the root): writes persist and the filesystem is clean after umount', () => {
    const r = m.runCommand([
      'umount /mnt', 'mount -t ext2 -o ro /dev/ram0 /mnt', 'grep /mnt /proc/mounts', 'touch /mnt/ro; echo rc=$?',
      'e2fsck -n /dev/ram0 | tail -1', 'mount -o remount,rw /mnt', 'grep /mnt /proc/mounts', 'echo rw > /mnt/rw',
      'mount -o remount,ro /mnt', 'e2fsck -n /dev/ram0 | tail -1', 'mount -o remount,rw /mnt', 'cat /mnt/rw',
    ].join('; '));
    expect(r.output).toContain('/dev/ram0 /mnt ext2 ro,relatime 0 0');
    expect(r.output).toContain("touch: cannot touch '/mnt/ro': Read-only file system");
    expect(r.output).toMatch(/^\/dev\/ram0: clean, \d+\/1024 files/m);
    expect(r.output).toContain('/dev/ram0 /mnt ext2 rw,relatime 0 0');
    expect(r.output.match(/\/dev\/ram0: clean/g)?.length).toBe(2);
    expect(r.output).toContain('rw\n');
  });

  it('buffered writes make Dirty and Cached grow; sync brings Dirty back down; drop_caches empties the cache', () => {
    const r = m.runCommand([
      'grep -E "^(Cached|Dirty):" /proc/meminfo',
      'dd if=/dev/zero of=/mnt/dirty bs=4k count=256 2>/dev/null',
      'grep -E "^(Cached|Dirty):" /proc/meminfo', 'sync', 'grep -E "^(Dirty):" /proc/meminfo',
      'echo 3 > /proc/sys/vm/drop_caches', 'grep -E "^(Cached):" /proc/meminfo',
      'cat /mnt/dirty > /dev/null', 'grep -E "^(Cached):" /proc/meminfo',
    ].join('; '));
    const cached = [...r.output.matchAll(/^Cached:\s+(\d+) kB$/gm)].map((x) => Number(x[1]));
    const dirty = [...r.output.matchAll(/^Dirty:\s+(\d+) kB$/gm)].map((x) => Number(x[1]));
    expect(dirty[1] - dirty[0]).toBeGreaterThanOrEqual(1024);
    expect(cached[1] - cached[0]).toBeGreaterThanOrEqual(1024);
    expect(dirty[2]).toBeLessThan(dirty[1] - 1000);
    expect(cached[2]).toBeLessThan(cached[1] - 1000);
    expect(cached[3] - cached[2]).toBeGreaterThanOrEqual(1024);
    expect(dmesg(m).join('\n')).toMatch(/drop_caches: 3/);
  });

  it('the flusher writes dirty pages back after dirty_expire_centisecs of virtual time', () => {
    const r = m.runCommand('echo 100 > /proc/sys/vm/dirty_expire_centisecs; echo 50 > /proc/sys/vm/dirty_writeback_centisecs; dd if=/dev/zero of=/mnt/late bs=4k count=64 2>/dev/null; grep ^Dirty: /proc/meminfo; sleep 3; grep ^Dirty: /proc/meminfo');
    const dirty = [...r.output.matchAll(/^Dirty:\s+(\d+) kB$/gm)].map((x) => Number(x[1]));
    expect(dirty[0]).toBeGreaterThanOrEqual(256);
    expect(dirty[1]).toBe(0);
  });

  it('O_DIRECT reads do not populate the page cache and see what buffered writes put there', () => {
    m.runCommand('echo 3 > /proc/sys/vm/drop_caches');
    const r = run(m, function* (c) {
      const before = meminfo((yield* c.read_text('/proc/meminfo')) as string, 'Cached');
      const fd = yield* c.open('/mnt/big', O_RDONLY | O_DIRECT);
      let total = 0;
      for (;;) { const b = yield* c.read(fd, 65536); if (typeof b === 'number') return 2; if (!b.length) break; total += b.length; }
      const after = meminfo((yield* c.read_text('/mnt/../proc/meminfo')) as string, 'Cached');
      const bad = yield* c.open('/mnt/odd', O_WRONLY | O_CREAT | O_DIRECT, 0o644);
      const w = yield* c.write(bad, 'abc');
      yield* c.write(1, `read=${total} grew=${after - before} unaligned=${w}\n`);
      return 0;
    });
    expect(r.output).toContain('read=614400 grew=0 unaligned=-22');
  });

  it('dd oflag=direct writes straight to the device: the page cache does not grow; a buffered dd makes it grow', () => {
    const r = m.runCommand([
      'echo 1 > /proc/sys/vm/drop_caches', 'grep ^Cached: /proc/meminfo',
      'dd if=/dev/zero of=/mnt/direct bs=4k count=64 oflag=direct 2>&1 | tail -1', 'grep ^Cached: /proc/meminfo',
      'dd if=/dev/zero of=/mnt/buffered bs=4k count=64 2>/dev/null', 'grep ^Cached: /proc/meminfo',
      'wc -c < /mnt/direct', 'dd if=/dev/zero of=/mnt/x oflag=bogus; echo rc=$?',
    ].join('; '));
    const cached = [...r.output.matchAll(/^Cached:\s+(\d+) kB$/gm)].map((x) => Number(x[1]));
    expect(r.output).toContain('262144 bytes (262 kB, 256 KiB) copied');
    expect(cached[1] - cached[0]).toBeLessThan(16);
    expect(cached[2] - cached[1]).toBeGreaterThanOrEqual(256);
    expect(r.output).toMatch(/^262144$/m);
    expect(r.output).toContain("dd: invalid output flag: 'bogus'");
    expect(r.output).toContain('rc=1');
  });
});

describe('ext2 on malformed images', () => {
  const m = boot();

  it('no ext2 magic: mount fails with EINVAL and the driver says so', () => {
    const r = m.runCommand('dd if=/dev/zero of=/dev/ram0 bs=1k count=4 2>/dev/null; mount -t ext2 /dev/ram0 /mnt; echo rc=$?');
    expect(r.output).toMatch(/mount: \/mnt: wrong fs type, bad option, bad superblock on \/dev\/ram0/);
    expect(dmesg(m)).toContain("EXT2-fs (ram0): error: can't find an ext2 filesystem on dev ram0.");
  });

  it('a corrupted directory block: EXT2-fs error in the log, EIO to readdir, never an exception', () => {
    // 4 MiB, 1k blocks, 1024 inodes of 256 bytes: the inode table is blocks 5-260, the root directory's block is 261.
    const r = m.runCommand('mkfs.ext2 -q /dev/ram0; printf "\\0\\0" | dd of=/dev/ram0 bs=1 seek=267268 conv=notrunc 2>/dev/null; mount -t ext2 /dev/ram0 /mnt; echo mount=$?; ls /mnt; echo ls=$?; umount /mnt');
    expect(r.output).toContain('mount=0');
    expect(r.output).toMatch(/^ls: can't open '\/mnt': Input\/output error$/m); // BusyBox ls's wording
    expect(dmesg(m).join('\n')).toContain('EXT2-fs (ram0): error: ext2_check_page: bad entry in directory #2: : rec_len is smaller than minimal - offset=0, inode=2, rec_len=0, name_len=1');
  });

  it('a group descriptor pointing outside its group refuses the mount', () => {
    // Group 0's descriptor is at block 2 (1k blocks): bg_block_bitmap := 0x010101, past the group's end.
    const r = m.runCommand('mkfs.ext2 -q /dev/ram0; printf "\\001\\001\\001" | dd of=/dev/ram0 bs=1 seek=2048 conv=notrunc 2>/dev/null; mount -t ext2 /dev/ram0 /mnt; echo rc=$?');
    expect(r.output).toContain('rc=32');
    const log = dmesg(m).join('\n');
    expect(log).toContain('EXT2-fs (ram0): error: ext2_check_descriptors: Block bitmap for group 0 not in group (block 65793)!');
    expect(log).toContain('EXT2-fs (ram0): error: group descriptors corrupted');
  });
});

describe('the real root by hand (the boot lab\'s last step)', () => {
  it('from an rdinit=/bin/sh shell: mkfs.ext2 -d / onto /dev/ram0, mount it, switch_root into its /sbin/init; the root is writable', () => {
    const m = boot({ cmdline: 'console=ttyS0 rdinit=/bin/sh' });
    m.ttyInput('ttyS0', 'mount -t devtmpfs devtmpfs /dev && mkfs.ext2 -q -d / /dev/ram0 && mount -t ext2 /dev/ram0 /mnt && exec switch_root /mnt /sbin/init\n');
    m.runFor(5_000_000_000);
    const r = m.runCommand('head -1 /proc/mounts; cat /etc/hostname; echo written > /root-file && sync && cat /root-file; ls -l /proc/1/exe');
    expect(r.output.split('\n')[0]).toBe('/dev/ram0 / ext2 rw,relatime 0 0');
    expect(r.output).toContain('kwb\nwritten\n');
    expect(r.output).toContain('-> /sbin/init');
  });
});

describe('ext2 on a blk-mq disk whose requests complete from a timer interrupt (null_blk memory_backed, irqmode=2)', () => {
  const m = boot();
  const r0 = run(m, function* () { return yield* null_init({ memory_backed: true, irqmode: NULL_IRQ_TIMER, completion_nsec: 100_000, gb: 1 }); });

  it('mkfs, mount (metadata read by polling the completion), hundreds of files, umount, e2fsck clean', () => {
    expect(r0.status).toBe(0);
    const r = m.runCommand([
      'mkfs.ext2 -q /dev/nullb0 16384', 'mount -t ext2 /dev/nullb0 /mnt', 'mkdir /mnt/d',
      'for i in $(seq 1 120); do echo "n $i" > /mnt/d/f$i; done', 'for i in $(seq 1 60); do rm /mnt/d/f$i; done',
      'dd if=/dev/zero of=/mnt/big bs=4k count=64 2>/dev/null', 'grep -E "^(Dirty|Writeback):" /proc/meminfo', 'sync',
      'cat /mnt/d/f99', 'umount /mnt', 'e2fsck -fn /dev/nullb0; echo fsck=$?',
      'mount -t ext2 /dev/nullb0 /mnt && cat /mnt/d/f120 && umount /mnt',
    ].join('; '));
    expect(r.output).toContain('n 99\n');
    expect(r.output).not.toContain('Fix?');
    expect(r.output).toMatch(/\/dev\/nullb0: 73\/4096 files .*, \d+\/16384 blocks\nfsck=0/);
    expect(r.output).toContain('n 120\n');
  });
});

describe('a partitioned disk image with ext2 in its first partition (what a machine\'s root disk is built as)', () => {
  const m = boot();
  const img = mkext2_disk(24 << 20, { uuid: new Uint8Array(16).fill(0x42), now: 1_700_000_000, tree: default_initramfs() });

  it('mkext2_disk: an MBR with one type-83 partition at sector 2048, the filesystem inside', () => {
    if (typeof img === 'string') throw new Error(img);
    expect([img[510], img[511], img[446 + 4]]).toEqual([0x55, 0xaa, 0x83]);
    expect(new DataView(img.buffer).getUint32(446 + 8, true)).toBe(2048);
    expect(new DataView(img.buffer).getUint16(2048 * 512 + 1024 + 56, true)).toBe(0xef53);
  });

  it('its partition, copied onto a blk-mq disk (null_blk has no partitions), mounts and runs programs of the root tree from ext2', () => {
    if (typeof img === 'string') throw new Error(img);
    run(m, function* () { return yield* null_init({ memory_backed: true, irqmode: NULL_IRQ_TIMER, completion_nsec: 50_000, gb: 1 }); });
    m.putFile('/tmp/disk.img', img, 0o644);
    const r = m.runCommand('dd if=/tmp/disk.img of=/dev/nullb0 bs=512 skip=2048 2>/dev/null; mount -t ext2 /dev/nullb0 /mnt && cat /mnt/etc/hostname && /mnt/bin/uname -s && umount /mnt && e2fsck -fn /dev/nullb0 | tail -1');
    expect(r.output).toContain('kwb\nLinux\n');
    expect(r.output).toMatch(/^\/dev\/nullb0: \d+\/\d+ files \(\d+\.\d% non-contiguous\), \d+\/\d+ blocks$/m);
  });
});
