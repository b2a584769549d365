// Models the kernfs side of linux/kernel/cgroup/cgroup.c: the cgroup2 filesystem, mkdir/rmdir of cgroups with their limits, dying cgroups, and cgroup_init.
import type { dentry, file_system_type, inode, inode_operations, super_block } from '../../include/linux/fs_types.ts';
import { EAGAIN, EBUSY, EINVAL, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFMT } from '../../include/uapi/stat.ts';
import { register_filesystem, alloc_super } from '../../fs/super.ts';
import { kernfs_get_inode, kernfs_remove, type kernfs_node } from '../../fs/sysfs/kernfs.ts';
import { current, runqueue } from '../sched/core.ts';
import { defineState } from '../state.ts';
import { register_exit_hook } from '../exit.ts';
import { trace_event } from '../trace/trace.ts';
import type { cgroup } from './cgroup-defs.ts';
import {
  cgroupState, cgroup_alloc, cgroup_create, cgroup_kernfs_root, cgroup_path, cgroup_populate_dir, cgroup_is_populated,
  cgroup_move_task,
} from './cgroup.ts';
import { cgroup_subsys_table } from './subsys.ts';
import { cgroup_base_files } from './cgroup-files.ts';
import { cgroup_psi_files } from './psi.ts';
import { memcg_install_page_ops } from './memcontrol.ts';
import { cgroup_kill } from './release.ts';
import { proc_cgroupstats_show } from './proc.ts';
import { proc_create_single } from '../../fs/proc/generic.ts';
import { seq_puts } from '../../fs/seq_file.ts';
import { cgroup_ns_init, cgroup_ns_root } from './namespace.ts';
import { cgroup_exit } from './hooks.ts';

export const CGROUP2_SUPER_MAGIC = 0x63677270;
export const CGROUP_SUPER_MAGIC = 0x27e0eb;

const mountState = defineState('cgroup_mount', () => ({
  /** One superblock per cgroup a mount is rooted at (the namespace's root), as kernfs shares them. */
  sbs: new Map<cgroup, super_block>(),
}));

const cg_of = (ino: inode): cgroup => (ino.i_private as kernfs_node).priv as cgroup;

/** The inode of a node; directories get the cgroup operations (mkdir/rmdir). */
function cgroup_kn_inode(sb: super_block, kn: kernfs_node): inode {
  const ino = kernfs_get_inode(sb, kn);
  if (kn.type === 'dir') ino.i_op = cgroup_dir_iops;
  return ino;
}

/**
 * Lookups do not hash the dentry: a cgroup directory always holds its interface files, which rmdir removes
 * itself (cgroup_rmdir), so the VFS must not see cached children and answer ENOTEMPTY.
 */
function cgroup_lookup(dir: inode, d: dentry): dentry | null {
  const kn = dir.i_private as kernfs_node;
  const c = kn.removed ? null : kn.children.get(d.d_name);
  if (!c) return null;
  d.d_inode = cgroup_kn_inode(dir.i_sb, c);
  d.d_unhashed = false;
  return d;
}

/** cgroup_check_hierarchy_limits: cgroup.max.descendants and cgroup.max.depth of every ancestor. */
function hierarchy_limits_ok(parent: cgroup): boolean {
  let level = 1;
  for (let c: cgroup | null = parent; c; c = c.parent, level++) {
    if (c.nr_descendants >= c.max_descendants) return false;
    if (level > c.max_depth) return false;
  }
  return true;
}

/** cgroup_mkdir: a child cgroup, owned by its creator (cgroup_kn_set_ugid), with the files its controllers give. */
function cgroup_mkdir(dir: inode, d: dentry, mode: number): number {
  const parent = cg_of(dir);
  if (parent.dying) return -ENOENT;
  if (d.d_name.includes('\n')) return -EINVAL;
  if (!hierarchy_limits_ok(parent)) return -EAGAIN;
  const cred = current().cred;
  const cg = cgroup_create(parent, d.d_name, mode & 0o7777);
  if (typeof cg === 'number') return cg;
  if (cred.fsuid !== 0 || cred.fsgid !== 0) {
    for (const kn of [cg.kn, ...cg.kn.children.values()]) { kn.uid = cred.fsuid; kn.gid = cred.fsgid; }
  }
  trace_event('cgroup', 'cgroup_mkdir', { path: cgroup_path(cg), level: cg.level });
  return 0;
}

