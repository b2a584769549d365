// Models linux/fs/mount.h and fs/namespace.c's allocation half: mount ids (mnt_id_ida), struct mount, and the kernel's internal mounts (vfs_kern_mount, kern_mount).
import type { file_system_type, mount, super_block, dentry } from '../include/linux/fs_types.ts';
import { defineState } from '../kernel/state.ts';
import { DEFINE_IDA, ida_alloc, ida_free } from '../lib/idr.ts';
import { alloc_super } from './super.ts';
import { new_inode } from './inode.ts';

/**
 * mnt_id_ida: mount ids, lowest free first from 0 (ida_alloc), so the kernel's internal mounts (kern_mount) take the
 * first ones at boot and a copied namespace's ids return when it goes. kern_mounts keeps the internal ones, in order.
 */
export const nsState = defineState('mnt', () => ({ mnt_id_ida: DEFINE_IDA(), sb_mounts: new Map<super_block, number>(), kern_mounts: [] as mount[] }));

const mnt_alloc_id = (): number => ida_alloc(nsState().mnt_id_ida);
export const mnt_free_id = (m: mount): void => { ida_free(nsState().mnt_id_ida, m.mnt_id); };

export function alloc_mount(sb: super_block, root: dentry, devname: string, flags: number, opts = ''): mount {
  const m = {
    mnt: { mnt_root: root, mnt_sb: sb, mnt_flags: flags },
    mnt_parent: null as unknown as mount,
    mnt_mountpoint: root,
    mnt_devname: devname,
    mnt_id: mnt_alloc_id(),
    mnt_children: [],
    mnt_ns: null,
    mnt_opts: opts,
  } as mount;
  m.mnt_parent = m;
  const c = nsState().sb_mounts;
  c.set(sb, (c.get(sb) ?? 0) + 1);
  return m;
}

/**
 * vfs_kern_mount(): a mount for the kernel's own use, in no namespace (MNT_NS_INTERNAL): it takes a mount id and
 * holds its superblock (a new one with an anonymous device for most pseudo filesystems, the one instance for
 * single-superblock ones such as securityfs) for as long as the kernel keeps it.
 */
export function vfs_kern_mount(type: file_system_type, name: string, data = '', get_tree: file_system_type['mount'] = type.mount): mount | number {
  const sb = get_tree(0, name, data);
  if (typeof sb === 'number') return sb;
  const m = alloc_mount(sb, sb.s_root, name, 0, sb.s_op.show_options?.(sb) ?? '');
  nsState().kern_mounts.push(m);
  return m;
}

/**
 * kern_mount(): the internal mount a filesystem makes of itself at init (shm_mnt, pipe_mnt, sock_mnt ...). A pseudo
 * filesystem (init_pseudo: SB_NOUSER, which mount(2) refuses) passes the get_tree only the kernel reaches.
 */
export function kern_mount(type: file_system_type, get_tree: file_system_type['mount'] = type.mount): mount | number {
  return vfs_kern_mount(type, type.name, '', get_tree);
}

/**
 * kern_mount() of a pseudo filesystem set up by init_pseudo(): never registered (so not in /proc/filesystems and not
 * mountable), one superblock per mount with an anonymous device and a root only the kernel uses.
 */
export function kern_mount_pseudo(type: file_system_type, magic: number): mount | number {
  return kern_mount(type, () => alloc_super(type, magic, (sb) => new_inode(sb, 0o40700)));
}

/** The kernel's internal mounts, in the order they were made (what the mount ids below the first namespace's went to). */
export function kern_mounts(): readonly mount[] { return nsState().kern_mounts; }

