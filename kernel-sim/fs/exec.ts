// Models linux/fs/exec.c, fs/binfmt_script.c and the binfmt registry: execve(2) and the formats a program can be in.
import type { KGen, UserEntry, task_struct } from '../include/linux/sched.ts';
import { PF_FORKNOEXEC, TASK_COMM_LEN } from '../include/linux/sched.ts';
import { PAGE_SIZE, type mm_struct } from '../include/linux/mm_types.ts';
import { EACCES, E2BIG, ELOOP, ENOEXEC, ENOENT, EFAULT } from '../include/uapi/asm-generic/errno.ts';
import { MAY_EXEC, O_RDONLY, S_ISREG, AT_FDCWD } from '../include/uapi/stat.ts';
import { SIG_DFL, SIG_IGN } from '../include/uapi/signal.ts';
import { current } from '../kernel/sched/core.ts';
import { defineState } from '../kernel/state.ts';
import { ExecImage } from '../kernel/exec_image.ts';
import { do_close_on_exec, fput } from './file.ts';
import { do_filp_open } from './open.ts';
import { kernel_read } from './kernel_read_file.ts';
import { inode_permission } from './namei.ts';
import { MNT_NOEXEC } from './namespace.ts';
import { mm_alloc, STACK_SIZE, TS_MM_SIZE } from '../mm/mmap.ts';
import { trace_event } from '../kernel/trace/trace.ts';
import { d_path } from './dcache.ts';
import type { initcall_entry } from '../init/link_vmlinux.ts';

export const BINPRM_BUF_SIZE = 256;
/** ARG_MAX as the kernel enforces it: a quarter of the 8 MiB stack. */
export const ARG_MAX = 2 * 1024 * 1024;
/** MAX_ARG_STRLEN (include/uapi/linux/binfmts.h): no single argument or environment string may be longer. */
export const MAX_ARG_STRLEN = PAGE_SIZE * 32;

/** Bytes argv and envp take on the new stack (strings, pointers, argc), or -E2BIG past the kernel's limits. */
export function arg_space(argv: string[], envp: string[]): number {
  const enc = new TextEncoder();
  let strings = 0;
  for (const s of [...argv, ...envp]) {
    const n = enc.encode(s).length + 1;
    if (n > MAX_ARG_STRLEN) return -E2BIG;
    strings += n;
  }
  const total = strings + (argv.length + envp.length + 3) * 8;
  return total > ARG_MAX ? -E2BIG : total;
}

export interface linux_binprm {
  filename: string;
  /** Path the kernel opened (the interpreter for scripts). */
  interp: string;
  /** The file's bytes. */
  buf: Uint8Array;
  argv: string[];
  envp: string[];
  depth: number;
}

/** A loaded image: its address space and where user space starts in it. */
export interface loaded_image { mm: mm_struct; entry: UserEntry }

export interface linux_binfmt {
  name: string;
  /** Returns the image, -ENOEXEC when the file isn't in this format, or another -errno. */
  load_binary(bprm: linux_binprm): KGen<loaded_image | number>;
}

const binfmtState = defineState('binfmt', () => ({ formats: [] as linux_binfmt[] }));

export function register_binfmt(fmt: linux_binfmt): void {
  binfmtState().formats.push(fmt);
}

/** Copies argv and envp onto the top of the new stack, as Linux lays them out, and records their range. */
export function setup_arg_pages(mm: mm_struct, argv: string[], envp: string[]): number {
  const enc = new TextEncoder();
  const a = argv.map((s) => enc.encode(s + '\0'));
  const e = envp.map((s) => enc.encode(s + '\0'));
  const strings = a.reduce((n, x) => n + x.length, 0) + e.reduce((n, x) => n + x.length, 0);
  const space = arg_space(argv, envp);
  if (space < 0) return space;
  const mem = mm.memory();
  if (space + 64 > mem.length) return -E2BIG;
  let p = mem.length - 16 - strings;
  mm.arg_start = p;
  const argp: number[] = [];
  for (const x of a) { mem.set(x, p); argp.push(p); p += x.length; }
  mm.arg_end = mm.env_start = p;
  const envpp: number[] = [];
  for (const x of e) { mem.set(x, p); envpp.push(p); p += x.length; }
  mm.env_end = p;
  // argc, argv[], NULL, envp[], NULL below the strings (8-byte aligned).
  let sp = (mm.arg_start - (argp.length + envpp.length + 3) * 8) & ~15;
  mm.start_stack = sp;
  const dv = new DataView(mem.buffer, mem.byteOffset);
  dv.setBigUint64(sp, BigInt(argv.length), true); sp += 8;
  for (const x of argp) { dv.setBigUint64(sp, BigInt(x), true); sp += 8; }
  dv.setBigUint64(sp, 0n, true); sp += 8;
  for (const x of envpp) { dv.setBigUint64(sp, BigInt(x), true); sp += 8; }
  dv.setBigUint64(sp, 0n, true);
  return 0;
}

