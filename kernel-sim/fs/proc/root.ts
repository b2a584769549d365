// Models linux/fs/proc/root.c: the proc filesystem type, its root directory (entries, self, thread-self, then one directory per process) and proc_root_init.
import { task_active_pid_ns } from '../../kernel/pid_namespace.ts';
import type { dentry, dir_context, file_operations, file_system_type, inode, inode_operations, super_block } from '../../include/linux/fs_types.ts';
import { FS_USERNS_MOUNT } from '../../include/linux/fs_types.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { S_IFDIR, DT_LNK } from '../../include/uapi/stat.ts';
import { current } from '../../kernel/sched/core.ts';
import { alloc_super, free_anon_bdev, register_filesystem, filesystems_proc_show } from '../super.ts';
import { new_inode } from '../inode.ts';
import { d_path } from '../dcache.ts';
import { set_readlink_of_path } from '../stat.ts';
import { generic_file_llseek_size } from '../libfs.ts';
import { seq_puts } from '../seq_file.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { procState, proc_root, PROC_ROOT_INO, PROC_SUPER_MAGIC, FIRST_PROCESS_ENTRY, TGID_OFFSET } from './internal.ts';
import { proc_lookup_de, proc_readdir_de, proc_create_single, proc_symlink, proc_mkdir, proc_create_mount_point } from './generic.ts';
import { proc_tty_init } from './proc_tty.ts';
import { proc_net_init } from './proc_net.ts';
import { proc_pid_lookup, proc_pid_readdir_tgids, proc_tgids } from './base.ts';
import { proc_self_init, proc_self_lookup, self_ino, thread_self_ino } from './self.ts';
import { is_anon_dentry } from './fd.ts';
import { proc_sys_init } from './proc_sysctl.ts';
import { sysctl_init_bases } from '../../kernel/sysctl.ts';
import { proc_version_init } from './version.ts';
import { proc_cmdline_init } from './cmdline.ts';
import { proc_uptime_init } from './uptime.ts';
import { proc_loadavg_init } from './loadavg.ts';
import { proc_meminfo_init } from './meminfo.ts';
import { proc_page_init } from './page.ts';
import { proc_softirqs_init } from './softirqs.ts';
import { proc_cpuinfo_init } from './cpuinfo.ts';
import { proc_stat_init } from './stat.ts';
import { proc_devices_init } from './devices.ts';
import { proc_interrupts_init } from './interrupts.ts';
import { proc_consoles_init } from './consoles.ts';
import { proc_kmsg_init } from './kmsg.ts';
import { proc_kcore_init } from './kcore.ts';
import { proc_sysrq_trigger_init } from './sysrq_trigger.ts';
import { proc_placeholders_init } from './placeholders.ts';
import { ioresources_init } from '../../kernel/resource.ts';
import { proc_locks_init } from '../locks.ts';

/** /proc: the PDE entries, then self and thread-self, then the tgids (proc_root_lookup). */
const proc_root_inode_operations: inode_operations = {
  lookup: (dir, d) => proc_self_lookup(d.d_parent, d) ?? proc_pid_lookup(dir, d) ?? proc_lookup_de(dir, d, proc_root()),
};

/** readdir of /proc (proc_root_readdir + proc_pid_readdir): positions below 256 are entries, 256 self, 257 thread-self, 258+N pid N. */
function* proc_root_readdir(file: import('../../include/linux/fs_types.ts').file, ctx: dir_context): Generator<void, number, void> {
  const ino = file.f_inode;
  if (ctx.pos < FIRST_PROCESS_ENTRY) {
    if (!proc_readdir_de(ino, ino.i_ino, ctx, proc_root())) return 0;
    ctx.pos = FIRST_PROCESS_ENTRY;
  }
  if (ctx.pos === TGID_OFFSET - 2) {
    if (!ctx.actor('self', self_ino(), DT_LNK)) return 0;
    ctx.pos++;
  }
  if (ctx.pos === TGID_OFFSET - 1) {
    if (!ctx.actor('thread-self', thread_self_ino(), DT_LNK)) return 0;
    ctx.pos++;
  }
  proc_pid_readdir_tgids(ctx, ino.i_sb);
  return 0;
}

const proc_root_operations: file_operations = {
  llseek: function* (file, offset, whence) { return generic_file_llseek_size(file, offset, whence, Number.MAX_SAFE_INTEGER); },
  iterate_shared: proc_root_readdir,
};

/** Mount options proc accepts (hidepid=, gid=, subset=); shown back as given. */
function parse_proc_options(data: string): string | number {
  const out: string[] = [];
  for (const opt of data.split(',').filter(Boolean)) {
    const [k, v] = opt.split('=');
    if (k === 'hidepid' && /^(0|1|2|off|noaccess|invisible|ptraceable)$/.test(v ?? '')) { if (v !== '0' && v !== 'off') out.push(opt); }
    else if (k === 'gid' && /^\d+$/.test(v ?? '')) out.push(opt);
    else if (k === 'subset' && v === 'pid') out.push(opt);
    else return -EINVAL;
  }
  return out.join(',');
}

