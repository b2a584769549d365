// Models linux/fs/ext2/ext2.h and include/linux/ext2_fs.h: the ext2 on-disk format (revision 1) as field tables, shared by the driver, mke2fs and e2fsck.
//
// Each structure is a table of [byte offset, width] per field, little-endian as
// on disk. decode() turns bytes into a plain object with the kernel's field
// names; encode() writes such an object back. Nothing here keeps state.

type width = 1 | 2 | 4;
type layout = Readonly<Record<string, readonly [number, width]>>;
export type fields<L extends layout> = { -readonly [K in keyof L]: number };

export const EXT2_SUPER_MAGIC = 0xef53;
/** The superblock always starts 1024 bytes into the device, whatever the block size. */
export const EXT2_SBLOCK_OFFSET = 1024;
export const EXT2_MIN_BLOCK_SIZE = 1024;
export const EXT2_MAX_BLOCK_SIZE = 65536;
export const EXT2_GOOD_OLD_REV = 0;
export const EXT2_DYNAMIC_REV = 1;
export const EXT2_GOOD_OLD_INODE_SIZE = 128;
export const EXT2_GOOD_OLD_FIRST_INO = 11;

/** Reserved inode numbers. */
export const EXT2_BAD_INO = 1;
export const EXT2_ROOT_INO = 2;

/** i_block: 12 direct pointers, then single, double and triple indirect. */
export const EXT2_NDIR_BLOCKS = 12;
export const EXT2_IND_BLOCK = 12;
export const EXT2_DIND_BLOCK = 13;
export const EXT2_TIND_BLOCK = 14;
export const EXT2_N_BLOCKS = 15;

/** s_state */
export const EXT2_VALID_FS = 1;
export const EXT2_ERROR_FS = 2;
/** s_errors */
export const EXT2_ERRORS_CONTINUE = 1;
export const EXT2_ERRORS_RO = 2;
export const EXT2_ERRORS_PANIC = 3;

/** Feature bits: what this driver and mke2fs understand. */
export const EXT2_FEATURE_COMPAT_EXT_ATTR = 0x0008;
export const EXT2_FEATURE_COMPAT_RESIZE_INO = 0x0010;
export const EXT2_FEATURE_COMPAT_DIR_INDEX = 0x0020;
export const EXT2_FEATURE_INCOMPAT_FILETYPE = 0x0002;
export const EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER = 0x0001;
export const EXT2_FEATURE_RO_COMPAT_LARGE_FILE = 0x0002;
export const EXT2_FEATURE_INCOMPAT_SUPP = EXT2_FEATURE_INCOMPAT_FILETYPE;
export const EXT2_FEATURE_RO_COMPAT_SUPP = EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE;

/** Names e2fsprogs prints for feature bits (lib/e2p/feature.c), in its order. */
export const FEATURE_NAMES: readonly (readonly ['compat' | 'incompat' | 'ro_compat', number, string])[] = [
  ['compat', EXT2_FEATURE_COMPAT_EXT_ATTR, 'ext_attr'],
  ['compat', EXT2_FEATURE_COMPAT_RESIZE_INO, 'resize_inode'],
  ['compat', EXT2_FEATURE_COMPAT_DIR_INDEX, 'dir_index'],
  ['incompat', EXT2_FEATURE_INCOMPAT_FILETYPE, 'filetype'],
  ['ro_compat', EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER, 'sparse_super'],
  ['ro_compat', EXT2_FEATURE_RO_COMPAT_LARGE_FILE, 'large_file'],
];

/** struct ext2_super_block (the first 264 bytes that matter; the rest of its 1024 is zero). */
export const ext2_super_block = {
  s_inodes_count: [0, 4], s_blocks_count: [4, 4], s_r_blocks_count: [8, 4], s_free_blocks_count: [12, 4],
  s_free_inodes_count: [16, 4], s_first_data_block: [20, 4], s_log_block_size: [24, 4], s_log_frag_size: [28, 4],
  s_blocks_per_group: [32, 4], s_frags_per_group: [36, 4], s_inodes_per_group: [40, 4], s_mtime: [44, 4],
  s_wtime: [48, 4], s_mnt_count: [52, 2], s_max_mnt_count: [54, 2], s_magic: [56, 2], s_state: [58, 2],
  s_errors: [60, 2], s_minor_rev_level: [62, 2], s_lastcheck: [64, 4], s_checkinterval: [68, 4],
  s_creator_os: [72, 4], s_rev_level: [76, 4], s_def_resuid: [80, 2], s_def_resgid: [82, 2],
  s_first_ino: [84, 4], s_inode_size: [88, 2], s_block_group_nr: [90, 2], s_feature_compat: [92, 4],
  s_feature_incompat: [96, 4], s_feature_ro_compat: [100, 4], s_mkfs_time: [264, 4],
} as const;
export const S_UUID = 104, S_VOLUME_NAME = 120, S_LAST_MOUNTED = 136, S_HASH_SEED = 236;
export type ext2_super_block = fields<typeof ext2_super_block>;

