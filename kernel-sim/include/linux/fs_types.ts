// Models linux/include/linux/fs.h, dcache.h, mount.h and fdtable.h: the VFS objects.
import type { KGen } from './sched.ts';

export type dev_t = number;
export const MINORBITS = 20;
export const MINORMASK = (1 << MINORBITS) - 1;
export const MAJOR = (dev: dev_t): number => dev >>> MINORBITS;
export const MINOR = (dev: dev_t): number => dev & MINORMASK;
export const MKDEV = (ma: number, mi: number): dev_t => ((ma << MINORBITS) | mi) >>> 0;
/** The encoding user space sees in st_rdev (new_encode_dev). */
export const new_encode_dev = (dev: dev_t): number => {
  const major = MAJOR(dev), minor = MINOR(dev);
  return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
};
export const new_decode_dev = (dev: number): dev_t => {
  const major = (dev & 0xfff00) >>> 8;
  const minor = (dev & 0xff) | ((dev >>> 12) & 0xfff00);
  return MKDEV(major, minor);
};

/** A position passed by reference, as loff_t * in Linux. */
export interface loff_t { pos: number }

export interface dir_context {
  pos: number;
  /** Emits one entry; returns false when the caller's buffer is full. */
  actor(name: string, ino: number, d_type: number): boolean;
}

export interface poll_table_struct {
  /** Registers the caller on a wait queue (poll_wait). */
  qproc: ((file: file, wq: import('../../kernel/sched/wait.ts').wait_queue_head) => void) | null;
}

export interface file_operations {
  owner?: unknown;
  llseek?(file: file, offset: number, whence: number): KGen<number>;
  read?(file: file, buf: number, count: number, ppos: loff_t): KGen<number>;
  write?(file: file, buf: number, count: number, ppos: loff_t): KGen<number>;
  iterate_shared?(file: file, ctx: dir_context): KGen<number>;
  poll?(file: file, wait: poll_table_struct): KGen<number>;
  unlocked_ioctl?(file: file, cmd: number, arg: number): KGen<number>;
  mmap?(file: file, vma: unknown): KGen<number>;
  open?(inode: inode, file: file): KGen<number>;
  flush?(file: file): KGen<number>;
  release?(inode: inode, file: file): KGen<number>;
  fsync?(file: file): KGen<number>;
  /** O_ASYNC turned on or off (fd -1 at the last close): the driver adds the file to or removes it from its fasync list. */
  fasync?(fd: number, file: file, on: number): KGen<number>;
}

export interface inode_operations {
  lookup?(dir: inode, dentry: dentry, flags: number): dentry | null;
  create?(dir: inode, dentry: dentry, mode: number): number;
  link?(old: dentry, dir: inode, dentry: dentry): number;
  unlink?(dir: inode, dentry: dentry): number;
  symlink?(dir: inode, dentry: dentry, target: string): number;
  mkdir?(dir: inode, dentry: dentry, mode: number): number;
  rmdir?(dir: inode, dentry: dentry): number;
  /** rmdir judges emptiness itself (Linux leaves it to every filesystem; configfs's attribute files do not count). */
  rmdir_checks_empty?: boolean;
  mknod?(dir: inode, dentry: dentry, mode: number, dev: dev_t): number;
  rename?(old_dir: inode, old_dentry: dentry, new_dir: inode, new_dentry: dentry, flags: number): number;
  get_link?(dentry: dentry, inode: inode): string | { path: path } | number;
  setattr?(dentry: dentry, attr: iattr): number;
  permission?(inode: inode, mask: number): number;
}

export interface iattr {
  ia_valid: number;
  ia_mode?: number;
  ia_uid?: number;
  ia_gid?: number;
  ia_size?: number;
  ia_atime?: number;
  ia_mtime?: number;
}

export interface super_operations {
  statfs?(sb: super_block): { f_type: number; f_bsize: number; f_blocks: number; f_bfree: number; f_files: number; f_ffree: number };
  put_super?(sb: super_block): void;
  /** Remounting changes SB_RDONLY (and the fs's own state with it); 0 or -errno (reconfigure). */
  remount_fs?(sb: super_block, flags: number): number;
  show_options?(sb: super_block): string;
}

