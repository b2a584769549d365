// Models e2fsprogs' misc/mke2fs.c and its -d populate (misc/create_inode.c): lays out a revision-1 ext2 filesystem and optionally fills it from a tree, as a map of the blocks to write.
//
// Shared by the guest's mke2fs and by the machine build (the root disk's image),
// as mkromfs is. Pure: everything comes from the arguments, nothing is kept.
import type { initramfs_entry } from '../../init/initramfs.ts';
import {
  ext2_super_block, ext2_group_desc, ext2_inode, encode, put_le32, le32, set_bit, test_bit, ext2_group_sparse, ext2_block_to_path,
  EXT2_SUPER_MAGIC, EXT2_DYNAMIC_REV, EXT2_VALID_FS, EXT2_ERRORS_CONTINUE, EXT2_ROOT_INO, EXT2_GOOD_OLD_FIRST_INO, EXT2_DESC_SIZE,
  EXT2_FEATURE_INCOMPAT_FILETYPE, EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER, EXT2_FEATURE_RO_COMPAT_LARGE_FILE, EXT2_N_BLOCKS, I_BLOCK,
  EXT2_DIR_REC_LEN, ext2_type_by_mode, S_UUID, S_VOLUME_NAME, S_HASH_SEED, EXT2_SBLOCK_OFFSET,
} from './ext2_fs.ts';

const S_IFMT = 0o170000, S_IFDIR = 0o040000, S_IFREG = 0o100000, S_IFLNK = 0o120000;

export interface mkext2_options {
  /** Device size in bytes. */
  size: number;
  /** 1024, 2048 or 4096; 0 chooses as mke2fs.conf does (1024 below 512 MiB). */
  block_size?: number;
  inode_size?: number;
  /** Bytes per inode; 0 chooses by the size type (floppy 8192, small 4096, default 16384). */
  inode_ratio?: number;
  /** -m: percentage of blocks reserved for root. */
  reserved_ratio?: number;
  label?: string;
  uuid: Uint8Array;
  /** Seconds since the epoch for every timestamp. */
  now: number;
  /** Files to put in the new filesystem (mke2fs -d). */
  tree?: readonly initramfs_entry[];
  /** -E lazy_itable_init=1: the inode tables are not zeroed (a fresh disk already reads as zeroes). */
  lazy_itable_init?: boolean;
}

export interface mkext2_result {
  block_size: number;
  blocks_count: number;
  inodes_count: number;
  groups: number;
  blocks_per_group: number;
  inodes_per_group: number;
  r_blocks_count: number;
  backups: number[];
  /** Every block mke2fs writes (metadata, zeroed inode tables, file data), by block number. */
  blocks: Map<number, Uint8Array>;
}

interface group { start: number; block_bitmap: number; inode_bitmap: number; inode_table: number; bbits: Uint8Array; ibits: Uint8Array; free_blocks: number; free_inodes: number; dirs: number; next_free: number }

/** Chooses sizes as mke2fs.conf's fs types do. */
function defaults(o: mkext2_options): { bs: number; ratio: number; isz: number } {
  const mb = o.size / (1 << 20);
  const type = mb < 3 ? 'floppy' : mb < 512 ? 'small' : 'default';
  return {
    bs: o.block_size || (type === 'default' ? 4096 : 1024),
    ratio: o.inode_ratio || { floppy: 8192, small: 4096, default: 16384 }[type],
    isz: o.inode_size || (type === 'floppy' ? 128 : 256),
  };
}

