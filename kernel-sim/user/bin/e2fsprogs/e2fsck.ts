// Models e2fsprogs' e2fsck (pass1.c to pass5.c) in its read-only form, e2fsck -n [-f]: the five passes over an ext2 filesystem, the problems it reports in e2fsck's words, and its exit codes.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt, has } from '../../lib/getopt.ts';
import { strerror } from '../../lib/libc.ts';
import {
  ext2_super_block, ext2_group_desc, ext2_inode, decode, le32, test_bit, ext2_geometry_of, ext2_group_sparse, inode_blocks,
  EXT2_SBLOCK_OFFSET, EXT2_DESC_SIZE, EXT2_ROOT_INO, EXT2_VALID_FS, EXT2_ERROR_FS, EXT2_NDIR_BLOCKS, EXT2_IND_BLOCK, EXT2_DIND_BLOCK,
  EXT2_TIND_BLOCK, EXT2_FEATURE_INCOMPAT_SUPP, EXT2_FEATURE_RO_COMPAT_SUPP, ext2_type_by_mode, EXT2_FEATURE_INCOMPAT_FILETYPE,
  type ext2_geometry, type ext2_super_block as sb_t, type ext2_group_desc as gd_t,
} from '../../../fs/ext2/ext2_fs.ts';
import { unix_open, io_read, E2FSPROGS_VERSION, type io_channel } from './unix_io.ts';

/** Exit codes (e2fsck.h FSCK_*). */
const FSCK_OK = 0, FSCK_UNCORRECTED = 4, FSCK_ERROR = 8, FSCK_USAGE = 16;
const S_IFMT = 0o170000, S_IFDIR = 0o040000, S_IFREG = 0o100000, S_IFLNK = 0o120000;
const dec = new TextDecoder();

interface ctx {
  c: Libc; ch: io_channel; es: sb_t; geo: ext2_geometry; gds: gd_t[];
  out: string[]; problems: number;
  /** Blocks found in use, and how many times each is claimed. */
  block_found: Uint8Array; block_dup: number;
  inode_used: Uint8Array; inode_dir: Uint8Array; inode_links: Map<number, number>;
  link_counted: Map<number, number>;
  /** Each directory's '..', and the directory whose entry names it. */
  dir_parent: Map<number, number>; named_by: Map<number, number>;
  fragmented: number;
}

function* read_blk(x: ctx, b: number): KGen<Uint8Array | null> {
  const r = yield* io_read(x.c, x.ch, b * x.geo.block_size, x.geo.block_size);
  return typeof r === 'number' ? null : r;
}

const problem = (x: ctx, msg: string): void => { x.out.push(msg); x.problems++; };

/** A run list like e2fsck's bitmap differences: " -(100--120) +200". */
function ranges(list: number[], sign: string): string {
  let s = '';
  for (let i = 0; i < list.length;) {
    let j = i;
    while (j + 1 < list.length && list[j + 1] === list[j] + 1) j++;
    s += j > i ? ` ${sign}(${list[i]}--${list[j]})` : ` ${sign}${list[i]}`;
    i = j + 1;
  }
  return s;
}

/** Pass 1 for one inode: walk its block tree, marking blocks; returns data blocks in file order, or null when a pointer is bad. */
function* walk_blocks(x: ctx, ino: number, ptrs: number[]): KGen<{ data: number[]; meta: number; bad: boolean }> {
  const r = { data: [] as number[], meta: 0, bad: false };
  const { s_blocks_count: nblocks, s_first_data_block: first } = x.es;
  const mark = (b: number): boolean => {
    if (b < first || b >= nblocks) { problem(x, `Inode ${ino} has illegal block(s).  Clear? no\n\nIllegal block #${r.data.length} (${b}) in inode ${ino}.  IGNORED.\n`); r.bad = true; return false; }
    if (x.block_found[b]) x.block_dup++;
    x.block_found[b] = 1;
    return true;
  };
  const walk = function* (b: number, depth: number): KGen<void> {
    if (!b || r.bad) return;
    // An indirect block another inode already claims is not followed (pass 1B's job), nor is one out of range.
    if (depth > 0 && b < nblocks && x.block_found[b]) { x.block_dup++; return; }
    if (!mark(b)) return;
    if (depth === 0) { r.data.push(b); return; }
    r.meta++;
    const blk = yield* read_blk(x, b);
    if (!blk) return;
    for (let i = 0; i < x.geo.addr_per_block; i++) yield* walk(le32(blk, i * 4), depth - 1);
  };
  for (let i = 0; i < EXT2_NDIR_BLOCKS; i++) yield* walk(ptrs[i], 0);
  yield* walk(ptrs[EXT2_IND_BLOCK], 1);
  yield* walk(ptrs[EXT2_DIND_BLOCK], 2);
  yield* walk(ptrs[EXT2_TIND_BLOCK], 3);
  return r;
}

