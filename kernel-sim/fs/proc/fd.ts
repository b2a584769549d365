// Models linux/fs/proc/fd.c: /proc/PID/fd (magic links to open files) and /proc/PID/fdinfo.
import type { dentry, file, file_operations, inode, inode_operations, mount, path, super_block } from '../../include/linux/fs_types.ts';
import { FMODE_READ, FMODE_WRITE } from '../../include/linux/fs_types.ts';
import { EACCES, ENOENT, ESRCH } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFLNK, S_IFREG, DT_DIR, DT_LNK, DT_REG, O_CLOEXEC } from '../../include/uapi/stat.ts';
import { generic_file_llseek_size } from '../libfs.ts';
import { seq_puts, single_show_fops } from '../seq_file.ts';
import { procState, PROC_I } from './internal.ts';
import { get_proc_task, pid_d_add, pid_key, proc_pid_make_inode, ptrace_may_access } from './pid_inode.ts';
import { proc_stable_ino } from './internal.ts';

/** A dentry that names itself, for files with no place in the tree (d_dname: "pipe:[123]", "uts:[...]"). */
export interface anon_dentry extends dentry { d_dname: string }

export function is_anon_dentry(d: dentry): d is anon_dentry {
  return typeof (d as Partial<anon_dentry>).d_dname === 'string';
}

/** The internal mount of a pseudo filesystem (kern_mount of pipefs, nsfs ...). */
function anon_mount(sb: super_block): mount {
  const s = procState();
  let m = s.anon_mounts.get(sb);
  if (!m) {
    m = {
      mnt: { mnt_root: sb.s_root, mnt_sb: sb, mnt_flags: 0 }, mnt_parent: null as unknown as mount, mnt_mountpoint: sb.s_root,
      mnt_devname: sb.s_type.name, mnt_id: 0, mnt_children: [], mnt_ns: null, mnt_opts: '',
    };
    m.mnt_parent = m;
    s.anon_mounts.set(sb, m);
  }
  return m;
}

/** A path to `ino` that reads back as `name`: how a magic link reaches a pipe or a namespace. */
export function proc_anon_path(sb: super_block, name: string, ino: inode): path {
  const s = procState();
  const key = `${sb.s_dev}:${ino.i_ino}:${name}`;
  let d = s.anon_dentries.get(key);
  if (!d || d.d_inode !== ino) {
    const ad: anon_dentry = { d_name: name, d_parent: sb.s_root, d_inode: ino, d_subdirs: new Map(), d_sb: sb, d_mounted: 0, d_unhashed: false, d_dname: name };
    d = ad;
    s.anon_dentries.set(key, d);
  }
  return { mnt: anon_mount(sb), dentry: d };
}

/** Where /proc/PID/fd/N leads: the file's own path, or a self-naming one for pipes and other anonymous files. */
export function proc_fd_link_path(f: file): path {
  if (f.f_path.mnt && f.f_path.dentry && !f.f_name) return f.f_path;
  const name = f.f_name ?? 'anon_inode:[unknown]';
  const ino = f.f_inode;
  const sb = ino.i_sb ?? f.f_path.dentry?.d_sb;
  if (sb && ino.i_op) return proc_anon_path(sb, name, ino);
  // An inode that belongs to no filesystem (the host's capture files): a stand-in that opens to the same file.
  const shim = { ...ino, i_op: {}, i_fop: f.f_op, i_sb: procState().sb!, i_nlink: 1 } as inode;
  return proc_anon_path(procState().sb!, name, shim);
}

function task_file(t: import('../../include/linux/sched.ts').task_struct, fd: number): file | null {
  const f = t.files.fd[fd];
  return f && f.f_count > 0 && f.f_inode ? f : null;
}

function open_fds(t: import('../../include/linux/sched.ts').task_struct): number[] {
  const out: number[] = [];
  t.files.fd.forEach((f, i) => { if (f && f.f_count > 0 && f.f_inode) out.push(i); });
  return out;
}

/** The link's mode shows how the file is open: lr-x (read), l-wx (write), lrwx (both) (tid_fd_update_inode). */
function fd_link_mode(f: file): number {
  let m = S_IFLNK;
  if (f.f_mode & FMODE_READ) m |= 0o500;
  if (f.f_mode & FMODE_WRITE) m |= 0o300;
  return m;
}

function fd_dir_ops(info: boolean): { iop: inode_operations; fop: file_operations } {
  return {
    iop: {
      lookup: (dir, d) => {
        const t = get_proc_task(dir);
        if (!t || !/^(0|[1-9]\d*)$/.test(d.d_name)) return null;
        const fd = Number(d.d_name);
        const f = task_file(t, fd);
        if (!f) return null;
        const ino = proc_pid_make_inode(dir.i_sb, t, info ? S_IFREG | 0o444 : fd_link_mode(f), pid_key(dir, d.d_name), null, fd);
        if (info) {
          ino.i_fop = fdinfo_fops;
        } else {
          ino.i_op = {
            get_link: () => {
              const task = get_proc_task(ino);
              if (!task) return -ENOENT;
              if (!ptrace_may_access(task)) return -EACCES;
              const file = task_file(task, fd);
              return file ? { path: proc_fd_link_path(file) } : -ENOENT;
            },
          };
        }
        // The entry lasts while the same file stays open at that number (tid_fd_revalidate).
        return pid_d_add(d, ino, () => task_file(t, fd) === f);
      },
    },
    fop: {
      llseek: function* (f, o, w) { return generic_file_llseek_size(f, o, w, Number.MAX_SAFE_INTEGER); },
      iterate_shared: function* (file, ctx) {
        const dir = file.f_inode;
        const t = get_proc_task(dir);
        if (!t) return -ENOENT;
        if (!info && !ptrace_may_access(t)) return -EACCES;
        const d = file.f_path.dentry;
        const entries: [string, number, number][] = [['.', dir.i_ino, DT_DIR], ['..', d.d_parent.d_inode!.i_ino, DT_DIR]];
        for (const fd of open_fds(t)) entries.push([String(fd), proc_stable_ino(`${t.pid}@${t.start_time}/${pid_key(dir, String(fd))}`), info ? DT_REG : DT_LNK]);
        while (ctx.pos < entries.length) {
          const [name, i, type] = entries[ctx.pos];
          if (!ctx.actor(name, i, type)) return 0;
          ctx.pos++;
        }
        return 0;
      },
    },
  };
}

/** fdinfo/N: pos, flags (octal, with O_CLOEXEC when set), mnt_id and ino (seq_show). */
const fdinfo_fops: file_operations = single_show_fops((m) => {
  const ino = m.private as inode;
  const t = get_proc_task(ino);
  if (!t) return -ESRCH;
  const fd = PROC_I(ino).fd;
  const f = task_file(t, fd);
  if (!f) return -ENOENT;
  const flags = f.f_flags | (t.files.close_on_exec.has(fd) ? O_CLOEXEC : 0);
  const mnt_id = f.f_path.mnt?.mnt_id ?? 0;
  seq_puts(m, `pos:\t${f.f_pos}\nflags:\t0${flags.toString(8)}\nmnt_id:\t${mnt_id}\nino:\t${f.f_inode.i_ino}\n`);
  return 0;
}, (i) => i);

const fd_ops = fd_dir_ops(false);
const fdinfo_ops = fd_dir_ops(true);
export const proc_fd_inode_operations = fd_ops.iop;
export const proc_fd_operations = fd_ops.fop;
export const proc_fdinfo_inode_operations = fdinfo_ops.iop;
export const proc_fdinfo_operations = fdinfo_ops.fop;