export interface inode {
  i_ino: number;
  i_mode: number;
  i_uid: number;
  i_gid: number;
  i_nlink: number;
  i_size: number;
  i_rdev: dev_t;
  i_atime: number;
  i_mtime: number;
  i_ctime: number;
  i_blocks: number;
  i_sb: super_block;
  i_op: inode_operations;
  i_fop: file_operations;
  i_private: unknown;
  /** Contents of a RAM-backed regular file (ramfs, tmpfs, rootfs). */
  i_data: Uint8Array | null;
  /** Target of a symlink. */
  i_link: string | null;
  /** Character/block device or pipe attached to the inode. */
  i_cdev: unknown;
  i_pipe: unknown;
}

export interface dentry {
  d_name: string;
  d_parent: dentry;
  d_inode: inode | null;
  d_subdirs: Map<string, dentry>;
  d_sb: super_block;
  /** Number of mounts on this dentry. */
  d_mounted: number;
  /** Dynamic filesystems (procfs) revalidate cached entries. */
  d_revalidate?: (d: dentry) => boolean;
  /** Unhashed (deleted) dentries stay reachable from open files only. */
  d_unhashed: boolean;
}

export interface file_system_type {
  name: string;
  fs_flags: number;
  /** Builds (or reuses) a superblock for a mount of this filesystem. */
  mount(flags: number, dev_name: string, data: string): super_block | number;
  kill_sb?(sb: super_block): void;
}

export const FS_REQUIRES_DEV = 1;
export const FS_USERNS_MOUNT = 8;

export interface super_block {
  s_dev: dev_t;
  s_type: file_system_type;
  s_root: dentry;
  s_magic: number;
  s_flags: number;
  s_op: super_operations;
  s_fs_info: unknown;
  s_blocksize: number;
  /** Next inode number to hand out (get_next_ino). */
  s_next_ino: number;
  s_active: number;
}

export interface vfsmount {
  mnt_root: dentry;
  mnt_sb: super_block;
  mnt_flags: number;
}

export interface mount {
  mnt: vfsmount;
  mnt_parent: mount;
  mnt_mountpoint: dentry;
  mnt_devname: string;
  mnt_id: number;
  mnt_children: mount[];
  mnt_ns: mnt_namespace | null;
  /** Mount options as /proc/mounts shows them, fs-specific part. */
  mnt_opts: string;
  /** Propagation (fs/pnode.c): peer group id (shared:N) and the peers sharing it, the master (master:N), the slaves. */
  mnt_group_id?: number;
  mnt_share?: Set<mount> | null;
  mnt_master?: mount | null;
  mnt_slave_list?: mount[];
  /** MNT_UNBINDABLE: refused as a bind source, skipped when copying trees. */
  mnt_unbindable?: boolean;
}

export interface mnt_namespace {
  root: mount;
  /** Every mount of the namespace, in mount order. */
  mounts: mount[];
  ns_inum: number;
  seq: number;
  /** ns_common: the owning user namespace and the references (nsproxies, nsfs fds, bind mounts). */
  type?: 'mnt';
  user_ns?: import('./nsproxy.ts').ns_common | null;
  count?: number;
}

export interface path {
  mnt: mount;
  dentry: dentry;
}

export interface file {
  f_path: path;
  f_inode: inode;
  f_op: file_operations;
  f_flags: number;
  f_mode: number;
  f_pos: number;
  f_count: number;
  private_data: unknown;
  /** Readable path when the file is anonymous (pipe:[123], anon_inode:...). */
  f_name?: string;
  /** Who gets SIGIO (fs/fcntl.ts), once F_SETOWN or F_SETSIG set it. */
  f_owner?: import('../../fs/fcntl.ts').fown_struct;
}

export const FMODE_READ = 0x1;
export const FMODE_WRITE = 0x2;
export const FMODE_LSEEK = 0x4;
export const FMODE_PREAD = 0x8;
export const FMODE_ATOMIC_POS = 0x8000;

export interface files_struct {
  fd: (file | null)[];
  close_on_exec: Set<number>;
  count: number;
}

export interface fs_struct {
  root: path;
  pwd: path;
  umask: number;
  users: number;
}
