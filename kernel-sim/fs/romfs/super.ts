// Models linux/fs/romfs/super.c: the read-only romfs driver on a block device (fill_super, iget, lookup, readdir, read, readlink).
import type { file_system_type, super_block, inode, file_operations, inode_operations, dev_t } from '../../include/linux/fs_types.ts';
import { FS_REQUIRES_DEV } from '../../include/linux/fs_types.ts';
import { EINVAL, EIO } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFDIR, S_IFREG, S_IFLNK, S_IFBLK, S_IFCHR, S_IFSOCK, S_IFIFO, S_IXUGO, DT_UNKNOWN, DT_DIR, DT_REG, DT_LNK, DT_BLK, DT_CHR, DT_SOCK, DT_FIFO } from '../../include/uapi/stat.ts';
import { MKDEV } from '../../include/linux/fs_types.ts';
import { pr_warn, pr_err } from '../../kernel/printk/printk.ts';
import { alloc_super, register_filesystem } from '../super.ts';
import { lookup_bdev } from '../namei.ts';
import { new_inode } from '../inode.ts';
import { init_special_inode } from '../special_inode.ts';
import { d_add } from '../dcache.ts';
import { simple_read_from_buffer, generic_file_llseek, generic_file_llseek_size, emit_dir_entries } from '../libfs.ts';
import { bdev_read, get_gendisk, bdevname, get_capacity } from '../../block/genhd.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import {
  ROMSB_WORD0, ROMSB_WORD1, ROMFS_MAGIC, ROMFH_SIZE, ROMFH_MASK, ROMFH_TYPE, ROMFH_EXEC, ROMFH_HRD, ROMFH_DIR, ROMFH_REG, ROMFH_SYM,
  romfs_dentry_size, romfs_checksum,
} from './romfs_fs.ts';

export const SB_RDONLY = 1;
const MS_SILENT = 32768;

interface romfs_sb_info { dev: dev_t; size: number; icache: Map<number, inode> }
interface romfs_inode_info { i_metasize: number; i_dataoffset: number; spec: number }
interface romfs_header { next: number; spec: number; size: number; name: string; pos: number }

const romfs_modemap = [0, S_IFDIR | 0o644, S_IFREG | 0o644, S_IFLNK | 0o777, S_IFBLK | 0o600, S_IFCHR | 0o600, S_IFSOCK | 0o644, S_IFIFO | 0o644];
const romfs_dtype_table = [DT_UNKNOWN, DT_DIR, DT_REG, DT_LNK, DT_BLK, DT_CHR, DT_SOCK, DT_FIFO];
const dec = new TextDecoder();

const sbi = (sb: super_block): romfs_sb_info => sb.s_fs_info as romfs_sb_info;

/** romfs_dev_read: bytes of the image, or null past its end. */
function romfs_dev_read(sb: super_block, pos: number, len: number): Uint8Array | null {
  const s = sbi(sb);
  if (pos < 0 || pos + len > s.size) return null;
  return bdev_read(s.dev, pos, len);
}

function read_header(sb: super_block, pos: number): romfs_header | null {
  const h = romfs_dev_read(sb, pos, ROMFH_SIZE);
  if (!h) return null;
  const dv = new DataView(h.buffer);
  // The name: NUL-terminated, read in 16-byte chunks (romfs_dev_strnlen).
  let name = '';
  for (let p = pos + ROMFH_SIZE; ; p += 16) {
    const chunk = romfs_dev_read(sb, p, 16);
    if (!chunk) return null;
    const z = chunk.indexOf(0);
    name += dec.decode(z < 0 ? chunk : chunk.subarray(0, z));
    if (z >= 0 || name.length > 256) break;
  }
  return { next: dv.getUint32(0, false), spec: dv.getUint32(4, false), size: dv.getUint32(8, false), name, pos };
}

/** romfs_iget: the inode for the header at `pos`, following hard links. */
function romfs_iget(sb: super_block, pos: number): inode | number {
  let h: romfs_header | null;
  for (let hops = 0; ; hops++) {
    h = read_header(sb, pos);
    if (!h || hops > 32) return -EIO;
    if ((h.next & ROMFH_TYPE) !== ROMFH_HRD) break;
    pos = h.spec & ROMFH_MASK;
  }
  const cache = sbi(sb).icache;
  const hit = cache.get(pos);
  if (hit) return hit;
  const nlen = new TextEncoder().encode(h.name).length;
  const type = h.next & ROMFH_TYPE;
  let mode = romfs_modemap[type];
  const ino = new_inode(sb, mode, pos);
  const info: romfs_inode_info = { i_metasize: romfs_dentry_size(nlen), i_dataoffset: pos + romfs_dentry_size(nlen), spec: h.spec };
  ino.i_private = info;
  ino.i_size = h.size;
  ino.i_uid = ino.i_gid = 0;
  ino.i_atime = ino.i_mtime = ino.i_ctime = 0;
  ino.i_blocks = Math.ceil(h.size / 512);
  switch (type) {
    case ROMFH_DIR:
      ino.i_size = info.i_metasize;
      ino.i_op = romfs_dir_inode_operations;
      ino.i_fop = romfs_dir_operations;
      if (h.next & ROMFH_EXEC) mode |= S_IXUGO;
      break;
    case ROMFH_REG: {
      ino.i_fop = romfs_ro_fops;
      if (h.next & ROMFH_EXEC) mode |= S_IXUGO;
      // The page cache view exec and read use (romfs_read_folio fills it from the device).
      const data = romfs_dev_read(sb, info.i_dataoffset, h.size);
      if (!data) return -EIO;
      ino.i_data = data;
      break;
    }
    case ROMFH_SYM: {
      const data = romfs_dev_read(sb, info.i_dataoffset, h.size);
      if (!data) return -EIO;
      ino.i_link = dec.decode(data);
      break;
    }
    default:
      init_special_inode(ino, mode, MKDEV(h.spec >>> 16, h.spec & 0xffff));
  }
  ino.i_mode = mode;
  cache.set(pos, ino);
  return ino;
}