/** Lays out a filesystem; returns an error message for sizes mke2fs refuses. */
export function mkext2(o: mkext2_options): mkext2_result | string {
  const { bs, ratio, isz } = defaults(o);
  if (![1024, 2048, 4096].includes(bs)) return `invalid block size - ${bs}`;
  if (isz < 128 || isz > bs || (isz & (isz - 1))) return `invalid inode size ${isz} (min 128/max ${bs})`;
  const first_data_block = bs === 1024 ? 1 : 0;
  let blocks_count = Math.floor(o.size / bs);
  const bpg = bs * 8;
  if (blocks_count < 64) return `Device size reported to be zero or too small (${blocks_count} blocks)`;
  let groups = Math.ceil((blocks_count - first_data_block) / bpg);
  const ipb = bs / isz;
  let ipg = Math.ceil(Math.max(Math.floor(o.size / ratio), EXT2_GOOD_OLD_FIRST_INO + 5) / groups);
  ipg = Math.min(bpg, Math.ceil(ipg / Math.max(8, ipb)) * Math.max(8, ipb));
  const itb = Math.ceil(ipg / ipb);
  const desc_blocks = Math.ceil((groups * EXT2_DESC_SIZE) / bs);
  const overhead = (g: number): number => (ext2_group_sparse(g) ? 1 + desc_blocks : 0) + 2 + itb;
  // mke2fs drops a last group too small to hold its own tables and some data.
  const last = blocks_count - first_data_block - (groups - 1) * bpg;
  if (groups > 1 && last < overhead(groups - 1) + 50) { groups--; blocks_count = first_data_block + groups * bpg; }
  if (overhead(0) + 50 > blocks_count) return 'Filesystem too small for a journal or inode table';
  const inodes_count = ipg * groups;
  const blocks = new Map<number, Uint8Array>();
  const blk = (n: number): Uint8Array => { let b = blocks.get(n); if (!b) { b = new Uint8Array(bs); blocks.set(n, b); } return b; };

  const gs: group[] = [];
  const backups: number[] = [];
  for (let g = 0; g < groups; g++) {
    const start = first_data_block + g * bpg;
    const end = Math.min(blocks_count, start + bpg);
    let p = start;
    if (ext2_group_sparse(g)) { if (g > 0) backups.push(start); p += 1 + desc_blocks; }
    const gr: group = { start, block_bitmap: p, inode_bitmap: p + 1, inode_table: p + 2, bbits: new Uint8Array(bs), ibits: new Uint8Array(bs), free_blocks: 0, free_inodes: ipg, dirs: 0, next_free: 0 };
    for (let b = start; b < p + 2 + itb; b++) set_bit(gr.bbits, b - start);
    for (let b = end - start; b < bs * 8; b++) set_bit(gr.bbits, b); // past the end of the last group
    for (let i = ipg; i < bs * 8; i++) set_bit(gr.ibits, i);
    gr.free_blocks = end - (p + 2 + itb);
    if (!o.lazy_itable_init) for (let t = 0; t < itb; t++) blk(gr.inode_table + t); // "Writing inode tables": zeroed
    gs.push(gr);
  }

  const alloc_block = (goal_group = 0): number => {
    for (let k = 0; k < groups; k++) {
      const gr = gs[(goal_group + k) % groups];
      if (!gr.free_blocks) continue;
      // Nothing is freed while laying out, so the search resumes where the last one stopped.
      for (let b = gr.next_free; b < bpg; b++) if (!(gr.bbits[b >>> 3] & (1 << (b & 7)))) { set_bit(gr.bbits, b); gr.free_blocks--; gr.next_free = b + 1; return gr.start + b; }
    }
    return 0;
  };
  const inodes = new Map<number, Uint8Array>();
  const use_inode = (ino: number, dir: boolean): void => {
    const gr = gs[Math.floor((ino - 1) / ipg)];
    if (dir) gr.dirs++;
    if (test_bit(gr.ibits, (ino - 1) % ipg)) return; // the root is one of the reserved inodes
    set_bit(gr.ibits, (ino - 1) % ipg);
    gr.free_inodes--;
  };
  for (let ino = 1; ino < EXT2_GOOD_OLD_FIRST_INO; ino++) use_inode(ino, false);
  let next_ino = EXT2_GOOD_OLD_FIRST_INO;
  let full = false;

  /** Writes `data` as the file's blocks through the i_block tree; returns i_blocks in 512-byte units. */
  const write_blocks = (raw: Uint8Array, data: Uint8Array, group: number): number => {
    let count = 0;
    const apb = bs / 4;
    for (let i = 0; i * bs < data.length; i++) {
      const path = ext2_block_to_path(i, apb);
      if (!path) { full = true; return count; }
      let table = raw, base = I_BLOCK;
      for (let d = 0; d < path.length; d++) {
        const off = base + path[d] * 4;
        let b = le32(table, off);
        if (!b) { b = alloc_block(group); if (!b) { full = true; return count; } put_le32(table, off, b); count++; blk(b); }
        if (d === path.length - 1) blk(b).set(data.subarray(i * bs, Math.min(data.length, (i + 1) * bs)));
        table = blk(b); base = 0;
      }
    }
    return count * (bs / 512);
  };

  const new_inode = (ino: number, e: { mode: number; uid?: number; gid?: number }, links: number): Uint8Array => {
    const raw = new Uint8Array(128);
    encode(ext2_inode, raw, { i_mode: e.mode, i_uid: e.uid ?? 0, i_gid: e.gid ?? 0, i_links_count: links, i_atime: o.now, i_ctime: o.now, i_mtime: o.now });
    inodes.set(ino, raw);
    use_inode(ino, (e.mode & S_IFMT) === S_IFDIR);
    return raw;
  };

  // The tree: directories by path, each with its children; parents made when missing.
  interface node { ino: number; e: initramfs_entry; children: [string, node][]; parent: node | null }
  const root: node = { ino: EXT2_ROOT_INO, e: { path: '/', mode: S_IFDIR | 0o755 }, children: [], parent: null };
  root.parent = root;
  const by_path = new Map<string, node>([['', root]]);
  const lpf: node = { ino: next_ino++, e: { path: '/lost+found', mode: S_IFDIR | 0o700 }, children: [], parent: root };
  root.children.push(['lost+found', lpf]);
  by_path.set('/lost+found', lpf);
  const mk = (path: string, e: initramfs_entry): node | null => {
    const clean = path.replace(/\/+$/, '');
    if (clean === '') { root.e = { ...e, path: '/' }; return root; }
    const hit = by_path.get(clean);
    if (hit) { if ((e.mode & S_IFMT) === S_IFDIR) hit.e = e; return hit; }
    const cut = clean.lastIndexOf('/');
    const parent = mk(clean.slice(0, cut), { path: clean.slice(0, cut), mode: S_IFDIR | 0o755 });
    if (!parent || (parent.e.mode & S_IFMT) !== S_IFDIR) return null;
    if (next_ino > inodes_count) { full = true; return null; }
    const n: node = { ino: next_ino++, e, children: [], parent };
    parent.children.push([clean.slice(cut + 1), n]);
    by_path.set(clean, n);
    return n;
  };
  for (const e of o.tree ?? []) mk(e.path.startsWith('/') ? e.path : '/' + e.path, e);
  if (full) return 'Could not allocate inode in ext2 filesystem while populating file system';

  const enc = new TextEncoder();
  const all = [...by_path.values()].sort((a, b) => a.ino - b.ino);
  for (const n of all) {
    const group = Math.floor((n.ino - 1) / ipg);
    const type = n.e.mode & S_IFMT;
    const is_dir = type === S_IFDIR;
    const raw = new_inode(n.ino, n.e, is_dir ? 2 + n.children.filter(([, c]) => (c.e.mode & S_IFMT) === S_IFDIR).length : 1);
    let size = 0, iblocks = 0;
    if (is_dir) {
      const entries: [string, number, number][] = [['.', n.ino, S_IFDIR], ['..', n.parent!.ino, S_IFDIR], ...n.children.map(([name, c]): [string, number, number] => [name, c.ino, c.e.mode])];
      const dblocks = pack_dir(entries, bs, enc);
      // lost+found is made big enough that e2fsck need not grow it (create_lost_and_found).
      if (n === lpf) while (dblocks.length < Math.min(12, Math.max(2, Math.ceil(16384 / bs)))) dblocks.push(empty_dir_block(bs));
      const data = new Uint8Array(dblocks.length * bs);
      dblocks.forEach((b, i) => data.set(b, i * bs));
      iblocks = write_blocks(raw, data, group);
      size = data.length;
    } else if (type === S_IFREG) {
      const data = n.e.data ?? new Uint8Array(0);
      iblocks = write_blocks(raw, data, group);
      size = data.length;
    } else if (type === S_IFLNK) {
      const t = enc.encode(n.e.link ?? '');
      size = t.length;
      if (t.length < EXT2_N_BLOCKS * 4) raw.set(t, I_BLOCK); else iblocks = write_blocks(raw, t, group);
    } else {
      const rdev = n.e.rdev ?? 0, major = rdev >>> 20, minor = rdev & 0xfffff;
      if (major < 256 && minor < 256) put_le32(raw, I_BLOCK, (major << 8) | minor);
      else put_le32(raw, I_BLOCK + 4, (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12));
    }
    if (full) return 'Could not allocate block in ext2 filesystem while populating file system';
    encode(ext2_inode, raw, { i_size: size, i_blocks: iblocks });
  }

  // Inode tables, bitmaps, descriptors, then the superblock and its backups.
  for (const [ino, raw] of inodes) {
    const gr = gs[Math.floor((ino - 1) / ipg)];
    const idx = (ino - 1) % ipg;
    blk(gr.inode_table + Math.floor(idx / ipb)).set(raw, (idx % ipb) * isz);
  }
  const gdt = new Uint8Array(desc_blocks * bs);
  gs.forEach((gr, g) => {
    blk(gr.block_bitmap).set(gr.bbits);
    blk(gr.inode_bitmap).set(gr.ibits);
    encode(ext2_group_desc, gdt, { bg_block_bitmap: gr.block_bitmap, bg_inode_bitmap: gr.inode_bitmap, bg_inode_table: gr.inode_table, bg_free_blocks_count: gr.free_blocks, bg_free_inodes_count: gr.free_inodes, bg_used_dirs_count: gr.dirs }, g * EXT2_DESC_SIZE);
  });
  const r_blocks = Math.floor((blocks_count * (o.reserved_ratio ?? 5)) / 100);
  const sb = new Uint8Array(1024);
  encode(ext2_super_block, sb, {
    s_inodes_count: inodes_count, s_blocks_count: blocks_count, s_r_blocks_count: r_blocks,
    s_free_blocks_count: gs.reduce((n, g) => n + g.free_blocks, 0), s_free_inodes_count: gs.reduce((n, g) => n + g.free_inodes, 0),
    s_first_data_block: first_data_block, s_log_block_size: Math.log2(bs) - 10, s_log_frag_size: Math.log2(bs) - 10,
    s_blocks_per_group: bpg, s_frags_per_group: bpg, s_inodes_per_group: ipg, s_wtime: o.now, s_max_mnt_count: 0xffff,
    s_magic: EXT2_SUPER_MAGIC, s_state: EXT2_VALID_FS, s_errors: EXT2_ERRORS_CONTINUE, s_lastcheck: o.now, s_rev_level: EXT2_DYNAMIC_REV,
    s_first_ino: EXT2_GOOD_OLD_FIRST_INO, s_inode_size: isz, s_feature_incompat: EXT2_FEATURE_INCOMPAT_FILETYPE,
    s_feature_ro_compat: EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE, s_mkfs_time: o.now,
  });
  sb.set(o.uuid.subarray(0, 16), S_UUID);
  sb.set(enc.encode(o.label ?? '').subarray(0, 16), S_VOLUME_NAME);
  sb.set(o.uuid.subarray(0, 16).map((x) => x ^ 0x5a), S_HASH_SEED);
  gs.forEach((gr, g) => {
    if (!ext2_group_sparse(g)) return;
    const copy = sb.slice();
    encode(ext2_super_block, copy, { s_block_group_nr: g });
    // The primary sits at byte 1024 whatever the block size; backups start their group's first block.
    if (g === 0) blk(bs === 1024 ? 1 : 0).set(copy, bs === 1024 ? 0 : EXT2_SBLOCK_OFFSET);
    else blk(gr.start).set(copy);
    for (let d = 0; d < desc_blocks; d++) blk(gr.start + 1 + d).set(gdt.subarray(d * bs, (d + 1) * bs));
  });
  if (bs === 1024) blk(0); // the boot block is zeroed too
  return { block_size: bs, blocks_count, inodes_count, groups, blocks_per_group: bpg, inodes_per_group: ipg, r_blocks_count: r_blocks, backups, blocks };
}

