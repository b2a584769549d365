// Models linux/fs/super.c and fs/filesystems.c: registered filesystem types, superblocks and anonymous device numbers.
import type { file_system_type, super_block, dentry, inode } from '../include/linux/fs_types.ts';
import { FS_REQUIRES_DEV, MAJOR, MINOR, MINORBITS, MKDEV } from '../include/linux/fs_types.ts';
import { EBUSY, EINVAL, ENODEV } from '../include/uapi/asm-generic/errno.ts';
import { defineState } from '../kernel/state.ts';
import { DEFINE_IDA, ida_alloc_range, ida_free, type ida } from '../lib/idr.ts';

interface SuperState {
  filesystems: file_system_type[];
  supers: super_block[];
  /** unnamed_dev_ida: the anonymous minors (major 0) in use; get_anon_bdev hands out the lowest free one from 1. */
  unnamed_dev_ida: ida;
}

const superState = defineState<SuperState>('super', () => ({ filesystems: [], supers: [], unnamed_dev_ida: DEFINE_IDA() }));

export function register_filesystem(fs: file_system_type): number {
  const s = superState();
  if (s.filesystems.some((f) => f.name === fs.name)) return -EBUSY;
  s.filesystems.push(fs);
  return 0;
}

/** unregister_filesystem: a module's filesystem leaves /proc/filesystems at its exit. */
export function unregister_filesystem(fs: file_system_type): number {
  const s = superState();
  const i = s.filesystems.indexOf(fs);
  if (i < 0) return -EINVAL;
  s.filesystems.splice(i, 1);
  return 0;
}

export function get_fs_type(name: string): file_system_type | null {
  return superState().filesystems.find((f) => f.name === name) ?? null;
}

/** /proc/filesystems: "nodev" for filesystems that need no block device. */
export function filesystems_proc_show(): string {
  return superState().filesystems.map((f) => `${f.fs_flags & FS_REQUIRES_DEV ? '' : 'nodev'}\t${f.name}\n`).join('');
}

/** get_anon_bdev(): minor 0 is never used (a dev_t of 0 means none), and MINORBITS bound the rest. */
export function get_anon_bdev(): number {
  const n = ida_alloc_range(superState().unnamed_dev_ida, 1, (1 << MINORBITS) - 1);
  return n < 0 ? n : MKDEV(0, n);
}

/** kill_anon_super's free_anon_bdev: a dead superblock's anonymous minor goes back for the next one. */
export function free_anon_bdev(dev: number): void {
  if (MAJOR(dev) === 0) ida_free(superState().unnamed_dev_ida, MINOR(dev));
}

/** Creates a superblock with a root directory inode built by `make_root`. */
export function alloc_super(type: file_system_type, magic: number, make_root: (sb: super_block) => inode, dev = get_anon_bdev()): super_block {
  const sb = {
    s_dev: dev, s_type: type, s_magic: magic, s_flags: 0, s_op: {}, s_fs_info: null, s_blocksize: 4096,
    s_next_ino: 1, s_active: 1,
  } as unknown as super_block;
  const root_inode = make_root(sb);
  const root: dentry = {
    d_name: '/', d_parent: null as unknown as dentry, d_inode: root_inode, d_subdirs: new Map(), d_sb: sb, d_mounted: 0, d_unhashed: false,
  };
  root.d_parent = root;
  sb.s_root = root;
  superState().supers.push(sb);
  return sb;
}

export function no_such_fs(): number { return -ENODEV; }