/** struct ext2_group_desc: 32 bytes each, in the blocks after the superblock. */
export const ext2_group_desc = {
  bg_block_bitmap: [0, 4], bg_inode_bitmap: [4, 4], bg_inode_table: [8, 4],
  bg_free_blocks_count: [12, 2], bg_free_inodes_count: [14, 2], bg_used_dirs_count: [16, 2],
} as const;
export const EXT2_DESC_SIZE = 32;
export type ext2_group_desc = fields<typeof ext2_group_desc>;

/** struct ext2_inode: the first 128 bytes of each inode table slot (i_block is handled apart). */
export const ext2_inode = {
  i_mode: [0, 2], i_uid: [2, 2], i_size: [4, 4], i_atime: [8, 4], i_ctime: [12, 4], i_mtime: [16, 4],
  i_dtime: [20, 4], i_gid: [24, 2], i_links_count: [26, 2], i_blocks: [28, 4], i_flags: [32, 4],
  i_generation: [100, 4], i_file_acl: [104, 4], i_size_high: [108, 4], i_uid_high: [120, 2], i_gid_high: [122, 2],
} as const;
export const I_BLOCK = 40;
export type ext2_inode = fields<typeof ext2_inode>;

/** struct ext2_dir_entry_2: inode, rec_len, name_len, file_type, then the name (not NUL-terminated). */
export const ext2_dir_entry_2 = { inode: [0, 4], rec_len: [4, 2], name_len: [6, 1], file_type: [7, 1] } as const;
export const EXT2_DIR_PAD = 4;
/** EXT2_DIR_REC_LEN: 8 bytes of header plus the name, rounded up to 4. */
export const EXT2_DIR_REC_LEN = (name_len: number): number => (name_len + 8 + 3) & ~3;
export const EXT2_NAME_LEN = 255;

/** file_type of a directory entry (EXT2_FT_*), indexed by S_IFMT >> 12. */
export const EXT2_FT_UNKNOWN = 0, EXT2_FT_REG_FILE = 1, EXT2_FT_DIR = 2, EXT2_FT_CHRDEV = 3, EXT2_FT_BLKDEV = 4,
  EXT2_FT_FIFO = 5, EXT2_FT_SOCK = 6, EXT2_FT_SYMLINK = 7;
const ft_by_fmt: Readonly<Record<number, number>> = { 1: EXT2_FT_FIFO, 2: EXT2_FT_CHRDEV, 4: EXT2_FT_DIR, 6: EXT2_FT_BLKDEV, 8: EXT2_FT_REG_FILE, 10: EXT2_FT_SYMLINK, 12: EXT2_FT_SOCK };
export const ext2_type_by_mode = (mode: number): number => ft_by_fmt[(mode >>> 12) & 15] ?? EXT2_FT_UNKNOWN;

/** Reads a structure at `base` of `buf`. Fields past the end of `buf` read as 0. */
export function decode<L extends layout>(l: L, buf: Uint8Array, base = 0): fields<L> {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Record<string, number> = {};
  for (const [name, [off, w]] of Object.entries(l)) {
    const p = base + off;
    out[name] = p + w > buf.length ? 0 : w === 4 ? dv.getUint32(p, true) : w === 2 ? dv.getUint16(p, true) : buf[p];
  }
  return out as fields<L>;
}

/** Writes the fields of `v` present in the layout at `base` of `buf`. */
export function encode<L extends layout>(l: L, buf: Uint8Array, v: Partial<fields<L>>, base = 0): void {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (const [name, val] of Object.entries(v)) {
    const f = l[name];
    if (!f || val === undefined) continue;
    const [off, w] = f;
    if (w === 4) dv.setUint32(base + off, val >>> 0, true);
    else if (w === 2) dv.setUint16(base + off, val & 0xffff, true);
    else buf[base + off] = val & 0xff;
  }
}

