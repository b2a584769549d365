// Seeded fuzz of corrupted ext2 images: bytes flipped in the superblock, group descriptors, inode table and directory blocks; mount, ls -R, cat, write and umount must end with an errno or an "EXT2-fs error" in the log, never a hang or a host exception.
import { describe, it, expect } from 'vitest';
import { boot, dmesg } from '../core/harness.ts';
import { mkext2, mkext2_image, type mkext2_result } from '../../../kernel-sim/fs/ext2/mkext2.ts';
import type { initramfs_entry } from '../../../kernel-sim/init/initramfs.ts';

const enc = new TextEncoder();

/** A small tree: nested directories, a file reaching the indirect blocks, a slow and a fast symlink. */
function tree(): initramfs_entry[] {
  const e: initramfs_entry[] = [
    { path: 'a', mode: 0o040755 }, { path: 'a/b', mode: 0o040755 }, { path: 'a/b/c', mode: 0o040755 },
    { path: 'big', mode: 0o100644, data: new Uint8Array(40 * 1024).map((_, i) => i * 7) },
    { path: 'ln', mode: 0o120777, link: 'a/f1' }, { path: 'longln', mode: 0o120777, link: '/' + 'y'.repeat(90) },
  ];
  for (let i = 0; i < 40; i++) e.push({ path: `a/${i % 2 ? 'b/' : ''}f${i}`, mode: 0o100644, data: enc.encode(`file ${i}\n`.repeat(i + 1)) });
  return e;
}

/** mulberry32: the seed's byte choices, the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const made = mkext2({ size: 1 << 20, uuid: new Uint8Array(16).fill(7), now: 1_700_000_000, tree: tree() });
if (typeof made === 'string') throw new Error(made);
const fs: mkext2_result = made;
const clean = mkext2_image(fs);
const BS = fs.block_size;

/** The regions a flip may land in: superblock, group descriptors, inode table (first blocks), and the directory/indirect blocks. */
function regions(): [number, number][] {
  const itable = 5; // 1 MiB, 1k blocks: sb 1, gdt 2, bitmaps 3-4, inode table from 5
  const dirs: [number, number][] = [];
  for (const [n, b] of fs.blocks) {
    // Directory blocks start with the "." entry: inode, rec_len 12, name_len 1, '.'.
    if (n > itable + 20 && b[4] === 12 && b[6] === 1 && b[8] === 0x2e) dirs.push([n * BS, BS]);
  }
  return [[1024, 264], [2 * BS, 64], [itable * BS, 16 * 256], ...dirs];
}

/** One seed's damage: 1-8 edits, each a bit flip, a random byte, or a random 32-bit word (block pointers, sizes, inode numbers) in a region. */
function corrupt(seed: number): Uint8Array {
  const rnd = prng(seed), img = clean.slice(), rs = regions();
  const edits = 1 + Math.floor(rnd() * 8);
  for (let i = 0; i < edits; i++) {
    const [start, len] = rs[Math.floor(rnd() * rs.length)];
    const at = start + Math.floor(rnd() * len);
    const how = rnd();
    if (how < 0.4) img[at] ^= 1 << Math.floor(rnd() * 8);
    else if (how < 0.7) img[at] = Math.floor(rnd() * 256);
    else {
      // A word at a 4-byte boundary: small values (likely block or inode numbers) as often as any value.
      const w = at & ~3, v = rnd() < 0.5 ? Math.floor(rnd() * 300) : Math.floor(rnd() * 2 ** 32);
      img.set([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24], w);
    }
  }
  return img;
}

const script = [
  'dd if=/tmp/fuzz.img of=/dev/ram0 bs=64k 2>/dev/null',
  'mount -t ext2 /dev/ram0 /mnt; echo mount=$?',
  'ls -laR /mnt > /dev/null 2>&1; echo ls=$?',
  'for f in /mnt/big /mnt/ln /mnt/longln /mnt/a/f0 /mnt/a/b/f1 /mnt/a/f10; do head -c 65536 $f > /dev/null 2>&1; done; echo cat=done',
  'echo new > /mnt/a/new 2>/dev/null; mkdir /mnt/a/b/c/d 2>/dev/null; mv /mnt/a/f2 /mnt/a/b/f2m 2>/dev/null; rm -rf /mnt/a/b 2>/dev/null; echo write=done',
  'dd if=/dev/zero of=/mnt/w bs=4k count=8 2>/dev/null; sync; echo sync=$?',
  'umount /mnt 2>/dev/null; echo umount=$?',
  'e2fsck -fn /dev/ram0 > /dev/null 2>&1; echo fsck=$?',
].join('\n');

const SEEDS = Number(process.env.KWB_EXT2_FUZZ_SEEDS ?? 40);
const FIRST = Number(process.env.KWB_EXT2_FUZZ_FIRST ?? 1);

describe('ext2 on corrupted images (seeded fuzz)', () => {
  it('the clean image mounts, lists and writes without an EXT2-fs error (the baseline the fuzz departs from)', () => {
    const m = boot();
    m.putFile('/tmp/fuzz.img', clean, 0o644);
    const r = m.runCommand(script);
    expect(r.output).toContain('mount=0\nls=0\ncat=done\nwrite=done\nsync=0\numount=0\nfsck=0');
    expect(dmesg(m).join('\n')).not.toContain('EXT2-fs (ram0): error');
  });

  it(`seeds ${FIRST}..${FIRST + SEEDS - 1}: every corrupted image ends in an errno or an EXT2-fs error, never a hang or a host exception`, () => {
    const m = boot();
    let reported = 0;
    for (let seed = FIRST; seed < FIRST + SEEDS; seed++) {
      m.putFile('/tmp/fuzz.img', corrupt(seed), 0o644);
      const before = dmesg(m).length;
      const r = m.runCommand(script, { timeoutNs: 120e9 });
      const log = dmesg(m).slice(before).join('\n');
      // Whatever happened, the shell ran every step to the end and the kernel did not report its own bug.
      expect(r.output, `seed ${seed}`).toMatch(/umount=\d+\nfsck=\d+$/m);
      expect(log, `seed ${seed}`).not.toMatch(/BUG|Oops|Call Trace|WARNING:/);
      if (/EXT2-fs \(ram0\): error/.test(log) || !r.output.includes('mount=0')) reported++;
      // Nothing stays mounted for the next seed.
      m.runCommand('umount /mnt 2>/dev/null; true');
    }
    // Most flips are caught (some land in unused fields and change nothing visible).
    expect(reported).toBeGreaterThan(SEEDS / 4);
  }, 600_000);
});
