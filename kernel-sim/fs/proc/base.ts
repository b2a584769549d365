// Models linux/fs/proc/base.c: the /proc/PID and /proc/PID/task/TID directories, their entries, and the magic links cwd, root and exe.
import type { dentry, dir_context, file, file_operations, inode, inode_operations, path } from '../../include/linux/fs_types.ts';
import type { task_struct } from '../../include/linux/sched.ts';
import { PF_KTHREAD, TASK_COMM_LEN, TASK_RUNNING } from '../../include/linux/sched.ts';
import { EACCES, EFAULT, EINVAL, ENOENT, ESRCH } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, DT_DIR, DT_LNK, dt_type } from '../../include/uapi/stat.ts';
import { rlimit_names, RLIM_NLIMITS } from '../../include/uapi/resource.ts';
import { current, runqueue } from '../../kernel/sched/core.ts';
import { simple_read_from_buffer, generic_file_llseek_size } from '../libfs.ts';
import { copy_from_user } from '../../mm/uaccess.ts';
import { seq_puts, single_show_fops, type seq_file } from '../seq_file.ts';
import { proc_stable_ino, TGID_OFFSET } from './internal.ts';
import { proc_pid_status, proc_pid_stat, proc_pid_statm, task_mm } from './array.ts';
import { show_maps, task_rss_pages } from './task_mmu.ts';
import { show_vfsmnt, show_mountinfo } from './proc_namespace.ts';
import { proc_fd_inode_operations, proc_fd_operations, proc_fdinfo_inode_operations, proc_fdinfo_operations } from './fd.ts';
import { proc_ns_dir_inode_operations, proc_ns_dir_operations } from './namespaces.ts';
import { si_meminfo } from '../../mm/meminfo.ts';
import { proc_uid_map_operations, proc_gid_map_operations, proc_setgroups_operations, proc_timens_offsets_operations } from './ns_maps.ts';
import type { pid_namespace } from '../../include/linux/nsproxy.ts';
import type { super_block } from '../../include/linux/fs_types.ts';
import { find_task_by_pid_ns, init_pid_ns, pid_ns_tasks, task_pid_nr_ns } from '../../kernel/pid_namespace.ts';

export { pid_alive, proc_pid_make_inode, pid_d_add, get_proc_task, ptrace_may_access, pid_key, type pid_entry } from './pid_inode.ts';
import { pid_alive, proc_pid_make_inode, pid_d_add, get_proc_task, ptrace_may_access, pid_key, type pid_entry } from './pid_inode.ts';
import { proc_net_inode_operations, proc_net_operations } from './proc_net.ts';
import { proc_cgroup_show } from '../../kernel/cgroup/proc.ts';

function instantiate(dir: inode, d: dentry, t: task_struct, e: pid_entry, key: string): dentry {
  const ino = proc_pid_make_inode(dir.i_sb, t, e.mode, key, { key, e });
  switch (e.mode & S_IFMT) {
    case S_IFDIR:
      ino.i_op = e.iop!;
      ino.i_fop = e.fop!;
      ino.i_nlink = 2 + (e.name === 'task' ? 0 : 0);
      break;
    case S_IFLNK:
      ino.i_op = { get_link: () => proc_pid_get_link(ino, e) };
      break;
    default:
      ino.i_fop = e.fop ?? single_show_fops((m) => {
        const task = get_proc_task(m.private as inode);
        if (!task) return -ESRCH;
        return e.show!(m, task);
      }, (i) => i);
  }
  return pid_d_add(d, ino);
}

/** Following cwd, root, exe: allowed for the owner and root, as ptrace access (proc_pid_get_link). */
function proc_pid_get_link(ino: inode, e: pid_entry): { path: path } | string | number {
  const t = get_proc_task(ino);
  if (!t) return -ENOENT;
  if (!ptrace_may_access(t)) return -EACCES;
  const r = e.link!(t);
  return typeof r === 'object' ? { path: r } : r;
}

