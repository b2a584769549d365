// Models linux/fs/ramfs/inode.c and mm/shmem.c (as tmpfs without swap): filesystems that live entirely in the page cache.
import type { dentry, file_system_type, inode, inode_operations, super_block, file_operations, dev_t } from '../../include/linux/fs_types.ts';
import { EFAULT, EFBIG, EINVAL, ENOSPC, EPERM } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFDIR, S_IFLNK, S_IFREG, S_ISDIR, S_ISREG, O_APPEND } from '../../include/uapi/stat.ts';
import { RLIMIT_FSIZE } from '../../include/uapi/resource.ts';
import { alloc_super, free_anon_bdev, register_filesystem } from '../super.ts';
import { kern_mount } from '../mount.ts';
import { new_inode, inode_touch_mtime } from '../inode.ts';
import { init_special_inode } from '../special_inode.ts';
import { d_add } from '../dcache.ts';
import { simple_dir_operations, simple_read_from_buffer, generic_file_llseek } from '../libfs.ts';
import { copy_from_user } from '../../mm/uaccess.ts';
import { current } from '../../kernel/sched/core.ts';
import { send_signal } from '../../kernel/signal.ts';
import { SIGXFSZ } from '../../include/uapi/signal.ts';
import { si_meminfo, min_free_bytes, vmstat } from '../../mm/meminfo.ts';
import { defineState } from '../../kernel/state.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';

/** MAX_LFS_FILESIZE on 64-bit: s_maxbytes of ramfs and tmpfs. */
const MAX_LFS_FILESIZE = Number.MAX_SAFE_INTEGER;

/**
 * Growing a RAM file by `grow` bytes: these files are backed eagerly, so growth beyond the fs's size limit (tmpfs's
 * default is half the RAM; ramfs has none), or beyond the machine's free memory, is -ENOSPC as a full tmpfs gives it.
 */
function ram_growth_ok(info: ramfs_info, grow: number): boolean {
  if (grow <= 0) return true;
  if (info.max_blocks && info.used_bytes + grow > info.max_blocks * 4096) return false;
  // The pages come out of the machine's RAM: with no swap to push them to, a full machine refuses the write.
  return grow <= si_meminfo().freeram - min_free_bytes();
}

/** The bytes of each RAM file counted in its fs's usage and the machine's memory (files put in place by the host or
 * unpacked from the initramfs before the kernel counted anything are not). */
const ramfs_charged = defineState('ramfs_charged', () => new WeakMap<inode, number>());

/** Sets a RAM file's counted size to `size`, moving its fs's usage and the machine's Shmem (tmpfs) or ramfs pages. */
function ram_account(info: ramfs_info, ino: inode, size: number): void {
  const delta = size - (ramfs_charged().get(ino) ?? 0);
  ramfs_charged().set(ino, size);
  info.used_bytes += delta;
  if (info.shmem) vmstat().NR_SHMEM_BYTES += delta;
  else vmstat().NR_RAMFS_BYTES += delta;
}

export const RAMFS_MAGIC = 0x858458f6;
export const TMPFS_MAGIC = 0x01021994;
/** tmpfs default size: half of RAM (512 MiB machine → 227184k as shmem computes it after reservations). */
export const TMPFS_DEFAULT_BLOCKS = 56796;

export interface ramfs_info { max_blocks: number; used_bytes: number; shmem: boolean; max_inodes: number; inodes: number; show: string }

function sb_info(sb: super_block): ramfs_info { return sb.s_fs_info as ramfs_info; }

export const ramfs_file_operations: file_operations = {
  llseek: generic_file_llseek,
  read: function* (file, buf, count, ppos) {
    const ino = file.f_inode;
    const data = ino.i_data ?? new Uint8Array(0);
    return simple_read_from_buffer(buf, count, ppos, data.subarray(0, ino.i_size));
  },
  write: function* (file, buf, count, ppos) {
    const ino = file.f_inode;
    const pos = file.f_flags & O_APPEND ? ino.i_size : ppos.pos;
    const limit = current().signal.rlim[RLIMIT_FSIZE].rlim_cur;
    if (pos >= limit) { send_signal(SIGXFSZ, current()); return -EFBIG; }
    count = Math.min(count, limit - pos);
    const src = copy_from_user(buf, count);
    if (!src) return -EFAULT;
    const end = pos + count;
    const info = sb_info(ino.i_sb);
    if (end > MAX_LFS_FILESIZE) return -EFBIG;
    if (end > ino.i_size && !ram_growth_ok(info, end - ino.i_size)) return -ENOSPC;
    ensure_capacity(ino, end);
    ino.i_data!.set(src, pos);
    if (end > ino.i_size) { ram_account(info, ino, end); ino.i_size = end; ino.i_blocks = Math.ceil(end / 512); }
    ppos.pos = end;
    inode_touch_mtime(ino);
    return count;
  },
};

