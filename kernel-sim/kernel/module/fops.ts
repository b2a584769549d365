// Models the VFS calling a module through its struct file_operations: the C struct file and inode a driver sees, and each method dispatched into its code.
//
// A module's `const struct file_operations` lives in its memory; c_file_operations() wraps it as kernel-sim's
// file_operations. open() gives the file its C struct file (and the inode its struct inode, shared by all opens)
// and binds the TS fields to them (cstruct.ts): f_pos, f_flags, private_data ... exist once, in the kernel memory,
// until release; owner = THIS_MODULE holds a module reference meanwhile.
import type { KGen } from '../../include/linux/sched.ts';
import type { dentry, file, file_operations, inode, loff_t, poll_table_struct } from '../../include/linux/fs_types.ts';
import { EINVAL, ESPIPE, ENOTTY, ENODEV, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { offsetOf } from '../../toolchain/layouts/access.ts';
import { file_view, inode_view, poll_table_struct_view, struct_file, struct_inode, struct_poll_table_struct } from '../../toolchain/layouts/views.generated.ts';
import { kread_u32, kread_i32, kread_i64_num, kwrite_i64_num, kwrite_u32, kwrite_bytes } from '../../mm/kmem.ts';
import { bind_fields, unbind_fields, ptr_adapter } from './cstruct.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { defineState } from '../state.ts';
import { call_c, call_c_atomic, table_get, kfunc_of_slot, runtimeState } from './runtime.ts';
import { module_by_struct, try_module_get, module_put } from './main.ts';
import type { module } from './types.ts';
import { c_waitqueue } from '../kapi/sched.ts';

export const SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;

/** An open file as C sees it: its struct file and struct inode, the module holding it, and read/write's loff_t. */
export interface c_open_file { cfile: number; cinode: number; mod: module | null; fops: number; ppos: number }

interface FopsState {
  /** C poll_table address -> the kernel-sim poll table of the poll() in progress. */
  polls: Map<number, { pt: poll_table_struct; file: file }>;
  files: WeakMap<file, c_open_file>;
  /** struct file * -> its file, while open. */
  by_addr: Map<number, file>;
  /** Inodes open through C: their struct inode, and back. */
  inodes: WeakMap<inode, number>;
  inodes_by_addr: Map<number, { ino: inode; fields: readonly string[] }>;
}
const fopsState = defineState<FopsState>('module-fops', () => ({ polls: new Map(), files: new WeakMap(), by_addr: new Map(), inodes: new WeakMap(), inodes_by_addr: new Map() }));

/** Which module a function-table slot belongs to (the one whose code runs when it is called). */
export function module_of_slot(slot: number, fallback: module | null): module | null {
  return runtimeState().slot_owner.get(slot)?.[0] ?? fallback;
}

type fop_name = 'llseek' | 'read' | 'write' | 'poll' | 'unlocked_ioctl' | 'mmap' | 'open' | 'flush' | 'release' | 'fsync' | 'fasync' | 'owner';

/** Where each method sits in the C struct: file_operations, or proc_ops (whose module is the one that created the entry). */
const PROC_OPS: Partial<Record<fop_name, string>> = {
  open: 'proc_open', read: 'proc_read', write: 'proc_write', llseek: 'proc_lseek', release: 'proc_release', poll: 'proc_poll', unlocked_ioctl: 'proc_ioctl',
};
type ops_layout = 'file_operations' | 'proc_ops';

function fop(kind: ops_layout, fops: number, name: fop_name): number {
  if (kind === 'proc_ops') {
    const f = PROC_OPS[name];
    return f ? kread_u32(fops + offsetOf('proc_ops', f as 'proc_open')) : 0;
  }
  return kread_u32(fops + offsetOf('file_operations', name));
}

/** Kernel-side implementations of functions a module may put in its ops (seq_read ...), by name. */
export interface kernel_fop_impls {
  /** A kernel open (proc_single_open of proc_create_single's entries): runs with the C file made, as the module's would. */
  open?: (f: file, c: c_open_file) => KGen<number>;
  read?: (f: file, c: c_open_file, buf: number, count: number, ppos: loff_t) => KGen<number>;
  llseek?: (f: file, c: c_open_file, offset: number, whence: number) => KGen<number>;
  release?: (f: file, c: c_open_file) => KGen<number>;
}
// kernel-static: kernel functions registered once when kapi files load, the same for every boot
const kernel_fops = new Map<string, kernel_fop_impls>();
export function register_kernel_fop(name: string, impl: kernel_fop_impls): void { kernel_fops.set(name, impl); }
function kimpl(slot: number): kernel_fop_impls | undefined { const n = kfunc_of_slot(slot); return n ? kernel_fops.get(n) : undefined; }

/** The kernel's own llseek helpers a module may point at (default_llseek, no_llseek ...). */
function kernel_llseek(name: string, f: file, offset: number, whence: number): number {
  if (name === 'no_llseek') return -ESPIPE;
  if (name === 'noop_llseek') return f.f_pos;
  const pos = whence === SEEK_SET ? offset : whence === SEEK_CUR ? f.f_pos + offset : whence === SEEK_END ? f.f_inode.i_size + offset : -1;
  if (whence > SEEK_END) return -EINVAL;
  if (pos < 0) return -EINVAL;
  f.f_pos = pos;
  return pos;
}

/** The open file's C struct file (accessors of `f` while it is open), or undefined when C never saw it. */
function shadow(f: file): c_open_file | undefined { return fopsState().files.get(f); }

/** The kernel-sim file a C struct file * stands for, in O(1). */
export function c_file_of(cfile: number): file | undefined { return fopsState().by_addr.get(cfile); }

/** The kernel-sim inode a C struct inode * stands for, in O(1). */
export function c_inode_of(cinode: number): inode | undefined { return fopsState().inodes_by_addr.get(cinode)?.ino; }

/** Fields of struct file a driver reads or writes: while the file is open through C they live only in its C struct. */
const FILE_FIELDS = ['f_flags', 'f_mode', 'f_pos', 'f_count', 'private_data'] as const;
const FILE_ADAPT = { private_data: ptr_adapter };
/** Fields of struct inode drivers use (iminor(), i_size_read()); i_private too when the kernel keeps no object of its own there. */
const INODE_FIELDS = ['i_mode', 'i_rdev', 'i_ino', 'i_size'] as const;
const INODE_ADAPT = { i_private: ptr_adapter };
function inode_fields(ino: inode): readonly string[] {
  return ino.i_private === null || typeof ino.i_private === 'number' ? [...INODE_FIELDS, 'i_private'] : INODE_FIELDS;
}

/** The inode's C struct inode, made at its first open through C and shared by every open file on it (i_count counts them). */
function c_inode_get(ino: inode, fops: number, opts: c_fops_opts): number {
  const st = fopsState();
  let a = st.inodes.get(ino);
  if (a === undefined) {
    a = kmalloc(struct_inode.SIZE, __GFP_ZERO);
    if (!a) return 0;
    disown(a);
    const v = inode_view(a);
    const fields = inode_fields(ino);
    bind_fields(ino, v, fields, INODE_ADAPT);
    v.i_fop = fops;
    // proc_get_inode: a proc inode's i_private is the entry's data (pde_data()).
    if (opts.i_private !== undefined) v.i_private = opts.i_private;
    st.inodes.set(ino, a);
    st.inodes_by_addr.set(a, { ino, fields });
  }
  const v = inode_view(a);
  if (opts.cdev) v.i_cdev = opts.cdev; // chrdev_open() points the inode at the cdev it found
  v.i_count.counter++;
  return a;
}

/** iput() of the C inode: the last open file on it frees it, and the TS inode's fields become plain again. */
function c_inode_put(ino: inode, a: number): void {
  const v = inode_view(a);
  if (--v.i_count.counter > 0) return;
  const st = fopsState();
  unbind_fields(ino, st.inodes_by_addr.get(a)!.fields);
  st.inodes.delete(ino);
  st.inodes_by_addr.delete(a);
  kfree(a);
}

/** The C struct file of a file being opened by a module: the TS file's driver-visible fields move into it. */
/**
 * struct dentry as resources/include/linux/dcache.h lays it out (its _Static_assert holds these offsets). An open
 * file's C dentry and its parent's are copies made at open: name, inode and parent, what drivers read
 * (file->f_path.dentry->d_name.name in LKMPG's procfs2).
 */
const enc = new TextEncoder();
const DENTRY = { SIZE: 104, d_parent: 16, d_name_len: 28, d_name_name: 32, d_inode: 40, d_iname: 44, INLINE_LEN: 36 } as const;
const FILE_EXTRA = 8 + 2 * DENTRY.SIZE;

function fill_c_dentry(a: number, d: dentry, parent: number, cinode: number): void {
  const name = enc.encode(d.d_name);
  const n = Math.min(name.length, DENTRY.INLINE_LEN - 1);
  kwrite_bytes(a + DENTRY.d_iname, name.subarray(0, n));
  kwrite_u32(a + DENTRY.d_name_len, n);
  kwrite_u32(a + DENTRY.d_name_name, a + DENTRY.d_iname);
  kwrite_u32(a + DENTRY.d_parent, parent || a);
  kwrite_u32(a + DENTRY.d_inode, cinode);
}

function c_file_alloc(f: file, ino: inode, fops: number, mod: module | null, opts: c_fops_opts): c_open_file | null {
  const cinode = c_inode_get(ino, fops, opts);
  if (!cinode) return null;
  // After the struct: the `loff_t pos` ksys_read() keeps on its stack (read/write get a pointer to it), then the dentries.
  const cfile = kmalloc(struct_file.SIZE + FILE_EXTRA, __GFP_ZERO);
  if (!cfile) { c_inode_put(ino, cinode); return null; }
  disown(cfile);
  const v = file_view(cfile);
  const d = f.f_path?.dentry;
  if (d) {
    const cd = cfile + struct_file.SIZE + 8, cparent = cd + DENTRY.SIZE;
    if (d.d_parent && d.d_parent !== d) fill_c_dentry(cparent, d.d_parent, 0, 0);
    fill_c_dentry(cd, d, d.d_parent && d.d_parent !== d ? cparent : 0, cinode);
    kwrite_u32(cfile + struct_file.OFF.f_path + offsetOf('path', 'dentry'), cd);
  }
  v.f_inode = cinode;
  v.f_op = fops;
  bind_fields(f, v, FILE_FIELDS, FILE_ADAPT);
  // misc_open(): file->private_data is the miscdevice before the driver's open runs.
  if (opts.private_data !== undefined) f.private_data = opts.private_data;
  const c: c_open_file = { cfile, cinode, mod, fops, ppos: cfile + struct_file.SIZE };
  fopsState().files.set(f, c);
  fopsState().by_addr.set(cfile, f);
  return c;
}

/** __fput(): the C struct file goes; the TS file keeps its last values as plain fields. */
function c_file_free(f: file, c: c_open_file): void {
  const st = fopsState();
  st.files.delete(f);
  st.by_addr.delete(c.cfile);
  unbind_fields(f, FILE_FIELDS);
  kfree(c.cfile);
  c_inode_put(f.f_inode, c.cinode);
}

function* invoke(c: c_open_file, slot: number, args: unknown[], what: string): KGen<unknown> {
  const fn = table_get(slot);
  if (!fn) return -EINVAL;
  const mod = module_of_slot(slot, c.mod);
  if (!mod) return -EINVAL;
  return yield* call_c(mod, fn, args, what);
}

interface c_fops_opts { private_data?: number; cdev?: number; proc_ops?: boolean; owner?: module | null; i_private?: number }

/** Wraps a module's struct file_operations at `fops`; `private_data` is what file->private_data starts as (misc: the miscdevice). */
export function c_file_operations(fops: number, opts: c_fops_opts = {}): file_operations {
  const kind: ops_layout = opts.proc_ops ? 'proc_ops' : 'file_operations';
  const slot = (name: fop_name): number => fop(kind, fops, name);
  const ops: file_operations = {
    owner: fops,
    open: function* (ino: inode, f: file): KGen<number> {
      const owner = opts.owner !== undefined ? opts.owner : module_by_struct(slot('owner'));
      if (!try_module_get(owner)) return -ENODEV; // while the module goes away
      const c = c_file_alloc(f, ino, fops, owner, opts);
      if (!c) { module_put(owner); return -ENOMEM; }
      const open = slot('open');
      if (!open) return 0;
      const kopen = kimpl(open)?.open;
      const r = kopen ? yield* kopen(f, c) : (yield* invoke(c, open, [c.cinode, c.cfile], 'open')) as number;
      if (r < 0) { c_file_free(f, c); module_put(owner); }
      return r;
    },
    release: function* (ino: inode, f: file): KGen<number> {
      void ino;
      const c = shadow(f);
      if (!c) return 0;
      const rel = slot('release');
      let r = 0;
      try {
        const k = rel ? kimpl(rel) : undefined;
        if (k?.release) r = yield* k.release(f, c);
        else if (rel) r = (yield* invoke(c, rel, [c.cinode, c.cfile], 'release')) as number;
      } finally {
        c_file_free(f, c);
        module_put(c.mod);
      }
      return r;
    },
  };
  const read = slot('read'), write = slot('write');
  const kread = read ? kimpl(read)?.read : undefined;
  if (kread) ops.read = function* (f: file, buf: number, count: number, ppos: loff_t): KGen<number> { const c = shadow(f); return c ? yield* kread(f, c, buf, count, ppos) : -EINVAL; };
  else if (read) ops.read = rw(read, 'read');
  if (write) ops.write = rw(write, 'write');
  const llseek = slot('llseek');
  const kseek = llseek ? kimpl(llseek)?.llseek : undefined;
  ops.llseek = function* (f: file, offset: number, whence: number): KGen<number> {
    const c = shadow(f);
    if (kseek && c) return yield* kseek(f, c, offset, whence);
    const kname = llseek ? kfunc_of_slot(llseek) : 'noop_llseek';
    if (kname || !c) return kernel_llseek(kname ?? 'default_llseek', f, offset, whence);
    // As vfs_llseek(): the driver's llseek moves file->f_pos itself; its return value is only what lseek(2) returns.
    return Number((yield* invoke(c, llseek, [c.cfile, BigInt(offset), whence], 'llseek')) as bigint);
  };
  const ioctl = slot('unlocked_ioctl');
  if (ioctl) {
    ops.unlocked_ioctl = function* (f: file, cmd: number, arg: number): KGen<number> {
      const c = shadow(f);
      if (!c) return -ENOTTY;
      return (yield* invoke(c, ioctl, [c.cfile, cmd >>> 0, arg >>> 0], 'ioctl')) as number;
    };
  }
  const poll = slot('poll');
  if (poll) {
    ops.poll = function* (f: file, pt: poll_table_struct): KGen<number> {
      const c = shadow(f);
      if (!c) return 0;
      const cpt = kmalloc(struct_poll_table_struct.SIZE, __GFP_ZERO);
      poll_table_struct_view(cpt)._qproc = pt.qproc ? 1 : 0;
      fopsState().polls.set(cpt, { pt, file: f });
      try { return (yield* invoke(c, poll, [c.cfile, pt.qproc ? cpt : 0], 'poll')) as number; } finally { fopsState().polls.delete(cpt); kfree(cpt); }
    };
  }
  const fasync = slot('fasync');
  if (fasync) {
    ops.fasync = function* (fd: number, f: file, on: number): KGen<number> {
      const c = shadow(f);
      return c ? (yield* invoke(c, fasync, [fd, c.cfile, on], 'fasync')) as number : 0;
    };
  }
  return ops;

  function rw(slot: number, what: string) {
    return function* (f: file, buf: number, count: number, ppos: loff_t): KGen<number> {
      const c = shadow(f);
      if (!c) return -EINVAL;
      // ksys_read() hands the driver a pointer to its own loff_t, not to file->f_pos: the by-reference argument.
      kwrite_i64_num(c.ppos, ppos.pos);
      const r = (yield* invoke(c, slot, [c.cfile, buf, count >>> 0, c.ppos], what)) as number;
      ppos.pos = kread_i64_num(c.ppos);
      return r;
    };
  }
}

/** poll_wait(filp, wait_address, p) from C: registers the poll in progress on the C wait queue. */
export function c_poll_wait(_cfile: number, wq: number, cpt: number): void {
  const p = fopsState().polls.get(cpt);
  if (p?.pt.qproc) p.pt.qproc(p.file, c_waitqueue(wq));
}

/** Runs a module callback that must not sleep (timer, IRQ handler, sysfs show). */
export function call_slot_atomic(slot: number, args: unknown[], what: string, fallback: module | null = null): unknown {
  const fn = table_get(slot);
  const mod = module_of_slot(slot, fallback);
  if (!fn || !mod) return -EINVAL;
  return call_c_atomic(mod, fn, args, what);
}

/** Runs a module callback from a context that may sleep (probe, remove, work items). */
export function* call_slot(slot: number, args: unknown[], what: string, fallback: module | null = null): KGen<unknown> {
  const fn = table_get(slot);
  const mod = module_of_slot(slot, fallback);
  if (!fn || !mod) return -EINVAL;
  return yield* call_c(mod, fn, args, what);
}

export { kread_i32 };
