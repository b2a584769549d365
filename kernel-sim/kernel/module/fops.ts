// Models the VFS calling a module through its struct file_operations: the C struct file and inode a driver sees, and each method dispatched into its code.
//
// A module's `const struct file_operations` lives in its memory; c_file_operations() wraps it as kernel-sim's
// file_operations. open() builds the C struct inode and struct file (f_flags, f_mode, f_pos, private_data, i_rdev,
// i_cdev) and keeps them with the file until release; owner = THIS_MODULE holds a module reference meanwhile.
import type { KGen } from '../../include/linux/sched.ts';
import type { file, file_operations, inode, loff_t, poll_table_struct } from '../../include/linux/fs_types.ts';
import { EINVAL, ESPIPE, ENOTTY } from '../../include/uapi/asm-generic/errno.ts';
import { offsetOf, sizeOf } from '../../toolchain/layouts/access.ts';
import { kread_u32, kwrite_u32, kwrite_u16, kread_i64, kwrite_u64, kread_i32 } from '../../mm/kmem.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { defineState } from '../state.ts';
import { call_c, call_c_atomic, table_get, kfunc_of_slot, runtimeState } from './runtime.ts';
import { module_by_struct, try_module_get, module_put } from './main.ts';
import type { module } from './types.ts';
import { c_waitqueue } from '../kapi/sched.ts';

export const SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;

export interface c_open_file { cfile: number; cinode: number; mod: module | null; fops: number }

interface FopsState {
  /** C poll_table address -> the kernel-sim poll table of the poll() in progress. */
  polls: Map<number, { pt: poll_table_struct; file: file }>;
  files: WeakMap<file, c_open_file>;
}
const fopsState = defineState<FopsState>('module-fops', () => ({ polls: new Map(), files: new WeakMap() }));

/** Which module a function-table slot belongs to (the one whose code runs when it is called). */
export function module_of_slot(slot: number, fallback: module | null): module | null {
  return runtimeState().slot_owner.get(slot)?.[0] ?? fallback;
}

type fop_name = 'llseek' | 'read' | 'write' | 'poll' | 'unlocked_ioctl' | 'mmap' | 'open' | 'flush' | 'release' | 'fsync' | 'owner';

/** Where each method sits in the C struct: file_operations, or proc_ops (whose module is the one that created the entry). */
const PROC_OPS: Partial<Record<fop_name, string>> = {
  open: 'proc_open', read: 'proc_read', write: 'proc_write', llseek: 'proc_lseek', release: 'proc_release', poll: 'proc_poll', unlocked_ioctl: 'proc_ioctl',
};
let layout_kind: 'file_operations' | 'proc_ops' = 'file_operations';

function fop(fops: number, name: fop_name): number {
  if (layout_kind === 'proc_ops') {
    const f = PROC_OPS[name];
    return f ? kread_u32(fops + offsetOf('proc_ops', f as 'proc_open')) : 0;
  }
  return kread_u32(fops + offsetOf('file_operations', name));
}

/** Kernel-side implementations of functions a module may put in its ops (seq_read ...), by name. */
export interface kernel_fop_impls {
  read?: (f: file, c: c_open_file, buf: number, count: number, ppos: loff_t) => KGen<number>;
  llseek?: (f: file, c: c_open_file, offset: number, whence: number) => KGen<number>;
  release?: (f: file, c: c_open_file) => KGen<number>;
}
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

/** C struct file/inode for an open file; created at open. */
function shadow(f: file): c_open_file | undefined { return fopsState().files.get(f); }

function sync_to_c(f: file, c: c_open_file): void {
  kwrite_u32(c.cfile + offsetOf('file', 'f_flags'), f.f_flags);
  kwrite_u32(c.cfile + offsetOf('file', 'f_mode'), f.f_mode);
  kwrite_u64(c.cfile + offsetOf('file', 'f_pos'), BigInt(f.f_pos));
}

function* invoke(c: c_open_file, slot: number, args: unknown[], what: string): KGen<unknown> {
  const fn = table_get(slot);
  if (!fn) return -EINVAL;
  const mod = module_of_slot(slot, c.mod);
  if (!mod) return -EINVAL;
  return yield* call_c(mod, fn, args, what);
}

/** Wraps a module's struct file_operations at `fops`; `private_data` is what file->private_data starts as (misc: the miscdevice). */
export function c_file_operations(fops: number, opts: { private_data?: number; cdev?: number; proc_ops?: boolean; owner?: module | null; i_private?: number } = {}): file_operations {
  layout_kind = opts.proc_ops ? 'proc_ops' : 'file_operations';
  try { return c_file_operations_of(fops, opts); } finally { layout_kind = 'file_operations'; }
}

