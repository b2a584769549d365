// Models the user-namespace files of linux/fs/proc/base.c (proc_uid_map_operations, proc_gid_map_operations, proc_setgroups_operations) and timens_offsets: per-task files whose writes set up a namespace once.
import type { file_operations, inode } from '../../include/linux/fs_types.ts';
import type { task_struct } from '../../include/linux/sched.ts';
import type { user_namespace, time_namespace } from '../../include/linux/nsproxy.ts';
import { EFAULT, EINVAL, EPERM, ESRCH, EACCES } from '../../include/uapi/asm-generic/errno.ts';
import { current } from '../../kernel/sched/core.ts';
import { copy_from_user } from '../../mm/uaccess.ts';
import { seq_puts, single_show_fops } from '../seq_file.ts';
import { init_user_ns, map_show, map_write, setgroups_write } from '../../kernel/user_namespace.ts';
import { cap_capable, CAP_SETUID, CAP_SETGID, CAP_SYS_TIME } from '../../kernel/capability.ts';
import { get_proc_task } from './pid_inode.ts';
import { PAGE_SIZE } from '../../include/linux/mm_types.ts';

const userns_of = (t: task_struct): user_namespace => t.cred.user_ns ?? init_user_ns();
const reader_ns = (): user_namespace => current().cred.user_ns ?? init_user_ns();

/** A file shown by `show` and written once by `store` (text of at most a page, from offset 0). */
function ns_file(show: (t: task_struct) => string, store: (t: task_struct, text: string) => number): file_operations {
  return {
    ...single_show_fops((m) => {
      const t = get_proc_task(m.private as inode);
      if (!t) return -ESRCH;
      seq_puts(m, show(t));
      return 0;
    }, (i) => i),
    write: function* (file, buf, count) {
      if (file.f_pos !== 0) return -EINVAL;
      if (count >= PAGE_SIZE) return -EINVAL;
      const b = copy_from_user(buf, count);
      if (!b) return -EFAULT;
      const t = get_proc_task(file.f_inode);
      if (!t) return -ESRCH;
      const r = store(t, new TextDecoder().decode(b));
      if (r < 0) return r;
      file.f_pos += count;
      return count;
    },
  };
}

/** uid_map/gid_map: the writer needs CAP_SETUID/CAP_SETGID over the parent namespace to map more than its own id. */
function id_map_fops(which: 'uid' | 'gid'): file_operations {
  return ns_file((t) => map_show(userns_of(t), which, reader_ns()), (t, text) => {
    const ns = userns_of(t);
    if (!ns.parent) return -EPERM;
    const c = current().cred;
    return map_write(ns, which, text, c, cap_capable(c, ns.parent, which === 'uid' ? CAP_SETUID : CAP_SETGID));
  });
}

export const proc_uid_map_operations = id_map_fops('uid');
export const proc_gid_map_operations = id_map_fops('gid');
export const proc_setgroups_operations = ns_file((t) => (userns_of(t).setgroups_allowed ? 'allow\n' : 'deny\n'), (t, text) => {
  const ns = userns_of(t);
  if (!cap_capable(current().cred, ns, 21)) return -EPERM;
  return setgroups_write(ns, text);
});

/**
 * timens_offsets: "monotonic S NS" / "boottime S NS" of the task's time_for_children namespace; writable (CAP_SYS_TIME
 * over its owner) only before any task has entered it.
 */
export const proc_timens_offsets_operations = ns_file((t) => {
  const ns = t.nsproxy.time_ns_for_children ?? t.nsproxy.time_ns;
  const f = (v: number): string => `${Math.trunc(v / 1e9)} ${v % 1e9}`;
  return `monotonic ${f(ns.offsets.monotonic)}\nboottime ${f(ns.offsets.boottime)}\n`;
}, (t, text) => {
  const ns: time_namespace = t.nsproxy.time_ns_for_children ?? t.nsproxy.time_ns;
  if (!cap_capable(current().cred, ns.user_ns, CAP_SYS_TIME)) return -EPERM;
  if (ns.frozen_offsets) return -EACCES;
  for (const line of text.split('\n').filter((l) => l.trim())) {
    const m = /^\s*(monotonic|boottime|1|7)\s+(-?\d+)\s+(\d+)\s*$/.exec(line);
    if (!m || Number(m[3]) >= 1e9) return -EINVAL;
    const key = m[1] === '1' || m[1] === 'monotonic' ? 'monotonic' : 'boottime';
    ns.offsets[key] = Number(m[2]) * 1e9 + Number(m[3]);
  }
  return 0;
});
