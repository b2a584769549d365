// procfs and seq_file for modules (fs/proc/generic.c, fs/seq_file.c): proc_create with a C struct proc_ops, and seq_file iterators written in C.
//
// The C struct seq_file lives in the kernel memory (file->private_data points at it); its text is gathered by
// running the module's start/show/next/stop, each seq_printf appending to it, and reads are served from it.
import type { KGen } from '../../include/linux/sched.ts';
import type { file, loff_t } from '../../include/linux/fs_types.ts';
import { EINVAL, ENOMEM, EFAULT } from '../../include/uapi/asm-generic/errno.ts';
import { offsetOf, sizeOf } from '../../toolchain/layouts/access.ts';
import { file_view, inode_view, seq_file_view, struct_seq_file } from '../../toolchain/layouts/views.generated.ts';
import { kread_u32, kread_cstr, kwrite_u32, kwrite_u64, kread_bytes } from '../../mm/kmem.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { copy_to_user } from '../../mm/uaccess.ts';
import { defineState } from '../state.ts';
import { vsprintf, va_list } from '../../lib/vsprintf.ts';
import {
  proc_create_data, proc_mkdir, proc_mkdir_mode, proc_symlink, proc_remove, remove_proc_entry, remove_proc_subtree, proc_set_size, proc_set_user,
  type proc_dir_entry,
} from '../../fs/proc/generic.ts';
import type { proc_ops } from '../../fs/proc/internal.ts';
import { c_file_operations, register_kernel_fop, call_slot, type c_open_file } from '../module/fops.ts';
import { calling_module, kfunc_slot } from '../module/runtime.ts';
import { track_resource, untrack_resource } from '../module/leaks.ts';
import { EXPORT_KAPI } from './registry.ts';

/** What the kernel keeps beside a C struct seq_file: the text gathered so far (the struct holds op, file and private). */
interface c_seq { text: string; out: Uint8Array | null; single: number }
/** single_shows: the show function of each proc_create_single entry, by the address of the proc_ops made for it. */
interface ProcState { entries: Map<number, proc_dir_entry>; next: number; seqs: Map<number, c_seq>; single_shows: Map<number, number> }
const procState = defineState<ProcState>('kapi-proc', () => ({ entries: new Map(), next: 1, seqs: new Map(), single_shows: new Map() }));

const enc = new TextEncoder();

function handle(de: proc_dir_entry): number {
  const st = procState();
  const h = kmalloc(16, __GFP_ZERO);
  disown(h);
  st.entries.set(h, de);
  return h;
}

function proc_create_c(name: number, mode: number, parent: number, ops: number, data: number): number {
  const mod = calling_module();
  const n = kread_cstr(name, 128);
  const fo = c_file_operations(ops, { proc_ops: true, owner: mod, i_private: data });
  const pops: proc_ops = {
    ...(fo.open ? { proc_open: fo.open } : {}), ...(fo.read ? { proc_read: fo.read } : {}), ...(fo.write ? { proc_write: fo.write } : {}),
    ...(fo.llseek ? { proc_lseek: fo.llseek } : {}), ...(fo.release ? { proc_release: fo.release } : {}), ...(fo.poll ? { proc_poll: fo.poll } : {}),
    ...(fo.unlocked_ioctl ? { proc_ioctl: fo.unlocked_ioctl } : {}),
  };
  const de = proc_create_data(n, mode & 0xffff, parent ? procState().entries.get(parent) ?? null : null, pops, data);
  if (!de) return 0;
  const h = handle(de);
  track_resource('proc entry', `/proc/${n}`, () => { proc_remove(de); procState().entries.delete(h); }, mod);
  return h;
}

/**
 * proc_create_single_data(): an entry whose open is single_open(file, show, pde_data(inode)) — Linux's proc_single_ops
 * (proc_single_open, seq_read, seq_lseek, single_release), made here as a C struct proc_ops of kernel functions.
 */