/** A directory block holding no entry: one unused record spanning it. */
export function empty_dir_block(bs: number): Uint8Array {
  const b = new Uint8Array(bs);
  b[4] = bs & 0xff; b[5] = bs >>> 8;
  return b;
}

/** Packs entries into directory blocks; each block's last record reaches its end. */
function pack_dir(entries: [string, number, number][], bs: number, enc: InstanceType<typeof TextEncoder>): Uint8Array[] {
  const out: Uint8Array[] = [];
  let cur = new Uint8Array(bs), off = 0, last = -1;
  const close = (): void => { if (last >= 0) { const len = bs - last; cur[last + 4] = len & 0xff; cur[last + 5] = len >>> 8; } out.push(cur); };
  for (const [name, ino, mode] of entries) {
    const nb = enc.encode(name);
    const rl = EXT2_DIR_REC_LEN(nb.length);
    if (off + rl > bs) { close(); cur = new Uint8Array(bs); off = 0; last = -1; }
    put_le32(cur, off, ino);
    cur[off + 4] = rl & 0xff; cur[off + 5] = rl >>> 8;
    cur[off + 6] = nb.length; cur[off + 7] = ext2_type_by_mode(mode);
    cur.set(nb, off + 8);
    last = off; off += rl;
  }
  close();
  return out;
}