function* pass1(x: ctx): KGen<Map<number, number[]>> {
  x.out.push('Pass 1: Checking inodes, blocks, and sizes\n');
  const dirs = new Map<number, number[]>();
  const { s_inodes_per_group: ipg } = x.es;
  // Group metadata is in use.
  for (let g = 0; g < x.geo.groups; g++) {
    const start = x.es.s_first_data_block + g * x.es.s_blocks_per_group;
    if (ext2_group_sparse(g)) for (let b = start; b <= start + x.geo.desc_blocks; b++) x.block_found[b] = 1;
    const gd = x.gds[g];
    for (const b of [gd.bg_block_bitmap, gd.bg_inode_bitmap]) if (b < x.es.s_blocks_count) x.block_found[b] = 1;
    for (let t = 0; t < x.geo.itb_per_group; t++) if (gd.bg_inode_table + t < x.es.s_blocks_count) x.block_found[gd.bg_inode_table + t] = 1;
  }
  for (let g = 0; g < x.geo.groups; g++) {
    for (let t = 0; t < x.geo.itb_per_group; t++) {
      const blk = yield* read_blk(x, x.gds[g].bg_inode_table + t);
      if (!blk) continue;
      for (let k = 0; k < x.geo.inodes_per_block; k++) {
        const ino = g * ipg + t * x.geo.inodes_per_block + k + 1;
        if (ino > x.es.s_inodes_count || ino > (g + 1) * ipg) break;
        const base = k * x.geo.inode_size;
        const raw = decode(ext2_inode, blk, base);
        const reserved = ino < x.es.s_first_ino && ino !== EXT2_ROOT_INO;
        if (reserved) { x.inode_used[ino] = 1; continue; }
        if (!raw.i_links_count || raw.i_dtime) continue;
        x.inode_used[ino] = 1;
        x.inode_links.set(ino, raw.i_links_count);
        const type = raw.i_mode & S_IFMT;
        const ptrs = inode_blocks(blk, base);
        const fast_link = type === S_IFLNK && raw.i_blocks === 0;
        const has_blocks = type === S_IFDIR || type === S_IFREG || (type === S_IFLNK && !fast_link);
        if (!has_blocks) continue;
        const w = yield* walk_blocks(x, ino, ptrs);
        const bs = x.geo.block_size;
        const want_iblocks = (w.data.length + w.meta) * (bs / 512);
        if (raw.i_blocks !== want_iblocks) problem(x, `Inode ${ino}, i_blocks is ${raw.i_blocks}, should be ${want_iblocks}.  Fix? no\n\n`);
        const size = raw.i_size + (type === S_IFREG ? raw.i_size_high * 2 ** 32 : 0);
        const last = w.data.length ? bs * w.data.length : 0;
        if (type === S_IFDIR && size !== last) problem(x, `Inode ${ino}, i_size is ${size}, should be ${last}.  Fix? no\n\n`);
        if (type === S_IFREG && w.data.length && size < bs * (w.data.length - 1)) problem(x, `Inode ${ino}, i_size is ${size}, should be ${bs * w.data.length}.  Fix? no\n\n`);
        if (w.data.some((b, i) => i > 0 && b !== w.data[i - 1] + 1)) x.fragmented++;
        if (type === S_IFDIR) { x.inode_dir[ino] = 1; dirs.set(ino, w.data); }
      }
    }
  }
  if (x.block_dup) problem(x, `\nRunning additional passes to resolve blocks claimed by more than one inode...\nPass 1B: Rescanning for multiply-claimed blocks\nMultiply-claimed block(s) found: ${x.block_dup}\n`);
  return dirs;
}