/** Lookup of a name in a table of pid entries (proc_pident_lookup). */
function proc_pident_lookup(dir: inode, d: dentry, table: pid_entry[]): dentry | null {
  const t = get_proc_task(dir);
  if (!t) return null;
  const e = table.find((x) => x.name === d.d_name);
  if (!e) return null;
  return instantiate(dir, d, t, e, pid_key(dir, e.name));
}

/** Lists ".", ".." and a table of pid entries (proc_pident_readdir). */
function proc_pident_readdir(file: file, ctx: dir_context, table: pid_entry[]): number {
  const dir = file.f_inode;
  const t = get_proc_task(dir);
  if (!t) return -ENOENT;
  const d = file.f_path.dentry;
  const entries: [string, number, number][] = [['.', dir.i_ino, DT_DIR], ['..', d.d_parent.d_inode!.i_ino, DT_DIR]];
  for (const e of table) entries.push([e.name, proc_stable_ino(`${t.pid}@${t.start_time}/${pid_key(dir, e.name)}`), dt_type(e.mode)]);
  while (ctx.pos < entries.length) {
    const [name, i, type] = entries[ctx.pos];
    if (!ctx.actor(name, i, type)) return 0;
    ctx.pos++;
  }
  return 0;
}

function pident_dir(table: () => pid_entry[]): { iop: inode_operations; fop: file_operations } {
  return {
    iop: { lookup: (dir, d) => proc_pident_lookup(dir, d, table()) },
    fop: {
      llseek: function* (f, o, w) { return generic_file_llseek_size(f, o, w, Number.MAX_SAFE_INTEGER); },
      iterate_shared: function* (f, ctx) { return proc_pident_readdir(f, ctx, table()); },
    },
  };
}

// ---- Entry contents ----

/** cmdline and environ: bytes straight from the process's memory (get_mm_cmdline / environ_read). */
function mm_range_fops(which: 'arg' | 'env', need_access: boolean): file_operations {
  return {
    open: function* (inode, file) {
      const t = get_proc_task(inode);
      if (!t) return -ESRCH;
      if (need_access && !ptrace_may_access(t)) return -EACCES;
      file.private_data = t;
      return 0;
    },
    read: function* (file, buf, count, ppos) {
      const t = file.private_data as task_struct;
      const mm = pid_alive(t) ? task_mm(t) : null;
      if (!mm) return 0;
      const [start, end] = which === 'arg' ? [mm.arg_start, mm.arg_end] : [mm.env_start, mm.env_end];
      const mem = mm.memory();
      if (start <= 0 || end <= start || end > mem.length) return 0;
      return simple_read_from_buffer(buf, count, ppos, mem.slice(start, end));
    },
    llseek: function* (file, offset, whence) { return generic_file_llseek_size(file, offset, whence, Number.MAX_SAFE_INTEGER); },
  };
}

/** comm: the task's name; writable by the task's own thread group (comm_write). */
const comm_fops: file_operations = {
  ...single_show_fops((m) => {
    const t = get_proc_task(m.private as inode);
    if (!t) return -ESRCH;
    seq_puts(m, `${t.comm}\n`);
    return 0;
  }, (i) => i),
  write: function* (file, buf, count) {
    const b = copy_from_user(buf, Math.min(count, TASK_COMM_LEN - 1));
    if (!b) return -EFAULT;
    const t = get_proc_task(file.f_inode);
    if (!t) return -ESRCH;
    if (t.tgid !== current().tgid) return -EINVAL;
    const z = b.indexOf(0);
    t.comm = new TextDecoder().decode(z < 0 ? b : b.subarray(0, z));
    return count;
  },
};