function proc_create_single_c(name: number, mode: number, parent: number, show: number, data: number): number {
  const ops = kmalloc(sizeOf('proc_ops'), __GFP_ZERO);
  if (!ops) return 0;
  disown(ops);
  const set = (f: 'proc_open' | 'proc_read' | 'proc_lseek' | 'proc_release', fn: string): void => kwrite_u32(ops + offsetOf('proc_ops', f), kfunc_slot(fn));
  set('proc_open', 'proc_single_open');
  set('proc_read', 'seq_read');
  set('proc_lseek', 'seq_lseek');
  set('proc_release', 'single_release');
  procState().single_shows.set(ops, show);
  const h = proc_create_c(name, mode, parent, ops, data);
  if (!h) { procState().single_shows.delete(ops); kfree(ops); }
  return h;
}

register_kernel_fop('proc_single_open', {
  open: function* (_f: file, c: c_open_file): KGen<number> {
    const show = procState().single_shows.get(c.fops);
    return show ? seq_new(c.cfile, 0, show, inode_view(c.cinode).i_private) : -EINVAL;
  },
});

function proc_remove_c(h: number): void {
  const st = procState();
  const de = st.entries.get(h);
  if (!de) return;
  untrack_resource((r) => r.kind === 'proc entry' && r.name.endsWith(`/${de.name}`));
  proc_remove(de);
  st.entries.delete(h);
  kfree(h);
}

function seq_of(m: number): c_seq | undefined { return procState().seqs.get(m); }

function seq_new(cfile: number, op: number, single: number, data: number): number {
  const m = kmalloc(struct_seq_file.SIZE, __GFP_ZERO);
  if (!m) return -ENOMEM;
  disown(m);
  const v = seq_file_view(m);
  v.op = op;
  v.file = cfile;
  v.private = data;
  file_view(cfile).private_data = m;
  procState().seqs.set(m, { text: '', out: null, single });
  return 0;
}

/** Runs the module's iterator (or single show) once and keeps the text (traverse()). */
function* seq_fill(m: number, s: c_seq, c: c_open_file): KGen<number> {
  s.text = '';
  if (s.single) {
    const r = (yield* call_slot(s.single, [m, 1], 'seq show', c.mod)) as number;
    if (r < 0) return r;
  } else {
    const op = kread_u32(m + offsetOf('seq_file', 'op'));
    const [start, next, stop, show] = (['start', 'next', 'stop', 'show'] as const).map((k) => kread_u32(op + offsetOf('seq_operations', k)));
    const pos = kmalloc(8, __GFP_ZERO);
    try {
      let v = (yield* call_slot(start!, [m, pos], 'seq start', c.mod)) as number;
      for (let guard = 0; v && guard < 100_000; guard++) {
        const r = (yield* call_slot(show!, [m, v], 'seq show', c.mod)) as number;
        if (r < 0) { if (stop) yield* call_slot(stop, [m, v], 'seq stop', c.mod); return r; }
        v = (yield* call_slot(next!, [m, v, pos], 'seq next', c.mod)) as number;
      }
      if (stop) yield* call_slot(stop, [m, v], 'seq stop', c.mod);
    } finally { kfree(pos); }
  }
  s.out = enc.encode(s.text);
  return 0;
}

function* c_seq_read(f: file, c: c_open_file, buf: number, count: number, ppos: loff_t): KGen<number> {
  const m = file_view(c.cfile).private_data;
  const s = seq_of(m);
  if (!s) return -EINVAL;
  if (!s.out || ppos.pos === 0) { const r = yield* seq_fill(m, s, c); if (r < 0) return r; }
  const out = s.out!;
  if (ppos.pos >= out.length) return 0;
  const n = Math.min(count, out.length - ppos.pos);
  if (copy_to_user(buf, out.subarray(ppos.pos, ppos.pos + n))) return -EFAULT;
  ppos.pos += n;
  void f;
  return n;
}

function* c_seq_lseek(f: file, c: c_open_file, offset: number, whence: number): KGen<number> {
  void c;
  if (whence !== 0 && whence !== 1) return -EINVAL;
  const pos = whence === 0 ? offset : f.f_pos + offset;
  if (pos < 0) return -EINVAL;
  f.f_pos = pos;
  return pos;
}

function* c_seq_release(f: file, c: c_open_file): KGen<number> {
  void f;
  const m = file_view(c.cfile).private_data;
  if (procState().seqs.delete(m)) kfree(m);
  return 0;
}

