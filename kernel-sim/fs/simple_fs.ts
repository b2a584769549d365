// Models linux/fs/libfs.c's simple_fill_super with get_tree_single: a pseudo filesystem whose one tree the kernel fills and every mount shows (securityfs, bpf, hugetlbfs and pstore start empty here; tracefs gets its events files from kernel/trace/trace_events_fs.ts).
import type { file_system_type, super_block } from '../include/linux/fs_types.ts';
import { alloc_super, register_filesystem } from './super.ts';
import { defineState } from '../kernel/state.ts';
import { kernfs_create_root, kernfs_get_inode, type kernfs_root } from './sysfs/kernfs.ts';

interface simple_fs { root: kernfs_root; sb: super_block | null }
const simpleFsState = defineState('simple_fs', () => new Map<string, simple_fs>());

function instance(name: string): simple_fs {
  const st = simpleFsState();
  let fs = st.get(name);
  if (!fs) { fs = { root: kernfs_create_root(), sb: null }; st.set(name, fs); }
  return fs;
}

/**
 * A filesystem type named `name` whose superblock reports `magic` to statfs (its *_MAGIC in uapi/linux/magic.h) and
 * whose root directory has the permissions its fill_super gives it.
 */
export function simple_fs_type(name: string, magic: number, root_mode = 0o755): file_system_type {
  const type: file_system_type = {
    name, fs_flags: 0,
    mount: () => {
      const fs = instance(name);
      if (fs.sb) return fs.sb;
      // fill_super gives the root its mode (the tree may have been filled before the first mount).
      fs.root.kn.mode = root_mode;
      const sb = alloc_super(type, magic, (s) => kernfs_get_inode(s, fs.root.kn));
      sb.s_op = { statfs: () => ({ f_type: magic, f_bsize: 4096, f_blocks: 0, f_bfree: 0, f_files: 0, f_ffree: 0 }) };
      fs.root.sb = sb;
      fs.sb = sb;
      return sb;
    },
  };
  return type;
}

/** The tree a simple filesystem's mounts show (for the code that fills it). */
export function simple_fs_root(name: string): kernfs_root { return instance(name).root; }

export { register_filesystem };