/** cgroup_rmdir (cgroup_destroy_locked): only an empty cgroup without children; it lingers as dying. */
function cgroup_rmdir(_dir: inode, victim: dentry): number {
  const cg = cg_of(victim.d_inode!);
  if (!cg.parent) return -EBUSY;
  if (cgroup_is_populated(cg) || cg.children.size) return -EBUSY;
  const path = cgroup_path(cg);
  kernfs_remove(cg.kn);
  cgroup_kill(cg);
  trace_event('cgroup', 'cgroup_rmdir', { path, level: cg.level });
  return 0;
}

function cgroup_setattr(d: dentry, attr: { ia_mode?: number; ia_uid?: number; ia_gid?: number }): number {
  const ino = d.d_inode!;
  const kn = ino.i_private as kernfs_node;
  if (attr.ia_mode !== undefined) { kn.mode = attr.ia_mode & 0o7777; ino.i_mode = (ino.i_mode & S_IFMT) | kn.mode; }
  if (attr.ia_uid !== undefined) kn.uid = ino.i_uid = attr.ia_uid;
  if (attr.ia_gid !== undefined) kn.gid = ino.i_gid = attr.ia_gid;
  return 0;
}

const cgroup_dir_iops: inode_operations = { lookup: cgroup_lookup, mkdir: cgroup_mkdir, rmdir: cgroup_rmdir, setattr: cgroup_setattr };

/** cgroup_get_tree for cgroup2: the hierarchy seen from the mounting task's cgroup namespace root. */
function cgroup2_mount(): super_block {
  const root = cgroup_ns_root(current());
  const st = mountState();
  const have = st.sbs.get(root);
  if (have) return have;
  const sb = alloc_super(cgroup2_fs_type, CGROUP2_SUPER_MAGIC, (s) => cgroup_kn_inode(s, root.kn));
  sb.s_op = { statfs: () => ({ f_type: CGROUP2_SUPER_MAGIC, f_bsize: 4096, f_blocks: 0, f_bfree: 0, f_files: 0, f_ffree: 0 }) };
  st.sbs.set(root, sb);
  return sb;
}

export const cgroup2_fs_type: file_system_type = { name: 'cgroup2', fs_flags: 8 /* FS_USERNS_MOUNT */, mount: () => cgroup2_mount() };
/** cgroup v1 and the cpuset compatibility fs: every controller is bound to cgroup2 here, so a v1 mount finds them busy. */
const cgroup_fs_type: file_system_type = { name: 'cgroup', fs_flags: 8, mount: () => -EBUSY };
const cpuset_fs_type: file_system_type = { name: 'cpuset', fs_flags: 0, mount: () => -EBUSY };

/**
 * cgroup_init (start_kernel, after proc_root_init): the default hierarchy's root with every controller's root
 * css, every task so far in it, the filesystems registered, and the hooks for exit, page cache and namespaces.
 */
export function cgroup_init(): number {
  const st = cgroupState();
  st.subsys = cgroup_subsys_table;
  st.base_files = [...cgroup_base_files, ...cgroup_psi_files];
  const kroot = cgroup_kernfs_root();
  const root = cgroup_alloc(null, '', kroot.kn);
  kroot.kn.priv = root;
  st.root = root;
  st.nr_cgrps = 1;
  cgroup_populate_dir(root);
  for (const t of runqueue().tasks.values()) cgroup_move_task(t, root);
  register_exit_hook(cgroup_exit);
  memcg_install_page_ops();
  cgroup_ns_init();
  register_filesystem(cgroup_fs_type);
  register_filesystem(cgroup2_fs_type);
  register_filesystem(cpuset_fs_type);
  proc_create_single('cgroups', 0, null, (m) => { seq_puts(m, proc_cgroupstats_show()); });
  return 0;
}