/** Each mount of proc gets its own superblock over the one /proc tree (proc_fill_super). */
export const proc_fs_type: file_system_type = {
  name: 'proc',
  fs_flags: FS_USERNS_MOUNT,
  mount: (_flags, _dev, data) => {
    const opts = parse_proc_options(data ?? '');
    if (typeof opts === 'number') return opts;
    const sb = alloc_super(proc_fs_type, PROC_SUPER_MAGIC, (s) => {
      const root = new_inode(s, S_IFDIR | 0o555, PROC_ROOT_INO);
      root.i_uid = 0;
      root.i_gid = 0;
      root.i_op = proc_root_inode_operations;
      root.i_fop = proc_root_operations;
      root.i_private = { pde: proc_root(), task: null, entry: null, fd: -1 };
      root.i_nlink = proc_root().nlink + proc_tgids().length;
      return root;
    });
    // proc_fill_super: the superblock shows the pid namespace of the task that mounted it (fc->pid_ns).
    sb.s_fs_info = task_active_pid_ns(current());
    sb.s_op = {
      show_options: () => opts,
      statfs: () => ({ f_type: PROC_SUPER_MAGIC, f_bsize: 4096, f_blocks: 0, f_bfree: 0, f_files: 0, f_ffree: 0 }),
    };
    procState().sb = sb;
    return sb;
  },
  kill_sb: (sb) => free_anon_bdev(sb.s_dev), // proc_kill_sb -> kill_anon_super
};

/** How a magic link reads: self-naming targets (pipe:[N], uts:[N]) by name, others as a path from the reader's root. */
function proc_readlink_of_path(p: { mnt: import('../../include/linux/fs_types.ts').mount; dentry: dentry }): string {
  if (is_anon_dentry(p.dentry)) return p.dentry.d_dname;
  return d_path(p, current().fs.root);
}

/** proc_root_init (from start_kernel): the filesystem type, /proc's fixed links and directories, and /proc/sys. */
export function proc_root_init(): void {
  set_readlink_of_path(proc_readlink_of_path);
  proc_self_init();
  proc_symlink('mounts', null, 'self/mounts');
  proc_net_init();
  proc_mkdir('fs', null);
  proc_mkdir('driver', null);
  proc_create_mount_point('fs/nfsd');
  proc_tty_init();
  proc_mkdir('bus', null);
  proc_sys_init(sysctl_init_bases);
  register_filesystem(proc_fs_type);
}

/** /proc/filesystems (fs/filesystems.c's proc_filesystems_init). */
function proc_filesystems_init(): number {
  proc_create_single('filesystems', 0, null, (m) => { seq_puts(m, filesystems_proc_show()); });
  return 0;
}

// The fs/proc files are fs_initcalls in Linux, each in its own file; iomem/ioports come from kernel/resource.c,
// /proc/locks from fs/locks.c.
export const initcalls: initcall_entry[] = [
  ['fs', 'proc_filesystems_init', proc_filesystems_init, 2_000],
  // fs/locks.o links after fs/filesystems.o and before fs/proc/.
  ['fs', 'proc_locks_init', proc_locks_init, 2_000],
  ['fs', 'proc_cmdline_init', proc_cmdline_init, 2_000],
  ['fs', 'proc_consoles_init', proc_consoles_init, 2_000],
  ['fs', 'proc_cpuinfo_init', proc_cpuinfo_init, 2_000],
  ['fs', 'proc_devices_init', proc_devices_init, 2_000],
  ['fs', 'proc_interrupts_init', proc_interrupts_init, 2_000],
  ['fs', 'proc_loadavg_init', proc_loadavg_init, 2_000],
  ['fs', 'proc_meminfo_init', proc_meminfo_init, 2_000],
  ['fs', 'proc_stat_init', proc_stat_init, 2_000],
  ['fs', 'proc_uptime_init', proc_uptime_init, 2_000],
  ['fs', 'proc_version_init', proc_version_init, 2_000],
  // fs/proc/Makefile: softirqs.o after version.o; kcore.o after proc_net.o, before kmsg.o.
  ['fs', 'proc_softirqs_init', proc_softirqs_init, 2_000],
  ['fs', 'proc_kcore_init', proc_kcore_init, 2_000],
  ['fs', 'proc_kmsg_init', proc_kmsg_init, 2_000],
  // fs/proc/page.o links after kmsg.o (CONFIG_PROC_PAGE_MONITOR).
  ['fs', 'proc_page_init', proc_page_init, 2_000],
  ['fs', 'proc_placeholders_init', proc_placeholders_init, 2_000],
  ['device', 'ioresources_init', ioresources_init, 3_000],
  ['device', 'sysrq_init', proc_sysrq_trigger_init, 3_000],
];

export type { inode, super_block };