/** #! scripts: run the interpreter with the script's path (load_script). */
export const script_format: linux_binfmt = {
  name: 'script',
  load_binary: function* (bprm) {
    if (bprm.buf[0] !== 0x23 || bprm.buf[1] !== 0x21) return -ENOEXEC;
    const head = new TextDecoder().decode(bprm.buf.subarray(2, Math.min(bprm.buf.length, BINPRM_BUF_SIZE)));
    const line = head.split('\n')[0].trim();
    if (!line) return -ENOEXEC;
    const sp = line.search(/[ \t]/);
    const interp = sp < 0 ? line : line.slice(0, sp);
    const arg = sp < 0 ? '' : line.slice(sp).trim();
    const argv = [interp, ...(arg ? [arg] : []), bprm.filename, ...bprm.argv.slice(1)];
    return yield* exec_binprm({ ...bprm, interp, argv, depth: bprm.depth + 1 });
  },
};

/** Reads the whole file an exec opened (kernel_read_file): RAM files directly, others (ext2) through their read. */
function* read_exec_file(f: import('../include/linux/fs_types.ts').file): KGen<Uint8Array | number> {
  const ino = f.f_inode;
  if (ino.i_data) return ino.i_data.subarray(0, ino.i_size);
  if (!f.f_op.read) return -ENOEXEC;
  return yield* kernel_read(f, ino.i_size, 0);
}

/** Opens `interp` for execution and runs the format handlers over it (bprm_execve + search_binary_handler). */
function* exec_binprm(bprm: linux_binprm): KGen<loaded_image | number> {
  if (bprm.depth > 4) return -ELOOP;
  const f = yield* do_filp_open(AT_FDCWD, bprm.interp, O_RDONLY, 0);
  if (typeof f === 'number') return f;
  try {
    const ino = f.f_inode;
    if (!S_ISREG(ino.i_mode)) return -EACCES;
    if (f.f_path.mnt && f.f_path.mnt.mnt.mnt_flags & MNT_NOEXEC) return -EACCES;
    const e = inode_permission(ino, MAY_EXEC);
    if (e) return e;
    const buf = yield* read_exec_file(f);
    if (typeof buf === 'number') return buf;
    for (const fmt of binfmtState().formats) {
      const r = yield* fmt.load_binary({ ...bprm, buf });
      if (r !== -ENOEXEC) {
        if (typeof r !== 'number') exec_path().set(r, f.f_path.mnt ? d_path(f.f_path, current().fs.root) : bprm.interp);
        return r;
      }
    }
    return -ENOEXEC;
  } finally {
    yield* fput(f);
  }
}

const exec_path = defineState('exec_path', () => new WeakMap<loaded_image, string>());

/** Everything execve resets once the new image is loaded (begin_new_exec). */
function* begin_new_exec(t: task_struct, image: loaded_image, filename: string): KGen<void> {
  yield* do_close_on_exec(t.files);
  for (const a of t.sighand.action) if (a.handler !== SIG_IGN) { a.handler = SIG_DFL; a.flags = 0; a.mask = 0n; }
  t.sighand = { action: t.sighand.action.map((a) => ({ ...a })) };
  if (t.mm) t.mm.users--;
  t.mm = image.mm;
  t.flags &= ~PF_FORKNOEXEC;
  const base = filename.split('/').filter(Boolean).pop() ?? filename;
  t.comm = base.slice(0, TASK_COMM_LEN - 1);
  t.exe_path = exec_path().get(image) ?? filename;
  t.user = null;
  t.pending.signal &= 0n;
  t.next_entry = image.entry;
}

/** execve(2): on success it does not return; the task unwinds into the new image. */
export function* do_execveat(filename: string, argv: string[], envp: string[]): KGen<number> {
  const t = current();
  if (filename === '') return -ENOENT;
  const bprm: linux_binprm = { filename, interp: filename, buf: new Uint8Array(0), argv, envp, depth: 0 };
  const image = yield* exec_binprm(bprm);
  if (typeof image === 'number') return image;
  trace_event('sched', 'sched_process_exec', { filename, pid: t.pid, old_pid: t.pid });
  yield* begin_new_exec(t, image, filename);
  throw new ExecImage();
}

/** Builds an address space for a workbench program with its arguments on the stack. */
export function prepare_ts_image(argv: string[], envp: string[]): mm_struct | number {
  const space = arg_space(argv, envp);
  if (space < 0) return space;
  // Arguments larger than half the stack get room of their own above the usual address space (the stack grows down
  // over them, as a Linux stack holds up to ARG_MAX of them), so they never overlap the program's memory.
  const extra = space > STACK_SIZE / 2 ? Math.ceil((space + 64) / PAGE_SIZE) * PAGE_SIZE : 0;
  const mm = mm_alloc(TS_MM_SIZE + extra);
  const stack = mm.mmap.find((v) => v.vm_name === '[stack]');
  if (stack && extra) stack.vm_start -= extra;
  const r = setup_arg_pages(mm, argv, envp);
  return r < 0 ? r : mm;
}

export { EFAULT };

function init_script_binfmt(): number {
  register_binfmt(script_format);
  return 0;
}

export const initcalls: initcall_entry[] = [['core', 'init_script_binfmt', init_script_binfmt, 4_000]];