/** The Limit / Soft Limit / Hard Limit / Units table (proc_pid_limits). */
function proc_pid_limits(m: seq_file, t: task_struct): number {
  let s = `${'Limit'.padEnd(25)} ${'Soft Limit'.padEnd(20)} ${'Hard Limit'.padEnd(20)} ${'Units'.padEnd(10)}\n`;
  for (let i = 0; i < RLIM_NLIMITS; i++) {
    const r = t.signal.rlim[i];
    const [name, unit] = rlimit_names[i];
    const v = (x: number): string => (x === Infinity ? 'unlimited' : String(x));
    s += `${name.padEnd(25)} ${v(r.rlim_cur).padEnd(20)} ${v(r.rlim_max).padEnd(20)} ${unit ? unit.padEnd(10) : ''}\n`;
  }
  seq_puts(m, s);
  return 0;
}

/** wchan: the function a sleeping task waits in, or 0 (proc_pid_wchan). */
function proc_pid_wchan(m: seq_file, t: task_struct): number {
  seq_puts(m, t.__state !== TASK_RUNNING && !t.exit_state && t.wchan ? t.wchan : '0');
  return 0;
}

/** oom_score: 0..2000 scaled badness; kernel threads score 0 (proc_oom_score). */
function proc_oom_score(m: seq_file, t: task_struct): number {
  const mm = task_mm(t);
  let points = 0;
  if (mm && t.pid !== 1) {
    const total = Math.max(1, Math.floor(si_meminfo().totalram / 4096));
    const badness = task_rss_pages(mm) + 1;
    points = Math.floor(((1000 + Math.floor((badness * 1000) / total)) * 2) / 3);
  }
  seq_puts(m, `${points}\n`);
  return 0;
}

function proc_pid_io(m: seq_file): number {
  seq_puts(m, 'rchar: 0\nwchar: 0\nsyscr: 0\nsyscw: 0\nread_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n');
  return 0;
}

function text(s: string): (m: seq_file) => number {
  return (m) => { seq_puts(m, s); return 0; };
}

/** Small writable knobs that accept a number and show it again (oom_adj, oom_score_adj, timerslack_ns ...). */
function knob_fops(initial: string): file_operations {
  const values = new WeakMap<task_struct, string>();
  return {
    ...single_show_fops((m) => {
      const t = get_proc_task(m.private as inode);
      if (!t) return -ESRCH;
      seq_puts(m, `${values.get(t) ?? initial}\n`);
      return 0;
    }, (i) => i),
    write: function* (file, buf, count) {
      const b = copy_from_user(buf, Math.min(count, 64));
      if (!b) return -EFAULT;
      const v = new TextDecoder().decode(b).trim();
      if (!/^-?\d+$/.test(v)) return -EINVAL;
      const t = get_proc_task(file.f_inode);
      if (!t) return -ESRCH;
      values.set(t, String(Number(v)));
      return count;
    },
  };
}

const S_IRUGO = 0o444, S_IRUSR = 0o400, S_IWUSR = 0o200, S_IXUGO = 0o111;
const DIR = (name: string, mode: number, d: { iop: inode_operations; fop: file_operations }): pid_entry => ({ name, mode: S_IFDIR | mode, iop: d.iop, fop: d.fop });
const REG = (name: string, mode: number, fop: file_operations): pid_entry => ({ name, mode: S_IFREG | mode, fop });
const ONE = (name: string, mode: number, show: (m: seq_file, t: task_struct) => number | void): pid_entry => ({ name, mode: S_IFREG | mode, show });
const LNK = (name: string, link: (t: task_struct) => path | string | number): pid_entry => ({ name, mode: S_IFLNK | 0o777, link });

const empty_dir = pident_dir(() => []);

// kernel-static: the pid_entry tables, built on first use from constants, the same for every boot
let tgid_table: pid_entry[] | null = null;
// kernel-static: as tgid_table
let tid_table: pid_entry[] | null = null;