function ensure_capacity(ino: inode, size: number): void {
  const cur = ino.i_data ?? new Uint8Array(0);
  if (cur.length >= size) return;
  const next = new Uint8Array(Math.max(size, cur.length * 2, 256));
  next.set(cur.subarray(0, ino.i_size));
  ino.i_data = next;
}

/** Truncates or extends a RAM file (shmem_setattr with ATTR_SIZE). */
export function ramfs_truncate(ino: inode, size: number): number {
  if (!S_ISREG(ino.i_mode)) return -EINVAL;
  const info = sb_info(ino.i_sb);
  if (size > ino.i_size) {
    // inode_newsize_ok(): RLIMIT_FSIZE and s_maxbytes; then room to back it.
    if (size > current().signal.rlim[RLIMIT_FSIZE].rlim_cur) { send_signal(SIGXFSZ, current()); return -EFBIG; }
    if (size > MAX_LFS_FILESIZE) return -EFBIG;
    if (!ram_growth_ok(info, size - ino.i_size)) return -ENOSPC;
    ensure_capacity(ino, size);
  }
  if (ino.i_data && size > ino.i_size) ino.i_data.fill(0, ino.i_size, size);
  ram_account(info, ino, size);
  ino.i_size = size;
  ino.i_blocks = Math.ceil(size / 512);
  inode_touch_mtime(ino);
  return 0;
}

function ramfs_get_inode(sb: super_block, dir: inode | null, mode: number, dev: dev_t): inode {
  const ino = new_inode(sb, mode);
  if (dir && dir.i_mode & 0o2000) { ino.i_gid = dir.i_gid; if (S_ISDIR(mode)) ino.i_mode |= 0o2000; }
  switch (mode & 0o170000) {
    case S_IFREG: ino.i_op = ramfs_file_inode_operations; ino.i_fop = ramfs_file_operations; break;
    case S_IFDIR: ino.i_op = ramfs_dir_inode_operations; ino.i_fop = simple_dir_operations; ino.i_nlink = 2; ino.i_size = 40; break;
    case S_IFLNK: ino.i_op = {}; break;
    default: init_special_inode(ino, mode, dev);
  }
  return ino;
}

function ramfs_mknod(dir: inode, d: dentry, mode: number, dev: dev_t): number {
  const info = sb_info(dir.i_sb);
  if (info.max_inodes && info.inodes >= info.max_inodes) return -ENOSPC;
  info.inodes++;
  const ino = ramfs_get_inode(dir.i_sb, dir, mode, dev);
  d_add(d, ino);
  if (S_ISDIR(mode)) dir.i_nlink++;
  if (S_ISDIR(dir.i_mode)) dir.i_size += 20;
  return 0;
}

const ramfs_file_inode_operations: inode_operations = {
  setattr: (d, attr) => (attr.ia_size !== undefined ? ramfs_truncate(d.d_inode!, attr.ia_size) : 0),
};

export const ramfs_dir_inode_operations: inode_operations = {
  lookup: () => null,
  create: (dir, d, mode) => ramfs_mknod(dir, d, mode | S_IFREG, 0),
  mkdir: (dir, d, mode) => ramfs_mknod(dir, d, mode | S_IFDIR, 0),
  mknod: (dir, d, mode, dev) => ramfs_mknod(dir, d, mode, dev),
  symlink: (dir, d, target) => {
    const r = ramfs_mknod(dir, d, S_IFLNK | 0o777, 0);
    if (r) return r;
    d.d_inode!.i_link = target;
    d.d_inode!.i_size = new TextEncoder().encode(target).length;
    return 0;
  },
  link: (old, dir, d) => { const ino = old.d_inode!; ino.i_nlink++; d_add(d, ino); dir.i_size += 20; return 0; },
  unlink: (dir, d) => { const ino = d.d_inode!; ino.i_nlink--; dir.i_size -= 20; if (ino.i_nlink === 0) release_data(ino); return 0; },
  rmdir: (dir, d) => { d.d_inode!.i_nlink = 0; dir.i_nlink--; dir.i_size -= 20; sb_info(dir.i_sb).inodes--; return 0; },
  rename: (old_dir, old, new_dir, newd) => {
    if (newd.d_inode) {
      if (S_ISDIR(newd.d_inode.i_mode)) new_dir.i_nlink--;
      newd.d_inode.i_nlink = 0;
      release_data(newd.d_inode);
    }
    if (S_ISDIR(old.d_inode!.i_mode) && old_dir !== new_dir) { old_dir.i_nlink--; new_dir.i_nlink++; }
    return 0;
  },
};

function release_data(ino: inode): void {
  const info = sb_info(ino.i_sb);
  if (S_ISREG(ino.i_mode)) ram_account(info, ino, 0);
  info.inodes--;
}

