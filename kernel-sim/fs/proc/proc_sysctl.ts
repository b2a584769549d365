// Models linux/fs/proc/proc_sysctl.c: /proc/sys, where every registered ctl_table entry is a file read and written through its proc_handler.
import type { inode } from '../../include/linux/fs_types.ts';
import { EACCES, EFAULT, EINVAL, ENOENT } from '../../include/uapi/asm-generic/errno.ts';
import { MAY_EXEC, MAY_READ, MAY_WRITE } from '../../include/uapi/stat.ts';
import { current } from '../../kernel/sched/core.ts';
import { copy_from_user } from '../../mm/uaccess.ts';
import { simple_read_from_buffer } from '../libfs.ts';
import { proc_create_data, proc_mkdir, proc_find } from './generic.ts';
import { proc_root, type proc_dir_entry } from './internal.ts';
import type { ctl_table } from '../../kernel/sysctl.ts';

const enc = new TextEncoder();

/** Root reads and writes with the owner's bits, others with the "other" bits; nobody executes (test_perm). */
function sysctl_perm(ino: inode, mask: number): number {
  if (mask & MAY_EXEC) return -EACCES;
  let mode = ino.i_mode & 0o777;
  mode = current().cred.euid === 0 ? mode >> 6 : mode & 7;
  const want = (mask & MAY_READ ? 4 : 0) | (mask & MAY_WRITE ? 2 : 0);
  return (mode & want) === want ? 0 : -EACCES;
}

/** Finds or makes the directory for "kernel/random" under /proc/sys. */
function sysctl_dir(path: string): proc_dir_entry | null {
  let dir = proc_find('sys');
  if (!dir) return null;
  for (const p of path.split('/').filter(Boolean)) {
    dir = dir.subdir.get(p) ?? proc_mkdir_lex(p, dir);
    if (!dir) return null;
  }
  return dir;
}

function proc_mkdir_lex(name: string, parent: proc_dir_entry): proc_dir_entry | null {
  const d = proc_mkdir(name, parent);
  if (d) d.sort_lex = true;
  return d;
}

/** Adds a table of sysctls under /proc/sys/<path> (register_sysctl). Returns 0 or -errno. */
export function register_sysctl(path: string, table: ctl_table[]): number {
  const dir = sysctl_dir(path);
  if (!dir) return -ENOENT;
  for (const t of table) {
    if (t.child) { const r = register_sysctl(`${path}/${t.procname}`, t.child); if (r) return r; continue; }
    const de = proc_create_data(t.procname, t.mode, dir, {
      proc_read: function* (_file, buf, count, ppos) {
        const text = t.proc_handler(t, false, '');
        if (typeof text === 'number') return text;
        return simple_read_from_buffer(buf, count, ppos, enc.encode(text));
      },
      proc_write: function* (_file, buf, count, ppos) {
        if (ppos.pos > 0) return count;
        const b = copy_from_user(buf, Math.min(count, 4096));
        if (!b) return -EFAULT;
        const r = t.proc_handler(t, true, new TextDecoder().decode(b));
        if (typeof r === 'number' && r < 0) return r;
        ppos.pos += count;
        return count;
      },
    }, t);
    if (!de) return -EINVAL;
    de.proc_iops = { permission: sysctl_perm };
  }
  return 0;
}

/** proc_sys_init: /proc/sys, then the base tables (kernel, vm, fs ...) that sysctl_init_bases registers under it. */
export function proc_sys_init(sysctl_init_bases: () => void): void {
  const root = proc_root();
  if (!root.subdir.has('sys')) {
    const sys = proc_mkdir('sys', null);
    if (sys) sys.sort_lex = true;
  }
  sysctl_init_bases();
}