/** The whole image as one array (for a disk the machine is built with). */
export function mkext2_image(r: mkext2_result): Uint8Array {
  const img = new Uint8Array(r.blocks_count * r.block_size);
  for (const [n, b] of r.blocks) img.set(b, n * r.block_size);
  return img;
}

/** Where partitions start by default (fdisk and sfdisk align to 1 MiB). */
export const PARTITION_START_SECTOR = 2048;

/** The MBR sfdisk writes for one Linux partition from `start` for `sectors`: a disk signature, entry 1 (type 0x83, LBA start and size; CHS fields saturated), 55 AA. */
function mbr_one_linux_partition(sig: Uint8Array, start: number, sectors: number): Uint8Array {
  const mbr = new Uint8Array(512);
  mbr.set(sig.subarray(0, 4), 440);
  const e = 446;
  mbr.set([0x00, 0xfe, 0xff, 0xff, 0x83, 0xfe, 0xff, 0xff], e);
  put_le32(mbr, e + 8, start);
  put_le32(mbr, e + 12, sectors);
  mbr[510] = 0x55; mbr[511] = 0xaa;
  return mbr;
}

/** The MBR and the filesystem of a disk holding one Linux partition from sector 2048 to the end. */
function mkext2_partitioned(disk_bytes: number, o: Omit<mkext2_options, 'size'>): { mbr: Uint8Array; fs: mkext2_result } | string {
  const start = PARTITION_START_SECTOR, sectors = Math.floor(disk_bytes / 512) - start;
  if (sectors <= 0) return 'disk too small for a partition';
  const fs = mkext2({ ...o, size: sectors * 512 });
  if (typeof fs === 'string') return fs;
  return { mbr: mbr_one_linux_partition(o.uuid, start, sectors), fs };
}