export const le32 = (b: Uint8Array, off: number): number => (b[off] | (b[off + 1] << 8) | (b[off + 2] << 16) | (b[off + 3] << 24)) >>> 0;
export function put_le32(b: Uint8Array, off: number, v: number): void {
  b[off] = v & 0xff; b[off + 1] = (v >>> 8) & 0xff; b[off + 2] = (v >>> 16) & 0xff; b[off + 3] = (v >>> 24) & 0xff;
}

/** The 15 block pointers of an inode slot. */
export function inode_blocks(buf: Uint8Array, base: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < EXT2_N_BLOCKS; i++) out.push(le32(buf, base + I_BLOCK + i * 4));
  return out;
}

/** Bitmap helpers (ext2_set_bit/ext2_test_bit: little-endian bit order). */
export const test_bit = (b: Uint8Array, n: number): boolean => (b[n >>> 3] & (1 << (n & 7))) !== 0;
export function set_bit(b: Uint8Array, n: number): void { b[n >>> 3] |= 1 << (n & 7); }
export function clear_bit(b: Uint8Array, n: number): void { b[n >>> 3] &= ~(1 << (n & 7)); }

/** Whether group `g` holds a superblock backup under sparse_super (0, 1 and powers of 3, 5, 7). */
export function ext2_group_sparse(g: number): boolean {
  if (g <= 1) return true;
  for (const base of [3, 5, 7]) { let n = base; while (n < g) n *= base; if (n === g) return true; }
  return false;
}

/** The geometry every user of a superblock derives from it. */
export interface ext2_geometry {
  block_size: number;
  inode_size: number;
  groups: number;
  desc_blocks: number;
  inodes_per_block: number;
  itb_per_group: number;
  addr_per_block: number;
}

/** Checks a superblock is one this code can use; returns the geometry or the reason it cannot. */
export function ext2_geometry_of(es: ext2_super_block): ext2_geometry | string {
  if (es.s_magic !== EXT2_SUPER_MAGIC) return 'bad magic';
  if (es.s_log_block_size > 6) return `invalid log block size: ${es.s_log_block_size}`;
  const block_size = 1024 << es.s_log_block_size;
  const inode_size = es.s_rev_level === EXT2_GOOD_OLD_REV ? EXT2_GOOD_OLD_INODE_SIZE : es.s_inode_size;
  if (inode_size < EXT2_GOOD_OLD_INODE_SIZE || inode_size > block_size || (inode_size & (inode_size - 1))) return `unsupported inode size: ${inode_size}`;
  if (!es.s_blocks_per_group || es.s_blocks_per_group > block_size * 8) return `#blocks per group too big: ${es.s_blocks_per_group}`;
  if (!es.s_inodes_per_group || es.s_inodes_per_group > block_size * 8) return `#inodes per group too big: ${es.s_inodes_per_group}`;
  if (es.s_first_data_block >= es.s_blocks_count) return 'bad geometry: first data block beyond the end';
  const groups = Math.ceil((es.s_blocks_count - es.s_first_data_block) / es.s_blocks_per_group);
  if (groups * es.s_inodes_per_group !== es.s_inodes_count) return `inodes count wrong: ${es.s_inodes_count}`;
  const inodes_per_block = block_size / inode_size;
  return {
    block_size, inode_size, groups, desc_blocks: Math.ceil((groups * EXT2_DESC_SIZE) / block_size), inodes_per_block,
    itb_per_group: Math.ceil(es.s_inodes_per_group / inodes_per_block), addr_per_block: block_size / 4,
  };
}

/** e2fsprogs' uuid text form. */
export function uuid_unparse(u: Uint8Array): string {
  const h = [...u].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * ext2_block_to_path: where logical block `i` of a file hangs in the i_block tree —
 * the index in i_block, then one index per indirect level. Null past the triple-indirect range.
 */
export function ext2_block_to_path(i: number, addr_per_block: number): number[] | null {
  const a = addr_per_block;
  if (i < 0) return null;
  if (i < EXT2_NDIR_BLOCKS) return [i];
  i -= EXT2_NDIR_BLOCKS;
  if (i < a) return [EXT2_IND_BLOCK, i];
  i -= a;
  if (i < a * a) return [EXT2_DIND_BLOCK, Math.floor(i / a), i % a];
  i -= a * a;
  if (i < a * a * a) return [EXT2_TIND_BLOCK, Math.floor(i / (a * a)), Math.floor(i / a) % a, i % a];
  return null;
}