/** Pass 2: every directory block's entries, "." and ".." first; counts the links each inode gets. */
function* pass2(x: ctx, dirs: Map<number, number[]>): KGen<void> {
  x.out.push('Pass 2: Checking directory structure\n');
  const bs = x.geo.block_size;
  const filetype = (x.es.s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE) !== 0;
  const modes = new Map<number, number>();
  for (const [dir, blocks] of dirs) {
    for (let bi = 0; bi < blocks.length; bi++) {
      const blk = yield* read_blk(x, blocks[bi]);
      if (!blk) continue;
      for (let off = 0, n = 0; off < bs; n++) {
        const inode = le32(blk, off), rec_len = blk[off + 4] | (blk[off + 5] << 8), name_len = blk[off + 6], ft = blk[off + 7];
        if (rec_len < 8 || rec_len % 4 || off + rec_len > bs || name_len + 8 > rec_len) {
          problem(x, `Directory inode ${dir}, block #${bi}, offset ${off}: directory corrupted\nSalvage? no\n\n`);
          break;
        }
        const name = dec.decode(blk.subarray(off + 8, off + 8 + name_len));
        if (bi === 0 && n === 0 && (name !== '.' || inode !== dir)) problem(x, `Missing '.' in directory inode ${dir}.\nFix? no\n\n`);
        if (bi === 0 && n === 1 && name !== '..') problem(x, `Missing '..' in directory inode ${dir}.\nFix? no\n\n`);
        if (inode) {
          if (inode > x.es.s_inodes_count || (inode < x.es.s_first_ino && inode !== EXT2_ROOT_INO)) {
            problem(x, `Entry '${name}' in ??? (${dir}) has bad inode #: ${inode}.\nClear? no\n\n`);
          } else if (!x.inode_used[inode]) {
            problem(x, `Entry '${name}' in ??? (${dir}) has deleted/unused inode ${inode}.  Clear? no\n\n`);
          } else {
            if (name === '..') x.dir_parent.set(dir, inode);
            else if (name !== '.' && x.inode_dir[inode]) {
              if (!x.named_by.has(inode)) x.named_by.set(inode, dir);
              else problem(x, `Entry '${name}' in ??? (${dir}) is a link to directory ??? (${inode}).\nClear? no\n\n`);
            }
            x.link_counted.set(inode, (x.link_counted.get(inode) ?? 0) + 1);
            if (filetype && name !== '.' && name !== '..') {
              let mode = modes.get(inode);
              if (mode === undefined) { mode = yield* inode_mode(x, inode); modes.set(inode, mode); }
              const want = ext2_type_by_mode(mode);
              if (ft !== want) problem(x, `Setting filetype for entry '${name}' in ??? (${dir}) to ${want}.\n`);
            }
          }
        }
        off += rec_len;
      }
    }
  }
}

function* inode_mode(x: ctx, ino: number): KGen<number> {
  const g = Math.floor((ino - 1) / x.es.s_inodes_per_group), idx = (ino - 1) % x.es.s_inodes_per_group;
  const blk = yield* read_blk(x, x.gds[g].bg_inode_table + Math.floor(idx / x.geo.inodes_per_block));
  return blk ? decode(ext2_inode, blk, (idx % x.geo.inodes_per_block) * x.geo.inode_size).i_mode : 0;
}

/** Pass 3: each directory reaches the root through the entries that name it. */
function pass3(x: ctx): void {
  x.out.push('Pass 3: Checking directory connectivity\n');
  if (!x.inode_dir[EXT2_ROOT_INO]) { problem(x, 'Root inode is not a directory.  Clear? no\n\n'); return; }
  for (let ino = 1; ino <= x.es.s_inodes_count; ino++) {
    if (!x.inode_dir[ino] || ino === EXT2_ROOT_INO) continue;
    const named_by = x.named_by.get(ino);
    if (named_by === undefined) { problem(x, `Unconnected directory inode ${ino} (???)\nConnect to /lost+found? no\n\n`); continue; }
    const dotdot = x.dir_parent.get(ino);
    if (dotdot !== named_by) problem(x, `'..' in ??? (${ino}) is ??? (${dotdot ?? 0}), should be ??? (${named_by}).\nFix? no\n\n`);
  }
}

/** Pass 4: i_links_count against the entries counted in pass 2. */
function pass4(x: ctx): void {
  x.out.push('Pass 4: Checking reference counts\n');
  for (const [ino, links] of x.inode_links) {
    const counted = x.link_counted.get(ino) ?? 0;
    if (!counted) problem(x, `Unattached inode ${ino}\nConnect to /lost+found? no\n\n`);
    else if (counted !== links) problem(x, `Inode ${ino} ref count is ${links}, should be ${counted}.  Fix? no\n\n`);
  }
}

