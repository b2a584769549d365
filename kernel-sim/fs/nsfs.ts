// Models linux/fs/nsfs.c: the namespace filesystem: one inode per namespace (its inum), open files that hold it, and ioctl_ns (NS_GET_USERNS, NS_GET_PARENT, NS_GET_NSTYPE, NS_GET_OWNER_UID).
import type { file, file_operations, inode, super_block, file_system_type } from '../include/linux/fs_types.ts';
import { FMODE_READ } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import type { ns_common, pid_namespace, user_namespace } from '../include/linux/nsproxy.ts';
import { EINVAL, ENOTTY, EPERM, EFAULT } from '../include/uapi/asm-generic/errno.ts';
import { S_IFDIR, S_IFREG } from '../include/uapi/stat.ts';
import { defineState } from '../kernel/state.ts';
import { current } from '../kernel/sched/core.ts';
import { get_ns, put_ns, ns_clone_flag } from '../kernel/nsproxy.ts';
import { init_user_ns, from_kuid_munged, in_userns } from '../kernel/user_namespace.ts';
import { task_active_pid_ns, pidns_is_ancestor } from '../kernel/pid_namespace.ts';
import { new_inode } from './inode.ts';
import { alloc_super } from './super.ts';
import { kern_mount } from './mount.ts';
import { alloc_fd, fd_install } from './file.ts';
import { put_user_i32 } from '../mm/uaccess.ts';

export const NSFS_MAGIC = 0x6e736673;
/** _IO(0xb7, n): the ioctl_ns commands. */
export const NS_GET_USERNS = 0xb701, NS_GET_PARENT = 0xb702, NS_GET_NSTYPE = 0xb703, NS_GET_OWNER_UID = 0xb704;

const nsfsState = defineState('nsfs', () => ({ sb: null as super_block | null, inodes: new Map<object, inode>() }));

const nsfs_type: file_system_type = { name: 'nsfs', fs_flags: 0, mount: () => -EINVAL };

/** nsfs_init (start_kernel, after proc_root_init): nsfs_mnt, the internal mount every namespace file lives on. */
export function nsfs_init(): number {
  const m = kern_mount(nsfs_type, () => alloc_super(nsfs_type, NSFS_MAGIC, (sb) => new_inode(sb, S_IFDIR | 0o555, 1)));
  if (typeof m === 'number') return m;
  nsfsState().sb = m.mnt.mnt_sb;
  return 0;
}

/** nsfs's superblock (nsfs_mnt's). */
export function nsfs_sb(): super_block {
  const s = nsfsState();
  if (!s.sb) nsfs_init();
  return s.sb!;
}

/** The inode of a namespace in nsfs: a regular file whose number is the namespace's (ns_get_path). */
export function ns_inode(ns: ns_common): inode {
  const s = nsfsState();
  let ino = s.inodes.get(ns);
  if (!ino) {
    ino = new_inode(nsfs_sb(), S_IFREG | 0o444, ns.ns_inum >>> 0);
    ino.i_uid = 0;
    ino.i_gid = 0;
    ino.i_private = ns;
    ino.i_fop = ns_file_operations;
    s.inodes.set(ns, ino);
  }
  return ino;
}

/** The namespace behind an nsfs inode (an opened /proc/PID/ns file or a bind mount of one); null otherwise. */
export function ns_of_inode(ino: inode | null | undefined): ns_common | null {
  return ino && ino.i_sb === nsfsState().sb ? (ino.i_private as ns_common) : null;
}
export const ns_of_file = (f: file): ns_common | null => ns_of_inode(f.f_inode);

/** open_related_ns: a new descriptor on another namespace (for NS_GET_USERNS / NS_GET_PARENT). */
export function open_ns_fd(ns: ns_common, flags = 0): number {
  const ino = ns_inode(ns);
  const fd = alloc_fd(0, flags);
  if (fd < 0) return fd;
  const root = nsfs_sb().s_root;
  const f: file = {
    f_path: { mnt: null as never, dentry: root }, f_inode: ino, f_op: ns_file_operations, f_flags: 0, f_mode: FMODE_READ,
    f_pos: 0, f_count: 1, private_data: get_ns(ns), f_name: `${ns.type}:[${ns.ns_inum >>> 0}]`,
  };
  fd_install(fd, f);
  return fd;
}

/** The parent a namespace may report: pid and user namespaces have one, visible only if the caller's namespace is above it. */
function ns_get_parent(ns: ns_common): ns_common | number {
  if (ns.type === 'pid') {
    const p = (ns as pid_namespace).parent;
    if (!p || !pidns_is_ancestor(p, task_active_pid_ns(current()))) return -EPERM;
    return p;
  }
  if (ns.type === 'user') {
    const p = (ns as user_namespace).parent;
    const mine = current().cred.user_ns ?? init_user_ns();
    if (!p || !in_userns(mine, p)) return -EPERM;
    return p;
  }
  return -EINVAL;
}

/** ns_ioctl(). */
function* ns_ioctl(f: file, cmd: number, arg: number): KGen<number> {
  const ns = ns_of_file(f);
  if (!ns) return -ENOTTY;
  switch (cmd) {
    case NS_GET_USERNS: {
      const u = (ns.user_ns ?? (ns.type === 'user' ? (ns as user_namespace).parent : null)) ?? init_user_ns();
      const mine = current().cred.user_ns ?? init_user_ns();
      if (!in_userns(mine, u as user_namespace)) return -EPERM;
      return open_ns_fd(u);
    }
    case NS_GET_PARENT: {
      const p = ns_get_parent(ns);
      return typeof p === 'number' ? p : open_ns_fd(p);
    }
    case NS_GET_NSTYPE: return ns_clone_flag[ns.type] ?? -EINVAL;
    case NS_GET_OWNER_UID: {
      if (ns.type !== 'user') return -EINVAL;
      const uid = from_kuid_munged(current().cred.user_ns ?? init_user_ns(), (ns as user_namespace).owner);
      return put_user_i32(arg, uid) ? -EFAULT : 0;
    }
    default: return -ENOTTY;
  }
}

/** An open nsfs file holds its namespace until the last close (ns_prune_dentry / nsfs_evict). */
export const ns_file_operations: file_operations = {
  open: function* (_i, f) { const ns = ns_of_file(f); if (ns) f.private_data = get_ns(ns); return 0; },
  release: function* (_i, f) { put_ns(f.private_data as ns_common | null); return 0; },
  unlocked_ioctl: ns_ioctl,
};