function parse_size_opts(data: string): { blocks: number; inodes: number; mode: number | null; error: number } {
  let blocks = TMPFS_DEFAULT_BLOCKS, inodes = TMPFS_DEFAULT_BLOCKS, mode: number | null = null;
  for (const opt of data.split(',').filter(Boolean)) {
    const [k, v] = opt.split('=');
    if (k === 'size' && v) {
      const m = /^(\d+)([kKmMgG%]?)$/.exec(v);
      if (!m) return { blocks, inodes, mode, error: -EINVAL };
      const mult = { '': 1, k: 1024, K: 1024, m: 1 << 20, M: 1 << 20, g: 1 << 30, G: 1 << 30, '%': 0 }[m[2]]!;
      blocks = m[2] === '%' ? Math.floor((TMPFS_DEFAULT_BLOCKS * 2 * Number(m[1])) / 100) : Math.ceil((Number(m[1]) * mult) / 4096);
    } else if (k === 'nr_inodes' && v) inodes = Number(v);
    else if (k === 'mode' && v) mode = parseInt(v, 8);
    else if (!['uid', 'gid', 'inode64', 'inode32', 'huge', 'mpol'].includes(k)) return { blocks, inodes, mode, error: -EINVAL };
  }
  return { blocks, inodes, mode, error: 0 };
}

/** Creates a ramfs/tmpfs superblock; `show` is the option string /proc/mounts prints. */
export function ramfs_fill_super(type: file_system_type, magic: number, data: string, show: (o: ReturnType<typeof parse_size_opts>, data: string) => string): super_block | number {
  const o = parse_size_opts(data);
  if (o.error) return o.error;
  const info: ramfs_info = { max_blocks: o.blocks, used_bytes: 0, shmem: magic === TMPFS_MAGIC, max_inodes: o.inodes, inodes: 1, show: show(o, data) };
  const sb = alloc_super(type, magic, (sb) => {
    sb.s_fs_info = info;
    const root = ramfs_get_inode(sb, null, S_IFDIR | (o.mode ?? 0o1777), 0);
    return root;
  });
  sb.s_op = {
    show_options: (s) => sb_info(s).show,
    statfs: (s) => {
      const i = sb_info(s);
      return { f_type: magic, f_bsize: 4096, f_blocks: i.max_blocks, f_bfree: i.max_blocks - Math.ceil(i.used_bytes / 4096), f_files: i.max_inodes, f_ffree: i.max_inodes - i.inodes };
    },
  };
  return sb;
}

export const ramfs_fs_type: file_system_type = {
  name: 'ramfs', fs_flags: 0,
  mount: (_flags, _dev, data) => ramfs_fill_super(ramfs_fs_type, RAMFS_MAGIC, data.replace(/(^|,)size=[^,]*/, ''), () => ''),
  kill_sb: ramfs_kill_sb,
};

/** kill_litter_super: the last unmount frees every page the filesystem held. */
function ramfs_kill_sb(sb: super_block): void {
  const info = sb_info(sb);
  if (info.shmem) vmstat().NR_SHMEM_BYTES -= info.used_bytes;
  else vmstat().NR_RAMFS_BYTES -= info.used_bytes;
  info.used_bytes = 0;
  free_anon_bdev(sb.s_dev);
}

export const tmpfs_fs_type: file_system_type = {
  name: 'tmpfs', fs_flags: 8,
  mount: (_flags, _dev, data) => ramfs_fill_super(tmpfs_fs_type, TMPFS_MAGIC, data, (o, d) => {
    const parts: string[] = [];
    if (/(^|,)size=/.test(d)) parts.push(`size=${o.blocks * 4}k`);
    if (/(^|,)nr_inodes=/.test(d)) parts.push(`nr_inodes=${o.inodes}`);
    if (o.mode !== null) parts.push(`mode=${o.mode.toString(8)}`);
    parts.push('inode64');
    return parts.join(',');
  }),
  kill_sb: ramfs_kill_sb,
};

/** rootfs: the tmpfs the kernel mounts as / before anything else (init_rootfs). */
export const rootfs_fs_type: file_system_type = {
  name: 'rootfs', fs_flags: 0,
  mount: () => ramfs_fill_super(rootfs_fs_type, TMPFS_MAGIC, '', (o) => `size=${o.blocks * 4}k,nr_inodes=${o.inodes},inode64`),
  kill_sb: ramfs_kill_sb,
};

/** shmem_init, from mnt_init before rootfs: tmpfs is registered and mounted internally (shm_mnt, mount id 0, the first anonymous device), the mount SysV shm and memfd files live on in Linux. */
export function shmem_init(): number {
  const err = register_filesystem(tmpfs_fs_type);
  if (err) return err;
  const m = kern_mount(tmpfs_fs_type);
  return typeof m === 'number' ? m : 0;
}

export function init_ramfs_fs(): number {
  return register_filesystem(ramfs_fs_type);
}

export { EPERM };

export const initcalls: initcall_entry[] = [['fs', 'init_ramfs_fs', init_ramfs_fs, 30_000]];
