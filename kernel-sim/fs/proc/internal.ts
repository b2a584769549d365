// Models linux/fs/proc/internal.h and include/linux/proc_fs.h: proc_dir_entry, proc_ops, proc_inode and procfs's per-boot state.
import type { file, file_operations, inode, inode_operations, loff_t, super_block, dentry, mount } from '../../include/linux/fs_types.ts';
import type { KGen, task_struct } from '../../include/linux/sched.ts';
import type { seq_operations, seq_show_fn } from '../seq_file.ts';
import { defineState } from '../../kernel/state.ts';

export const PROC_SUPER_MAGIC = 0x9fa0;
export const PROC_ROOT_INO = 1;
/** readdir positions in /proc: PDE entries below this, then self, thread-self and the tgids. */
export const FIRST_PROCESS_ENTRY = 256;
export const TGID_OFFSET = FIRST_PROCESS_ENTRY + 2;

/**
 * What a /proc file does, as struct proc_ops: the same calls as
 * file_operations, prefixed proc_ (proc_read, proc_write ...).
 */
export interface proc_ops {
  proc_open?(inode: inode, file: file): KGen<number>;
  proc_read?(file: file, buf: number, count: number, ppos: loff_t): KGen<number>;
  proc_write?(file: file, buf: number, count: number, ppos: loff_t): KGen<number>;
  proc_lseek?(file: file, offset: number, whence: number): KGen<number>;
  proc_release?(inode: inode, file: file): KGen<number>;
  proc_poll?: file_operations['poll'];
  proc_ioctl?(file: file, cmd: number, arg: number): KGen<number>;
}

/** A node of the /proc tree that exists independently of processes (struct proc_dir_entry). */
export interface proc_dir_entry {
  name: string;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  size: number;
  /** Inode number, fixed at creation (proc_alloc_inum; get_next_ino under /proc/sys). */
  low_ino: number;
  parent: proc_dir_entry | null;
  /** Children by name; listed in proc_match order (length, then bytes) or by name for sysctl. */
  subdir: Map<string, proc_dir_entry>;
  /**
   * Entries under /proc/sys (ctl_table entries, not proc_dir_entries in Linux): listed alphabetically, as sysctl does,
   * and numbered by get_next_ino (proc_sys_make_inode), not from the proc inum range that namespaces share.
   */
  sort_lex: boolean;
  proc_ops: proc_ops | null;
  seq_ops: seq_operations | null;
  single_show: seq_show_fn | null;
  /** Target of a symlink. */
  link: string | null;
  /** Directories whose entries come from elsewhere (/proc/net, /proc/PID ...). */
  proc_iops: inode_operations | null;
  proc_dir_ops: file_operations | null;
  /** The driver's pointer (PDE_DATA / pde_data). */
  data: unknown;
  removed: boolean;
}

/** Per-inode procfs data (struct proc_inode): the PDE, or the task and pid entry behind it. */
export interface proc_inode_info {
  pde: proc_dir_entry | null;
  task: task_struct | null;
  /** For per-task entries: which one (status, fd/3, ns/uts ...). */
  entry: unknown;
  /** fd number for fd/ and fdinfo/ entries. */
  fd: number;
}

interface ProcState {
  root: proc_dir_entry;
  /** Stable inode numbers for per-task inodes, keyed by task identity and path. */
  pid_inos: Map<string, number>;
  next_ino: number;
  /** The superblock of every mount of proc (one per pid namespace; one here). */
  sb: super_block | null;
  /** Inodes of PDEs already instantiated in the superblock. */
  pde_inodes: Map<proc_dir_entry, inode>;
  /** Files other subsystems fill later (/proc/misc, /proc/modules ...): name to show sources. */
  sources: Map<string, ((m: import('../seq_file.ts').seq_file) => void)[]>;
  /** Internal mounts for magic-link targets that have no path (pipes, namespaces). */
  anon_mounts: Map<super_block, mount>;
  anon_dentries: Map<string, dentry>;
}

function new_root(): proc_dir_entry {
  return {
    name: '/proc', mode: 0o40555, nlink: 2, uid: 0, gid: 0, size: 0, low_ino: PROC_ROOT_INO, parent: null,
    subdir: new Map(), sort_lex: false, proc_ops: null, seq_ops: null, single_show: null, link: null,
    proc_iops: null, proc_dir_ops: null, data: null, removed: false,
  };
}

export const procState = defineState<ProcState>('procfs', () => ({
  root: new_root(), pid_inos: new Map(), next_ino: 3, sb: null, pde_inodes: new Map(), sources: new Map(),
  anon_mounts: new Map(), anon_dentries: new Map(),
}));

export function proc_root(): proc_dir_entry { return procState().root; }

/** get_next_ino(): a small inode number, fixed for a (task, path) pair for the whole boot. */
export function proc_stable_ino(key: string): number {
  const s = procState();
  let n = s.pid_inos.get(key);
  if (n === undefined) { n = s.next_ino++; s.pid_inos.set(key, n); }
  return n;
}

export function PROC_I(inode: inode): proc_inode_info {
  return inode.i_private as proc_inode_info;
}

/** The data pointer given to proc_create_data (pde_data / PDE_DATA). */
export function pde_data(inode: inode): unknown {
  return PROC_I(inode).pde?.data ?? null;
}

export function PDE(inode: inode): proc_dir_entry | null {
  return PROC_I(inode).pde;
}