for (const n of ['seq_read', 'seq_read_iter']) register_kernel_fop(n, { read: c_seq_read });
register_kernel_fop('seq_lseek', { llseek: c_seq_lseek });
for (const n of ['seq_release', 'single_release', 'seq_release_private']) register_kernel_fop(n, { release: c_seq_release });

function append(m: number, t: string): void { const s = seq_of(m); if (s) s.text += t; }

/** proc_mkdir and its variants: the entry made under the C parent handle, tracked for rmmod's leak report. */
function mkdir_c(name: number, parent: number, make: (n: string, p: proc_dir_entry | null) => proc_dir_entry | null): number {
  const mod = calling_module();
  const n = kread_cstr(name, 128);
  const de = make(n, parent ? procState().entries.get(parent) ?? null : null);
  if (!de) return 0;
  const h = handle(de);
  track_resource('proc entry', `/proc/${n}`, () => { proc_remove(de); }, mod);
  return h;
}

export const ksymtab = EXPORT_KAPI({
  proc_create: (name: number, mode: number, parent: number, ops: number) => proc_create_c(name, mode, parent, ops, 0),
  proc_create_data: proc_create_c,
  proc_create_single_data: proc_create_single_c,
  proc_mkdir: (name: number, parent: number) => mkdir_c(name, parent, proc_mkdir),
  proc_mkdir_mode: (name: number, mode: number, parent: number) => mkdir_c(name, parent, (n, p) => proc_mkdir_mode(n, mode & 0xffff, p)),
  proc_mkdir_data: (name: number, mode: number, parent: number) => mkdir_c(name, parent, (n, p) => proc_mkdir_mode(n, mode & 0xffff, p)),
  proc_symlink: (name: number, parent: number, dest: number) => mkdir_c(name, parent, (n, p) => proc_symlink(n, p, kread_cstr(dest, 4096))),
  proc_set_size: (de: number, size: bigint) => { const d = procState().entries.get(de); if (d) proc_set_size(d, Number(size)); },
  proc_set_user: (de: number, uid: number, gid: number) => { const d = procState().entries.get(de); if (d) proc_set_user(d, uid >>> 0, gid >>> 0); },
  remove_proc_subtree: (name: number, parent: number) => {
    const n = kread_cstr(name, 128);
    untrack_resource((r) => r.kind === 'proc entry' && r.name.endsWith(`/${n}`));
    return remove_proc_subtree(n, parent ? procState().entries.get(parent) ?? null : null);
  },
  proc_remove: proc_remove_c,
  remove_proc_entry: (name: number, parent: number) => {
    const n = kread_cstr(name, 128);
    untrack_resource((r) => r.kind === 'proc entry' && r.name.endsWith(`/${n}`));
    remove_proc_entry(n, parent ? procState().entries.get(parent) ?? null : null);
  },
  seq_open: (cfile: number, op: number) => (file_view(cfile).private_data ? -EINVAL : seq_new(cfile, op, 0, 0)),
  single_open: (cfile: number, show: number, data: number) => seq_new(cfile, 0, show, data),
  seq_printf: (m: number, fmt: number, va: number) => { append(m, vsprintf(kread_cstr(fmt, 8192), new va_list(va))); },
  seq_vprintf: (m: number, fmt: number, va: number) => { append(m, vsprintf(kread_cstr(fmt, 8192), new va_list(va))); },
  seq_puts: (m: number, s: number) => { append(m, kread_cstr(s, 1 << 16)); },
  seq_putc: (m: number, ch: number) => { append(m, String.fromCharCode(ch & 0xff)); },
  seq_write: (m: number, data: number, len: number) => { append(m, new TextDecoder().decode(kread_bytes(data, len))); return 0; },
  // Kernel seq helpers a module puts in its proc_ops/file_operations: run by the VFS as kernel code (register_kernel_fop).
  seq_read: () => -EINVAL, seq_read_iter: () => -EINVAL, seq_lseek: () => BigInt(-EINVAL), seq_release: () => 0, single_release: () => 0, seq_release_private: () => 0,
});

export { kwrite_u64 };