/** The shared part of tgid_base_stuff and tid_base_stuff, in Linux's order. */
function base_entries(tgid: boolean): pid_entry[] {
  return [
    DIR('fd', S_IRUSR | 0o100, { iop: proc_fd_inode_operations, fop: proc_fd_operations }),
    DIR('map_files', S_IRUSR | 0o100, empty_dir),
    DIR('fdinfo', S_IRUGO | S_IXUGO, { iop: proc_fdinfo_inode_operations, fop: proc_fdinfo_operations }),
    DIR('ns', S_IRUSR | S_IXUGO, { iop: proc_ns_dir_inode_operations, fop: proc_ns_dir_operations }),
    DIR('net', S_IRUGO | S_IXUGO, { iop: proc_net_inode_operations, fop: proc_net_operations }),
    REG('environ', S_IRUSR, mm_range_fops('env', true)),
    ONE('auxv', S_IRUSR, text('')),
    ONE('status', S_IRUGO, proc_pid_status),
    ONE('personality', S_IRUSR, text('00000000\n')),
    ONE('limits', S_IRUGO, proc_pid_limits),
    REG('comm', S_IRUGO | S_IWUSR, comm_fops),
    REG('cmdline', S_IRUGO, mm_range_fops('arg', false)),
    ONE('stat', S_IRUGO, (m, t) => proc_pid_stat(m, t, tgid)),
    ONE('statm', S_IRUGO, proc_pid_statm),
    ONE('maps', S_IRUGO, (m, t) => show_maps(m, task_mm(t))),
    LNK('cwd', (t) => t.fs.pwd),
    LNK('root', (t) => t.fs.root),
    LNK('exe', (t) => (t.flags & PF_KTHREAD || !t.exe_path ? -ENOENT : t.exe_path)),
    ONE('mounts', S_IRUGO, show_vfsmnt),
    ONE('mountinfo', S_IRUGO, show_mountinfo),
    DIR('attr', S_IRUGO | S_IXUGO, empty_dir),
    ONE('wchan', S_IRUGO, proc_pid_wchan),
    ONE('schedstat', S_IRUGO, (m, t) => { seq_puts(m, `${t.stime + t.utime} 0 ${t.nvcsw}\n`); }),
    ONE('cgroup', S_IRUGO, (m, t) => { seq_puts(m, proc_cgroup_show(t)); }),
    ONE('oom_score', S_IRUGO, proc_oom_score),
    REG('oom_adj', S_IRUGO | S_IWUSR, knob_fops('0')),
    REG('oom_score_adj', S_IRUGO | S_IWUSR, knob_fops('0')),
    ONE('loginuid', S_IRUGO, text('4294967295')),
    ONE('sessionid', S_IRUGO, text('4294967295')),
    ONE('io', S_IRUSR, proc_pid_io),
    REG('uid_map', S_IRUGO | S_IWUSR, proc_uid_map_operations),
    REG('gid_map', S_IRUGO | S_IWUSR, proc_gid_map_operations),
    REG('setgroups', S_IRUGO | S_IWUSR, proc_setgroups_operations),
    ...(tgid ? [REG('timens_offsets', S_IRUGO | S_IWUSR, proc_timens_offsets_operations)] : []),
  ];
}

/** /proc/PID (tgid_base_stuff): task/ first, then the shared entries. */
export function tgid_base_stuff(): pid_entry[] {
  tgid_table ??= [DIR('task', S_IRUGO | S_IXUGO, proc_task_dir), ...base_entries(true)];
  return tgid_table;
}

/** /proc/PID/task/TID (tid_base_stuff). */
export function tid_base_stuff(): pid_entry[] {
  tid_table ??= base_entries(false);
  return tid_table;
}

const tgid_dir = pident_dir(tgid_base_stuff);
const tid_dir = pident_dir(tid_base_stuff);

/** Number of subdirectories of a pid directory, for its link count. */
function nlink_of(table: pid_entry[]): number {
  return 2 + table.filter((e) => (e.mode & S_IFMT) === S_IFDIR).length;
}

