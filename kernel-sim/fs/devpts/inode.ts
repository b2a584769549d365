// Models linux/fs/devpts/inode.c: the devpts filesystem (/dev/pts) holding ptmx (5:2) and one node per pseudo-terminal slave (136:N).
import type { file_system_type, super_block } from '../../include/linux/fs_types.ts';
import { MKDEV } from '../../include/linux/fs_types.ts';
import { S_IFCHR, S_IFDIR } from '../../include/uapi/stat.ts';
import { EEXIST, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { register_filesystem } from '../super.ts';
import { ramfs_fill_super } from '../ramfs/inode.ts';
import { d_alloc, d_lookup } from '../dcache.ts';

export const DEVPTS_SUPER_MAGIC = 0x1cd1;
export const UNIX98_PTY_SLAVE_MAJOR = 136;
/** The tty group pts nodes belong to (gid=5 as Debian mounts devpts). */
const TTY_GID = 5;

interface DevptsState { sb: super_block | null; ptys: Set<number> }
const devptsState = defineState<DevptsState>('devpts', () => ({ sb: null, ptys: new Set<number>() }));

/**
 * devpts_fill_super at the first mount: the superblock (and its anonymous device number) exists only once something
 * mounts devpts, as on Linux, where init_devpts_fs only registers the type. Every later mount shares it (the
 * single-instance devpts of old kernels); slaves allocated before it get their nodes now.
 */
function devpts_mount(): super_block | number {
  const st = devptsState();
  if (st.sb) return st.sb;
  const sb = ramfs_fill_super(devpts_fs_type, DEVPTS_SUPER_MAGIC, 'mode=755', () => `gid=${TTY_GID},mode=620,ptmxmode=000`);
  if (typeof sb === 'number') return sb;
  sb.s_root.d_inode!.i_mode = S_IFDIR | 0o755;
  st.sb = sb;
  mknod('ptmx', 0o000, MKDEV(5, 2), 0);
  for (const index of [...st.ptys].sort((a, b) => a - b)) devpts_pty_new(index);
  return sb;
}

export const devpts_fs_type: file_system_type = { name: 'devpts', fs_flags: 0, mount: devpts_mount };

/** init_devpts_fs (fs_initcall): registers the type; no superblock until a mount. */
export function devpts_init(): number {
  return register_filesystem(devpts_fs_type);
}

function mknod(name: string, mode: number, dev: number, gid: number): number {
  const sb = devptsState().sb;
  if (!sb) return -ENOENT;
  if (d_lookup(sb.s_root, name)) return -EEXIST;
  const dir = sb.s_root.d_inode!;
  const d = d_alloc(sb.s_root, name);
  const r = dir.i_op.mknod!(dir, d, S_IFCHR | mode, dev);
  if (r) return r;
  d.d_inode!.i_gid = gid;
  return 0;
}

/** devpts_pty_new: /dev/pts/N for a new slave, crw--w---- root:tty. */
export function devpts_pty_new(index: number): number {
  devptsState().ptys.add(index);
  return mknod(String(index), 0o620, MKDEV(UNIX98_PTY_SLAVE_MAJOR, index), TTY_GID);
}

/** devpts_pty_kill: removes /dev/pts/N when the pair is released. */
export function devpts_pty_kill(index: number): void {
  devptsState().ptys.delete(index);
  const sb = devptsState().sb;
  const d = sb ? d_lookup(sb.s_root, String(index)) : null;
  if (!sb || !d) return;
  sb.s_root.d_inode!.i_op.unlink!(sb.s_root.d_inode!, d);
  sb.s_root.d_subdirs.delete(d.d_name);
  d.d_unhashed = true;
}