function c_file_operations_of(fops: number, opts: { private_data?: number; cdev?: number; proc_ops?: boolean; owner?: module | null; i_private?: number }): file_operations {
  const kind = layout_kind;
  const slot = (name: fop_name): number => { layout_kind = kind; try { return fop(fops, name); } finally { layout_kind = 'file_operations'; } };
  const ops: file_operations = {
    owner: fops,
    open: function* (ino: inode, f: file): KGen<number> {
      const owner = opts.owner !== undefined ? opts.owner : module_by_struct(slot('owner'));
      if (!try_module_get(owner)) return -19; // -ENODEV while the module goes away
      const cinode = kmalloc(sizeOf('inode'), __GFP_ZERO);
      const cfile = kmalloc(sizeOf('file'), __GFP_ZERO);
      disown(cinode); disown(cfile);
      kwrite_u16(cinode + offsetOf('inode', 'i_mode'), ino.i_mode);
      kwrite_u32(cinode + offsetOf('inode', 'i_rdev'), ino.i_rdev);
      kwrite_u32(cinode + offsetOf('inode', 'i_ino'), ino.i_ino);
      kwrite_u32(cinode + offsetOf('inode', 'i_cdev'), opts.cdev ?? 0);
      kwrite_u32(cinode + offsetOf('inode', 'i_fop'), fops);
      kwrite_u32(cinode + offsetOf('inode', 'i_private'), opts.i_private ?? 0);
      kwrite_u32(cfile + offsetOf('file', 'f_inode'), cinode);
      kwrite_u32(cfile + offsetOf('file', 'f_op'), fops);
      kwrite_u32(cfile + offsetOf('file', 'private_data'), opts.private_data ?? 0);
      kwrite_u32(cfile + offsetOf('file', 'f_count'), 1);
      const c: c_open_file = { cfile, cinode, mod: owner, fops };
      fopsState().files.set(f, c);
      sync_to_c(f, c);
      const open = slot('open');
      if (!open) return 0;
      const r = (yield* invoke(c, open, [cinode, cfile], 'open')) as number;
      if (r < 0) { fopsState().files.delete(f); kfree(cfile); kfree(cinode); module_put(owner); }
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
        else if (rel) { sync_to_c(f, c); r = (yield* invoke(c, rel, [c.cinode, c.cfile], 'release')) as number; }
      } finally {
        fopsState().files.delete(f);
        kfree(c.cfile); kfree(c.cinode);
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
    sync_to_c(f, c);
    const r = Number((yield* invoke(c, llseek, [c.cfile, BigInt(offset), whence], 'llseek')) as bigint);
    if (r >= 0) f.f_pos = r;
    return r;
  };
  const ioctl = slot('unlocked_ioctl');
  if (ioctl) {
    ops.unlocked_ioctl = function* (f: file, cmd: number, arg: number): KGen<number> {
      const c = shadow(f);
      if (!c) return -ENOTTY;
      sync_to_c(f, c);
      return (yield* invoke(c, ioctl, [c.cfile, cmd >>> 0, arg >>> 0], 'ioctl')) as number;
    };
  }
  const poll = slot('poll');
  if (poll) {
    ops.poll = function* (f: file, pt: poll_table_struct): KGen<number> {
      const c = shadow(f);
      if (!c) return 0;
      const cpt = kmalloc(sizeOf('poll_table_struct'), __GFP_ZERO);
      kwrite_u32(cpt + offsetOf('poll_table_struct', '_qproc'), pt.qproc ? 1 : 0);
      fopsState().polls.set(cpt, { pt, file: f });
      try { return (yield* invoke(c, poll, [c.cfile, pt.qproc ? cpt : 0], 'poll')) as number; } finally { fopsState().polls.delete(cpt); kfree(cpt); }
    };
  }
  return ops;

  function rw(slot: number, what: string) {
    return function* (f: file, buf: number, count: number, ppos: loff_t): KGen<number> {
      const c = shadow(f);
      if (!c) return -EINVAL;
      sync_to_c(f, c);
      const pp = c.cfile + offsetOf('file', 'f_pos');
      kwrite_u64(pp, BigInt(ppos.pos));
      const r = (yield* invoke(c, slot, [c.cfile, buf, count >>> 0, pp], what)) as number;
      ppos.pos = Number(kread_i64(pp));
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