/** Each entry of a directory's list: [name, header pos, next field]. */
function dir_entries(dir: inode): [string, number, number][] | number {
  const sb = dir.i_sb;
  const out: [string, number, number][] = [];
  let off = (dir.i_private as romfs_inode_info).spec & ROMFH_MASK;
  for (let n = 0; off; n++) {
    const h = read_header(sb, off);
    if (!h || n > 100_000) return -EIO;
    out.push([h.name, off, h.next]);
    off = h.next & ROMFH_MASK;
  }
  return out;
}

const romfs_dir_operations: file_operations = {
  llseek: function* (file, offset, whence) { return generic_file_llseek_size(file, offset, whence, Number.MAX_SAFE_INTEGER); },
  iterate_shared: function* (file, ctx) {
    const es = dir_entries(file.f_inode);
    if (typeof es === 'number') return es;
    // romfs_readdir: a hard link reports its target's number and DT_UNKNOWN.
    emit_dir_entries(ctx, es.map(([name, pos, next]) => {
      const t = next & ROMFH_TYPE;
      const h = t === ROMFH_HRD ? read_header(file.f_inode.i_sb, pos) : null;
      return [name, h ? h.spec & ROMFH_MASK : pos, romfs_dtype_table[t]];
    }));
    return 0;
  },
};

const romfs_dir_inode_operations: inode_operations = {
  lookup(dir, dentry) {
    const es = dir_entries(dir);
    if (typeof es === 'number') return null;
    const e = es.find(([name]) => name === dentry.d_name);
    if (!e) return null;
    const ino = romfs_iget(dir.i_sb, e[1]);
    if (typeof ino === 'number') return null;
    return d_add(dentry, ino);
  },
};

const romfs_ro_fops: file_operations = {
  llseek: generic_file_llseek,
  read: function* (file, buf, count, ppos) {
    const ino = file.f_inode;
    return simple_read_from_buffer(buf, count, ppos, (ino.i_data ?? new Uint8Array(0)).subarray(0, ino.i_size));
  },
};

/** romfs_fill_super: check the magic and checksum, then the root directory is the first header. */
function romfs_fill_super(dev: dev_t, flags: number): super_block | number {
  const silent = (flags & MS_SILENT) !== 0;
  const id = bdevname(dev);
  const disk = get_gendisk(dev)!;
  const probe: romfs_sb_info = { dev, size: Math.min(512, get_capacity(disk) * 512), icache: new Map() };
  const rsb = bdev_read(dev, 0, probe.size);
  if (!rsb || rsb.length < 32) return -EINVAL;
  const dv = new DataView(rsb.buffer);
  const img_size = dv.getUint32(8, false);
  if (dv.getUint32(0, false) !== ROMSB_WORD0 || dv.getUint32(4, false) !== ROMSB_WORD1 || img_size < ROMFH_SIZE) {
    if (!silent) pr_warn(`romfs: VFS: Can't find a romfs filesystem on dev ${id}.`);
    return -EINVAL;
  }
  if (romfs_checksum(rsb, 0, Math.min(img_size, 512)) !== 0) {
    pr_err(`romfs: bad initial checksum on dev ${id}.`);
    return -EINVAL;
  }
  const info: romfs_sb_info = { dev, size: Math.min(img_size, get_capacity(disk) * 512), icache: new Map() };
  let len = rsb.indexOf(0, 16) - 16;
  if (len < 0) len = 0;
  const root_pos = romfs_dentry_size(len);
  let root: inode | number = -EINVAL;
  const sb = alloc_super(romfs_fs_type, ROMFS_MAGIC, (s) => {
    s.s_fs_info = info;
    s.s_blocksize = 1024;
    root = romfs_iget(s, root_pos);
    return typeof root === 'number' ? new_inode(s, S_IFDIR | 0o755) : root;
  }, dev);
  if (typeof root === 'number') return root;
  sb.s_flags |= SB_RDONLY;
  sb.s_op = {
    statfs: (s) => ({ f_type: ROMFS_MAGIC, f_bsize: 1024, f_blocks: Math.ceil(sbi(s).size / 1024), f_bfree: 0, f_files: 0, f_ffree: 0 }),
    show_options: () => '',
  };
  return sb;
}

/** romfs_mount via get_tree_bdev: the source must be a block special file of a known disk. */
export const romfs_fs_type: file_system_type = {
  name: 'romfs',
  fs_flags: FS_REQUIRES_DEV,
  mount(flags, dev_name) {
    const dev = lookup_bdev(dev_name, (d) => get_gendisk(d) !== null);
    return dev < 0 ? dev : romfs_fill_super(dev, flags);
  },
};

export function init_romfs_fs(): number {
  return register_filesystem(romfs_fs_type);
}

export const initcalls: initcall_entry[] = [['fs', 'init_romfs_fs', init_romfs_fs, 20_000]];