/** The dentry of /proc/PID (proc_pid_instantiate). */
function proc_pid_instantiate(dir: inode, d: dentry, t: task_struct, tid: boolean): dentry {
  const ino = proc_pid_make_inode(dir.i_sb, t, S_IFDIR | 0o555, tid ? `task/${t.pid}` : '', { key: tid ? `task/${t.pid}` : '' });
  const d_ops = tid ? tid_dir : tgid_dir;
  ino.i_op = d_ops.iop;
  ino.i_fop = d_ops.fop;
  ino.i_nlink = nlink_of(tid ? tid_base_stuff() : tgid_base_stuff());
  return pid_d_add(d, ino);
}

/** /proc/NNN: any live task by number, threads included (proc_pid_lookup). */
export function proc_pid_lookup(dir: inode, d: dentry): dentry | null {
  if (!/^[1-9]\d*$/.test(d.d_name)) return null;
  const t = find_task_by_pid_ns(Number(d.d_name), proc_pid_ns(dir.i_sb));
  if (!pid_alive(t ?? null)) return null;
  return proc_pid_instantiate(dir, d, t!, false);
}

/** Thread-group leaders in pid order: what /proc lists (next_tgid); with a namespace, those in it by their numbers there. */
export function proc_tgids(ns?: pid_namespace): task_struct[] {
  if (ns && ns.level > 0) return pid_ns_tasks(ns).filter(([, t]) => t.group_leader === t).sort((a, b) => a[0] - b[0]).map(([, t]) => t);
  return [...runqueue().tasks.values()].filter((t) => t.pid > 0 && t.group_leader === t).sort((a, b) => a.pid - b.pid);
}

/** The pid namespace a proc superblock shows (proc_pid_ns). */
export const proc_pid_ns = (sb: super_block): pid_namespace => (sb.s_fs_info as pid_namespace | null) ?? init_pid_ns();

/** Emits the tgids from ctx.pos on, each at position TGID_OFFSET + tgid (proc_pid_readdir's loop). */
export function proc_pid_readdir_tgids(ctx: dir_context, sb?: super_block): void {
  const ns = sb ? proc_pid_ns(sb) : init_pid_ns();
  for (const t of proc_tgids(ns)) {
    const nr = task_pid_nr_ns(t, ns);
    const pos = TGID_OFFSET + nr;
    if (pos < ctx.pos) continue;
    ctx.pos = pos;
    if (!ctx.actor(String(nr), proc_stable_ino(`${t.pid}@${t.start_time}/`), DT_DIR)) return;
    ctx.pos = pos + 1;
  }
  ctx.pos = Math.max(ctx.pos, TGID_OFFSET + 0x7fffffff);
}

/** /proc/PID/task: one directory per live thread (proc_task_lookup / proc_task_readdir). */
const proc_task_dir: { iop: inode_operations; fop: file_operations } = {
  iop: {
    lookup: (dir, d) => {
      const leader = get_proc_task(dir);
      if (!leader || !/^[1-9]\d*$/.test(d.d_name)) return null;
      const t = leader.thread_group.find((x) => x.pid === Number(d.d_name));
      if (!pid_alive(t ?? null)) return null;
      return proc_pid_instantiate(dir, d, t!, true);
    },
  },
  fop: {
    llseek: function* (f, o, w) { return generic_file_llseek_size(f, o, w, Number.MAX_SAFE_INTEGER); },
    iterate_shared: function* (file, ctx) {
      const leader = get_proc_task(file.f_inode);
      if (!leader) return -ENOENT;
      const d = file.f_path.dentry;
      const entries: [string, number, number][] = [['.', file.f_inode.i_ino, DT_DIR], ['..', d.d_parent.d_inode!.i_ino, DT_DIR]];
      for (const t of leader.thread_group.filter((x) => pid_alive(x)).sort((a, b) => a.pid - b.pid)) {
        entries.push([String(t.pid), proc_stable_ino(`${t.pid}@${t.start_time}/task/${t.pid}`), DT_DIR]);
      }
      while (ctx.pos < entries.length) {
        const [name, i, type] = entries[ctx.pos];
        if (!ctx.actor(name, i, type)) return 0;
        ctx.pos++;
      }
      return 0;
    },
  },
};

export { DT_LNK, ENOENT };
