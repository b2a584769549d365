// Models linux/fs/seq_file.c: seq_file, seq_printf and friends, seq_open/single_open, seq_read and seq_lseek.
//
// A seq_file collects a file's text from show callbacks. As in Linux, the
// text is produced when a read starts at offset 0 (open, or a rewind), and
// later reads continue from the same snapshot.
import type { file, file_operations, inode, loff_t } from '../include/linux/fs_types.ts';
import type { KGen } from '../include/linux/sched.ts';
import { EINVAL, ENOMEM } from '../include/uapi/asm-generic/errno.ts';
import { simple_read_from_buffer, generic_file_llseek_size } from './libfs.ts';

const enc = new TextEncoder();

export interface seq_file {
  /** Text gathered so far (strings and raw bytes, in order). */
  parts: (string | Uint8Array)[];
  /** Length of the current line in characters, for seq_setwidth/seq_pad. */
  count: number;
  pad_until: number;
  /** The snapshot reads are served from. */
  buf: Uint8Array | null;
  op: seq_operations;
  /** single_open's data, or the private data of seq_open_private. */
  private: unknown;
  file: file;
}

export interface seq_operations {
  start(m: seq_file, pos: loff_t): unknown;
  next(m: seq_file, v: unknown, pos: loff_t): unknown;
  stop?(m: seq_file, v: unknown): void;
  /** Prints one record; a negative return is an error (-errno). */
  show(m: seq_file, v: unknown): number | void;
}

/** What a show function for single_open / proc_create_single looks like. */
export type seq_show_fn = (m: seq_file, v: unknown) => number | void;

function put(m: seq_file, s: string | Uint8Array): void {
  m.parts.push(s);
  if (typeof s === 'string') {
    const nl = s.lastIndexOf('\n');
    m.count = nl < 0 ? m.count + s.length : s.length - nl - 1;
    if (nl >= 0) m.pad_until = 0;
  }
}

export function seq_puts(m: seq_file, s: string): void { put(m, s); }
/** seq_printf: the caller formats with a template string; this appends it. */
export const seq_printf = seq_puts;
export function seq_putc(m: seq_file, c: string): void { put(m, c); }
export function seq_write(m: seq_file, data: Uint8Array): void { m.parts.push(data); }

/** Marks the column seq_pad pads to (seq_setwidth). */
export function seq_setwidth(m: seq_file, size: number): void { m.pad_until = m.count + size; }

/** Pads the line with spaces up to the width set by seq_setwidth, then writes c. */
export function seq_pad(m: seq_file, c: string): void {
  const size = m.pad_until - m.count;
  if (size > 0) put(m, ' '.repeat(size));
  if (c) put(m, c);
}

/** The text a seq_file has gathered, as bytes. */
export function seq_contents(m: seq_file): Uint8Array {
  const chunks = m.parts.map((p) => (typeof p === 'string' ? enc.encode(p) : p));
  const n = chunks.reduce((a, c) => a + c.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

/** Runs start/show/next/stop over every record (traverse). Returns 0 or -errno. */
function traverse(m: seq_file): number {
  m.parts = [];
  m.count = 0;
  m.pad_until = 0;
  const pos: loff_t = { pos: 0 };
  let v = m.op.start(m, pos);
  let err = 0;
  while (v !== null && v !== undefined) {
    const r = m.op.show(m, v);
    if (typeof r === 'number' && r < 0) { err = r; break; }
    v = m.op.next(m, v, pos);
  }
  m.op.stop?.(m, v);
  if (err) return err;
  m.buf = seq_contents(m);
  return 0;
}

export function seq_open(file: file, op: seq_operations): number {
  if (file.private_data) return -EINVAL;
  const m: seq_file = { parts: [], count: 0, pad_until: 0, buf: null, op, private: null, file };
  file.private_data = m;
  return 0;
}

export function* seq_read(file: file, buf: number, count: number, ppos: loff_t): KGen<number> {
  const m = file.private_data as seq_file | null;
  if (!m) return -ENOMEM;
  if (ppos.pos === 0 || m.buf === null) {
    const r = traverse(m);
    if (r < 0) return r;
  }
  return simple_read_from_buffer(buf, count, ppos, m.buf!);
}

export function* seq_lseek(file: file, offset: number, whence: number): KGen<number> {
  const m = file.private_data as seq_file | null;
  if (m && m.buf === null) { const r = traverse(m); if (r < 0) return r; }
  return generic_file_llseek_size(file, offset, whence, m?.buf?.length ?? 0);
}

export function* seq_release(_inode: inode, file: file): KGen<number> {
  file.private_data = null;
  return 0;
}

/** A seq_operations with exactly one record, whose show is `show` (single_open). */
export function single_open(file: file, show: seq_show_fn, data: unknown): number {
  const op: seq_operations = {
    start: (_m, pos) => (pos.pos === 0 ? true : null),
    next: (_m, _v, pos) => { pos.pos++; return null; },
    show,
  };
  const r = seq_open(file, op);
  if (r === 0) (file.private_data as seq_file).private = data;
  return r;
}

export const single_release = seq_release;

/** file_operations for a file that is one show function (DEFINE_SHOW_ATTRIBUTE). */
export function single_show_fops(show: seq_show_fn, data?: (inode: inode) => unknown): file_operations {
  return {
    open: function* (inode, file) { return single_open(file, show, data ? data(inode) : inode.i_private); },
    read: seq_read,
    llseek: seq_lseek,
    release: seq_release,
  };
}