/** Pass 5: the on-disk bitmaps and free counts against what passes 1-4 found. */
function* pass5(x: ctx): KGen<{ free_blocks: number; free_inodes: number }> {
  x.out.push('Pass 5: Checking group summary information\n');
  const { s_blocks_per_group: bpg, s_inodes_per_group: ipg, s_first_data_block: first, s_blocks_count: nblocks } = x.es;
  const bplus: number[] = [], bminus: number[] = [], iplus: number[] = [], iminus: number[] = [];
  const gfree_b: number[] = [], gfree_i: number[] = [];
  for (let g = 0; g < x.geo.groups; g++) {
    const bb = (yield* read_blk(x, x.gds[g].bg_block_bitmap)) ?? new Uint8Array(x.geo.block_size);
    const ib = (yield* read_blk(x, x.gds[g].bg_inode_bitmap)) ?? new Uint8Array(x.geo.block_size);
    let fb = 0, fi = 0;
    for (let i = 0; i < bpg; i++) {
      const b = first + g * bpg + i;
      if (b >= nblocks) break;
      const disk = test_bit(bb, i), found = x.block_found[b] === 1;
      if (!found) fb++;
      if (disk && !found) bminus.push(b); else if (!disk && found) bplus.push(b);
    }
    for (let i = 0; i < ipg; i++) {
      const ino = g * ipg + i + 1;
      const disk = test_bit(ib, i), found = x.inode_used[ino] === 1;
      if (!found) fi++;
      if (disk && !found) iminus.push(ino); else if (!disk && found) iplus.push(ino);
    }
    gfree_b.push(fb); gfree_i.push(fi);
  }
  if (bplus.length || bminus.length) problem(x, `Block bitmap differences: ${ranges(bplus, '+')}${ranges(bminus, '-')}\nFix? no\n\n`);
  if (iplus.length || iminus.length) problem(x, `Inode bitmap differences: ${ranges(iplus, '+')}${ranges(iminus, '-')}\nFix? no\n\n`);
  x.gds.forEach((gd, g) => {
    if (gd.bg_free_blocks_count !== gfree_b[g]) problem(x, `Free blocks count wrong for group #${g} (${gd.bg_free_blocks_count}, counted=${gfree_b[g]}).\nFix? no\n\n`);
    if (gd.bg_free_inodes_count !== gfree_i[g]) problem(x, `Free inodes count wrong for group #${g} (${gd.bg_free_inodes_count}, counted=${gfree_i[g]}).\nFix? no\n\n`);
  });
  const free_blocks = gfree_b.reduce((a, b) => a + b, 0), free_inodes = gfree_i.reduce((a, b) => a + b, 0);
  // The kernel keeps the superblock's totals loosely (ext2_statfs recounts); e2fsck -n reports them only when groups disagree too.
  if (x.es.s_free_blocks_count !== free_blocks && x.problems) problem(x, `Free blocks count wrong (${x.es.s_free_blocks_count}, counted=${free_blocks}).\nFix? no\n\n`);
  if (x.es.s_free_inodes_count !== free_inodes && x.problems) problem(x, `Free inodes count wrong (${x.es.s_free_inodes_count}, counted=${free_inodes}).\nFix? no\n\n`);
  return { free_blocks, free_inodes };
}

const BAD_SB = (dev: string, why: string): string => `e2fsck: ${why} while trying to open ${dev}\n\nThe superblock could not be read or does not describe a valid ext2/ext3/ext4\nfilesystem.  If the device is valid and it really contains an ext2/ext3/ext4\nfilesystem (and not swap or ufs or something else), then the superblock\nis corrupt, and you might try running e2fsck with an alternate superblock:\n    e2fsck -b 8193 <device>\n or\n    e2fsck -b 32768 <device>\n\n`;