/**
 * A whole disk as a machine is built with it: an MBR (as sfdisk writes it) holding one Linux
 * partition from sector 2048 to the end, and in it an ext2 filesystem of `tree`.
 */
export function mkext2_disk(disk_bytes: number, o: Omit<mkext2_options, 'size'>): Uint8Array | string {
  const r = mkext2_partitioned(disk_bytes, o);
  if (typeof r === 'string') return r;
  const disk = new Uint8Array(Math.floor(disk_bytes / 512) * 512);
  disk.set(mkext2_image(r.fs), PARTITION_START_SECTOR * 512);
  disk.set(r.mbr, 0);
  return disk;
}

/**
 * The same disk as 4 KiB pages by index, only those holding data (a disk model's sparse
 * contents): a 1 GiB root disk is a few hundred pages, not a gigabyte of zeroes.
 */
export function mkext2_disk_pages(disk_bytes: number, o: Omit<mkext2_options, 'size'>): Map<number, Uint8Array> | string {
  const r = mkext2_partitioned(disk_bytes, { ...o, lazy_itable_init: true });
  if (typeof r === 'string') return r;
  const pages = new Map<number, Uint8Array>();
  const put = (byte: number, data: Uint8Array): void => {
    for (let done = 0; done < data.length;) {
      const at = byte + done, idx = Math.floor(at / 4096), off = at % 4096, n = Math.min(4096 - off, data.length - done);
      let p = pages.get(idx);
      if (!p) { p = new Uint8Array(4096); pages.set(idx, p); }
      p.set(data.subarray(done, done + n), off);
      done += n;
    }
  };
  put(0, r.mbr);
  for (const [n, b] of r.fs.blocks) if (b.some((x) => x !== 0)) put(PARTITION_START_SECTOR * 512 + n * r.fs.block_size, b);
  return pages;
}

export { S_IFREG, S_IFLNK };
