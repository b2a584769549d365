// mke2fs and e2fsck in the guest on an image file: mke2fs's summary, a clean five-pass check, and e2fsck's reports on damaged images.
import { describe, it, expect } from 'vitest';
import { boot } from '../core/harness.ts';
import { mkext2, mkext2_image } from '../../../kernel-sim/fs/ext2/mkext2.ts';
import { ext2_super_block, decode, EXT2_SUPER_MAGIC } from '../../../kernel-sim/fs/ext2/ext2_fs.ts';

const enc = new TextEncoder();

describe('mkext2 (the layout mke2fs writes)', () => {
  it('a 4 MiB filesystem: 1k blocks, one group, 1024 inodes, root and lost+found used', () => {
    const r = mkext2({ size: 4 << 20, uuid: new Uint8Array(16).fill(7), now: 1_700_000_000 });
    if (typeof r === 'string') throw new Error(r);
    const img = mkext2_image(r);
    const es = decode(ext2_super_block, img, 1024);
    expect(es.s_magic).toBe(EXT2_SUPER_MAGIC);
    expect([es.s_blocks_count, es.s_inodes_count, es.s_log_block_size, es.s_first_data_block]).toEqual([4096, 1024, 0, 1]);
    expect(es.s_free_inodes_count).toBe(1024 - 11);
  });

  it('a 64 MiB filesystem has 8 groups with sparse superblock backups at 8193, 24577, 40961, 57345', () => {
    const r = mkext2({ size: 64 << 20, uuid: new Uint8Array(16), now: 0 });
    if (typeof r === 'string') throw new Error(r);
    expect(r.groups).toBe(8);
    expect(r.backups).toEqual([8193, 24577, 40961, 57345]);
  });

  it('refuses a device too small to hold a filesystem', () => {
    expect(mkext2({ size: 32 * 1024, uuid: new Uint8Array(16), now: 0 })).toMatch(/too small/);
  });

  it('lays out a tree with a file big enough for double-indirect blocks', () => {
    const big = new Uint8Array(300 * 1024).map((_, i) => i & 0xff);
    const r = mkext2({ size: 8 << 20, uuid: new Uint8Array(16), now: 0, tree: [{ path: '/big', mode: 0o100644, data: big }, { path: '/a/b/c', mode: 0o100644, data: enc.encode('hi') }] });
    expect(typeof r).not.toBe('string');
  });
});

describe('mke2fs and e2fsck in the guest', () => {
  const m = boot();

  it('mkfs.ext2 on an 8 MiB image prints mke2fs\'s summary; e2fsck -fn finds it clean', () => {
    const r = m.runCommand('dd if=/dev/zero of=/tmp/fs.img bs=1k count=8192 2>/dev/null; mkfs.ext2 /tmp/fs.img; echo rc=$?; e2fsck -fn /tmp/fs.img; echo rc=$?');
    expect(r.output).toContain('mke2fs 1.47.0 (5-Feb-2023)\n');
    expect(r.output).toContain('Creating filesystem with 8192 1k blocks and 2048 inodes\n');
    expect(r.output).toContain('Writing superblocks and filesystem accounting information: done\n');
    expect(r.output).toContain('Pass 1: Checking inodes, blocks, and sizes\nPass 2: Checking directory structure\nPass 3: Checking directory connectivity\nPass 4: Checking reference counts\nPass 5: Checking group summary information\n');
    expect(r.output).toMatch(/\/tmp\/fs\.img: 11\/2048 files \(0\.0% non-contiguous\), \d+\/8192 blocks\nrc=0/);
  });

  it('without -f a clean filesystem is reported clean at once', () => {
    const r = m.runCommand('e2fsck -n /tmp/fs.img; echo rc=$?');
    expect(r.output).toMatch(/\/tmp\/fs\.img: clean, 11\/2048 files, \d+\/8192 blocks\nrc=0/);
  });

  it('a smashed magic number: e2fsck says the superblock is bad and exits 8', () => {
    const r = m.runCommand('cp /tmp/fs.img /tmp/bad.img; printf "\\0\\0" | dd of=/tmp/bad.img bs=1 seek=1080 conv=notrunc 2>/dev/null; e2fsck -fn /tmp/bad.img; echo rc=$?');
    expect(r.output).toContain('Bad magic number in super-block');
    expect(r.output).toContain('rc=8');
  });

  it('an image laid out from a tree (nested directories, a double-indirect file, symlinks, devices) checks clean', () => {
    const big = new Uint8Array(300 * 1024).map((_, i) => (i * 7) & 0xff);
    const r = mkext2({ size: 8 << 20, uuid: new Uint8Array(16), now: 0, tree: [
      { path: '/big', mode: 0o100644, data: big }, { path: '/a/b/c', mode: 0o100644, data: enc.encode('hi') },
      { path: '/a/short', mode: 0o120777, link: 'b/c' }, { path: '/a/long', mode: 0o120777, link: 'x'.repeat(100) },
      { path: '/dev/console', mode: 0o020600, rdev: (5 << 20) | 1 },
    ] });
    if (typeof r === 'string') throw new Error(r);
    m.putFile('/tmp/tree.img', mkext2_image(r), 0o644);
    const out = m.runCommand('e2fsck -fn /tmp/tree.img; echo rc=$?').output;
    expect(out).toMatch(/\/tmp\/tree\.img: 19\/2048 files \(\d+\.\d% non-contiguous\), \d+\/8192 blocks\nrc=0/);
  });

  it('a cleared block bitmap: pass 5 reports the differences and the group counts, exit 4', () => {
    // Group 0's block bitmap is block 3 of a 1k-block filesystem with one descriptor block.
    const r = m.runCommand('cp /tmp/fs.img /tmp/bb.img; dd if=/dev/zero of=/tmp/bb.img bs=1k seek=3 count=1 conv=notrunc 2>/dev/null; e2fsck -fn /tmp/bb.img; echo rc=$?');
    expect(r.output).toMatch(/Block bitmap differences: {2}\+\(1--\d+\)/);
    expect(r.output).toContain('WARNING: Filesystem still has errors');
    expect(r.output).toContain('rc=4');
  });
});