export function* e2fsck_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'fnpyvtC:' });
  if (p.error || p.args.length !== 1) {
    yield* c.write(2, (p.error ? `e2fsck: ${p.error}\n` : '') + 'Usage: e2fsck [-panyrcdfktvDFV] [-b superblock] [-B blocksize]\n\t\t[-l|-L bad_blocks_file] [-C fd] [-j external_journal]\n\t\t[-E extended-options] [-z undo_file] device\n');
    return FSCK_USAGE;
  }
  if (has(p, 'y') || has(p, 'p')) { yield* c.write(2, 'e2fsck: this e2fsck only checks (-n); repairing is not modelled\n'); return FSCK_USAGE; }
  const dev = p.args[0];
  yield* c.write(2, `e2fsck ${E2FSPROGS_VERSION}\n`);
  const ch = yield* unix_open(c, dev, false);
  if (typeof ch === 'number') { yield* c.write(1, `e2fsck: ${strerror(-ch)} while trying to open ${dev}\nPossibly non-existent device?\n`); return FSCK_ERROR; }
  const sbb = yield* io_read(c, ch, EXT2_SBLOCK_OFFSET, 1024);
  if (typeof sbb === 'number') { yield* c.write(1, `e2fsck: ${strerror(-sbb)} while trying to open ${dev}\n`); return FSCK_ERROR; }
  const es = decode(ext2_super_block, sbb);
  const geo = ext2_geometry_of(es);
  if (typeof geo === 'string') {
    yield* c.write(1, `ext2fs_open2: ${geo === 'bad magic' ? 'Bad magic number in super-block' : 'The ext2 superblock is corrupt'}\ne2fsck: Superblock invalid, trying backup blocks....\n` + BAD_SB(dev, geo === 'bad magic' ? 'Bad magic number in super-block' : 'The ext2 superblock is corrupt'));
    yield* c.close(ch.fd);
    return FSCK_ERROR;
  }
  if (es.s_feature_incompat & ~EXT2_FEATURE_INCOMPAT_SUPP || es.s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP) {
    yield* c.write(1, `e2fsck: Filesystem has unsupported feature(s) while trying to open ${dev}\n`);
    return FSCK_ERROR;
  }
  if (es.s_blocks_count * geo.block_size > ch.size && ch.size) {
    yield* c.write(1, `The filesystem size (according to the superblock) is ${es.s_blocks_count} blocks\nThe physical size of the device is ${Math.floor(ch.size / geo.block_size)} blocks\nEither the superblock or the partition table is likely to be corrupt!\nAbort? yes\n\n`);
    return FSCK_ERROR;
  }
  const gdt_start = es.s_first_data_block + 1;
  const gdtb = yield* io_read(c, ch, gdt_start * geo.block_size, geo.desc_blocks * geo.block_size);
  if (typeof gdtb === 'number') return FSCK_ERROR;
  const gds = Array.from({ length: geo.groups }, (_, g) => decode(ext2_group_desc, gdtb, g * EXT2_DESC_SIZE));
  const label = dev;
  const bad_gd = gds.findIndex((gd) => [gd.bg_block_bitmap, gd.bg_inode_bitmap, gd.bg_inode_table].some((b) => b < es.s_first_data_block || b + (b === gd.bg_inode_table ? geo.itb_per_group : 1) > es.s_blocks_count));
  if (bad_gd >= 0) {
    yield* c.write(1, `ext2fs_check_desc: Corrupt group descriptor: bad block for block bitmap\ne2fsck: Group descriptors look bad... trying backup blocks...\n` + BAD_SB(dev, 'The ext2 group descriptors are corrupt'));
    return FSCK_ERROR;
  }
  const clean = es.s_state & EXT2_VALID_FS && !(es.s_state & EXT2_ERROR_FS);
  const used_files = es.s_inodes_count - es.s_free_inodes_count, used_blocks = es.s_blocks_count - es.s_free_blocks_count;
  if (clean && !has(p, 'f')) {
    yield* c.write(1, `${label}: clean, ${used_files}/${es.s_inodes_count} files, ${used_blocks}/${es.s_blocks_count} blocks\n`);
    yield* c.close(ch.fd);
    return FSCK_OK;
  }
  const x: ctx = {
    c, ch, es, geo, gds, out: [], problems: 0,
    block_found: new Uint8Array(es.s_blocks_count), block_dup: 0,
    inode_used: new Uint8Array(es.s_inodes_count + 1), inode_dir: new Uint8Array(es.s_inodes_count + 1), inode_links: new Map(),
    link_counted: new Map(), dir_parent: new Map(), named_by: new Map(), fragmented: 0,
  };
  if (!clean) x.out.push(es.s_state & EXT2_ERROR_FS ? `${label} contains a file system with errors, check forced.\n` : `${label} was not cleanly unmounted, check forced.\n`);
  const dirs = yield* pass1(x);
  yield* pass2(x, dirs);
  pass3(x);
  pass4(x);
  const f = yield* pass5(x);
  yield* c.close(ch.fd);
  const files = es.s_inodes_count - f.free_inodes;
  const frag = files ? Math.round((x.fragmented * 1000) / files) : 0;
  if (x.problems) x.out.push(`\n${label}: ********** WARNING: Filesystem still has errors **********\n\n`);
  x.out.push(`${label}: ${files}/${es.s_inodes_count} files (${Math.floor(frag / 10)}.${frag % 10}% non-contiguous), ${es.s_blocks_count - f.free_blocks}/${es.s_blocks_count} blocks\n`);
  yield* c.write(1, x.out.join(''));
  return x.problems ? FSCK_UNCORRECTED : FSCK_OK;
}
